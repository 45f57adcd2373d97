"""report.html, the audit modes and `textclean report`, on real runs of seeds/ and prose.

The page is read with html.parser here; tests/test_report_browser.py renders it
in Chromium.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import zstandard

from tests.conftest import REPO, SEEDS, run_cli
from textclean.config import Config
from textclean.diffview import hunks
from textclean.document import Document
from textclean.io.html_report import MAX_BYTES, ReportBuilder, edit_spans, runs_from_document
from textclean.pipeline import Pipeline
from textclean.progress import LogProgress
from textclean.run import RunOptions, run_clean

PROSE = REPO / "tests" / "data" / "prose_sample.jsonl"
RUN_TIME = re.compile(r"<!-- run-time -->.*?<!-- /run-time -->", re.S)


def make_inputs(root: Path) -> None:
    """seeds/, the prose sample, and dups.jsonl: near-copies of prose rows 1-3
    (row 1 four times), each with one word added near its end."""
    shutil.copytree(SEEDS, root / "seeds")
    shutil.copy(PROSE, root / "prose.jsonl")
    rows = [json.loads(line) for line in PROSE.read_text(encoding="utf-8").splitlines()[:3]]
    with open(root / "dups.jsonl", "w", encoding="utf-8") as f:
        for k, row in enumerate(rows):
            for j in range(4 if k == 0 else 1):
                head, tail = row["text"].rsplit(" ", 3)[0], row["text"].rsplit(" ", 3)[1:]
                text = f"{head} extra{j} {' '.join(tail)}"
                f.write(json.dumps({"id": f"copy-{k}-{j}", "text": text}) + "\n")


def clean(root: Path, out: str, *extra: str) -> Any:
    return run_cli("clean", "seeds", "prose.jsonl", "dups.jsonl", "-o", out, *extra, cwd=root)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("report")
    make_inputs(root)
    for out, extra in (
        ("full", ()),
        ("full2", ("--workers", "1")),
        ("spans", ("--audit", "spans", "--audit-compress")),
        ("counts", ("--audit", "counts")),
    ):
        r = clean(root, out, *extra)
        assert r.returncode == 0, r.stderr.decode()
        (root / f"{out}.stderr").write_bytes(r.stderr)
    return root


class Page(HTMLParser):
    """The parts of report.html the tests read."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.cards: dict[str, str] = {}
        self.rule_rows: dict[str, list[str]] = {}
        self.charts: dict[str, int] = {}  # chart id -> rects
        self.hunks: list[dict[str, Any]] = []
        self.clusters: list[str] = []
        self.scripts: list[str] = []
        self.external: list[str] = []
        self._text: list[str] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._hunk: dict[str, Any] | None = None
        self._in_rules = False
        self._chart: str | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        for key in ("src", "href"):
            if key in a and not a[key].startswith("#") and a[key]:
                self.external.append(a[key])
        if tag == "link":
            self.external.append(a.get("href", ""))
        if tag == "section" and a.get("id") == "rules":
            self._in_rules = True
        if tag == "div" and a.get("id", "").startswith("chart-"):
            self._chart = a["id"]
            self.charts[self._chart] = 0
        if tag == "rect" and self._chart:
            self.charts[self._chart] += 1
        if tag == "div" and "card" in a.get("class", "").split():
            self._card = a.get("id", "")
            self._text = []
        if tag == "tr" and self._in_rules:
            self._row = []
        if tag == "td" and self._row is not None:
            self._cell = []
        if tag == "div" and "hunk" in a.get("class", "").split():
            self._hunk = {"rule": a.get("data-rule"), "stage": a.get("data-stage"), "parts": []}
        if self._hunk is not None and tag in ("del", "ins"):
            self._hunk["parts"].append([tag, ""])
        if tag == "div" and "cluster" in a.get("class", "").split():
            self.clusters.append("")
        self.stack.append((tag, a))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            t, a = self.stack.pop()
            if t == "div" and "card" in a.get("class", "").split():
                self.cards[self._card] = " ".join(self._text)
            if t == "td" and self._row is not None and self._cell is not None:
                self._row.append("".join(self._cell).strip())
                self._cell = None
            if t == "tr" and self._row is not None:
                if self._row:
                    self.rule_rows[self._row[0]] = self._row
                self._row = None
            if t == "section":
                self._in_rules = False
            if t == "div" and a.get("id", "").startswith("chart-"):
                self._chart = None
            if t == "div" and "hunk" in a.get("class", "").split() and self._hunk is not None:
                self.hunks.append(self._hunk)
                self._hunk = None
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        self._text.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._hunk is not None and self._hunk["parts"] and self.stack[-1][0] in ("del", "ins"):
            self._hunk["parts"][-1][1] += data
        if self.clusters and self.stack and self.stack[-1][0] == "b":
            self.clusters[-1] += data
        if self.stack and self.stack[-1][0] == "script":
            self.scripts.append(data)


def report_rows(meta: Path) -> list[dict[str, Any]]:
    for name in ("report.jsonl", "report.jsonl.zst"):
        p = meta / name
        if p.exists():
            data = p.read_bytes()
            if name.endswith(".zst"):
                data = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data)).read()
            return [json.loads(line) for line in data.splitlines()]
    raise AssertionError("no report.jsonl")


def test_page_counts_match_summary_and_audit(runs: Path) -> None:
    meta = runs / "full" / ".textclean"
    summary = json.loads((meta / "summary.json").read_text())
    html = (meta / "report.html").read_text(encoding="utf-8")
    page = Page(html)
    assert page.external == [], "the page must not load anything"
    assert page.cards["c-documents-in"].split()[0] == str(summary["documents_in"])
    assert page.cards["c-rejected"].split()[0] == str(summary["rejected"])
    assert page.cards["c-of-them-duplicates"].split()[0] == "6"  # 4 + 1 + 1 near-copies
    assert summary["rejected_by_reason"] == {"duplicate": 6}
    # every rule of the summary has its exact count in the rule table
    by_rule = summary["edits"]["by_rule"]
    assert {r: int(page.rule_rows[r][2].replace(",", "")) for r in by_rule} == by_rule
    # characters removed per rule, recomputed from the audit's before/after
    removed: dict[str, int] = {}
    for row in report_rows(meta):
        for e in row["edits"]:
            removed[e["rule"]] = removed.get(e["rule"], 0) + len(e["before"]) - len(e["after"])
    assert {r: int(page.rule_rows[r][4].replace(",", "")) for r in by_rule} == removed
    # one bar per stage, per charted rule, per reject reason
    assert page.charts["chart-stages"] == 2 * len(summary["stages"])
    assert page.charts["chart-rules"] == 2 * min(15, len(by_rule))
    assert page.charts["chart-rejects"] == 1
    assert len(html.encode()) < MAX_BYTES


def test_page_diff_is_the_recorded_edit(runs: Path) -> None:
    """The seed with navigation chrome: its diff shows the removed 'Skip to content'
    under its rule id, as the audit recorded it."""
    meta = runs / "full" / ".textclean"
    page = Page((meta / "report.html").read_text(encoding="utf-8"))
    skip = [h for h in page.hunks if h["rule"] == "boilerplate.nav.skip_to_content"]
    assert skip, "the boilerplate edit is shown"
    row = next(r for r in report_rows(meta) if r["id"] == "seeds/004_ba8088ef96d44578.txt")
    (edit,) = [e for e in row["edits"] if e["rule"] == "boilerplate.nav.skip_to_content"]
    shown = skip[0]["parts"]
    assert shown[0][0] == "del"
    assert shown[0][1].replace("\\n", "\n") == edit["before"]
    assert skip[0]["stage"] == "boilerplate"


def test_page_clusters_name_kept_document_and_source(runs: Path) -> None:
    meta = runs / "full" / ".textclean"
    html = (meta / "report.html").read_text(encoding="utf-8")
    page = Page(html)
    assert page.clusters[0] == "kept: jargon-000"  # the largest: four near-copies
    rows = [r for r in report_rows(meta) if r.get("duplicate_of") == "jargon-000"]
    assert len(rows) == 4
    assert {r["duplicate_of_source"] for r in rows} == {"prose.jsonl"}
    section = html[html.index('id="clusters"') : html.index('id="changed"')]
    assert "prose.jsonl:1" in section and "4 duplicates" in section
    for r in rows:
        assert f"dups.jsonl:{r['line']}" in section
        assert f"{r['similarity']:.3f}" in section


def test_same_run_same_page_and_rebuild_is_identical(runs: Path) -> None:
    a = (runs / "full" / ".textclean" / "report.html").read_text(encoding="utf-8")
    b = (runs / "full2" / ".textclean" / "report.html").read_text(encoding="utf-8")
    assert a != b or "workers 1" in a  # the run-time fields differ ...
    assert RUN_TIME.sub("", a) == RUN_TIME.sub("", b)  # ... and nothing else
    original = (runs / "full" / ".textclean" / "report.html").read_bytes()
    r = run_cli("report", "full", cwd=runs)
    assert r.returncode == 0, r.stderr.decode()
    assert (runs / "full" / ".textclean" / "report.html").read_bytes() == original


def test_spans_audit_is_lean_and_rebuilds_the_same_diffs(runs: Path) -> None:
    meta = runs / "spans" / ".textclean"
    assert sorted(p.name for p in meta.iterdir()) == [
        "outputs.json",  # the ledger of what the run wrote (for --overwrite)
        "rejects.jsonl.zst",
        "report.html",
        "report.jsonl.zst",
        "summary.json",
    ]
    full_rows = report_rows(runs / "full" / ".textclean")
    span_rows = report_rows(meta)
    assert [edit_spans(r) for r in span_rows] == [edit_spans(r) for r in full_rows]
    text = json.dumps(span_rows)
    assert '"before"' not in text and '"scores"' not in text
    summary = json.loads((meta / "summary.json").read_text())
    assert summary["audit"]["mode"] == "spans" and summary["audit"]["compress"] is True
    sizes = summary["audit"]["files"]
    assert sizes["report.jsonl.zst"] == (meta / "report.jsonl.zst").stat().st_size

    def changed(path: Path) -> str:
        html = path.read_text(encoding="utf-8")
        return html[html.index('<section id="changed"') : html.index('<section id="files"')]

    # the run's own diffs (from the documents in memory) equal full mode's ...
    assert changed(meta / "report.html") == changed(runs / "full" / ".textclean" / "report.html")
    # ... and `textclean report` re-derives the same from the inputs
    original = (meta / "report.html").read_bytes()
    r = run_cli("report", "spans", cwd=runs)
    assert r.returncode == 0, r.stderr.decode()
    assert (meta / "report.html").read_bytes() == original


def test_counts_audit_keeps_summary_and_page_only(runs: Path) -> None:
    meta = runs / "counts" / ".textclean"
    assert sorted(p.name for p in meta.iterdir()) == ["outputs.json", "report.html", "summary.json"]
    page = Page((meta / "report.html").read_text(encoding="utf-8"))
    assert page.cards["c-documents-in"].split()[0] == "196"
    r = run_cli("report", "counts", cwd=runs)
    assert r.returncode == 2
    assert b"--audit counts" in r.stderr and b"Traceback" not in r.stderr


def test_run_ends_with_the_audit_line_and_shows_rates(runs: Path) -> None:
    err = (runs / "full.stderr").read_text().splitlines()
    assert err[-1] == "textclean: audit: full/.textclean/ (report.html; summary.json, " + (
        "report.jsonl, rejects.jsonl)"
    )
    assert any(ln.startswith("textclean: dedup: 196/196 documents") for ln in err)
    process = [ln for ln in err if ln.startswith("textclean: process: 7/7 inputs")]
    assert process and re.search(r"docs/s, [\d.]+ MB/s, ETA 0s$", process[-1])
    span_err = (runs / "spans.stderr").read_text().splitlines()[-1]
    assert "report.jsonl.zst, rejects.jsonl.zst" in span_err


def test_inspect_audit_rederives_text_in_spans_mode(runs: Path) -> None:
    plain = run_cli("inspect", "seeds/004_ba8088ef96d44578.txt", "--color", "never", cwd=runs)
    audited = run_cli(
        "inspect",
        "seeds/004_ba8088ef96d44578.txt",
        "--audit",
        "spans",
        "--color",
        "never",
        cwd=runs,
    )
    assert audited.returncode == 0, audited.stderr.decode()
    out = audited.stdout.decode()
    assert "# the edits recorded in spans (kept); their text re-derived from" in out
    assert "[-Skip to content\\n-]" in out
    body = [ln for ln in out.splitlines() if not ln.startswith("#")]
    assert body == [ln for ln in plain.stdout.decode().splitlines() if not ln.startswith("#")]
    # a near-copy is shown with its recorded verdict
    dup = run_cli("inspect", "dups.jsonl", "--line", "2", "--audit", "spans", cwd=runs)
    assert "(rejected: duplicate)" in dup.stdout.decode()


def test_inspect_audit_refuses_a_changed_input(runs: Path, tmp_path: Path) -> None:
    work = tmp_path / "w"
    shutil.copytree(runs / "seeds", work / "seeds")
    shutil.copytree(runs / "spans", work / "spans")
    seed = work / "seeds" / "004_ba8088ef96d44578.txt"
    seed.write_text(seed.read_text().replace("Skip to content", "Hop to content"))
    r = run_cli("inspect", "seeds/004_ba8088ef96d44578.txt", "--audit", "spans", cwd=work)
    assert r.returncode == 1
    assert b"no longer gives the edits recorded" in r.stderr


def test_runs_from_document_lead_back_to_each_stage_input() -> None:
    """Backwards from the final text and the edits, each stage's input is rebuilt:
    the first is the text as read, and each one, replayed, gives the next."""
    pipeline = Pipeline.from_config(Config())
    for path in sorted(SEEDS.iterdir()):
        original = path.read_text(encoding="utf-8")
        from textclean.diffview import run_stages

        doc, forward = run_stages(pipeline, Document(path.name, original))
        back = runs_from_document(doc, [r.stage for r in forward])
        assert back is not None
        assert [(r.stage, r.text) for r in back] == [(r.stage, r.text) for r in forward]
        assert [list(hunks(r)) for r in back] == [list(hunks(r)) for r in forward]


def test_runs_follow_the_passes_the_pipeline_recorded() -> None:
    """The report reads the passes from the document (``doc.passes``, set by the
    pipeline's schedule); one read back without them has them in its edits."""
    from textclean.document import Edit

    stages = ["repair", "boilerplate", "repeats", "normalize"]
    edit = Edit("normalize", "normalize.spaces", 2, 4, "  ", " ", {"pass": 2})
    recorded = Document("a", "Hi there\n", edits=[edit], passes=3)
    runs = runs_from_document(recorded, stages)
    assert runs is not None
    assert [r.stage for r in runs] == [*stages, *stages[1:], *stages[1:]]
    assert [r.text for r in runs][-3:] == ["Hi there\n"] * 3  # the third pass changed nothing
    read_back = Document("a", "Hi there\n", edits=[edit])
    runs = runs_from_document(read_back, stages)
    assert runs is not None
    assert [r.stage for r in runs] == [*stages, *stages[1:]]
    assert runs[-1].text == "Hi  there\n" and runs[-1].edits == [edit]


def test_builder_stays_small_with_many_documents_and_rules() -> None:
    """20,000 documents in 2,000 files, 3,000 rules, long edits and rejects: the counts
    stay exact and the page bounded."""
    b = ReportBuilder(["boilerplate", "normalize"])
    long = "x" * 5000
    for i in range(20_000):
        edits = [
            {
                "stage": "boilerplate",
                "rule": f"bp.r{i % 3000}",
                "start": 0,
                "end": 5000,
                "after_len": 0,
            },
            {
                "stage": "normalize",
                "rule": "normalize.spaces",
                "start": 6000,
                "end": 6002,
                "after_len": 1,
            },
        ]
        row = {
            "id": f"d{i}",
            "source": f"f{i // 10}.jsonl",
            "line": i + 1,
            "edits": edits,
            "status": "kept" if i % 7 else "rejected",
        }
        if i % 7 == 0:
            row["reason"] = f"boilerplate.quality: q{i % 90}"
        b.add(row, text=long if i % 7 == 0 else None)
    summary = {"documents_in": 20_000, "stages": ["boilerplate", "normalize"]}
    html = b.render(summary)
    assert len(html.encode()) < MAX_BYTES
    assert b.by_stage["boilerplate"].removed == 20_000 * 5000
    assert b.by_rule["normalize.spaces"].edits == 20_000
    assert b.reasons["boilerplate.quality"] == 20_000 // 7 + 1
    assert b.files_seen == 2000 and len(b.files) == 1000  # rows come file by file
    assert "1,000 more files" in html


def test_process_progress_moves_inside_one_big_input(tmp_path: Path) -> None:
    """One JSONL input: the bytes read show before the input is done."""
    out = io.StringIO()
    progress = LogProgress(stream=out, interval=0)
    run_clean(
        Config().replace(dedup={"enabled": False}),
        RunOptions(inputs=[str(PROSE)], output=str(tmp_path / "o"), workers=1),
        progress=progress,
    )
    progress.close()
    lines = [ln for ln in out.getvalue().splitlines() if "process: 0/1 inputs" in ln]
    size = PROSE.stat().st_size / 1e6
    mbs = [float(re.search(r"([\d.]+)/[\d.]+ MB", ln).group(1)) for ln in lines]  # type: ignore[union-attr]
    assert any(0 < mb < size for mb in mbs), lines
    assert all(f"/{size:.1f} MB" in ln for ln in lines)
