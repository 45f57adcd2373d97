"""Corpus mode: lines repeated across the pages of one site (textclean.site_repeats).

The corpus is invented for these tests: two made-up sites whose pages share their
navigation and footer lines, an article quote repeated on every page of one site, a
line found on only two pages, and a page of the second site that mentions the first
site's navigation.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest

import textclean.run as run_mod
from tests.conftest import assert_accounted, read_jsonl, summary_of, tree_bytes
from tests.test_resume import interrupted_run
from textclean.cli import main
from textclean.config import Config, ConfigError, SiteRepeatsConfig
from textclean.document import Document
from textclean.pipeline import Pipeline
from textclean.run import InputError, RunOptions, run_clean
from textclean.site_repeats import (
    RULE_ID,
    SiteRepeatStep,
    SiteRepeatTable,
    candidate_hash,
    group_of,
    learn,
    normalize_line,
)

GAZETTE_NAV = ["Valley Desk · Town Hall · River Watch · Letters", "Gazette Weekend Edition"]
GAZETTE_FOOT = ["Green Valley Gazette Cooperative 2024"]
KITCHEN_NAV = ["Harbor Kitchen · Pantry Notes · Cooks' Letters"]
KITCHEN_FOOT = ["Harbor Kitchen Notes, printed on the 14th"]
QUOTE = "“We will have the bridge open before the first snow,” said Mayor Orla Penhallow."
TWICE = "Corrections and clarifications"

TOWNS = ["Ashcombe", "Brindle Ford", "Cold Harbour", "Dunmere", "Elderslee", "Fenwick Vale"]
DISHES = ["barley broth", "smoked mackerel pie", "nettle soup", "oat bannocks", "plum crumble"]


def gazette_page(i: int) -> str:
    town = TOWNS[i]
    body = [
        f"{town} council votes on the river bridge",
        "",
        f"The council of {town} met on Tuesday evening to debate the repairs of the old "
        f"river bridge, which has been closed to lorries since the spring floods of year {i}.",
        "",
        QUOTE,
        "",
        f"Residents of {town} told the meeting that the detour adds twenty minutes to "
        "every school run, and asked for a temporary footbridge until the work is done.",
    ]
    extra = [TWICE] if i in (1, 4) else []
    footer = [f"Page {i + 1} of 6", *GAZETTE_FOOT]
    return "\n".join([*GAZETTE_NAV, "", *body, "", *extra, *footer]) + "\n"


def kitchen_page(i: int) -> str:
    dish = DISHES[i]
    body = [
        f"How to make {dish}",
        "",
        f"Our {dish} starts the evening before, when the dry ingredients are weighed and "
        "left covered in a cool pantry, so the flavours settle overnight.",
        "",
        f"Serve the {dish} warm, with bread from the morning bake and a jug of cold cider.",
    ]
    if i == 2:  # a page that quotes the other site's navigation line
        body += ["", "Our neighbours print this menu at the top of every page:", GAZETTE_NAV[0]]
    return "\n".join([*KITCHEN_NAV, "", *body, "", *KITCHEN_FOOT]) + "\n"


def corpus() -> list[Document]:
    docs = [
        Document(f"g{i}", gazette_page(i), metadata={"url": f"https://www.gazette.example/n/{i}"})
        for i in range(6)
    ]
    docs += [
        Document(f"k{i}", kitchen_page(i), metadata={"metadata": {"url": f"kitchen.example/{i}"}})
        for i in range(5)
    ]
    return docs


def write_corpus(root: Path, docs: Iterable[Document] | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    path = root / "pages.jsonl"
    rows = [{"id": d.id, "text": d.text, **d.metadata} for d in (docs or corpus())]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return root


CFG = SiteRepeatsConfig(enabled=True)


# -- the learner ----------------------------------------------------------------


def test_normalised_lines_and_candidates() -> None:
    assert normalize_line("  Page 3   of 9 ") == normalize_line("page 4 of 9")
    assert normalize_line("Page 3 of 9", mask_digits=False) != normalize_line("Page 4 of 9", False)
    assert candidate_hash(GAZETTE_NAV[0], CFG) is not None
    assert candidate_hash(QUOTE, CFG) is None  # a sentence: never taken
    assert candidate_hash("Read the rest of the story here", CFG) is not None  # no stop mark
    assert candidate_hash(" ".join(["word"] * 13), CFG) is None  # longer than max_words


def test_groups_by_site_then_source() -> None:
    docs = corpus()
    assert group_of(docs[0], CFG) == "gazette.example"
    assert group_of(docs[-1], CFG) == "kitchen.example"  # nested metadata.url, no scheme
    assert group_of(Document("a", "x", source="dump/a.jsonl"), CFG) == "file:dump/a.jsonl"
    by_source = SiteRepeatsConfig(enabled=True, group_by="source")
    assert group_of(
        Document("a", "x", source="d/a.jsonl", metadata={"url": "http://x.org"}), by_source
    ) == ("file:d/a.jsonl")
    by_dir = SiteRepeatsConfig(enabled=True, group_by="directory")
    assert group_of(Document("a", "x", source="site/p1.txt"), by_dir) == "dir:site"
    with pytest.raises(ConfigError):
        SiteRepeatsConfig(group_by="host")
    with pytest.raises(ConfigError):
        SiteRepeatsConfig(min_share=0)


def test_learns_each_sites_chrome_and_nothing_else() -> None:
    table = learn(corpus(), CFG)
    assert set(table.groups) == {"gazette.example", "kitchen.example"}
    g, k = table.groups["gazette.example"], table.groups["kitchen.example"]
    assert (g.docs, k.docs, table.documents) == (6, 5, 11)
    h = lambda line: candidate_hash(line, CFG)  # noqa: E731
    # navigation, footer and the digit-masked page counter of the gazette
    assert set(g.lines) == {h(x) for x in [*GAZETTE_NAV, *GAZETTE_FOOT, "Page 1 of 6"]}
    assert set(k.lines) == {h(x) for x in [*KITCHEN_NAV, *KITCHEN_FOOT]}
    assert g.lines[h(GAZETTE_NAV[0])] == 6
    assert h(TWICE) not in g.lines  # only two pages hold it


def test_step_removes_learned_lines_with_evidence() -> None:
    table = learn(corpus(), CFG)
    step = SiteRepeatStep(table)
    docs = [step(d) for d in corpus()]
    for d in docs[:6]:
        assert not any(x in d.text for x in [*GAZETTE_NAV, *GAZETTE_FOOT, "Page "])
        assert QUOTE in d.text  # the repeated quote is a sentence: it stays
        assert d.scores["boilerplate.site_repeat_lines"] == 4
    assert TWICE in docs[1].text and TWICE in docs[4].text
    for d in docs[6:]:
        assert not any(x in d.text for x in [*KITCHEN_NAV, *KITCHEN_FOOT])
    # the gazette's navigation line on a kitchen page is not the kitchen's chrome
    assert GAZETTE_NAV[0] in docs[8].text
    e = docs[0].edits[0]
    assert (e.stage, e.rule, e.before) == ("boilerplate", RULE_ID, GAZETTE_NAV[0] + "\n")
    assert e.evidence == {
        "group": "gazette.example",
        "docs_seen": 6,
        "group_docs": 6,
        "share": 1.0,
    }


def test_guards_code_fences_and_whole_documents() -> None:
    code = "```\nprint('hello')\n```"
    docs = [
        Document(str(i), f"Menu of the site\n\nStory number {i} is here today.\n{code}\n")
        for i in range(4)
    ]
    table = learn(docs, CFG)
    assert set(table.groups[""].lines) == {candidate_hash("Menu of the site", CFG)}
    # the code lines repeat in every document too, but a fence is never learned
    out = SiteRepeatStep(table)(Document("x", f"Menu of the site\n{code}\n"))
    assert out.text == f"{code}\n"
    # a document of nothing but learned lines is left whole
    alone = SiteRepeatStep(table)(Document("y", "Menu of the site\n"))
    assert alone.text == "Menu of the site\n" and not alone.edits
    # a document of one line counts for nothing
    single = [Document(str(i), "Just this line\n") for i in range(5)]
    assert learn(single, CFG).learned_lines == 0


def test_a_template_heading_over_the_articles_prose_stays() -> None:
    """Every review of a site has "Our verdict" over a paragraph, and its menu over the
    title: the menu is the site's chrome, the heading is the article's."""
    products = ["kettle", "toaster", "blender", "juicer"]

    def review(p: str) -> str:
        verdict = (
            f"The {p} we tested is sturdy, quiet and quick, and it cost less than most of "
            "the others; only its short cord let it down in daily use."
        )
        return f"Reviews · Deals · Guides\nWe tested the {p}\n\nOur verdict\n\n{verdict}\n"

    docs = [
        Document(p, review(p), metadata={"url": f"https://tests.example/{p}"}) for p in products
    ]
    table = learn(docs, CFG)
    assert len(table.groups["tests.example"].lines) == 2  # both lines are learned
    out = SiteRepeatStep(table)(docs[0])
    assert "Reviews · Deals · Guides" not in out.text
    assert "Our verdict" in out.text  # a heading over a paragraph stays
    assert [e.before for e in out.edits] == ["Reviews · Deals · Guides\n"]


def test_a_learned_line_reads_only_the_lines_down_to_the_next_one() -> None:
    """Whether a learned line heads a paragraph is read from the lines under it down to
    the first non-blank one, not from a copy of the rest of the page (a page of many
    learned lines would copy it once for each)."""
    from collections.abc import Sequence

    from textclean.site_repeats import _heads_a_paragraph
    from textclean.textblocks import Line, split_lines

    class Counted(Sequence[Line]):
        def __init__(self, lines: list[Line]) -> None:
            self.lines, self.read = lines, 0

        def __len__(self) -> int:
            return len(self.lines)

        def __getitem__(self, k):  # type: ignore[no-untyped-def]
            got = self.lines[k]
            self.read += len(got) if isinstance(k, slice) else 1
            return got

    lines = Counted(split_lines("Share\n\nReply\n" * 1000 + "A long enough line " * 9 + "\n"))
    assert _heads_a_paragraph(lines, 0, 12) is False  # a short line two lines under it
    assert lines.read <= 3
    assert _heads_a_paragraph(lines, len(lines) - 2, 12) is True
    assert _heads_a_paragraph(lines, len(lines) - 1, 12) is False  # the last line


def test_a_learned_line_over_blank_lines_only_goes() -> None:
    """A learned line with nothing but blank lines under it heads nothing: it goes."""
    words = ["alder", "birch", "cedar"]
    docs = [
        Document(w, f"The {w} grows by the river in the spring.\nNav line\n\n\n") for w in words
    ]
    for d in docs:
        d.metadata["url"] = f"https://tests.example/{d.id}"
    table = learn(docs, CFG)
    out = SiteRepeatStep(table)(docs[0])
    assert "Nav line" not in out.text and "alder" in out.text


def test_min_share_and_min_docs() -> None:
    words = ["alder", "birch", "cedar", "damson", "elm", "fir", "gorse"]
    docs = [Document(w, f"Nav line\nThe {w} grows here.\n") for w in words[:3]]
    docs += [Document(w, f"About the {w}\nThe {w} grows there.\n") for w in words[3:]]
    assert learn(docs, SiteRepeatsConfig(min_share=0.5)).learned_lines == 0  # 3 of 7
    assert learn(docs, SiteRepeatsConfig(min_share=0.4)).learned_lines == 1
    assert learn(docs, SiteRepeatsConfig(min_share=0.4, min_docs=4)).learned_lines == 0


def test_memory_bound_prunes_single_counts_deterministically() -> None:
    cfg = SiteRepeatsConfig(max_entries=8)
    a, b = learn(corpus(), cfg), learn(corpus(), cfg)
    assert a.pruned > 0 and a.to_dict() == b.to_dict()


def test_table_save_load_and_library_pipeline(tmp_path: Path) -> None:
    table = SiteRepeatTable.learn(corpus(), CFG)
    path = tmp_path / "table.json"
    table.save(path)
    again = SiteRepeatTable.load(path)
    assert again.to_dict() == table.to_dict() and again.digest == table.digest
    for source in (table, path):
        # without the boilerplate stage the step runs after extract and language
        pipe = Pipeline.from_config(Config(stages=("repair",)), site_repeats=source)
        assert [s.name for s in pipe.steps] == ["extract", "language", "site_repeats", "repair"]
        out = list(pipe.run(corpus()))
        rules = [e.rule for d in out for e in d.edits]
        assert rules.count(RULE_ID) == 6 * 4 + 5 * 2
    # the whole pipeline: the phrase rules take what they know, the table the rest
    pipe = Pipeline.from_config(Config(), site_repeats=table)
    assert [s.name for s in pipe.steps][3:5] == ["boilerplate", "site_repeats"]
    out = list(pipe.run(corpus()))
    chrome = {"g": [*GAZETTE_NAV, *GAZETTE_FOOT, "Page "], "k": [*KITCHEN_NAV, *KITCHEN_FOOT]}
    for d in out:
        assert d.dropped is None
        assert not any(line in d.text for line in chrome[d.id[0]])
    assert all(QUOTE in d.text for d in out[:6])
    assert GAZETTE_NAV[0] in out[8].text
    assert any(e.rule == RULE_ID for d in out for e in d.edits)
    plain = list(Pipeline.from_config(Config()).run(corpus()))
    assert not any(e.rule == RULE_ID for d in plain for e in d.edits)


# -- the batch run --------------------------------------------------------------


def clean(*args: str) -> int:
    return main(["clean", *args, "--quiet"])


def test_cli_is_opt_in_and_records_everything(tmp_path: Path) -> None:
    src = write_corpus(tmp_path / "src")
    assert clean(str(src), "-o", str(tmp_path / "plain"), "--workers", "1") == 0
    assert not (tmp_path / "plain" / ".textclean" / "site_repeats.json").exists()
    plain = read_jsonl(tmp_path / "plain" / "pages.jsonl")
    assert sum(GAZETTE_FOOT[0] in r["text"] for r in plain) == 6  # off by default

    out = tmp_path / "out"
    assert clean(str(src), "-o", str(out), "--workers", "1", "--site-repeats") == 0
    s = assert_accounted(out)
    rows = read_jsonl(out / "pages.jsonl")
    assert len(rows) == 11 and s["documents_in"] == 11
    texts = {r["id"]: r["text"] for r in rows}
    for i in range(6):
        assert GAZETTE_FOOT[0] not in texts[f"g{i}"] and QUOTE in texts[f"g{i}"]
    assert TWICE in texts["g1"] and GAZETTE_NAV[0] in texts["k2"]
    assert not any(KITCHEN_FOOT[0] in texts[f"k{i}"] for i in range(5))
    info = s["site_repeats"]
    removed = s["edits"]["by_rule"][RULE_ID]
    assert info["lines_removed"] == removed
    assert info["groups"] == 2 and info["documents_counted"] == 11
    assert info["learned_lines"] == 6 and info["pruned_counts"] == 0
    table = SiteRepeatTable.load(out / ".textclean" / info["table"])
    assert table.digest == info["table_hash"]
    # the audit names the group and the counts of every removal
    report = read_jsonl(out / ".textclean" / "report.jsonl")
    edits = [e for r in report for e in r.get("edits", []) if e["rule"] == RULE_ID]
    assert len(edits) == removed
    assert {e["evidence"]["group"] for e in edits} == {"gazette.example", "kitchen.example"}
    assert all(e["evidence"]["docs_seen"] >= 3 for e in edits)
    per_doc = sum(r["scores"].get("boilerplate.site_repeat_lines", 0) for r in report)
    assert per_doc == removed


def test_same_output_for_one_and_two_workers(tmp_path: Path) -> None:
    src = write_corpus(tmp_path / "src")
    for n in ("1", "2"):
        assert clean(str(src), "-o", str(tmp_path / n), "--workers", n, "--site-repeats") == 0
    assert tree_bytes(tmp_path / "1") == tree_bytes(tmp_path / "2")


def test_config_table_and_grouping_by_directory(tmp_path: Path) -> None:
    src = tmp_path / "src"
    for site, pages in (("gazette", [gazette_page(i) for i in range(6)]), ("kitchen", [])):
        (src / site).mkdir(parents=True)
        for i, text in enumerate(pages):
            (src / site / f"p{i}.txt").write_text(text, encoding="utf-8")
    (src / "kitchen" / "k.txt").write_text(kitchen_page(0), encoding="utf-8")
    conf = tmp_path / "c.toml"
    conf.write_text('[site_repeats]\nenabled = true\ngroup_by = "directory"\n', encoding="utf-8")
    out = tmp_path / "out"
    assert clean(str(src), "-o", str(out), "--workers", "1", "--config", str(conf)) == 0
    s = assert_accounted(out)
    assert s["site_repeats"]["groups"] == 1
    assert GAZETTE_FOOT[0] not in (out / "gazette" / "p3.txt").read_text(encoding="utf-8")
    assert KITCHEN_FOOT[0] in (out / "kitchen" / "k.txt").read_text(encoding="utf-8")


def test_stdin_is_refused(tmp_path: Path) -> None:
    opts = RunOptions(["-"], str(tmp_path / "out"), workers=1)
    with pytest.raises(InputError, match="site-repeats"):
        run_clean(Config(site_repeats=CFG), opts)


def test_resume_reuses_the_table_and_matches_a_whole_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "src"
    for i in range(4):  # four inputs, so an interrupted run has inputs done
        write_corpus(src / f"part{i}")
    config = Config(site_repeats=CFG)
    run_clean(config, RunOptions([str(src)], str(tmp_path / "ref"), workers=1))
    out = tmp_path / "out"
    interrupted_run(src, out, monkeypatch, config, batch_docs=4, batches=4)
    saved = out / ".textclean" / "site_repeats.json"
    assert saved.exists()
    learned = []
    real = run_mod._site_repeats

    def spy(*args: object, **kw: object) -> object:
        learned.append(1)
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(run_mod, "_site_repeats", spy)
    calls = []
    import textclean.site_repeats as sr

    real_learn = sr.learn_inputs
    monkeypatch.setattr(sr, "learn_inputs", lambda *a, **k: calls.append(1) or real_learn(*a, **k))
    summary = run_clean(config, RunOptions([str(src)], str(out), workers=1, resume=True)).summary
    assert learned == [1] and calls == []  # the saved table was used, not learned again
    assert summary["run"]["inputs_resumed"] > 0
    assert tree_bytes(out) == tree_bytes(tmp_path / "ref")
    ref = summary_of(tmp_path / "ref")
    assert summary["site_repeats"] == ref["site_repeats"]
    assert summary["site_repeats"]["lines_removed"] > 0


# -- other pipelines -------------------------------------------------------------


def test_hf_datasets_rows_and_cleaner() -> None:
    from textclean.integrations.hf import DROPPED, Cleaner

    rows = [{"text": d.text, "url": f"https://{d.id[0]}.example/{d.id}"} for d in corpus()]
    table = learn(iter(rows), CFG)  # rows as a dataset yields them, counted as they come
    assert set(table.groups) == {"g.example", "k.example"}
    clean = Cleaner(stages=["repair"], site_repeats=table)
    batch = {"text": [r["text"] for r in rows], "url": [r["url"] for r in rows]}
    out = clean(batch)
    assert out[DROPPED] == [""] * 11
    assert not any(GAZETTE_FOOT[0] in t for t in out["text"])
    assert QUOTE in out["text"][0] and GAZETTE_NAV[0] in out["text"][8]
    one = clean({"text": rows[0]["text"], "url": rows[0]["url"]})
    assert one["text"] == out["text"][0]
    # without the url column the rows have no site: nothing is removed
    assert GAZETTE_FOOT[0] in clean({"text": batch["text"]})["text"][0]


def test_datatrove_documents_and_step(tmp_path: Path) -> None:
    from datatrove.data import Document as DtDocument

    from textclean.integrations.datatrove import TextcleanStep

    def dt_docs() -> list[DtDocument]:
        return [
            DtDocument(text=d.text, id=d.id, metadata={"url": f"https://{d.id[0]}.example/"})
            for d in corpus()
        ]

    table = learn(dt_docs(), CFG)
    path = tmp_path / "t.json"
    table.save(path)
    step = TextcleanStep(stages=["repair"], site_repeats=str(path))
    out = list(step.run(iter(dt_docs())))
    assert len(out) == 11
    assert not any(KITCHEN_NAV[0] in d.text for d in out)
    assert step.stats[f"edit_{RULE_ID}"].total == 6 * 4 + 5 * 2


def test_inspect_and_report_rederive_the_runs_removals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write_corpus(tmp_path / "src")
    out = tmp_path / "out"
    assert clean(str(src), "-o", str(out), "--workers", "1", "--site-repeats") == 0
    capsys.readouterr()
    # the recorded edits, site repeats included, are derived again from the input
    pages = str(src / "pages.jsonl")
    assert main(["inspect", pages, "--line", "1", "--audit", str(out), "--color", "never"]) == 0
    shown = capsys.readouterr().out
    assert RULE_ID in shown
    assert main(["report", str(out)]) == 0
    assert RULE_ID in (out / ".textclean" / "report.html").read_text(encoding="utf-8")
    # a table changed since the run is refused, not silently used
    table_path = out / ".textclean" / "site_repeats.json"
    data = json.loads(table_path.read_text(encoding="utf-8"))
    data["groups"].pop("kitchen.example")
    table_path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["report", str(out)]) == 2
    assert "not the site-repeat table the run used" in capsys.readouterr().err


def test_limit_counts_only_the_documents_the_run_cleans(tmp_path: Path) -> None:
    src = write_corpus(tmp_path / "src")
    out = tmp_path / "out"
    assert clean(str(src), "-o", str(out), "--workers", "1", "--site-repeats", "--limit", "7") == 0
    info = summary_of(out)["site_repeats"]
    assert info["documents_counted"] == 7 and info["groups"] == 1  # groups that learned
    # six gazette pages and one kitchen page: the kitchen learns nothing
    table = SiteRepeatTable.load(out / ".textclean" / "site_repeats.json")
    assert set(table.groups) == {"gazette.example"}


def test_a_sites_date_lines_and_credits_are_never_learned() -> None:
    """One author's pages: each carries the site's menu, its own date line and the same
    credit; the menu is learned and removed, the date lines and the credit stay."""
    menu = "Town Hall · River Watch · Letters"
    pages = [
        Document(
            f"d{i}",
            f"{menu}\n{town} council meets\nValley Post - {10 + i}/03/2025, 0{i}:15\n"
            f"The council of {town} met on Tuesday to talk about the bridge repairs.\n"
            "Text and photos: Orla Penhallow\n",
            metadata={"url": f"https://valley-post.example/{i}"},
        )
        for i, town in enumerate(TOWNS[:4])
    ]
    table = learn(pages, SiteRepeatsConfig(enabled=True, min_docs=2))
    step = SiteRepeatStep(table)
    for page in pages:
        out = step(Document(page.id, page.text, metadata=page.metadata))
        assert menu not in out.text
        assert "Valley Post - " in out.text and "Text and photos: Orla Penhallow" in out.text
        assert [e.before.strip() for e in out.edits] == [menu]
