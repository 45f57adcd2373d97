"""Resume: a killed run restarted with --resume gives byte-identical output, redoing only
unfinished inputs; a changed config, rule file or input refuses to resume."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

import textclean.run as run_mod
from tests.conftest import REPO, cli_env, run_cli, summary_of, tree_bytes
from textclean.config import Config, DedupConfig
from textclean.document import Document
from textclean.engines.base import StageWork
from textclean.engines.local import LocalEngine
from textclean.io.journal import ResumeError
from textclean.run import RunOptions, run_clean

PARAGRAPH = (
    "Le conseil municipal de CÃ´te-Saint-Luc a adoptÃ© le budget &amp; les rÃ¨gles.  "
    "Les résidents ont exprimé leurs préoccupations concernant les impôts fonciers."
)
VOCABULARY = [
    "rue",
    "parc",
    "école",
    "bibliothèque",
    "piscine",
    "quartier",
    "maire",
    "conseil",
    "budget",
    "impôt",
    "taxe",
    "citoyen",
    "réunion",
    "projet",
    "travaux",
    "chantier",
    "vélo",
    "autobus",
    "métro",
    "hiver",
    "neige",
    "déneigement",
    "collecte",
    "recyclage",
    "arbre",
    "trottoir",
    "sécurité",
    "police",
    "pompier",
    "incendie",
    "eau",
    "aqueduc",
]


def make_corpus(root: Path, files: int, paragraphs: int) -> None:
    """Distinct documents (so corpus dedup keeps them all) with mojibake to repair."""
    root.mkdir(parents=True)
    for i in range(files):
        sub = root / f"part{i % 4}"
        sub.mkdir(exist_ok=True)
        rng = random.Random(i)
        body = "".join(
            f"{PARAGRAPH} {' '.join(rng.choice(VOCABULARY) for _ in range(30))}.\n\n"
            for _ in range(paragraphs)
        )
        (sub / f"doc{i:04d}.txt").write_text(f"Document {i}\n\n" + body)


def done_count(journal: Path) -> int:
    try:
        data = journal.read_bytes()
    except FileNotFoundError:
        return 0
    return sum(1 for line in data.split(b"\n") if line.startswith(b'{"t":"done"'))


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigkill_then_resume_is_byte_identical(tmp_path: Path, workers: str) -> None:
    src = tmp_path / "src"
    make_corpus(src, files=200, paragraphs=12)
    reference = tmp_path / "reference"
    r = run_cli("clean", str(src), "-o", str(reference), "--workers", workers, "--quiet")
    assert r.returncode == 0, r.stderr.decode()

    out = tmp_path / "out"
    journal = out / ".textclean" / "work" / "journal.jsonl"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "textclean",
            "clean",
            str(src),
            "-o",
            str(out),
            "--workers",
            workers,
            "--quiet",
        ],
        env=cli_env(),
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while done_count(journal) < 64 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGSTOP)  # freeze it at once, then make sure it was mid-run
    assert not (out / ".textclean" / "summary.json").exists(), "the run finished before the kill"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    finished = done_count(journal)
    assert 64 <= finished < 200

    r = run_cli("clean", str(src), "-o", str(out), "--workers", workers, "--resume")
    assert r.returncode == 0, r.stderr.decode()
    assert b"resuming:" in r.stderr
    run = summary_of(out)["run"]
    assert run["inputs_resumed"] == finished
    assert run["inputs_processed"] == 200 - finished  # only the unfinished inputs were redone
    assert tree_bytes(out) == tree_bytes(reference)
    assert not (out / ".textclean" / "work").exists()
    assert not list(out.rglob("*.textclean-tmp"))


class CrashingEngine(LocalEngine):
    """Processes ``batches`` batches, then dies like a killed process would."""

    def __init__(self, batches: int) -> None:
        super().__init__(workers=1)
        self.batches = batches

    def map_batches(
        self, work: StageWork, batches: Iterable[list[Document]]
    ) -> Iterator[list[Document]]:
        for i, out in enumerate(super().map_batches(work, batches)):
            if i == self.batches:
                raise KeyboardInterrupt
            yield out


def interrupted_run(
    src: Path,
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
    config: Config | None = None,
    *,
    batch_docs: int = 2,
    batches: int = 2,
    **run_kw: object,
) -> None:
    """Clean ``src`` into ``out`` in batches of ``batch_docs`` documents, stopped as a
    signal would stop it after ``batches`` batches; the unfinished run's journal stays.
    ``run_kw`` goes to :func:`run_clean` (a deduper factory, say)."""
    monkeypatch.setattr(run_mod, "BATCH_DOCS", batch_docs)
    with pytest.raises(KeyboardInterrupt):
        opts = RunOptions([str(src)], str(out))
        run_clean(config or Config(), opts, engine=CrashingEngine(batches), **run_kw)  # type: ignore[arg-type]
    assert (out / ".textclean" / "work" / "journal.jsonl").exists()


def resume(src: Path, out: Path, config: Config | None = None) -> dict:
    opts = RunOptions([str(src)], str(out), workers=1, resume=True)
    return run_clean(config or Config(), opts).summary


def test_resume_after_a_crash_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "src"
    make_corpus(src, files=10, paragraphs=1)
    run_clean(Config(), RunOptions([str(src)], str(tmp_path / "ref"), workers=1))
    out = tmp_path / "out"
    interrupted_run(src, out, monkeypatch)
    summary = resume(src, out)
    # two batches of two documents; an input's "done" travels with the next batch
    assert summary["run"]["inputs_resumed"] == 3
    assert summary["run"]["inputs_processed"] == 7
    assert tree_bytes(out) == tree_bytes(tmp_path / "ref")


def test_crash_while_writing_resumes_without_reprocessing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "src"
    make_corpus(src, files=6, paragraphs=1)
    run_clean(
        Config(dedup=DedupConfig(enabled=False)),
        RunOptions([str(src)], str(tmp_path / "ref"), workers=1),
    )
    out = tmp_path / "out"
    real = run_mod.write_text
    calls = []

    def dying_write(path: Path, text: str) -> int:
        calls.append(path)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(path, text)

    monkeypatch.setattr(run_mod, "write_text", dying_write)
    no_dedup = Config(dedup=DedupConfig(enabled=False))  # the corpus is near-duplicates
    with pytest.raises(KeyboardInterrupt):
        run_clean(no_dedup, RunOptions([str(src)], str(out), workers=1))
    monkeypatch.setattr(run_mod, "write_text", real)
    assert not (out / ".textclean" / "summary.json").exists()
    summary = resume(src, out, no_dedup)
    assert summary["run"]["inputs_processed"] == 0  # the journal was complete
    assert tree_bytes(out) == tree_bytes(tmp_path / "ref")


def test_changed_config_refuses_to_resume(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "src"
    make_corpus(src, files=10, paragraphs=1)
    out = tmp_path / "out"
    interrupted_run(src, out, monkeypatch)
    with pytest.raises(ResumeError, match="configuration changed"):
        resume(src, out, Config().replace(normalize={"fold_quotes": True}))
    cfg = tmp_path / "c.toml"
    cfg.write_text("[normalize]\nfold_dashes = true\n")
    r = run_cli("clean", str(src), "-o", str(out), "--resume", "--config", str(cfg))
    assert r.returncode == 2
    assert b"cannot resume" in r.stderr or b"configuration changed" in r.stderr


def test_changed_rules_or_inputs_refuse_to_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "src"
    make_corpus(src, files=10, paragraphs=1)
    pack = tmp_path / "pack" / "boilerplate"
    pack.mkdir(parents=True)
    (pack / "extra.toml").write_text("# v1\n")
    out = tmp_path / "out"
    interrupted_run(src, out, monkeypatch, Config(rules=(str(tmp_path / "pack"),)))
    (pack / "extra.toml").write_text("# v2\n")
    with pytest.raises(ResumeError, match="rule files changed"):
        resume(src, out, Config(rules=(str(tmp_path / "pack"),)))
    (pack / "extra.toml").write_text("# v1\n")
    first = sorted(src.rglob("*.txt"))[0]  # finished before the crash
    first.write_text(first.read_text() + "more\n")
    with pytest.raises(ResumeError, match="changed since the interrupted run"):
        resume(src, out, Config(rules=(str(tmp_path / "pack"),)))
    (src / "part0" / "new.txt").write_text("new")
    with pytest.raises(ResumeError, match="set of input files changed"):
        resume(src, out, Config(rules=(str(tmp_path / "pack"),)))


def test_resume_without_an_interrupted_run_starts_fresh(tmp_path: Path) -> None:
    src = tmp_path / "src"
    make_corpus(src, files=3, paragraphs=1)
    summary = resume(src, tmp_path / "out")
    assert summary["documents_in"] == 3 and summary["run"]["inputs_processed"] == 3
