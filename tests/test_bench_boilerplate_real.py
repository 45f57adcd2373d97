"""The real-page set's checker and the boilerplate measuring script, on pages made here.

The real pages themselves are third-party text kept outside the repository, so
these tests build a small set in a temporary folder with the same file format.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.boilerplate import measure  # noqa: E402
from bench.boilerplate.real import check  # noqa: E402
from textclean.config import Config  # noqa: E402

BODY = (
    "The council voted on Tuesday to keep the library open on Sundays, "
    "after a long debate about the cost of the extra staff."
)
APPEAL = "Readers like you keep this reporting free, and every gift of any size helps us do it."
TEXT = f"Skip to content\n\nCouncil keeps library open\n\n{BODY}\n{APPEAL}\n"
#  line 1: C; 3, 5: K; 6: C that the stage keeps (a donation appeal written as a sentence)


def _write(pages: Path, texts: Path, page_id: str, text: str, labels: str, **meta: object) -> None:
    data = text.encode("utf-8")
    (texts / f"{page_id}.txt").write_bytes(data)
    fields = {
        "url": f"https://example.org/{page_id}",
        "site": "example.org",
        "category": "local-news",
        "language": "en",
        "control": False,
        "sha256": hashlib.sha256(data).hexdigest(),
        "lines": len(text.split("\n")),
        "labels": labels,
        "labelled_by": "test",
        **meta,
    }
    body = "".join(f"{k} = {_toml(v)}\n" for k, v in fields.items())
    (pages / f"{page_id}.toml").write_text(body, encoding="utf-8")


def _toml(value: object) -> str:
    """A TOML value for the few types the metadata uses (JSON strings are TOML strings)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value)


@pytest.fixture()
def pageset(tmp_path: Path) -> tuple[Path, Path]:
    pages, texts = tmp_path / "pages", tmp_path / "texts"
    pages.mkdir()
    texts.mkdir()
    _write(pages, texts, "good", TEXT, "C-K-KC-")
    return pages, texts


def test_scan_finds_missing_changed_and_mislabelled_pages(pageset: tuple[Path, Path]) -> None:
    pages, texts = pageset
    _write(pages, texts, "gone", "a\n", "KK")
    (texts / "gone.txt").unlink()
    _write(pages, texts, "edited", "a\nb", "KK")
    (texts / "edited.txt").write_text("a\nc", encoding="utf-8")
    _write(pages, texts, "blank-as-k", "a\n\nb", "KKK")
    _write(pages, texts, "control-with-c", "a\nb", "CK", control=True)

    report = check.scan(pages, texts)

    assert [p.id for p in report.pages] == ["good"]
    assert report.missing == [("gone", "https://example.org/gone")]
    problems = "\n".join(report.problems)
    assert "edited: text changed" in problems
    assert "blank-as-k: '-' labels and blank lines disagree on lines [2]" in problems
    assert "control-with-c: a control page has C labels" in problems


def test_measure_maps_removed_spans_to_lines_and_characters(pageset: tuple[Path, Path]) -> None:
    pages = list(check.load_pages(*pageset, warn=False))
    [result] = measure.measure(pages, measure.Pipelines(Config(), cross_validate=False))

    verdicts = [(ln.number, ln.label, ln.verdict) for ln in result.lines if ln.label != "-"]
    assert verdicts == [(1, "C", "TP"), (3, "K", "TN"), (5, "K", "TN"), (6, "C", "FN")]
    s = result.tally.scores()
    assert (s["tp"], s["fp"], s["c_lines"]) == (1, 0, 2)
    assert s["line_precision"] == 1.0 and s["line_recall"] == 0.5
    skip, appeal = len("Skiptocontent"), len(APPEAL.replace(" ", ""))
    assert s["char_recall"] == pytest.approx(skip / (skip + appeal))


def test_exclude_learned_from_site_switches_off_that_sites_rules(
    pageset: tuple[Path, Path],
) -> None:
    pages = list(check.load_pages(*pageset, warn=False))
    pipelines = measure.Pipelines(Config(), cross_validate=True)
    # both rules that catch the skip link, as if they had been learned from this site
    learned = ["boilerplate.nav.skip_to_content", "boilerplate.shape.top_label"]
    pipelines.learned = {"example.org": set(learned)}

    [result] = measure.measure(pages, pipelines)

    assert result.tally.tp == 0  # the skip link stays: its rules were learned from this site
    assert pipelines.excluded == {"example.org": learned}


def test_training_rows_include_the_lines_the_rules_removed(pageset: tuple[Path, Path]) -> None:
    from bench.boilerplate import train

    pages_dir, texts = pageset
    # a section label between the skip link and the title: the skip link is then no
    # page title (the first line left, at most two lines above the text) were it missed
    _write(pages_dir, texts, "good", TEXT.replace("\n\n", "\nCouncil news\n\n", 1), "CC-K-KC-")
    pages = list(check.load_pages(*pageset))
    stages = train.Stages()
    base = train.base_model(train.Params(), ["the"], [])
    plain = train.collect(pages, base, stages)
    augmented = train.collect(pages, base, stages, augment=True)
    # "Skip to content" (line 1) is removed by a rule: no candidate of the plain rows;
    # the augmented rows hold it twice, labelled chrome (with the other removals as
    # context, and with none)
    assert 0 not in plain.line
    assert [(i, y) for i, y in zip(augmented.line, augmented.y, strict=True) if i == 0] == [
        (0, 1.0),
        (0, 1.0),
    ]
    # the other rows added are those of "Council news", which a rule removes too
    assert 1 not in plain.line
    assert len(augmented.y) == len(plain.y) + 2 + augmented.line.count(1)


def test_site_repeats_learns_a_sites_repeated_lines_and_maps_them_after_the_stage(
    pageset: tuple[Path, Path],
) -> None:
    pages_dir, texts = pageset
    # a site's own chrome no phrase list knows, on three pages, under a skip link the stage
    # removes itself (so the corpus-mode spans must be mapped back through that removal)
    chrome = "Farm Report and Tide Tables"
    motto = "The Valley Courier has served the county since the spring of 1911."
    stories = ["The bridge reopens in May.", "Hay prices fell again.", "The fair is on."]
    for n, story in enumerate(stories):
        text = f"Skip to content\n{chrome}\n{story}\n\n{BODY}\n{motto}\n"
        _write(pages_dir, texts, f"story-{n}", text, "CCK-KK-")
    # the same line once on another site: one page of a site teaches nothing
    _write(
        pages_dir,
        texts,
        "elsewhere",
        f"{chrome}\n\n{BODY}\n",
        "C-K-",
        url="https://other.example.net/a",
        site="other.example.net",
    )
    pages = list(check.load_pages(pages_dir, texts, warn=False))
    table = measure.learn_site_repeats(pages, measure.SiteRepeatsConfig(min_docs=3))
    # learned: the skip link (in all four pages) and the chrome line; never the sentence
    assert table.groups["example.org"].docs == 4
    assert len(table.groups["example.org"].lines) == 2

    results = measure.measure(pages, measure.Pipelines(Config(), False, site_repeats=table))

    by_id = {r.page.id: r for r in results}
    for page_id in ("story-0", "story-1", "story-2"):
        line2 = by_id[page_id].lines[1]
        assert (line2.verdict, line2.rules) == ("TP", ("boilerplate.site_repeat",))
        assert [ln.verdict for ln in by_id[page_id].lines if ln.label == "K"] == ["TN"] * 3
    # "good" (the fixture's page, same site) lacks the line; the other site keeps it
    assert by_id["elsewhere"].lines[0].verdict == "FN"
    baseline = measure.measure(pages, measure.Pipelines(Config(), cross_validate=False))
    assert all(r.lines[1].verdict == "FN" for r in baseline if r.page.id.startswith("story"))
