"""report.html in a real browser: headless Chromium (Debian package `chromium`).

The DOM is taken after the page's scripts ran (``--dump-dom``): the counts,
the charts, a diff, and the filters (set through the URL hash, as a link or a
bookmark would) are checked there, and a screenshot is taken.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli
from tests.test_html_report import make_inputs

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (apt-get install chromium); .ci/run installs it",
)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    assert CHROMIUM is not None
    profile = tmp / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        timeout=120,
        check=True,
    )


class Dom(HTMLParser):
    """Filterable elements (class ``f``) and whether the script hid them."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.items: list[dict[str, Any]] = []
        self.status = ""
        self.body_filter: str | None = None
        self.svg_rects = 0
        self.dels: list[str] = []
        self._status = False
        self._del = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v for k, v in attrs}
        if tag == "body":
            self.body_filter = a.get("data-filter")
        if "f" in (a.get("class") or "").split():
            self.items.append(
                {
                    "tag": tag,
                    "class": a.get("class"),
                    "stage": (a.get("data-stage") or "").split(),
                    "rule": (a.get("data-rule") or "").split(),
                    "src": a.get("data-src") or "",
                    # the script hides elements, and dims chart bars (data-off)
                    "hidden": "hidden" in a or "data-off" in a,
                }
            )
        if tag == "rect":
            self.svg_rects += 1
        self._status = a.get("id") == "filter-status"
        self._del = tag == "del"

    def handle_endtag(self, tag: str) -> None:
        self._status = False
        self._del = False

    def handle_data(self, data: str) -> None:
        if self._status:
            self.status += data
        if self._del:
            self.dels.append(data)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    make_inputs(root)
    r = run_cli("clean", "seeds", "prose.jsonl", "dups.jsonl", "-o", "out", cwd=root)
    assert r.returncode == 0, r.stderr.decode()
    return root / "out" / ".textclean" / "report.html"


def dump(report: Path, tmp: Path, fragment: str = "") -> Dom:
    url = report.resolve().as_uri() + fragment
    return Dom(chromium(tmp, "--dump-dom", url).stdout.decode("utf-8"))


def test_rendered_page_has_counts_charts_and_a_diff(report: Path, tmp_path: Path) -> None:
    summary = json.loads((report.parent / "summary.json").read_text())
    dom = dump(report, tmp_path)
    assert dom.body_filter == ""  # the script ran: no filter set
    assert dom.status == ""
    assert not any(i["hidden"] for i in dom.items)
    # 5 stages x 2 series, 15 charted rules x 2, 1 reject reason
    assert dom.svg_rects == 2 * len(summary["stages"]) + 2 * 15 + 1
    assert "Skip to content\\n" in dom.dels  # the boilerplate diff of seed 004
    docs = [i for i in dom.items if "doc" in (i["class"] or "").split()]
    assert docs


def test_filter_by_rule_from_the_url(report: Path, tmp_path: Path) -> None:
    rule = "boilerplate.nav.skip_to_content"
    dom = dump(report, tmp_path, f"#rule={rule}")
    assert dom.body_filter == f"rule={rule}"
    shown = [i for i in dom.items if not i["hidden"]]
    hidden = [i for i in dom.items if i["hidden"]]
    assert shown and hidden
    # everything shown carries the rule (or says nothing of rules), and what is
    # hidden does not carry it
    assert all(rule in i["rule"] or not i["rule"] for i in shown)
    assert all(rule not in i["rule"] for i in hidden)
    docs = [i for i in shown if "doc" in (i["class"] or "").split()]
    assert docs and all("seeds/" in i["src"] for i in docs)
    assert dom.status.startswith(f"filtered: rule {rule} — ")


def test_filter_by_stage_and_file(report: Path, tmp_path: Path) -> None:
    dom = dump(report, tmp_path, "#stage=dedup&file=dups.jsonl")
    shown_docs = [i for i in dom.items if not i["hidden"] and "doc" in (i["class"] or "")]
    # the duplicate examples and the clusters of near-copies from dups.jsonl
    assert shown_docs and all("dedup" in i["stage"] for i in shown_docs)
    assert all("dups.jsonl" in i["src"] for i in shown_docs)
    assert any(i["hidden"] and "doc" in (i["class"] or "") for i in dom.items)
    assert "stage dedup" in dom.status and "file dups.jsonl" in dom.status


def test_screenshot(report: Path, tmp_path: Path) -> None:
    png = tmp_path / "report.png"
    chromium(tmp_path, "--window-size=1200,900", f"--screenshot={png}", report.resolve().as_uri())
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 900)
