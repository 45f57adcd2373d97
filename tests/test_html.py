"""HTML in: .html/.htm files and a JSONL HTML field, extracted before the stages run.

The pages are built by ``bench/html_pages.py`` from the prose texts of
``tests/data/prose`` (CC-BY-SA-3.0) inside page templates written for this project.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.html_pages import make_page, pages, word_prf
from tests.conftest import assert_accounted, read_jsonl, run_cli
from textclean.config import Config
from textclean.document import replay
from textclean.run import RunOptions, run_clean

NO_DEDUP = Config().replace(dedup={"enabled": False})
# a page rendered by scripts in the browser: no text in the HTML itself
EMPTY_PAGE = (
    "<html><head><title>Dashboard</title><script src='/app.js'></script>"
    "<script>window.start({root: 'app'});</script></head><body><div id='app'></div></body></html>"
)


def run(src: Path, out: Path, config: Config = NO_DEDUP):
    return run_clean(config, RunOptions([str(src)], str(out), workers=1))


@pytest.fixture(scope="module")
def sample() -> list:
    every = pages()
    assert every[9].name == "news_003"  # tests/data/prose/en_0012.txt
    return every[9:12]  # one English text in the news, blog and docs templates


def test_html_files_are_extracted_and_the_extraction_audited(tmp_path: Path, sample) -> None:
    src = tmp_path / "site"
    (src / "news").mkdir(parents=True)
    (src / "news" / "a.html").write_text(sample[0].html, encoding="utf-8")
    (src / "b.htm").write_text(sample[1].html, encoding="utf-8")
    (src / "c.HTML").write_text(sample[2].html, encoding="utf-8")
    (src / "empty.html").write_text(EMPTY_PAGE, encoding="utf-8")
    out = tmp_path / "out"
    result = run(src, out)
    assert result.exit_code == 0
    summary = assert_accounted(out)
    assert summary["rejected_by_reason"] == {"extract_failed": 1}
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt")) == [
        "b.txt",
        "c.txt",
        "news/a.txt",
    ]
    report = {r["id"]: r for r in read_jsonl(out / ".textclean" / "report.jsonl")}
    for rel, page in (("news/a.html", sample[0]), ("b.htm", sample[1]), ("c.HTML", sample[2])):
        text = (out / rel).with_suffix(".txt").read_text(encoding="utf-8")
        precision, recall, _ = word_prf(text, page.text)
        assert recall >= 0.99 and precision >= 0.95, (rel, precision, recall)
        for chrome in ("cookies", "Sign up", "Leave a comment", "Edit this page", "©"):
            assert chrome not in text
        row = report[rel]
        extract = [e for e in row["edits"] if e["stage"] == "extract"]
        assert len(extract) == 1 and extract[0]["rule"] == "extract.trafilatura"
        assert extract[0]["before"] == page.html  # the audit replays like any stage
        assert replay(page.html, [_edit(extract[0])], "extract") == extract[0]["after"]
        assert row["scores"]["input.format"] == "html"
        assert row["scores"]["html.title"].startswith(page.title)
    # metadata the page carries (news template: og:url and a date meta)
    assert report["news/a.html"]["scores"]["html.url"] == sample[0].url
    assert report["news/a.html"]["scores"]["html.date"] == sample[0].date
    rejects = read_jsonl(out / ".textclean" / "rejects.jsonl")
    assert [(r["id"], r["reason"].split(":")[0]) for r in rejects] == [
        ("empty.html", "extract_failed")
    ]
    assert rejects[0]["text"] == EMPTY_PAGE  # nothing lost: the reject keeps the page


def _edit(d: dict):
    from textclean.document import Edit

    return Edit.from_dict(d)


def test_html_key_in_jsonl_keeps_the_html_field(tmp_path: Path, sample) -> None:
    src = tmp_path / "pages.jsonl"
    rows = [
        {"id": "p1", "url": sample[0].url, "html": sample[0].html},
        {"id": "p2", "html": EMPTY_PAGE},
        {"id": "p3", "body": "no html field"},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    config = NO_DEDUP.replace(input={"html_key": "html"})
    result = run(src, out, config)
    assert result.exit_code == 1  # p3 has no html field: a failed row
    got = read_jsonl(out / "pages.jsonl")
    assert [r["id"] for r in got] == ["p1"]
    assert got[0]["html"] == sample[0].html and got[0]["url"] == sample[0].url
    assert word_prf(got[0]["text"], sample[0].text)[1] >= 0.99
    assert got[0]["textclean"]["scores"]["html.title"].startswith(sample[0].title)
    reasons = {r["id"]: r["reason"] for r in read_jsonl(out / ".textclean" / "rejects.jsonl")}
    assert reasons["p2"].startswith("extract_failed: ")
    assert reasons["p3"] == "missing_text_key: no 'html' key in the record"


def test_resiliparse_is_the_other_extractor(tmp_path: Path, sample) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.html").write_text(sample[2].html, encoding="utf-8")
    out = tmp_path / "out"
    result = run(src, out, NO_DEDUP.replace(extract={"extractor": "resiliparse"}))
    assert result.exit_code == 0
    row = read_jsonl(out / ".textclean" / "report.jsonl")[0]
    assert row["edits"][0]["rule"] == "extract.resiliparse"
    assert word_prf((out / "a.txt").read_text(encoding="utf-8"), sample[2].text)[2] >= 0.95


def test_a_page_and_a_text_file_of_the_same_stem_collide(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.html").write_text(make_page("T", ["Some text here."], "news", 1).html)
    (src / "a.txt").write_text("Other text.")
    done = run_cli("clean", str(src), "-o", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "would both write 'a.txt'" in done.stderr.decode()


def test_inspect_shows_the_extraction(tmp_path: Path, sample) -> None:
    page = tmp_path / "p.html"
    page.write_text(sample[0].html, encoding="utf-8")
    done = run_cli("inspect", str(page), "--color", "never")
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode()
    assert "== extract: 1 edit" in out and "extract.trafilatura" in out
