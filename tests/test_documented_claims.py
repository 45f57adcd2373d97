"""Claims the README and docs make to users, each with a test that fails if it breaks.

The texts are written for these tests, or are the project's own seeds and
tests/data corpora (see tests/data/PROSE-LICENSE.md).
"""

from __future__ import annotations

import codecs
import fcntl
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import textclean
from tests.conftest import SEEDS, read_jsonl, run_cli, summary_of
from textclean import Config, Document, Pipeline

REPO = Path(__file__).resolve().parent.parent
SPUN = (SEEDS / "001_66fe73b75d70e954.txt").read_text(encoding="utf-8")
FRENCH = (REPO / "tests/data/prose/fr-FR_0041.txt").read_text(encoding="utf-8")
ARTICLE = (
    "The council met on Tuesday to discuss the new bridge over the river.\n\n"
    "Residents said the old crossing had been closed for repairs since the spring, "
    "and that the detour added twenty minutes to their daily journey.\n"
)


def _clean(*args: str) -> tuple[int, str]:
    r = run_cli("clean", *args, "--workers", "1", "--quiet")
    return r.returncode, r.stderr.decode("utf-8", "replace")


def test_a_second_run_on_a_locked_out_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    meta = tmp_path / "out" / ".textclean"
    meta.mkdir(parents=True)
    with open(meta / "lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a run in progress holds this lock
        code, err = _clean(str(src), "-o", str(tmp_path / "out"))
    assert code == 2
    assert "another textclean run is writing to" in err
    assert not (tmp_path / "out" / "a.txt").exists()


def test_command_line_options_override_the_config_file(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    cfg = tmp_path / "c.toml"
    cfg.write_text("[input]\nmax_document_chars = 20\n", encoding="utf-8")
    code, _ = _clean(str(src), "-o", str(tmp_path / "o1"), "--config", str(cfg))
    s = summary_of(tmp_path / "o1")
    assert code == 0 and s["rejected_by_reason"] == {"too_long": 1}
    # --max-doc-chars 0 (no limit) on the command line wins over the file's 20
    code, _ = _clean(
        str(src), "-o", str(tmp_path / "o2"), "--config", str(cfg), "--max-doc-chars", "0"
    )
    s = summary_of(tmp_path / "o2")
    assert code == 0 and s["documents_out"] == 1 and s["rejected"] == 0
    assert s["config"]["input"]["max_document_chars"] == 0


def test_max_doc_chars_rejects_longer_documents_and_zero_means_no_limit(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "short.txt").write_text("A short note that is kept.\n", encoding="utf-8")
    (src / "long.txt").write_text(ARTICLE, encoding="utf-8")
    limit = str(len("A short note that is kept.\n") + 5)
    _clean(str(src), "-o", str(tmp_path / "o1"), "--max-doc-chars", limit)
    rejects = read_jsonl(tmp_path / "o1" / ".textclean" / "rejects.jsonl")
    assert [(r["id"], r["reason"].split(":")[0]) for r in rejects] == [("long.txt", "too_long")]
    assert (tmp_path / "o1" / "short.txt").exists()
    _clean(str(src), "-o", str(tmp_path / "o2"), "--max-doc-chars", "0")
    assert summary_of(tmp_path / "o2")["documents_out"] == 2


@pytest.mark.parametrize("bom", [codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE])
def test_utf32_files_with_a_bom_are_decoded(tmp_path: Path, bom: bytes) -> None:
    text = "Zürich’s café served crème brûlée to 12 guests.\n"
    codec = "utf-32-le" if bom == codecs.BOM_UTF32_LE else "utf-32-be"
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_bytes(bom + text.encode(codec))
    code, _ = _clean(str(src), "-o", str(tmp_path / "o"))
    assert code == 0
    assert (tmp_path / "o" / "a.txt").read_text(encoding="utf-8") == text


def test_clean_text_returns_empty_string_for_a_dropped_document() -> None:
    short = "The council met on Tuesday to talk about the bridge.\n"  # under Gopher's 50 words
    options = {"quality": {"drop_on_quality": True}}
    doc = textclean.clean_document(short, **options)
    assert doc.dropped is not None and doc.dropped.startswith("quality.")
    assert "gopher_quality.min_words" in doc.dropped
    assert doc.text == short  # the document keeps its text; clean_text reports the drop as ""
    assert textclean.clean_text(short, **options) == ""
    assert textclean.clean_text(short) == short  # kept without drop_on_quality


def test_repair_normalization_setting() -> None:
    text = "ﬁne cafe\u0301\n"  # a ligature, and e + combining acute
    assert textclean.clean_text(text, stages=["repair"]) == "ﬁne café\n"  # NFC composes only
    assert textclean.clean_text(text, stages=["repair"], repair={"normalization": "NFKC"}) == (
        "fine café\n"
    )
    assert textclean.clean_text(text, stages=["repair"], repair={"normalization": "none"}) == text
    with pytest.raises(textclean.ConfigError):
        Config().replace(repair={"normalization": "NFX"})


def test_run_key_in_a_config_file_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    cfg = tmp_path / "c.toml"
    cfg.write_text('[dedup]\nrun_key = "mine"\n', encoding="utf-8")
    code, err = _clean(str(src), "-o", str(tmp_path / "o"), "--config", str(cfg))
    assert code == 2 and "run_key" in err and "Traceback" not in err
    assert not (tmp_path / "o" / "a.txt").exists()


def test_despin_modes_on_the_command_line(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "spun.txt").write_text(SPUN, encoding="utf-8")
    texts, rows = {}, {}
    for mode in ("off", "detect", "repair"):
        out = tmp_path / mode
        code, _ = _clean(str(src), "-o", str(out), "--despin", mode, "--no-dedup")
        assert code == 0
        texts[mode] = (out / "spun.txt").read_text(encoding="utf-8")
        rows[mode] = read_jsonl(out / ".textclean" / "report.jsonl")[0]
    assert "spun" not in rows["off"]["scores"]  # off: not even scored
    assert rows["detect"]["scores"]["spun"] is True  # detect: flagged ...
    assert texts["detect"] == texts["off"]  # ... and not changed
    assert rows["repair"]["scores"]["spun"] is True
    assert "second term" in texts["repair"] and "second time period" in texts["off"]


def test_a_new_run_discards_an_unfinished_one(tmp_path: Path, monkeypatch) -> None:
    from tests.test_resume import interrupted_run, make_corpus
    from textclean.run import RunOptions, run_clean

    src = tmp_path / "src"
    make_corpus(src, files=10, paragraphs=1)
    out = tmp_path / "out"
    interrupted_run(src, out, monkeypatch)
    notes: list[str] = []

    class Notes:
        def __getattr__(self, name: str):  # every progress call is a no-op but note()
            return lambda *a, **k: None

        def note(self, message: str) -> None:
            notes.append(message)

    result = run_clean(Config(), RunOptions([str(src)], str(out), workers=1), progress=Notes())
    assert any(n.startswith("discarding the unfinished run") for n in notes)
    assert result.summary["run"]["inputs_resumed"] == 0
    assert result.summary["run"]["inputs_processed"] == 10


def test_custom_input_extensions(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.text").write_text(ARTICLE, encoding="utf-8")
    (src / "b.txt").write_text(ARTICLE.replace("bridge", "tunnel"), encoding="utf-8")
    cfg = tmp_path / "c.toml"
    cfg.write_text('[input]\nextensions = [".text"]\n', encoding="utf-8")
    _clean(str(src), "-o", str(tmp_path / "o"), "--config", str(cfg))
    s = summary_of(tmp_path / "o")
    assert s["documents_in"] == 1
    assert (tmp_path / "o" / "a.text").exists() and not (tmp_path / "o" / "b.txt").exists()


def _spin(text: str, **despin: object) -> dict:
    return textclean.score_text(text, despin=despin)


def test_despin_fix_articles() -> None:
    text = SPUN + "\nThe step is a non-obligatory one.\n"
    on = textclean.clean_text(text)
    off = textclean.clean_text(text, despin={"fix_articles": False})
    assert "The step is an optional one." in on
    assert "The step is a optional one." in off


def test_despin_min_english_share() -> None:
    mixed = SPUN + "\n" + FRENCH * 3  # a spun English text inside mostly French prose
    assert _spin(SPUN)["spun"] is True
    assert _spin(mixed)["spun"] is False  # below the English share: left alone
    assert _spin(mixed, min_english_share=0.0)["spun"] is True


def test_despin_max_hits_per_entry_caps_repeats() -> None:
    default, capped = _spin(SPUN), _spin(SPUN, max_hits_per_entry=1)
    assert capped["spin_score"] < default["spin_score"]
    repeated = "The yr was long. " * 40
    assert (
        _spin(repeated, max_hits_per_entry=1)["spin_score"]
        <= (_spin(repeated, max_hits_per_entry=3)["spin_score"])
    )


def test_despin_score_min_words_damps_short_texts() -> None:
    short = " ".join(SPUN.split()[:60])
    # scored as if 150 words long by default, so a short text scores lower than per its length
    assert _spin(short)["spin_score"] < _spin(short, score_min_words=1)["spin_score"]
    # a text longer than score_min_words is scored by its own length
    assert _spin(SPUN)["spin_score"] == _spin(SPUN, score_min_words=1)["spin_score"]


def test_despin_breadth_weight() -> None:
    scores = [_spin(SPUN, breadth_weight=w)["spin_score"] for w in (0.0, 1.0, 2.0)]
    assert scores[0] < scores[1] < scores[2]


def test_a_broken_rule_pack_stops_clean_at_start_up(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    pack = tmp_path / "rules"
    (pack / "boilerplate").mkdir(parents=True)  # a pack holds one folder per stage
    (pack / "boilerplate" / "bad.toml").write_text(
        '[[rule]]\nid = "site.x"\nkind = "line"\nregex = ["(unclosed"]\n', encoding="utf-8"
    )
    code, err = _clean(str(src), "-o", str(tmp_path / "o"), "--rules", str(pack))
    assert code == 2 and "bad.toml" in err and "Traceback" not in err
    assert not (tmp_path / "o" / "a.txt").exists()


def test_pipeline_is_safe_to_share_between_threads() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir())]
    rows = (REPO / "tests/data/prose_sample.jsonl").read_text(encoding="utf-8").splitlines()
    texts += [json.loads(r)["text"] for r in rows[:40]]
    pipeline = Pipeline.from_config(Config())
    serial = [pipeline.process(Document(str(i), t)) for i, t in enumerate(texts)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(
            pool.map(lambda it: pipeline.process(Document(str(it[0]), it[1])), enumerate(texts))
        )
    assert [d.text for d in threaded] == [d.text for d in serial]
    assert [d.edits for d in threaded] == [d.edits for d in serial]
    assert [d.scores for d in threaded] == [d.scores for d in serial]


def test_failures_total_counts_beyond_the_listed_failures(tmp_path: Path, monkeypatch) -> None:
    from textclean.io import report as report_mod
    from textclean.run import RunOptions, run_clean

    monkeypatch.setattr(report_mod, "MAX_LISTED_FAILURES", 3)
    lines = [json.dumps({"id": f"ok{i}", "text": f"row {i} is fine"}) for i in range(5)]
    lines += ["{not json"] * 7
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_clean(Config(), RunOptions([str(src)], str(tmp_path / "o"), workers=1))
    s = result.summary
    assert result.exit_code == 1
    assert s["failures_total"] == 7 and len(s["failures"]) == 3
    assert s["rejected_by_reason"]["malformed_jsonl"] == 7
