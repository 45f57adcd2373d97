"""The command line: options, exit codes, help, inspect, score, rules check, stdin/stdout."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SEEDS, cli_env, read_jsonl, run_cli, summary_of
from textclean import progress as progress_mod
from textclean.cli import build_parser, main
from textclean.pipeline import available_stages
from textclean.run import default_deduper_factory


def clean(*args: str) -> int:
    return main(["clean", *args, "--workers", "1", "--quiet"])


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found[name] = sub
                for inner, p in _subparsers(sub).items():
                    found[f"{name} {inner}"] = p
    return found


def test_every_option_of_every_command_has_help_with_an_example() -> None:
    subs = _subparsers(build_parser())
    assert {"clean", "inspect", "score", "dedup", "rules", "rules check", "config"} <= set(subs)
    for name, sub in subs.items():
        assert sub.epilog and "example" in sub.epilog, name
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
                continue
            assert action.help and "e.g." in action.help, (name, action.dest)


def test_help_runs_for_each_command() -> None:
    for cmd in (["clean"], ["inspect"], ["score"], ["dedup"], ["rules", "check"], ["config"]):
        r = run_cli(*cmd, "--help")
        assert r.returncode == 0, (cmd, r.stderr)
        assert b"examples" in r.stdout or b"example:" in r.stdout, cmd


def test_python_c_one_liner() -> None:
    r = subprocess.run(
        [sys.executable, "-c", "import textclean; print(textclean.clean_text('a  b\\r\\n'))"],
        capture_output=True,
        env=cli_env(),
        cwd=REPO,
    )
    assert r.stdout == b"a b\n\n"


def test_stdin_to_stdout() -> None:
    r = run_cli("clean", "-", "-o", "-", "--quiet", input=b"a  b\r\n\n\n\nCaf\xc3\x83\xc2\xa9\n")
    assert r.returncode == 0 and r.stdout == "a b\n\nCafé\n".encode()
    rows = b'{"id": "x", "text": "t  1", "k": 2}\n{"text": "t2"}\n'
    r = run_cli("clean", "-", "-o", "-", "--quiet", input=rows)
    out = [json.loads(line) for line in r.stdout.splitlines()]
    assert [(o.get("id"), o["text"]) for o in out] == [("x", "t 1\n"), (None, "t2\n")]
    assert out[0]["k"] == 2 and out[0]["textclean"]["edits"] == 2


def test_plain_log_lines_when_not_a_terminal(tmp_path: Path) -> None:
    r = run_cli("clean", str(SEEDS), "-o", str(tmp_path / "o"), "--workers", "1")
    err = r.stderr.decode()
    assert r.returncode == 0
    assert "textclean: process: 5/5 inputs, 5 documents" in err
    assert "textclean: 5 documents in, 5 out, 0 rejected" in err
    assert "\x1b[" not in err


def test_progress_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    p = progress_mod.make_progress(quiet=False)
    assert isinstance(p, progress_mod.RichProgress)
    p.phase("process", 3)
    p.advance(2, 10)
    p.close()
    drawn = screen.getvalue()
    assert "\x1b[" in drawn  # drawn as a terminal bar, not plain log lines
    assert "process" in drawn and "2/3" in drawn and "10 documents" in drawn
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert isinstance(progress_mod.make_progress(quiet=False), progress_mod.LogProgress)
    assert isinstance(progress_mod.make_progress(quiet=True), progress_mod.QuietProgress)


def test_dry_run_writes_only_the_audit(tmp_path: Path) -> None:
    out = tmp_path / "o"
    assert clean(str(SEEDS), "-o", str(out), "--dry-run") == 0
    assert sorted(p.name for p in out.iterdir()) == [".textclean"]
    s = summary_of(out)
    assert s["dry_run"] is True and s["documents_in"] == 5 and s["bytes_out"] == 0
    assert len(read_jsonl(out / ".textclean" / "report.jsonl")) == 5


def test_limit_stages_skip_and_keys(tmp_path: Path) -> None:
    out = tmp_path / "o"
    assert clean(str(SEEDS), "-o", str(out), "--limit", "2") == 0
    assert summary_of(out)["documents_in"] == 2
    assert len([p for p in out.iterdir() if p.suffix == ".txt"]) == 2

    src = tmp_path / "in.jsonl"
    src.write_text('{"url": "u1", "body": "A  b\\r\\nCafÃ©", "text": "other"}\n')
    out = tmp_path / "o2"
    assert (
        clean(
            str(src), "-o", str(out), "--text-key", "body", "--id-key", "url", "--stages", "repair"
        )
        == 0
    )
    (row,) = read_jsonl(out / "in.jsonl")
    assert row["body"] == "A  b\r\nCafé" and row["text"] == "other" and row["url"] == "u1"
    assert read_jsonl(out / ".textclean" / "report.jsonl")[0]["id"] == "u1"
    s = summary_of(out)
    assert s["stages"] == ["repair"] and s["config"]["input"]["text_key"] == "body"

    out = tmp_path / "o3"
    assert clean(str(SEEDS), "-o", str(out), "--limit", "1", "--skip", "normalize,repair") == 0
    stages = summary_of(out)["stages"]
    assert stages and "normalize" not in stages and "repair" not in stages
    assert stages == [s for s in available_stages() if s not in ("normalize", "repair")]


def test_config_file_and_no_dedup(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("[normalize]\nfold_quotes = true\n")
    src = tmp_path / "a.txt"
    src.write_text("“quoted”  text")
    out = tmp_path / "o"
    assert clean(str(src), "-o", str(out), "--config", str(cfg), "--no-dedup") == 0
    assert (out / "a.txt").read_text() == '"quoted" text\n'
    s = summary_of(out)
    assert s["dedup"]["enabled"] is False and s["config"]["normalize"]["fold_quotes"] is True


def test_rules_option_changes_the_rules_hash(tmp_path: Path) -> None:
    pack = tmp_path / "pack" / "boilerplate"
    pack.mkdir(parents=True)
    (pack / "x.toml").write_text("# empty\n")
    a, b = tmp_path / "a", tmp_path / "b"
    assert clean(str(SEEDS), "-o", str(a), "--limit", "1") == 0
    assert clean(str(SEEDS), "-o", str(b), "--limit", "1", "--rules", str(tmp_path / "pack")) == 0
    assert summary_of(a)["rules_hash"] != summary_of(b)["rules_hash"]
    assert summary_of(b)["config"]["rules"] == [str(tmp_path / "pack")]


@pytest.mark.parametrize(
    "args",
    [
        ["--stages", "repair,spellcheck"],
        ["--skip", "nothing"],
        ["--config", "/nonexistent/c.toml"],
        ["--workers", "0"],
        ["--despin", "maybe"],
    ],
)
def test_usage_and_config_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    r = run_cli("clean", str(SEEDS), "-o", str(tmp_path / "o"), *args)
    assert r.returncode == 2, r.stderr.decode()
    assert b"error" in r.stderr
    assert not (tmp_path / "o" / "000_f510946d79b30355.txt").exists()


def test_bad_config_key_and_missing_input_exit_2(tmp_path: Path, capsys) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("[normalize]\nfold_quotez = true\n")
    assert clean(str(SEEDS), "-o", str(tmp_path / "o"), "--config", str(cfg)) == 2
    assert "unknown key(s) ['fold_quotez']" in capsys.readouterr().err
    assert clean(str(tmp_path / "missing"), "-o", str(tmp_path / "o")) == 2
    assert "no such file or directory" in capsys.readouterr().err
    assert clean("-", "-o", str(tmp_path / "o"), "--resume") == 2


def test_failed_inputs_exit_1_and_are_listed(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "ok.txt").write_text("fine")
    (src / "bin.txt").write_bytes(b"\x00\x01\x02")
    r = run_cli("clean", str(src), "-o", str(tmp_path / "o"), "--workers", "1")
    assert r.returncode == 1
    err = r.stderr.decode()
    assert "1 input problem(s):" in err and "bin.txt: binary: NUL byte at offset 0" in err


def test_inspect_shows_edits_with_rule_ids(tmp_path: Path) -> None:
    p = tmp_path / "page.txt"
    p.write_text("Title  here\n\n\n\nCafÃ© &amp; more\n")
    r = run_cli("inspect", str(p), "--show-text")
    out = r.stdout.decode()
    assert r.returncode == 0
    assert "== repair: 1 edit" in out and "repair.encoding" in out
    assert "Caf[-Ã© &amp;-]{+é &+} more" in out
    assert "normalize.whitespace" in out and "Title [- -]here" in out
    assert out.endswith("# cleaned text:\nTitle here\n\nCafé & more\n")
    assert "\x1b[" not in out
    r = run_cli("inspect", str(p), "--color", "always")
    assert b"\x1b[" in r.stdout and b"repair.encoding" in r.stdout


def test_inspect_jsonl_line_and_errors(tmp_path: Path) -> None:
    p = tmp_path / "r.jsonl"
    p.write_text('{"id": "a", "text": "one"}\n{"id": "b", "text": "two  words"}\n')
    r = run_cli("inspect", str(p), "--line", "2")
    assert r.returncode == 0 and b"# b " in r.stdout and b"two [- -]words" in r.stdout
    r = run_cli("inspect", str(p), "--id", "zzz")
    assert r.returncode == 1 and b"no document with id 'zzz'" in r.stderr
    assert run_cli("inspect", str(tmp_path)).returncode == 2


def test_score_prints_json_lines_and_writes_nothing(tmp_path: Path) -> None:
    before = sorted(tmp_path.iterdir())
    r = run_cli("score", str(SEEDS), "--workers", "1", cwd=tmp_path)
    assert r.returncode == 0
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [row["id"] for row in rows] == sorted(p.name for p in SEEDS.iterdir())
    assert all(set(row) == {"id", "source", "line", "dropped", "edits", "scores"} for row in rows)
    assert sorted(tmp_path.iterdir()) == before


def test_rules_check(tmp_path: Path) -> None:
    good = tmp_path / "good" / "spin"
    good.mkdir(parents=True)
    (good / "t.tsv").write_text("# spun\toriginal\ttier\nfoo\tbar\t1\n")
    bad = tmp_path / "bad"
    (bad / "extra").mkdir(parents=True)
    (bad / "extra" / "x.toml").write_text('[rule]\nid = "a"\npattern = \n')
    (bad / "extra" / "t.tsv").write_text("a\tb\nc\n")
    r = run_cli("rules", "check", str(tmp_path / "good"))
    assert r.returncode == 0 and b"ok" in r.stdout
    r = run_cli("rules", "check", str(bad))
    lines = r.stdout.decode().splitlines()
    assert r.returncode == 1
    assert lines == [
        f"{bad}/extra/t.tsv:2: expected 2 tab-separated columns (as on line 1), found 1",
        f"{bad}/extra/x.toml:3: invalid TOML: Invalid value (at line 3, column 11)",
    ]
    assert run_cli("rules", "check", str(tmp_path / "nope")).returncode == 2
    assert run_cli("rules", "check", str(REPO / "rules")).returncode == 0


def test_dedup_command(tmp_path: Path) -> None:
    assert default_deduper_factory() is not None  # corpus dedup is part of every build
    src = tmp_path / "src"
    src.mkdir()
    for p in SEEDS.iterdir():
        (src / p.name).write_bytes(p.read_bytes())
    copy = src / "zz_copy.txt"
    copy.write_bytes((SEEDS / "002_8d381c327fafc0c6.txt").read_bytes())
    r = run_cli("dedup", str(src), "-o", str(tmp_path / "o"), "--workers", "1", "--quiet")
    assert r.returncode == 0, r.stderr
    s = summary_of(tmp_path / "o")
    assert s["stages"] == [] and s["dedup"]["enabled"] is True
    assert s["documents_out"] == 5 and s["rejected_by_reason"] == {"duplicate": 1}
    # nothing but dedup: every kept file is byte-identical to its input, the copy is gone
    for p in SEEDS.iterdir():
        assert (tmp_path / "o" / p.name).read_bytes() == p.read_bytes()
    assert not (tmp_path / "o" / copy.name).exists()


DEDUP_FLAGS = [
    "--threshold", "0.9", "--num-perm", "64", "--bands", "16", "--rows", "4",
    "--ngram", "3", "--keep", "longest", "--spill-dir", "spill", "--index", "i.db",
]  # fmt: skip


@pytest.mark.parametrize("command", ["clean", "dedup"])
def test_clean_and_dedup_take_the_same_dedup_options(command: str) -> None:
    from textclean.cli import build_config

    args = build_parser().parse_args([command, "in", "-o", "out", *DEDUP_FLAGS])
    d = build_config(args).dedup
    assert (d.threshold, d.num_perm, d.bands, d.rows, d.ngram, d.keep) == (
        0.9, 64, 16, 4, 3, "longest",
    )  # fmt: skip
    assert d.spill_dir == str(Path("spill").resolve())
    assert d.index == str(Path("i.db").resolve())
    # bands * rows = num_perm: what is not given follows
    d = build_config(build_parser().parse_args([command, "in", "-o", "o", "--bands", "32"])).dedup
    assert (d.num_perm, d.bands, d.rows) == (128, 32, 4)


def test_dedup_options_reach_the_run(tmp_path: Path) -> None:
    spill = tmp_path / "spill"
    spill.mkdir()
    out = tmp_path / "o"
    r = run_cli(
        "clean", str(SEEDS), "-o", str(out), "--workers", "1", "--quiet",
        "--threshold", "0.95", "--keep", "lowest_id", "--rows", "4", "--spill-dir", str(spill),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr.decode()
    d = summary_of(out)["config"]["dedup"]
    assert (d["threshold"], d["keep"], d["bands"], d["rows"]) == (0.95, "lowest_id", 32, 4)
    assert d["spill_dir"] == str(spill)
    bad = run_cli("clean", str(SEEDS), "-o", str(out), "--bands", "3")
    assert bad.returncode == 2 and b"num_perm 128 is not a multiple of bands 3" in bad.stderr
    bad = run_cli("dedup", str(SEEDS), "-o", str(out), "--threshold", "1.5")
    assert bad.returncode == 2 and b"must be in (0, 1]" in bad.stderr


def test_every_help_example_parses() -> None:
    """Each ``textclean ...`` line of an epilog is a valid command line."""
    import re
    import shlex

    parser = build_parser()
    seen = 0
    for name, sub in _subparsers(parser).items():
        for line in (sub.epilog or "").splitlines():
            m = re.search(r"\btextclean (.*?)(?:\s[|>#].*)?$", line)
            if not m:
                continue
            argv = shlex.split(m.group(1))
            assert argv[: len(name.split())] == name.split(), line
            parser.parse_args(argv)  # exits (fails the test) on an unknown option
            seen += 1
    assert seen >= 10


def test_clean_judges_quality_on_the_cleaned_text(tmp_path: Path) -> None:
    # The batch CLI runs the quality stage last: its signals are in the report,
    # computed after `repeats`, and drop_on_quality acts on them.
    cfg = tmp_path / "c.toml"
    cfg.write_text('[quality]\ndrop_on_quality = true\nchecks = ["gopher_quality"]\n')
    src = tmp_path / "src"
    src.mkdir()
    doubled = next(SEEDS.glob("000_*.txt"))
    (src / doubled.name).write_bytes(doubled.read_bytes())
    (src / "short.txt").write_text("A short note of only a few words, but a sentence.\n")
    out = tmp_path / "o"
    assert clean(str(src), "-o", str(out), "--config", str(cfg), "--no-dedup") == 0
    report = {r["id"]: r for r in read_jsonl(out / ".textclean" / "report.jsonl")}
    kept = report[doubled.name]
    assert kept["status"] == "kept"
    assert kept["scores"]["gopher_rep.dup_line_fraction"] == 0.0  # judged after repeats
    assert kept["scores"]["quality.failed"] == ""
    rejects = read_jsonl(out / ".textclean" / "rejects.jsonl")
    assert [(r["id"], r["reason"].split(":")[0]) for r in rejects] == [
        ("short.txt", "quality.gopher_quality")
    ]
