"""The Ray engine: byte-identical output to the local engine, the same dedup result, and
a clear error when Ray is not installed.

One local Ray instance with 2 CPUs serves the whole module (``ray_engine`` fixture).
"""

from __future__ import annotations

import dataclasses
import json
import random
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import SEEDS, assert_accounted, read_jsonl, tree_bytes
from textclean import cli
from textclean.config import Config, ConfigError, DedupConfig
from textclean.dedup.corpus import CorpusDeduper
from textclean.engines.base import dedup_locally
from textclean.run import RunOptions, run_clean


@pytest.fixture(scope="module")
def ray_engine():
    pytest.importorskip("ray")
    from textclean.engines.ray import RayEngine

    engine = RayEngine(workers=2)
    yield engine
    engine.close()


def _words() -> list[str]:
    """A vocabulary taken from the seed articles (real English words, real frequencies)."""
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir()))
    return [w for w in text.split() if w.isalpha()]


def _article(rng: random.Random, vocab: list[str], paragraphs: int) -> str:
    paras = []
    for _ in range(paragraphs):
        sentences = []
        for _ in range(rng.randint(2, 5)):
            words = [rng.choice(vocab) for _ in range(rng.randint(8, 22))]
            sentences.append(" ".join(words).capitalize() + ".")
        paras.append(" ".join(sentences))
    return "\n\n".join(paras) + "\n"


def _near_dup_corpus(root: Path) -> dict[str, int]:
    """A .txt tree and a JSONL file full of near-duplicates; returns what was planted.

    * 60 distinct articles;
    * 25 of them copied once with a different footer or one changed sentence
      (Jaccard well above 0.8) into another folder or the JSONL file;
    * one article (``a/art005.txt``) copied 40 times with a different byline each
      time, so some band buckets exceed ``max_bucket`` (32) and go through the
      large-bucket path;
    * 12 articles with a third of their paragraphs rewritten (similar, but not
      duplicates: some become candidate pairs that verification rejects);
    * exact copies, an empty document and one that is only whitespace.
    """
    rng = random.Random(7)
    vocab = _words()
    base = [_article(rng, vocab, rng.randint(3, 7)) for _ in range(60)]
    (root / "a" / "b").mkdir(parents=True)
    for i, text in enumerate(base[:40]):
        (root / ("a" if i % 2 else "a/b") / f"art{i:03d}.txt").write_text(text, encoding="utf-8")
    rows = [{"id": f"j{i}", "text": t, "meta": {"n": i}} for i, t in enumerate(base[40:])]
    for k in range(25):
        src = base[(k * 7) % 60]
        if k % 2:
            copy = src + f"\nShare this article. Follow us for more, reader {k}.\n"
        else:
            paras = src.split("\n\n")
            paras[0] = paras[0].replace(".", f" and {vocab[k]} too.", 1)
            copy = "\n\n".join(paras)
        rows.append({"id": f"near{k}", "text": copy})
    for k in range(12):  # cousins: a third of the text rewritten, not duplicates
        paras = base[20 + k].split("\n\n")
        cut = max(1, len(paras) // 3)
        rows.append(
            {"id": f"cousin{k}", "text": _article(rng, vocab, cut) + "\n\n".join(paras[cut:])}
        )
    viral = base[5]
    for k in range(40):
        rows.append({"id": f"viral{k}", "text": f"By {vocab[k]} {vocab[k + 50]}\n\n{viral}"})
    rows.append({"id": "exact", "text": base[12]})
    rows.append({"id": "empty", "text": ""})
    rows.append({"id": "blank", "text": " \n\t\n"})
    rng.shuffle(rows)
    with (root / "feed.jsonl").open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return {"documents": 40 + len(rows)}


def _run(src: list[Path], out: Path, engine: object | None, config: Config | None = None) -> int:
    options = RunOptions(inputs=[str(p) for p in src], output=str(out), workers=2)
    result = run_clean(config or Config(), options, engine=engine)  # type: ignore[arg-type]
    return result.exit_code


def test_seeds_and_near_duplicates_byte_identical_to_local(
    ray_engine, tmp_path: Path, monkeypatch
) -> None:
    from textclean.engines import ray as ray_mod

    # Small windows, so the stages run as several windows (one on the cluster while
    # the next is read). A fresh run's workers also hash each kept document for dedup
    # there, so dedup neither hashes again (_hash_window) nor reads the texts back; the
    # candidate pairs still come from the band shuffle on the cluster.
    monkeypatch.setattr(ray_mod, "WINDOW_BATCHES_PER_CPU", 1)
    monkeypatch.setattr(ray_mod, "WINDOW_CHARS", 150_000)
    windows: list[str] = []
    for name in ("_run_window", "_hash_window"):
        real = getattr(ray_mod.RayEngine, name)
        monkeypatch.setattr(
            ray_mod.RayEngine,
            name,
            lambda s, a, b, name=name, real=real: windows.append(name) or real(s, a, b),
        )
    real_candidates = ray_mod._RayCorpusDeduper.candidates
    monkeypatch.setattr(
        ray_mod._RayCorpusDeduper,
        "candidates",
        lambda s, bands: windows.append("shuffle") or real_candidates(s, bands),
    )
    src = tmp_path / "src"
    planted = _near_dup_corpus(src)
    inputs = [SEEDS, src]
    assert _run(inputs, tmp_path / "local", None) == 0
    assert _run(inputs, tmp_path / "ray", ray_engine) == 0
    local, ray = tree_bytes(tmp_path / "local"), tree_bytes(tmp_path / "ray")
    assert sorted(local) == sorted(ray)
    for name in local:
        assert local[name] == ray[name], name
    # The comparison is worth something only if the run really found duplicates.
    s = assert_accounted(tmp_path / "ray")
    assert s["documents_in"] == planted["documents"] + 5
    assert s["rejected_by_reason"]["duplicate"] >= 25 + 40
    assert s["dedup"]["clusters"] >= 2
    rejects = read_jsonl(tmp_path / "ray" / ".textclean" / "rejects.jsonl")
    dup_of = {r["id"]: r.get("duplicate_of") for r in rejects if r["reason"] == "duplicate"}
    # The viral article's original is a .txt file read before the JSONL: all 40 copies go.
    viral_kept = {v for k, v in dup_of.items() if k.startswith("viral")}
    assert sum(1 for k in dup_of if k.startswith("viral")) == 40
    assert len(viral_kept) == 1 and viral_kept.pop().endswith("art005.txt")
    assert "exact" in dup_of
    assert windows.count("_run_window") >= 2 and windows.count("_hash_window") == 0
    assert windows.count("shuffle") == 1
    run = json.loads((tmp_path / "ray" / ".textclean" / "summary.json").read_text())["run"]
    assert run["engine"] == "ray" and run["workers"] == 2


def test_cli_engine_ray_matches_local(ray_engine, tmp_path: Path, capsys) -> None:
    # The CLI creates its own RayEngine; it joins the running instance and leaves it up.
    out_ray, out_local = tmp_path / "ray", tmp_path / "local"
    args = ["clean", str(SEEDS), "--quiet", "--workers", "2", "--despin", "repair"]
    assert cli.main([*args, "-o", str(out_ray), "--engine", "ray"]) == 0
    assert cli.main([*args, "-o", str(out_local), "--engine", "local"]) == 0
    assert tree_bytes(out_ray) == tree_bytes(out_local)
    assert len(list(out_ray.glob("*.txt"))) == 5
    import ray

    assert ray.is_initialized()


@pytest.mark.parametrize(
    ("keep", "spill"), [("first", False), ("longest", True), ("lowest_id", False)]
)
def test_dedup_result_identical_including_counters(
    ray_engine, tmp_path: Path, keep: str, spill: bool
) -> None:
    src = tmp_path / "src"
    _near_dup_corpus(src)
    items = [(r["id"], r["text"]) for r in read_jsonl(src / "feed.jsonl")]
    config = DedupConfig(keep=keep, spill_dir=str(tmp_path) if spill else "")
    local = dedup_locally(config, CorpusDeduper, items)
    ray = ray_engine.dedup(config, CorpusDeduper, iter(items))
    assert type(ray) is type(local)
    assert dataclasses.asdict(ray) == dataclasses.asdict(local)
    assert list(ray.duplicates) == list(local.duplicates)  # same order too
    assert len(local.duplicates) >= 39 and local.candidate_pairs > local.verified_pairs > 0


def test_dedup_with_persistent_index_identical(ray_engine, tmp_path: Path) -> None:
    src = tmp_path / "src"
    _near_dup_corpus(src)
    items = [(r["id"], r["text"]) for r in read_jsonl(src / "feed.jsonl")]
    first, second = items[: len(items) // 2], items[len(items) // 2 :]
    results = []
    for name, run_dedup in (
        ("local", lambda c, it: dedup_locally(c, CorpusDeduper, it)),
        ("ray", lambda c, it: ray_engine.dedup(c, CorpusDeduper, iter(it))),
    ):
        config = DedupConfig(index=str(tmp_path / f"{name}.idx"))
        run_dedup(config, first)
        results.append(dataclasses.asdict(run_dedup(config, second)))
    assert results[0] == results[1]
    assert results[0]["index_matches"] > 0


def test_band_shuffle_gives_the_local_candidates(ray_engine) -> None:
    from textclean.engines.ray import _RayCorpusDeduper

    rng = np.random.default_rng(3)
    # 500 documents, 16 bands, hashes from small alphabets: many buckets, some large.
    alphabet = np.array([10] * 4 + [60] * 12)  # 10 values: buckets of ~50 > max_bucket
    bands = rng.integers(0, alphabet, size=(500, 16)).astype(np.uint64)
    bands *= np.uint64(0x9E3779B97F4A7C15)
    local = CorpusDeduper(DedupConfig()).candidates(bands)
    for parts in (1, 3):
        shuffled = _RayCorpusDeduper(DedupConfig(), ray=ray_engine._ray, partitions=parts)
        pairs, buckets = shuffled.candidates(bands)
        assert np.array_equal(pairs, local[0])
        assert len(buckets) == len(local[1]) > 0
        assert all(np.array_equal(a, b) for a, b in zip(buckets, local[1], strict=True))


def test_missing_ray_is_exit_2_with_install_hint(monkeypatch, tmp_path: Path, capsys) -> None:
    # A None entry in sys.modules makes `import ray` raise ImportError, as when not installed.
    monkeypatch.setitem(sys.modules, "ray", None)
    monkeypatch.setitem(sys.modules, "ray.data", None)
    from textclean.engines import get_engine

    with pytest.raises(ConfigError, match=r"pip install 'textclean\[ray\]'"):
        get_engine("ray", 2)
    code = cli.main(["clean", str(SEEDS), "-o", str(tmp_path / "out"), "--engine", "ray"])
    assert code == 2
    err = capsys.readouterr().err
    assert "--engine ray needs Ray" in err and "pip install 'textclean[ray]'" in err
    assert not list((tmp_path / "out").glob("*.txt"))


def test_ray_address_needs_engine_ray(tmp_path: Path, capsys) -> None:
    code = cli.main(["clean", str(SEEDS), "-o", str(tmp_path / "o"), "--ray-address", "x:1"])
    assert code == 2
    assert "--ray-address needs --engine ray" in capsys.readouterr().err


def test_unreachable_cluster_address_is_a_usage_error() -> None:
    import socket

    from textclean.engines.ray import _check_reachable

    with socket.socket() as s:  # a port nobody listens on once closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ConfigError, match=f"cannot reach the Ray cluster at 127.0.0.1:{port}"):
        _check_reachable(f"127.0.0.1:{port}")
    _check_reachable("auto")  # other address forms are Ray's to resolve
