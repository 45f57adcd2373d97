"""Shared test helpers: run the CLI in a subprocess, compare output trees, a fake deduper."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import settings

from textclean.config import DedupConfig

REPO = Path(__file__).resolve().parent.parent

# In CI (CI=true) the property tests draw their examples from a seed derived from the
# commit under test: a rerun of one commit is reproducible, and every new commit explores
# new inputs (a fixed derandomized seed would hide failures forever). Elsewhere they draw
# fresh random examples each run. Either way a failure prints the seed and a blob to replay.
settings.register_profile("ci", print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def commit_seed() -> int | None:
    """A Hypothesis seed from the checked-out commit (None outside a git checkout)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, timeout=10
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return int(head[:12], 16) if len(head) >= 12 else None


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("CI") and config.getoption("hypothesis_seed", None) is None:
        seed = commit_seed()
        if seed is not None:
            config.option.hypothesis_seed = str(seed)


def pytest_report_header(config: pytest.Config) -> str | None:
    seed = config.getoption("hypothesis_seed", None)
    return f"hypothesis seed: {seed} (rerun with --hypothesis-seed={seed})" if seed else None


SEEDS = REPO / "seeds"


# -- no process left behind ---------------------------------------------------------


def _proc_table() -> dict[int, tuple[int, str, int]]:
    """pid -> (parent pid, state, start time in clock ticks), from /proc."""
    out: dict[int, tuple[int, str, int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[int(entry)] = (int(fields[1]), fields[0], int(fields[19]))
    return out


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _descendants(root: int, table: dict[int, tuple[int, str, int]]) -> set[int]:
    found: set[int] = set()
    todo = [root]
    while todo:
        parent = todo.pop()
        for pid, (ppid, _state, _start) in table.items():
            if ppid == parent and pid not in found:
                found.add(pid)
                todo.append(pid)
    return found


def _ours(pid: int) -> bool:
    """A textclean or multiprocessing Python process with this checkout on its PYTHONPATH
    (a CLI run by a test, a fork server or worker of one), even once re-parented."""
    try:
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    if b"python" not in cmd or not (b"textclean" in cmd or b"multiprocessing" in cmd):
        return False
    repo = os.fsencode(REPO)
    return any(e.startswith(b"PYTHONPATH=") and repo in e for e in environ)


def leftover_processes(since: int) -> list[str]:
    """Live processes the test session left: descendants of this process, and processes
    of this checkout started after ``since`` (clock ticks since boot) by anything else."""
    table = _proc_table()
    me = os.getpid()
    mine = _descendants(me, table)
    mine |= {p for p, (_pp, _s, start) in table.items() if start > since and _ours(p)}
    ancestors, pid = {me}, me
    while pid in table and table[pid][0] > 1 and table[pid][0] not in ancestors:
        pid = table[pid][0]
        ancestors.add(pid)
    mine -= ancestors
    alive = []
    for pid in sorted(mine):
        entry = table.get(pid)
        if entry is None or entry[1] == "Z":
            continue
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        alive.append(f"{pid}: {cmd.decode(errors='replace')[:120]}")
    return alive


@pytest.fixture(scope="session", autouse=True)
def no_process_left_behind():
    """Fail the suite if any test leaves a process behind (a worker, a fork server, a
    CLI run): checked from /proc once every test has run, after a 5 s grace period."""
    import time

    since = _proc_table()[os.getpid()][2]
    yield
    deadline = time.monotonic() + 5
    left = leftover_processes(since)
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = leftover_processes(since)
    assert not left, "processes left behind by the test suite:\n" + "\n".join(left)


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run_cli(
    *args: str, input: bytes | None = None, cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[bytes]:
    """``python -m textclean ARGS`` in a subprocess (stdout/stderr captured as bytes)."""
    return subprocess.run(
        [sys.executable, "-m", "textclean", *args],
        input=input if input is not None else b"",
        capture_output=True,
        cwd=cwd or REPO,
        env=cli_env(),
        timeout=timeout,
    )


def tree_bytes(root: Path, *, skip_summary: bool = True) -> dict[str, bytes]:
    """Every file under ``root`` (relative posix path → bytes); summary.json minus "run",
    report.html minus its run-time fields."""
    out: dict[str, bytes] = {}
    for p in sorted(root.rglob("*")):
        if not p.is_file():
            continue
        rel = p.relative_to(root).as_posix()
        data = p.read_bytes()
        if rel.endswith(".textclean/summary.json") and skip_summary:
            summary = json.loads(data)
            summary.pop("run")
            data = json.dumps(summary, sort_keys=True).encode()
        if rel.endswith(".textclean/report.html") and skip_summary:
            # the run-time fields (seconds, rates, workers) are the page's "run"
            data = re.sub(rb"<!-- run-time -->.*?<!-- /run-time -->", b"", data, flags=re.S)
        out[rel] = data
    return out


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def summary_of(out: Path) -> dict:
    return json.loads((out / ".textclean" / "summary.json").read_text(encoding="utf-8"))


def assert_accounted(out: Path) -> dict:
    """The summary adds up and every document is in the report exactly once."""
    s = summary_of(out)
    assert s["documents_in"] == s["documents_out"] + s["rejected"]
    assert s["rejected"] == sum(s["rejected_by_reason"].values())
    report = read_jsonl(out / ".textclean" / "report.jsonl")
    rejects = read_jsonl(out / ".textclean" / "rejects.jsonl")
    assert len(report) == s["documents_in"]
    assert sum(r["status"] == "kept" for r in report) == s["documents_out"]
    assert len(rejects) == s["rejected"]
    assert all(r["reason"] for r in rejects)
    return s


@dataclass
class FakeDuplicate:
    kept_id: str
    similarity: float


@dataclass
class FakeResult:
    duplicates: dict[str, FakeDuplicate]
    clusters: int


@dataclass
class FakeDeduper:
    """Exact-duplicate detection on whitespace-folded lowercase text; records what it saw."""

    config: DedupConfig
    added: list[tuple[str, str]] = field(default_factory=list)
    instances: list[FakeDeduper] = field(default_factory=list, repr=False)

    def add(self, doc_id: str, text: str) -> None:
        self.added.append((doc_id, text))

    def finish(self) -> FakeResult:
        first: dict[str, str] = {}
        dups: dict[str, FakeDuplicate] = {}
        for doc_id, text in self.added:
            key = " ".join(text.lower().split())
            if key in first:
                dups[doc_id] = FakeDuplicate(first[key], 1.0)
            else:
                first[key] = doc_id
        return FakeResult(dups, clusters=len({d.kept_id for d in dups.values()}))


@pytest.fixture
def fake_deduper():
    """A factory that builds FakeDedupers and remembers them (``factory.made``)."""
    made: list[FakeDeduper] = []

    def factory(config: DedupConfig) -> FakeDeduper:
        d = FakeDeduper(config)
        made.append(d)
        return d

    factory.made = made  # type: ignore[attr-defined]
    return factory


def stop_multiprocess_helpers() -> None:
    """Stop the fork server and resource tracker of `multiprocess`, the fork of
    multiprocessing that datasets (`Dataset.map(num_proc=N)`) and datatrove's local
    executor use: they outlive the pools, and the suite must leave no process behind."""
    import contextlib

    from multiprocess import forkserver, resource_tracker

    for helper in (
        getattr(forkserver, "_forkserver", None),
        getattr(resource_tracker, "_resource_tracker", None),
    ):
        stop = getattr(helper, "_stop", None)
        if stop is not None:
            with contextlib.suppress(OSError, ChildProcessError):
                stop()
