"""Regression tests for the hostile-run defects of the batch CLI: each is named after
its kind of fault. Nothing is lost, nothing is left behind, faults get one line and
their own exit code. ``bench/hostile_run.py`` replays the same cases as a table.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import zstandard

from tests.conftest import (
    REPO,
    _cmdline,
    _descendants,
    _proc_table,
    assert_accounted,
    cli_env,
    leftover_processes,
    read_jsonl,
    run_cli,
    summary_of,
)
from textclean import __version__, clean_text
from textclean.config import Config
from textclean.io.discover import plan_inputs
from textclean.io.journal import Journal, make_manifest
from textclean.run import RunOptions, dedup_key, effective_config, real_id, run_clean

NO_DEDUP = Config().replace(dedup={"enabled": False})


def run(inputs: list[Path | str], out: Path | str, config: Config = NO_DEDUP, **opts):
    options = RunOptions([str(i) for i in inputs], str(out), workers=1, **opts)
    return run_clean(config, options)


def rows(path: Path) -> list[dict]:
    return read_jsonl(path)


def jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def accounted_ids(out: Path, name: str) -> list[str]:
    """Ids in the JSONL output ``name`` plus ids in the rejects."""
    kept = [r["id"] for r in rows(out / name)] if (out / name).exists() else []
    return sorted(kept + [r["id"] for r in rows(out / ".textclean" / "rejects.jsonl")])


# -- 1, 19: numbers and fields that would not round-trip -----------------------------------


def test_huge_integer_field_keeps_later_rows(tmp_path: Path) -> None:
    big = "9" * 5000  # over Python's 4,300-digit int/str limit
    src = tmp_path / "h.jsonl"
    src.write_text(
        '{"id":"a","text":"one two three"}\n'
        f'{{"id":"b","text":"x","n":{big}}}\n'
        '{"id":"c","text":"four five six"}\n'
    )
    result = run([src], tmp_path / "o")
    assert [r["id"] for r in rows(tmp_path / "o" / "h.jsonl")] == ["a", "c"]
    (reject,) = rows(tmp_path / "o" / ".textclean" / "rejects.jsonl")
    assert reject["id"] == "b" and reject["line"] == 2
    assert reject["reason"].startswith("bad_number: an integer of more than 4300 digits")
    assert big in reject["text"]  # the raw row is kept in full
    assert result.exit_code == 1
    assert_accounted(tmp_path / "o")


def test_float_overflow_and_textclean_field_round_trip_as_json(tmp_path: Path) -> None:
    src = tmp_path / "f.jsonl"
    src.write_text(
        '{"id":"a","text":"one two","textclean":{"mine":1}}\n'
        '{"id":"b","text":"three","score":1e99999}\n'
        '{"id":"c","text":"four","x":NaN}\n'
    )
    result = run([src], tmp_path / "o")
    out = (tmp_path / "o" / "f.jsonl").read_text()
    (kept,) = [json.loads(line) for line in out.splitlines()]
    assert kept["textclean"]["input"] == {"mine": 1}  # the input's field, not overwritten
    assert "edits" in kept["textclean"]
    assert "Infinity" not in out and "NaN" not in out
    reasons = {r["id"]: r["reason"] for r in rows(tmp_path / "o/.textclean/rejects.jsonl")}
    assert reasons["b"].startswith("bad_number: number 1e99999 overflows a double")
    assert reasons["c"].startswith("bad_number: NaN is not a JSON number")
    assert result.exit_code == 1


# -- 2: dedup keys ----------------------------------------------------------------------------


def test_repeated_ids_never_collide_with_real_ids(tmp_path: Path) -> None:
    text = "the same words in the same order make this a copy of the first document here"
    src = tmp_path / "ids.jsonl"
    src.write_text(jsonl([{"id": i, "text": text} for i in ("a", "a", "a#2")]))
    index = tmp_path / "i.sqlite"
    config = Config().replace(dedup={"index": str(index)})
    result = run([src], tmp_path / "o1", config)
    assert result.exit_code == 0
    rejects = rows(tmp_path / "o1" / ".textclean" / "rejects.jsonl")
    assert sorted(r["id"] for r in rejects) == ["a", "a#2"]
    assert {r["duplicate_of"] for r in rejects} == {"a"}
    # a repeated id kept in the index comes back as its real id in a later run
    keys = [dedup_key("a", 1), dedup_key("a", 2), dedup_key("a#2", 1)]
    assert len(set(keys)) == 3 and [real_id(k) for k in keys] == ["a", "a", "a#2"]
    src2 = tmp_path / "two.jsonl"
    other = "a second text with none of the words that the first one had at all in it"
    src2.write_text(jsonl([{"id": "a", "text": text + " extra"}, {"id": "a", "text": other}]))
    run([src2], tmp_path / "o2", config)
    again = tmp_path / "again.jsonl"
    again.write_text(jsonl([{"id": "z", "text": other}]))
    run([again], tmp_path / "o3", config)
    (dup,) = rows(tmp_path / "o3" / ".textclean" / "rejects.jsonl")
    assert dup["duplicate_of"] == "a"  # not an internal key


# -- 3: truncated and corrupt compressed streams ----------------------------------------------


def test_truncated_zstd_is_reported_not_read_as_empty(tmp_path: Path) -> None:
    data = jsonl([{"id": i, "text": f"doc {i} words"} for i in range(200)]).encode()
    packed = zstandard.ZstdCompressor().compress(data)
    src = tmp_path / "cut.jsonl.zst"
    src.write_bytes(packed[:-100])
    result = run([src], tmp_path / "o")
    assert result.exit_code == 1
    (failure,) = result.failures
    assert "premature end" in failure.error


def test_corrupt_gzip_leaves_no_empty_shard(tmp_path: Path) -> None:
    src = tmp_path / "bad.jsonl.gz"
    src.write_bytes(b"\x1f\x8b\x08\x00" + b"not deflate data at all" * 4)
    out = tmp_path / "o"
    result = run([src], out)
    assert result.exit_code == 1 and "stream is corrupt" in result.failures[0].error
    assert not (out / "bad.jsonl.gz").exists()


# -- 4, 12, 6: where outputs may go ------------------------------------------------------------


def test_output_that_contains_the_inputs_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    original = b"Caf\xc3\x83\xc2\xa9  x\n"
    (tmp_path / "a" / "1.txt").write_bytes(original)
    (tmp_path / "b" / "2.txt").write_bytes(b"x\0y")
    r = run_cli("clean", "a", "b", "-o", ".", cwd=tmp_path)
    assert r.returncode == 2
    assert b"inside the output directory" in r.stderr and b"Traceback" not in r.stderr
    assert (tmp_path / "a" / "1.txt").read_bytes() == original
    assert (tmp_path / "b" / "2.txt").read_bytes() == b"x\0y"
    assert not (tmp_path / ".textclean").exists()


def test_input_named_like_the_audit_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".textclean").mkdir()
    (tmp_path / ".textclean" / "a.txt").write_text("text\n")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "b.txt").write_text("text\n")
    r = run_cli("clean", ".textclean", "other", "-o", "out", cwd=tmp_path)
    assert r.returncode == 2 and b"audit directory" in r.stderr
    assert b"Traceback" not in r.stderr


def test_stdin_and_a_file_named_stdin_txt_are_refused(tmp_path: Path) -> None:
    (tmp_path / "stdin.txt").write_text("a file\n")
    r = run_cli("clean", "-", "stdin.txt", "-o", "out", cwd=tmp_path, input=b"standard input\n")
    assert r.returncode == 2 and b"stdin.txt" in r.stderr
    assert not (tmp_path / "out" / "stdin.txt").exists()


# -- 5, 8: what OUT already holds ------------------------------------------------------------


def _corpus(d: Path, n: int, prefix: str = "document") -> Path:
    d.mkdir()
    for i in range(n):
        (d / f"{prefix}{i}.txt").write_text(f"{prefix} number {i} with its own words. " * 5)
    return d


def test_finished_index_run_rerun_is_already_complete(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in", 4)
    out, index = tmp_path / "out", tmp_path / "i.sqlite"
    args = ["clean", str(src), "-o", str(out), "--index", str(index), "--workers", "1"]
    assert run_cli(*args).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    index_before = index.read_bytes()
    for extra in (["--resume"], []):
        r = run_cli(*args, *extra)
        assert r.returncode == 0, r.stderr.decode()
        assert b"already complete" in r.stderr
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before and len(after) == 4
    assert index.read_bytes() == index_before  # not touched again
    assert not [r for r in rows(out / ".textclean/rejects.jsonl") if r.get("duplicate_of")]


def test_output_of_another_run_is_refused_unless_overwrite(tmp_path: Path) -> None:
    big = _corpus(tmp_path / "big", 22, "old")
    small = _corpus(tmp_path / "small", 5, "new")
    out = tmp_path / "out"
    assert run([big], out).exit_code == 0
    (out / "notes.md").write_text("a file textclean did not write\n")
    r = run_cli("clean", str(small), "-o", str(out), "--workers", "1")
    assert r.returncode == 2 and b"--overwrite" in r.stderr
    assert len(list(out.glob("old*.txt"))) == 22  # nothing touched
    r = run_cli("clean", str(small), "-o", str(out), "--workers", "1", "--overwrite")
    assert r.returncode == 0, r.stderr.decode()
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == [
        *(f"new{i}.txt" for i in range(5)),
        "notes.md",  # only the files the other run wrote were removed
    ]
    assert summary_of(out)["documents_out"] == 5


def test_non_empty_foreign_output_directory_is_refused(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in", 1)
    out = tmp_path / "out"
    out.mkdir()
    (out / "thesis.tex").write_text("precious\n")
    r = run_cli("clean", str(src), "-o", str(out))
    assert r.returncode == 2 and b"holds no textclean output" in r.stderr


def test_unreadable_input_removes_its_stale_shard(tmp_path: Path) -> None:
    src = tmp_path / "d.jsonl.gz"
    with gzip.open(src, "wt") as f:
        f.write(jsonl([{"id": "a", "text": "some text"}]))
    out = tmp_path / "o"
    assert run([src], out).exit_code == 0 and (out / "d.jsonl.gz").exists()
    src.write_bytes(b"\x1f\x8b\x08\x00broken")  # another run: its shard must go
    assert run([src], out, overwrite=True).exit_code == 1
    assert not (out / "d.jsonl.gz").exists()


# -- 7: standard output -------------------------------------------------------------------------


def test_stdout_mode_keeps_rejects_on_stderr_or_in_audit_dir(tmp_path: Path) -> None:
    records = [{"id": f"k{i}", "text": f"kept document {i}"} for i in range(3)]
    records += [{"id": f"r{i}", "text": 5} for i in range(5)]
    data = jsonl(records).encode()
    r = run_cli("clean", "-", "-o", "-", "--quiet", "--no-dedup", input=data, cwd=tmp_path)
    assert r.returncode == 1
    kept = [json.loads(x)["id"] for x in r.stdout.splitlines()]
    rejected = [json.loads(x)["reject"] for x in r.stderr.splitlines() if x.startswith(b"{")]
    assert kept == ["k0", "k1", "k2"]
    assert [x["id"] for x in rejected] == [f"r{i}" for i in range(5)]
    assert all(x["reason"].startswith("bad_text") for x in rejected)
    args = ["clean", "-", "-o", "-", "--quiet", "--no-dedup", "--audit-dir", "audit"]
    r = run_cli(*args, input=data, cwd=tmp_path)
    assert r.returncode == 1 and not r.stderr.startswith(b"{")
    audit = tmp_path / "audit"
    assert [x["id"] for x in rows(audit / "rejects.jsonl")] == [f"r{i}" for i in range(5)]
    assert summary_of_dir(audit)["documents_in"] == 8


def summary_of_dir(audit: Path) -> dict:
    return json.loads((audit / "summary.json").read_text())


# -- 9, 10: names ---------------------------------------------------------------------------


def test_longest_legal_file_names_are_written(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    names = ["x" * (k - 4) + ".txt" for k in (241, 250, 255)]
    for name in names:
        (src / name).write_text("a document with a long name\n")
    result = run([src], tmp_path / "o")
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "o").glob("*.txt")) == sorted(names)


def test_undecodable_names_and_lone_surrogate_ids_do_not_crash(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / os.fsdecode(b"caf\xe9.txt")).write_text("a file whose name is not UTF-8\n")
    (src / "s.jsonl").write_text('{"id":"\\ud800","text":"a lone surrogate id"}\n')
    out, index = tmp_path / "out", tmp_path / "i.sqlite"
    r = run_cli("clean", str(src), "-o", str(out), "--index", str(index), "--workers", "1")
    assert r.returncode == 0, r.stderr.decode()
    s = summary_of(out)
    assert s["documents_in"] == 2 and s["documents_out"] == 2
    assert (out / os.fsdecode(b"caf\xe9.txt")).exists()
    ids = [json.loads(x)["id"] for x in (out / ".textclean/report.jsonl").read_text().splitlines()]
    assert "\ud800" in ids
    r = run_cli("score", str(src), "--quiet")
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 2


# -- 11: environment faults ----------------------------------------------------------------


def _unshare_ok() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode == 0


def _clean_in_tmpfs(tmp_path: Path, options: str) -> subprocess.CompletedProcess[bytes]:
    src = tmp_path / "in"
    if not src.exists():
        src.mkdir()
        for i in range(20):
            (src / f"{i}.txt").write_text(f"document {i} " + "many words " * 2000)
    mnt = tmp_path / "mnt"
    mnt.mkdir(exist_ok=True)
    script = (
        f"mount -t tmpfs -o {options} tmpfs '{mnt}' && "
        f"'{sys.executable}' -m textclean clean '{src}' -o '{mnt}/out' --workers 1 --quiet"
    )
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", script], capture_output=True, env=cli_env(), timeout=300
    )


@pytest.mark.skipif(not _unshare_ok(), reason="needs unshare -rm to mount a small tmpfs")
def test_disk_full_and_read_only_output_exit_3_with_one_line(tmp_path: Path) -> None:
    r = _clean_in_tmpfs(tmp_path, "size=128k")
    assert r.returncode == 3, r.stderr.decode()
    assert b"no space left on device" in r.stderr and b"--resume" in r.stderr
    assert b"Traceback" not in r.stderr
    r = _clean_in_tmpfs(tmp_path, "ro")
    assert r.returncode == 3 and b"read-only file system" in r.stderr
    assert len(r.stderr.splitlines()) == 1


def _real_index(tmp_path: Path) -> Path:
    src = tmp_path / "ix"
    src.mkdir()
    for i in range(30):
        (src / f"{i}.txt").write_text(f"index document {i} " + f"word{i} " * 300)
    index = tmp_path / "i.sqlite"
    assert (
        run_cli("clean", str(src), "-o", str(tmp_path / "ox"), "--index", str(index)).returncode
        == 0
    )
    return index


def test_corrupt_index_is_found_before_processing(tmp_path: Path) -> None:
    index = _real_index(tmp_path)
    raw = bytearray(index.read_bytes())
    mid = len(raw) // 2
    raw[mid : mid + 8192] = bytes(range(256)) * 32  # a damaged page in the middle
    index.write_bytes(bytes(raw))
    src = _corpus(tmp_path / "in", 3)
    out = tmp_path / "o"
    r = run_cli("clean", str(src), "-o", str(out), "--index", str(index))
    assert r.returncode == 3, r.stderr.decode()
    assert b"dedup index is damaged" in r.stderr and b"Traceback" not in r.stderr
    assert not (out / ".textclean" / "summary.json").exists()  # nothing was processed


def test_index_meta_that_is_not_json_exits_3(tmp_path: Path) -> None:
    index = _real_index(tmp_path)
    with sqlite3.connect(index) as db:
        db.execute("UPDATE meta SET value = '{not json' WHERE key = 'seed'")
    src = _corpus(tmp_path / "in", 2)
    r = run_cli("clean", str(src), "-o", str(tmp_path / "o"), "--index", str(index))
    assert r.returncode == 3 and b"'seed' is not JSON" in r.stderr


def test_damaged_journal_line_refuses_resume_in_one_line(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in", 3)
    config, pipeline = effective_config(NO_DEDUP)
    plan = plan_inputs([str(src)], config.input)
    manifest = make_manifest(
        version=__version__,
        config_hash=config.fingerprint(),
        rules_hash=pipeline.rules.fingerprint(),
        plan=plan,
        limit=None,
    )
    work = tmp_path / "o" / ".textclean" / "work"
    journal = Journal.start(work, manifest)  # what a killed run leaves, with a bad line
    journal.start_input(0, "text")
    journal._f.write(b'{"t":"doc","i":0,"doc":{"id": BROKEN\n')
    journal.done(0, plan.inputs[0], 10)
    journal.close()
    r = run_cli("clean", str(src), "-o", str(tmp_path / "o"), "--no-dedup", "--resume")
    assert r.returncode == 2, r.stderr.decode()
    assert b"damaged at line 2; rerun without --resume" in r.stderr
    assert len(r.stderr.splitlines()) == 1


def test_deeply_nested_toml_is_a_config_error(tmp_path: Path) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n")
    src = _corpus(tmp_path / "in", 1)
    r = run_cli("clean", str(src), "-o", str(tmp_path / "o"), "--config", str(deep))
    assert r.returncode == 2 and b"nested too deeply" in r.stderr
    assert b"Traceback" not in r.stderr


# -- 13: signals and leftover processes ---------------------------------------------------


def _start_busy_run(tmp_path: Path, out: str) -> subprocess.Popen[bytes]:
    """A two-worker ``textclean clean`` of 200 large documents, just started."""
    src = tmp_path / "busy"
    if not src.exists():
        src.mkdir()
        for i in range(200):
            (src / f"{i}.txt").write_text(f"document {i} " + "some words here " * 3000)
    command = ["clean", str(src), "-o", str(tmp_path / out), "--workers", "2"]
    return subprocess.Popen(
        [sys.executable, "-m", "textclean", *command],
        env=cli_env(),
        cwd=REPO,
        stderr=subprocess.PIPE,
    )


def _busy_run(tmp_path: Path, out: str) -> subprocess.Popen[bytes]:
    """:func:`_start_busy_run`, once its first input is done (the workers are busy)."""
    proc = _start_busy_run(tmp_path, out)
    journal = tmp_path / out / ".textclean" / "work" / "journal.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (
        not journal.exists() or b'"t":"done"' not in journal.read_bytes()
    ):
        time.sleep(0.05)
    return proc


def _workers_of(tmp_path: Path) -> list[int]:
    """Live processes a CLI run started (by their environment); the helpers of this test
    process itself (its own resource tracker, fork server) are not counted."""
    found = []
    table = _proc_table()
    own_helpers = {
        pid
        for pid, (ppid, _state, _start) in table.items()
        if ppid == os.getpid() and b"-m\0textclean" not in _cmdline(pid)
    }
    here = {os.getpid()} | own_helpers | set().union(*(_descendants(p, table) for p in own_helpers))
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) in here:
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            cmd = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        if stat[0] != "Z" and (b"multiprocessing" in cmd or str(tmp_path).encode() in cmd):
            try:
                env = Path(f"/proc/{entry}/environ").read_bytes()
            except OSError:
                continue
            if os.fsencode(REPO) in env:
                found.append(int(entry))
    return found


def _workers_left(tmp_path: Path, seconds: float = 5.0) -> list[int]:
    """The run's processes still alive ``seconds`` after it ended (a loaded machine is
    slow to reap them), each then killed: a test never leaves them, whatever its verdict."""
    t0 = time.monotonic()
    while _workers_of(tmp_path) and time.monotonic() - t0 < seconds:
        time.sleep(0.1)
    left = _workers_of(tmp_path)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return left


def test_sigterm_stops_cleanly_and_resume_finishes(tmp_path: Path) -> None:
    proc = _busy_run(tmp_path, "o")
    proc.send_signal(signal.SIGTERM)
    try:
        _, err = proc.communicate(timeout=180)
    finally:
        if proc.poll() is None:  # never leave the run behind, whatever the verdict
            proc.kill()
            proc.wait()
    assert proc.returncode == 128 + signal.SIGTERM
    assert err.strip().splitlines()[-1] == (
        b"textclean: error: stopped by SIGTERM; rerun with --resume to continue"
    )
    assert _workers_left(tmp_path) == []
    r = run_cli("clean", str(tmp_path / "busy"), "-o", str(tmp_path / "o"), "--resume")
    assert r.returncode == 0, r.stderr.decode()
    assert_accounted(tmp_path / "o")


def test_sigterm_while_the_workers_start_stops_cleanly(tmp_path: Path) -> None:
    # The signal comes as the pool starts: the fork server is still loading its tables,
    # so a worker's start waits on it, and a worker whose start the signal cut short is
    # in no list of the pool's. It held the server's pipe, the server waited for it and
    # the run for the server: the run never ended. Now it ends at once, and nothing of
    # it is left running.
    proc = _start_busy_run(tmp_path, "o")
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            table = _proc_table()
            if any(b"forkserver" in _cmdline(p) for p in _descendants(proc.pid, table)):
                break
            time.sleep(0.02)
        time.sleep(0.3)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:  # never leave the run behind, whatever the verdict
            proc.kill()
            proc.wait()
    assert proc.returncode == 128 + signal.SIGTERM, err.decode()[-2000:]
    assert err.strip().splitlines()[-1] == (
        b"textclean: error: stopped by SIGTERM; rerun with --resume to continue"
    )
    assert b"Traceback" not in err and b"leaked" not in err
    assert _workers_left(tmp_path) == []


def test_workers_exit_within_5s_after_sigkill_of_the_parent(tmp_path: Path) -> None:
    proc = _busy_run(tmp_path, "o")
    assert len(_workers_of(tmp_path)) >= 2  # the fork server and its workers
    proc.kill()
    proc.wait()
    assert _workers_left(tmp_path) == []


def test_leftover_process_scan_sees_a_child(tmp_path: Path) -> None:
    since = 0
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert any(line.startswith(f"{child.pid}:") for line in leftover_processes(since))
    finally:
        child.kill()
        child.wait()
    assert not any(line.startswith(f"{child.pid}:") for line in leftover_processes(since))


# -- 14, 17, 18: rules and stages ------------------------------------------------------------


def test_slow_rule_regex_times_out_once_not_per_line(tmp_path: Path) -> None:
    pack = tmp_path / "pack" / "boilerplate"
    pack.mkdir(parents=True)
    (pack / "slow.toml").write_text(
        '[[rule]]\nid = "boilerplate.test.slow"\nkind = "line"\nzone = "any"\n'
        "regex = ['(?:a|aa)+b']\nmax_words = 5\n"
    )
    src = tmp_path / "x.txt"
    # each line starts with "a", ends with "b", holds no space and no character the
    # regex cannot match, so it passes the stage's screens (first characters, last
    # character, spaces, the characters a match can hold) and the regex really runs on
    # it, backtracking over the a's before the "bab" it cannot end on
    src.write_text("".join("a" * 60 + "bab\n" for _ in range(300)) + "A sentence of prose.\n")
    config = NO_DEDUP.replace(rules=[str(tmp_path / "pack")])
    result = run([src], tmp_path / "o", config)
    assert result.exit_code == 0
    (row,) = rows(tmp_path / "o" / ".textclean" / "report.jsonl")
    assert row["scores"]["boilerplate.rule_timeouts"] == 1
    assert row["scores"]["boilerplate.timed_out_rules"] == "boilerplate.test.slow"


def test_clean_text_is_idempotent_after_an_any_zone_removal() -> None:
    text = "a\nb\nc\nSubscribe to our newsletter\nSearch\nd\ne\n"
    once = clean_text(text)
    assert "Subscribe" not in once and "Search" not in once
    assert clean_text(once) == once


def test_duplicate_rule_ids_are_refused_by_clean(tmp_path: Path) -> None:
    pack = tmp_path / "pack" / "boilerplate"
    pack.mkdir(parents=True)
    rule = '[[rule]]\nid = "boilerplate.test.dup"\nkind = "line"\nzone = "any"\nexact = ["{}"]\n'
    (pack / "a.toml").write_text(rule.format("First") + rule.format("Second"))
    (tmp_path / "x.txt").write_text("First\nsome text\n")
    r = run_cli(
        "clean", str(tmp_path / "x.txt"), "-o", str(tmp_path / "o"), "--rules", str(pack.parent)
    )
    assert r.returncode == 2
    assert b"duplicate rule id 'boilerplate.test.dup'" in r.stderr


# -- 15, 16: BOM and escaped text ------------------------------------------------------------


def test_utf8_bom_keeps_the_first_row_id(tmp_path: Path) -> None:
    data = jsonl([{"id": "first", "text": "one two"}, {"id": "second", "text": "three"}])
    src = tmp_path / "b.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + data.encode())
    assert run([src], tmp_path / "o").exit_code == 0
    assert [r["id"] for r in rows(tmp_path / "o" / "b.jsonl")] == ["first", "second"]
    r = run_cli("clean", "-", "-o", "-", "--quiet", "--no-dedup", input=src.read_bytes())
    assert r.returncode == 0
    assert [json.loads(x)["id"] for x in r.stdout.splitlines()] == ["first", "second"]


def test_escaped_cjk_line_is_read_and_an_overlong_one_keeps_its_id(tmp_path: Path) -> None:
    # json.dumps writes each CJK character as a 6-byte \\uXXXX escape
    src = tmp_path / "c.jsonl"
    src.write_text(
        json.dumps({"text": "漢字" * 450_000, "id": "fits"})
        + "\n"
        + json.dumps({"text": "字" * 1_500_000, "id": "over"})
        + "\n"
    )
    config = NO_DEDUP.replace(stages=["repair"], input={"max_document_chars": 1_000_000})
    result = run([src], tmp_path / "o", config)
    assert result.exit_code == 0
    assert [r["id"] for r in rows(tmp_path / "o" / "c.jsonl")] == ["fits"]
    (reject,) = rows(tmp_path / "o" / ".textclean" / "rejects.jsonl")
    assert reject["id"] == "over" and reject["reason"].startswith("too_long: line of")


# -- 20, 21: symlinks and many-line bombs ------------------------------------------------------


def test_symlinks_out_of_the_tree_are_not_followed(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("outside the input tree\n")
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "real.txt").write_text("an input\n")
    os.symlink(tmp_path / "secret.txt", src / "x.txt")
    os.symlink("..", src / "sub" / "up")
    out = tmp_path / "o"
    result = run([src], out)
    assert result.exit_code == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt")) == ["real.txt"]
    assert summary_of(out)["inputs"]["skipped"] == {"symlink": 2}
    result = run([src], tmp_path / "o2", follow_symlinks=True)
    assert (tmp_path / "o2" / "x.txt").read_text() == "outside the input tree\n"


def test_many_line_bomb_is_rejected_past_the_row_density_limit(tmp_path: Path) -> None:
    src = tmp_path / "bomb.jsonl.gz"
    with gzip.open(src, "wb", compresslevel=9) as f:
        f.write(b"".join(b'{"id":"r%d","text":"spam ham"}\n' % i for i in range(200_000)))
    config = NO_DEDUP.replace(stages=["normalize"])
    result = run([src], tmp_path / "o", config)
    assert result.exit_code == 1
    (failure,) = result.failures
    assert failure.error.startswith("too_expanded:") and "max_rows_per_kib=200" in failure.error
    s = assert_accounted(tmp_path / "o")
    assert s["documents_in"] == 10_000  # stopped at the first check, not 200,000 rows later
    assert failure.line == 10_001


def test_per_file_document_limit(tmp_path: Path) -> None:
    src = tmp_path / "many.jsonl"
    src.write_text(jsonl([{"id": f"r{i}", "text": f"row {i}"} for i in range(50)]))
    config = NO_DEDUP.replace(input={"max_documents_per_file": 20})
    result = run([src], tmp_path / "o", config)
    assert result.exit_code == 1
    assert "max_documents_per_file=20" in result.failures[0].error
    assert summary_of(tmp_path / "o")["documents_in"] == 20
