"""Incremental learning from the real despin set (``bench/despin/real``): the derived
tables keep the rows of pairs whose texts are absent, re-derive those of present
pairs, and never learn from a batch ``blind_batches.md`` marks blind.

Every text here is written for these tests."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from bench.despin.real import learn, learn_markers, mappings, outcomes
from bench.despin.real.check import (
    BLIND,
    COLUMNS,
    LEARNED,
    SourcesError,
    blind_ids,
    load_set,
    read_batches,
    read_sources,
)
from textclean.config import Config
from textclean.rules import RulePack
from textclean.stages.despin import build

ROOT = Path(__file__).resolve().parents[1]

TEXTS = {
    "new_pair": (
        "The bridge will finally open in the spring, the council said.\n",
        "The bridge will lastly open within the spring, the council stated.\n",
    ),
    "blind_pair": (
        "Forecasters said the rain would stop by noon.\n",
        "Forecasters mentioned the rain would cease by midday.\n",
    ),
}
#: rows recorded for a pair whose texts are absent (made up: no text holds them)
OLD_MAPPINGS = "quux\tfoo\tswap\t3\told_pair\td\nzap\t\tinsert\t1\told_pair\td\n"
OLD_OUTCOMES = "quux\tfoo\t3\treal:old_pair\t^\n"


def _row(id_: str, kind: str, file: str, sha: str, family: str = "d") -> str:
    cells = [id_, kind, file, "<https://x.example/p>", "x.example", family, "science", "all", sha]
    return "| " + " | ".join([*cells, "10"]) + " |\n"


def _batches(status: str) -> str:
    return (
        "# Blind batches\n\nProse.\n\n## Batch 1\n\n"
        + (f"Status: {status} (written for a test)\n\n" if status else "")
        + "### Ids\n\n- `blind_pair` (family d)\n\n### Notes\n\n- `new_pair`: not an id\n"
    )


@pytest.fixture
def realset(tmp_path: Path) -> dict[str, Path]:
    """A SOURCES.md listing three pairs (``old_pair`` without texts), the texts of the
    other two, and the tables recorded before (``new_pair`` with a stale row)."""
    texts = tmp_path / "texts"
    texts.mkdir()
    rows = [_row("old_pair", "pair-orig", "old_pair.orig.txt", "0" * 64)]
    rows.append(_row("old_pair", "pair-spun", "old_pair.spun.txt", "1" * 64))
    for id_, (orig, spun) in TEXTS.items():
        for kind, text in (("orig", orig), ("spun", spun)):
            (texts / f"{id_}.{kind}.txt").write_text(text, encoding="utf-8")
            sha = hashlib.sha256(text.encode()).hexdigest()
            rows.append(_row(id_, f"pair-{kind}", f"{id_}.{kind}.txt", sha))
    sources = tmp_path / "SOURCES.md"
    sources.write_text(
        "# Sources\n\n| "
        + " | ".join(COLUMNS)
        + " |\n|"
        + "---|" * len(COLUMNS)
        + "\n"
        + "".join(rows),
        encoding="utf-8",
    )
    recorded = tmp_path / "mappings.tsv"
    recorded.write_text(
        mappings.HEADER + "stale\trow\tswap\t9\tnew_pair\td\n" + OLD_MAPPINGS, encoding="utf-8"
    )
    rec_out = tmp_path / "outcomes.tsv"
    rec_out.write_text(
        outcomes.HEADER + "stale\trow\t9\treal:new_pair\t^\n" + OLD_OUTCOMES, encoding="utf-8"
    )
    batches = tmp_path / "blind_batches.md"
    batches.write_text(_batches(BLIND), encoding="utf-8")
    empty = tmp_path / "no_texts"
    empty.mkdir()
    return {
        "texts": texts,
        "sources": sources,
        "mappings": recorded,
        "outcomes": rec_out,
        "batches": batches,
        "empty": empty,
    }


def _mappings(p: dict[str, Path], texts: str = "texts") -> str:
    with pytest.warns(UserWarning):  # old_pair's texts are absent
        return mappings.render(
            texts=p[texts], sources=p["sources"], recorded=p["mappings"], batches=p["batches"]
        )


def _pair_rows(table: str, pair: str, column: int) -> list[str]:
    return [ln for ln in table.splitlines() if ln.split("\t")[column : column + 1] == [pair]]


def test_mappings_keep_absent_pairs_rederive_present_ones_and_skip_blind_ones(
    realset: dict[str, Path],
) -> None:
    table = _mappings(realset)
    assert table.startswith(mappings.HEADER)
    assert table.endswith(OLD_MAPPINGS)  # old_pair (texts absent) kept as recorded
    assert "stale\trow" not in table  # new_pair re-derived from its texts
    assert "lastly\tfinally\tswap\t1\tnew_pair\td" in table
    assert "stated\tsaid\tswap\t1\tnew_pair\td" in table
    assert _pair_rows(table, "blind_pair", 4) == []  # present, but its batch is blind

    realset["batches"].write_text(_batches(LEARNED), encoding="utf-8")
    learned = _mappings(realset)
    assert "mentioned\tsaid\tswap\t1\tblind_pair\td" in learned
    assert learned.endswith(OLD_MAPPINGS)


def test_a_batch_without_a_status_line_is_blind(realset: dict[str, Path]) -> None:
    realset["batches"].write_text(_batches(""), encoding="utf-8")
    assert blind_ids(realset["batches"]) == {"blind_pair"}
    assert _pair_rows(_mappings(realset), "blind_pair", 4) == []


def test_mappings_without_texts_rewrite_the_table_unchanged(realset: dict[str, Path]) -> None:
    realset["mappings"].write_text(_mappings(realset), encoding="utf-8")
    before = realset["mappings"].read_text(encoding="utf-8")
    assert _mappings(realset, "empty") == before
    assert _mappings(realset) == before  # and with them: already current


def test_outcomes_keep_absent_pairs_rederive_present_ones_and_skip_blind_ones(
    realset: dict[str, Path],
) -> None:
    stage = build(Config(), RulePack.load())
    kw = {
        "sources": realset["sources"],
        "recorded": realset["outcomes"],
        "batches": realset["batches"],
        "stage": stage,
    }
    with pytest.warns(UserWarning):
        table = outcomes.render(texts=realset["texts"], **kw)
    assert table.endswith(OLD_OUTCOMES)
    assert "stale\trow" not in table
    assert "lastly\tfinally\t1\treal:new_pair\twill" in table
    assert "real:blind_pair" not in table
    realset["outcomes"].write_text(table, encoding="utf-8")
    with pytest.warns(UserWarning):
        assert outcomes.render(texts=realset["empty"], **kw) == table

    realset["batches"].write_text(_batches(LEARNED), encoding="utf-8")
    with pytest.warns(UserWarning):
        learned = outcomes.render(texts=realset["texts"], **kw)
    assert "\treal:blind_pair\t" in learned
    assert learned.endswith(OLD_OUTCOMES)


def test_learning_from_mappings_leaves_blind_pairs_out(realset: dict[str, Path]) -> None:
    realset["mappings"].write_text(
        mappings.HEADER
        + "frobnicated moieties\tgreen apples\tswap\t1\tblind_pair\td\n"
        + "frobnicated moieties\tgreen apples\tswap\t1\told_pair\td\n",
        encoding="utf-8",
    )
    swaps = learn.learnable_swaps(realset["mappings"], realset["batches"])
    assert [s.pair for s in swaps] == ["old_pair"]
    article = {"blind_pair": "a", "old_pair": "b"}
    [marker] = learn_markers.learn(swaps, article)
    assert marker[-1] == "real:old_pair" and marker[2] == 0.0  # one article: repair-only
    realset["batches"].write_text(_batches(LEARNED), encoding="utf-8")
    swaps = learn.learnable_swaps(realset["mappings"], realset["batches"])
    [marker] = learn_markers.learn(swaps, article)
    assert marker[-1] == "real:blind_pair|real:old_pair" and marker[2] == 0.5


def test_an_unknown_batch_status_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.md"
    path.write_text(_batches("pending"), encoding="utf-8")
    with pytest.raises(SourcesError, match="unknown status 'pending'"):
        read_batches(path)
    assert read_batches(tmp_path / "absent.md") == []


def test_the_committed_batches_have_a_status_and_nothing_learned_from_a_blind_one() -> None:
    batches = read_batches()
    text = (ROOT / "bench" / "despin" / "real" / "blind_batches.md").read_text(encoding="utf-8")
    assert batches and text.count("\nStatus: ") == len(batches)
    listed = {r.id for r in read_sources()}
    for b in batches:
        assert b.ids and set(b.ids) <= listed, b.name
    blind = blind_ids()
    tables = [
        ROOT / "bench" / "despin" / "real" / "mappings.tsv",
        ROOT / "rules" / "spin" / "reverse" / "real_pairs.tsv",
        ROOT / "rules" / "spin" / "outcomes.tsv",
        ROOT / "rules" / "spin" / "markers_learned.tsv",
    ]
    for path in tables:
        body = path.read_text(encoding="utf-8")
        for id_ in blind:
            pattern = rf"(?:real:|\t){re.escape(id_)}(?![\w-])"
            assert not re.search(pattern, body), (path.name, id_)


def test_load_set_reads_the_given_folders(realset: dict[str, Path]) -> None:
    with pytest.warns(UserWarning):
        real = load_set(realset["texts"], realset["sources"])
    assert sorted(p.id for p in real.pairs) == ["blind_pair", "new_pair"]


def test_a_learned_marker_left_with_one_article_weighs_nothing_when_scored() -> None:
    """measure.py --real: "organic frameworks" weighs 0.5 only because a pair of its own
    original teaches it beside two sister spins of another: scored without it, the
    marker is repair-only, as learn_markers.py would make it (articles, not pairs)."""
    from bench.despin import measure

    tables = measure.load_tables(RulePack.load())
    [m] = [m for m in tables.markers if m.id == "spin.marker.real.organic_frameworks"]
    assert m.weight == 0.5 and len(m.sources) == 3
    scored = "science_biomaterials_wiki_euroscicon"
    [left] = [x for x in measure.learned_without(tables, [scored]).markers if x.id == m.id]
    assert left.weight == 0.0 and f"real:{scored}" not in left.sources
    # the stage's own leave-out counts pairs: two left, so it would keep the weight
    [naive] = [x for x in tables.without_source(f"real:{scored}").markers if x.id == m.id]
    assert naive.weight == 0.5


def test_measure_real_reports_each_batch_by_family_with_its_unpaired_and_clean_texts() -> None:
    from bench.despin import measure
    from bench.despin.real.check import Batch

    def pair(name: str, spun: bool, after: float, edits: int, right: int) -> measure.PairResult:
        return measure.PairResult(name, 100, 50.0, spun, 0.4, after, edits, right, 0, [])

    r = measure.RealResult(
        pairs=[
            ("a", "news", pair("p1", True, 0.2, 10, 9)),
            ("a", "news", pair("p2", True, 0.3, 5, 4)),
            ("d", "science", pair("p3", False, 0.4, 0, 0)),
            ("a", "news", pair("other", True, 0.0, 40, 40)),
        ],
        spun=[
            ("u1", "a", "news", 60.0, True, 30.0, 5, 9, 200),
            ("u2", "c", "news", 5.0, False, 1.0, 1, 1, 80),
        ],
        clean=[("k1", "site", 120, 3.0, False, 0), ("k2", "site", 90, 30.0, True, 2)],
        skipped=[],
    )
    batches = [
        Batch("Batch 7", BLIND, ("p1", "p2", "p3", "u1", "u2", "k1", "k2")),
        Batch("Batch 8", LEARNED, ("absent",)),
    ]
    out = measure.report_real(r, show_edits=False, batches=batches)
    # WER 0.4 -> 0.3 over the three pairs (words weigh equally): a 25% cut, 13 of 15 right
    assert "| batch 7 (blind) | 3 | 300 | 2/3 | 0.400 | 0.300 | 25.0% | 15 | 86.7% |" in out
    assert "| batch 7 family a | 2 | 200 | 2/2 | 0.400 | 0.250 | 37.5% | 15 | 86.7% |" in out
    assert "| batch 7 family d | 1 | 100 | 0/1 | 0.400 | 0.400 | 0.0% | 0 | — |" in out
    assert (
        "batch 7: unpaired spun flagged 1/2 (a 1/1, c 0/1); clean flagged 1/2, words changed 2"
        in out
    )
    assert "batch 8" not in out  # nothing of it present


def test_pairs_tied_in_same_article_share_one_key_and_are_left_out_together(
    realset: dict[str, Path],
) -> None:
    from bench.despin.measure import same_original
    from bench.despin.real.check import article_keys

    untied = article_keys(realset["sources"], realset["sources"].parent / "absent.tsv")
    assert len(set(untied.values())) == 3  # three originals, three articles
    same = realset["sources"].parent / "same_article.tsv"
    same.write_text("# a comment\nblind_pair\tnew_pair\n", encoding="utf-8")
    keys = article_keys(realset["sources"], same)
    assert keys["blind_pair"] == keys["new_pair"] != keys["old_pair"]
    pairs = load_set(realset["texts"], realset["sources"]).pairs
    groups = same_original(pairs, keys)
    assert sorted(groups["new_pair"]) == sorted(groups["blind_pair"]) == ["blind_pair", "new_pair"]
    same.write_text("blind_pair\tno_such_pair\n", encoding="utf-8")
    with pytest.raises(SourcesError, match="not two pair ids"):
        article_keys(realset["sources"], same)
    same.write_text("blind_pair\tnew_pair\nnew_pair\told_pair\n", encoding="utf-8")
    with pytest.raises(SourcesError, match="new_pair is tied itself"):
        article_keys(realset["sources"], same)
