"""despin's fast scorer gives the full analysis's scores, byte for byte, or defers to it."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.despin_texts import SPUN
from textclean.config import Config
from textclean.document import Document
from textclean.stages.despin import DespinStage, build
from textclean.stages.despin import markers as mk
from textclean.stages.despin.fastscore import MARK, FastScorer, word_buffer
from textclean.stages.despin.match import scan

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def _stage() -> DespinStage:
    return build(Config(), None)


def _same(text: str) -> None:
    """The fast scorer returns the full analysis's scores, or None; never a flagged
    document's."""
    stage = _stage()
    full = stage.analyse(text)
    fast = stage.fast_scores(text)
    if fast is None:
        return
    assert not full.spun
    assert json.dumps(fast) == json.dumps(full.scores())


def _corpus() -> list[Path]:
    files = [
        *sorted((ROOT / "seeds").glob("*.txt")),
        *sorted((ROOT / "tests" / "data").rglob("*.txt")),
        *sorted((ROOT / "bench" / "despin").rglob("*.txt")),
    ]
    return [p for p in files if p.is_file() and "real" not in p.relative_to(ROOT).parts]


def test_corpora_score_alike() -> None:
    """Every text of the seeds, the test data and the despin bench (pairs, spun and
    original, clean texts, development pairs): same scores, flagged ones deferred."""
    files = _corpus()
    assert len(files) > 60
    deferred = 0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        _same(text)
        deferred += _stage().fast_scores(text) is None
    assert deferred < len(files)  # the fast path is taken


def test_prose_sample_scores_alike() -> None:
    for line in (ROOT / "tests" / "data" / "prose_sample.jsonl").read_text("utf-8").splitlines():
        _same(json.loads(line)["text"])


def test_spun_text_is_left_to_the_full_analysis() -> None:
    assert _stage().analyse(SPUN).spun
    assert _stage().fast_scores(SPUN) is None
    doc = _stage()(Document("d", SPUN))
    assert doc.scores["spun"] is True and doc.edits


def test_stage_scores_unchanged_by_the_fast_path() -> None:
    text = (
        "The new version of the package provides each user with different options. "
        "Support for the data types was added in 2.4; the value is three.9 percent."
    )
    stage = _stage()
    assert stage.fast_scores(text) is not None
    doc = stage(Document("d", text))
    assert json.dumps(doc.scores) == json.dumps(stage.analyse(text).scores())


@pytest.mark.parametrize(
    "text",
    [
        "Greater than a yr, real-estate’s U.S. market -- re-use a..b 'quoted' end.",
        "can  be\tcan\u00a0be can\n be",
        "İstanbul ΣΟΦΙΑ café Ünited",
        "three.9 Three.12 twelve.5x",
        "\ud800 lone surrogate",
        "",
        "...",
        "a",
        "x\x01y mid\u2028line ’s",
    ],
)
def test_word_buffer_tokens_and_gaps(text: str) -> None:
    """The buffer's tokens and joined gaps are those of :func:`scan`."""
    buf = word_buffer(text)
    if buf is None:
        assert any(c in text for c in "İΣ\ud800")
        return
    words, gaps, n = buf
    keys, joined = scan(text)
    got = words.strip(" ").split(" ") if words.strip(" ") else []
    assert [w.encode("latin-1").decode("utf-8") for w in got] == keys
    assert n == len(keys)
    seps = [i for i, c in enumerate(words) if c == " "][:-1]
    assert [i > 0 and gaps[p] != MARK for i, p in enumerate(seps)] == joined
    _same(text)


_STAGE_WORDS = [
    "the",
    "a",
    "of",
    "can",
    "be",
    "will",
    "each",
    "version",
    "data",
    "use",
    "types",
    "packages",
    "is",
    "aware",
    "find",
    "out",
    "how",
    "to",
    "greater",
    "than",
    "yr",
    "making",
    "an",
    "attempt",
    "historical",
    "past",
    "in",
    "addition",
    "they",
    "stated",
    "nonetheless",
    "assist",
    "Tremendous",
    "Bowl",
    "Super",
    "three.9",
    "U.S",
    "1000's",
    "most",
    "cancers",
    "the",
    "identical",
    "time",
    "period",
    "second",
    "brand",
    "new",
    "actual",
    "property",
    "traders",
    "café",
    "Über",
    "re-use",
    "don’t",
    "x",
    "42",
]
_GAPS = [
    " ",
    " ",
    " ",
    "  ",
    "\t",
    "\u00a0",
    ", ",
    ". ",
    "\n",
    " - ",
    "-",
    "’",
    "'",
    ".",
    " “",
    "” ",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_STAGE_WORDS), st.sampled_from(_GAPS)), max_size=60))
def test_generated_texts_score_alike(parts: list[tuple[str, str]]) -> None:
    """Table words, phrases, fingerprints, names and decimals with every kind of gap."""
    _same("".join(w + g for w, g in parts))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_any_text_scores_alike(text: str) -> None:
    _same(text)


def test_scorer_follows_the_tables() -> None:
    """The automaton is built from the stage's tables: a stage without the general
    entries scores with what is left."""
    from textclean.stages.despin import build_from_tables

    stage = _stage()
    other = build_from_tables(stage.config, stage.tables.without_source("general"))
    assert len(other.match_entries) < len(stage.match_entries)
    scorer = FastScorer(other)
    for text in (
        "The new version of each package provides different options and data.",
        SPUN,
        (ROOT / "seeds")
        .joinpath(sorted(p.name for p in (ROOT / "seeds").glob("000_*"))[0])
        .read_text("utf-8"),
    ):
        got = scorer.scores(text)
        assert got is None or json.dumps(got) == json.dumps(other.analyse(text).scores())


@pytest.mark.parametrize(
    "settings_",
    [
        {"threshold": 5.0, "min_distinct": 2, "density_min_evidence": 0.0},
        {"evidence_threshold": 0.0},
        {"evidence_threshold": 3.0, "evidence_min_distinct": 1},
        {"max_hits_per_entry": 1, "breadth_weight": 2.5, "score_min_words": 10},
        {"evidence_margin": 0.5, "evidence_clip": 1.0, "rarer_margin": 0.2},
    ],
)
def test_other_settings_score_alike(settings_: dict[str, float]) -> None:
    """The fast scorer reads the stage's settings: other thresholds, caps and margins
    give the full analysis's scores too (or leave the document to it)."""
    import dataclasses

    from textclean.stages.despin import build_from_tables

    base = _stage()
    stage = build_from_tables(dataclasses.replace(base.config, **settings_), base.tables)
    texts = [p.read_text("utf-8") for p in _corpus()[:40]]
    assert any(stage.fast_scores(t) is not None for t in texts)
    for text in texts:
        fast = stage.fast_scores(text)
        full = stage.analyse(text)
        assert fast is None or (not full.spun and json.dumps(fast) == json.dumps(full.scores()))


def test_a_marker_that_does_not_flag_leaves_the_fast_scores() -> None:
    # a medium marker ("is that the" before a definitional noun) with no evidence beside
    # it, in a text of at least short_markers_words words (a shorter one it flags weakly,
    # see tests/test_despin_markers.py): found, but it does not flag the text, so the
    # fast scores are its scores
    stage = _stage()
    filler = " ".join(
        ["Rivers carry sand down to the sea, and the tide lays it on the shore."] * 22
    )
    text = "Geomorphology is that the study of landforms, and rivers shape most of them. " + filler
    assert len(stage.analyse(text).keys) >= stage.config.short_markers_words
    full = stage.analyse(text)
    assert full.markers and not full.spun
    assert mk.may_flag(text, stage.marker_index)
    fast = stage.fast_scores(text)
    assert fast is not None and json.dumps(fast) == json.dumps(full.scores())


# ------------------------------------------------ the markers screened in the automaton


def _bound(stage: DespinStage, text: str) -> float | None:
    """The automaton's bound on the markers' weight in ``text`` (None: it cannot say,
    or the scores flag the text and the full analysis decides)."""
    if not stage._fast:
        stage.fast_scores("")
    found = stage._fast[0].screened(text)
    return None if found is None else found[1]


def _best_found(stage: DespinStage, text: str) -> float:
    hits = mk.find(text, stage.marker_index)  # type: ignore[arg-type]
    return max(mk.family_scores(hits).values(), default=0.0)


def _bounds_cover_find(
    stage: DespinStage,
    texts: list[str],
    bound_of: Callable[[DespinStage, str], float | None],
) -> tuple[int, int]:
    """Check that ``bound_of`` bounds the weight ``markers.find``'s markers give each of
    ``texts`` it can say something of; ``(texts it bounds, texts find finds a marker
    in)``."""
    screened = found = 0
    for text in texts:
        bound = bound_of(stage, text)
        if bound is None:
            continue
        screened += 1
        best = _best_found(stage, text)
        found += best > 0
        assert bound + 1e-9 >= best, text
    return screened, found


def test_folds_to_ascii_lists_every_character_that_matches_ascii_otherwise() -> None:
    """Every character outside ASCII that ``regex``'s IGNORECASE matches to an ASCII
    letter or digit lowers to it, but those of ``FOLDS_TO_ASCII`` (asked of every code
    point)."""
    import regex

    from textclean.stages.despin.fastscore import FOLDS_TO_ASCII

    every = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000)
    odd = set()
    for a in "abcdefghijklmnopqrstuvwxyz0123456789":
        for c in regex.findall(regex.escape(a), every, regex.IGNORECASE):
            if c.lower() != a:
                odd.add(c)
    assert odd == set(FOLDS_TO_ASCII)


def test_marker_keys_cover_every_marker_find_finds() -> None:
    """The automaton's bound is at least what the markers ``find`` finds weigh, on every
    text of the corpora and on the weighing phrases in every frame: capitals, tabs,
    full stops, marks, long s, hyphens, apostrophes and underscores at their edges."""
    stage = _stage()
    index = stage.marker_index
    assert index is not None
    texts = [p.read_text("utf-8", errors="surrogateescape") for p in _corpus()]
    weighing = sorted({m.spun for m in stage.tables.markers if m.weight > 0})
    frames = [
        "{}",
        "Cells {} small.",
        "x.{}.y and {}.5",
        "3.{} z",
        "e\u0301{} a{}\u0301",
        "(“{}”)\t— ok",
        "ÉTÉ: {} café",
        "_{}_ -{}- '{}' ’{}’",
        "they {} apple; they {} an apple.",
    ]
    for spun in weighing:
        for form in (
            spun,
            spun.upper(),
            spun.title(),
            spun.replace(" ", " \t "),
            spun.replace("s", "ſ"),
        ):
            texts.extend(frame.replace("{}", form) for frame in frames)
    screened, found = _bounds_cover_find(stage, texts, _bound)
    assert screened > len(texts) // 2
    assert found > len(weighing)  # most phrases are found in some frame


def _prev_bound(stage: DespinStage, text: str) -> float | None:
    """The automaton's bound with the listed previous words (None: it cannot say)."""
    if not stage._fast:
        stage.fast_scores("")
    found = stage._fast[0].screened(text)
    return None if found is None else found[2]


def test_prev_keys_lists_only_words_the_buffer_can_tell() -> None:
    from textclean.stages.despin.fastscore import prev_keys

    assert prev_keys("react|mixed") == ("react", "mixed")
    assert prev_keys("it's|co-react|x2") == ("it's", "co-react", "x2")
    for cond in ("*", "word", "vowel", "!det", "subj", "!react", "react&word", "caf\u00e9"):
        assert prev_keys(cond) is None, cond
    for cond in ("react-", "-react", "re--act", "u.s", "React"):
        assert prev_keys(cond) is None, cond


def test_the_automaton_bound_with_the_previous_word_covers_find() -> None:
    """The automaton's bound that asks a marker whose ``prev`` (``next``) lists words
    for one of them is never below what ``find``'s hits weigh: across punctuation,
    tabs, capitals, full stops, hyphens, apostrophes and a previous word longer than
    ``find``'s window; and it is 0 where the phrase stands after another word."""
    stage = _stage()
    index = stage.marker_index
    assert index is not None
    listed = [m for m in stage.tables.markers if m.weight > 0 and mk._prev_words(m.prev)]
    assert listed
    frames = ["{}", "Cells {} small.", "(“{}”) — ok", "ÉTÉ:\t{}\tÉTÉ", "x.{},y", "3.{}"]
    texts = [p.read_text("utf-8", errors="surrogateescape") for p in _corpus()]
    for m in listed:
        words = mk._prev_words(m.prev)
        for prev in (
            words[0],
            words[-1],
            words[0].upper(),
            words[-1].title(),
            f"co-{words[-1]}",
            f"x.{words[0]}",
            f"it's{words[0]}",
            "q" * 70 + words[0],
            f"{words[0]}-",
            f"{words[0]}'",
        ):
            for gap in (" ", " \t ", "\t", ", ", ". ", "\u00a0"):
                for frame in frames:
                    texts.append(frame.format(prev + gap + m.spun + " apple"))
                    texts.append(frame.format(prev + gap + m.spun.upper() + "."))
    screened, found = _bounds_cover_find(stage, texts, _prev_bound)
    for text in texts:  # and it is the tighter bound
        bound = _prev_bound(stage, text)
        assert bound is None or bound <= _bound(stage, text) + 1e-9  # type: ignore[operator]
    assert screened > len(texts) // 2
    assert found > len(listed)
    # the next word a marker lists, in every frame
    nexts = [m for m in stage.tables.markers if m.weight > 0 and mk._prev_words(m.next)]
    assert nexts  # "successful" before "the", "a", ...
    texts = []
    for m in nexts:
        words = mk._prev_words(m.next)
        for nxt in (
            words[0],
            words[-1].upper(),
            f"{words[0]}-x",
            f"{words[0]}.x",
            f"{words[0]}'s",
            f"x-{words[0]}",
            f"{words[0]}x",
        ):
            for gap in (" ", " \t ", "\t", ", ", ". ", "\u00a0", "-"):
                for frame in frames:
                    texts.append(frame.format("Cells " + m.spun + gap + nxt + " apple"))
                    texts.append(frame.format(m.spun.title() + gap + nxt))
    screened, found = _bounds_cover_find(stage, texts, _prev_bound)
    assert screened > len(texts) // 2
    assert found > len(nexts)
    spun = listed[0].spun
    assert _bound(stage, f"Cells, {spun} water.")
    assert _prev_bound(stage, f"Cells, {spun} water.") == 0.0
    assert _prev_bound(stage, f"Cells {mk._prev_words(listed[0].prev)[0]} {spun} water.")


def test_texts_the_buffer_cannot_screen_use_the_old_screen() -> None:
    stage = _stage()
    index = stage.marker_index
    assert index is not None
    ar = mk.screen_weight("Cells ar small.", index)
    assert ar > 0
    assert _bound(stage, "Cells ar small.") == ar
    assert _bound(stage, "Cells are small.") == 0.0
    assert _bound(stage, "Cells ar small; e\u0301.") is None  # a mark
    assert _bound(stage, "Cells ar \u017fmall.") is None  # the long s
    # a phrase glued to tokens by full stops, where find finds it too
    for text in ("x.supermolecule y", "the x.supermolecule.y", "x.counterfeit consciousness"):
        assert mk.find(text, index)
        assert _bound(stage, text) == mk.screen_weight(text, index) > 0


# ------------------------------------------------ the compiled walk


def _scorer(compiled: bool) -> FastScorer:
    scorer = FastScorer(_stage())
    if compiled:
        if scorer.dense(10**9) is None:
            pytest.skip("no numba")
    else:
        scorer._dense = False
    return scorer


@pytest.mark.parametrize("near", [1, 2, 7, 40, 300, 65535])
def test_the_narrowed_table_finds_what_pyahocorasick_finds(near: int) -> None:
    """The walk over :class:`~textclean.stages.despin._walk.Dense`'s narrowed table,
    with only ``near`` states in narrow rows (so most transitions go through the side
    list or the deep rows), finds every key occurrence pyahocorasick finds, and the
    renumbering keeps the states' outputs."""
    import ahocorasick
    import numpy as np

    from textclean.stages.despin import _walk
    from textclean.stages.despin.fastscore import _CLASSES, _edges

    if _walk.compiled() is None:
        pytest.skip("no numba")
    keys = [" a ", " an ", " ant ", " and so ", " so ", ".so ", " b.", " x y z ", " y "]
    keys += [f" w{i} w{i + 1} " for i in range(0, 60, 3)]
    dense = _walk.Dense([k.encode() for k in keys], near=near)
    assert dense.delta.dtype == np.uint16
    assert dense.delta.shape[0] == min(near, len(dense.out_start) - 1)
    automaton = ahocorasick.Automaton()
    for k, key in enumerate(keys):
        automaton.add_word(key, (len(key), k))
    automaton.make_automaton()
    texts = [
        "An ant and so a b.c so x y z y",
        " ".join(f"w{i}" for i in range(70)),
        "and so so so a an ant x.so y",
        "",
    ]
    for text in texts:
        low = b" " + text.lower().encode() + b" "
        buffer, n, ends, ids = dense.run(low, _CLASSES)
        words = _edges(buffer, n)[0]
        want = sorted((end, k) for end, (_len, k) in automaton.iter(words))
        assert sorted(zip(ends, ids, strict=True)) == want, text
    assert dense.side_keys.size or near >= len(dense.out_start) - 1


def test_the_contexts_cache_answers_as_a_dictionary() -> None:
    """The compiled evidence cache gives a remembered context's value and only its
    own, whatever the probing (a table of 16 slots, 8 entries and a 64-byte arena, so
    contexts collide, the table fills up and is emptied); a context just stored is
    found; contexts differing in one byte, in their key or in their length are told
    apart; a context longer than the arena is not stored."""
    import random

    import numpy as np

    from textclean.stages.despin import _walk

    if _walk.compiled_contexts() is None:
        pytest.skip("no numba")
    rng = random.Random(7)
    cache = _walk.Contexts(entries=8, arena=64)
    assert cache.slots.shape == (16, 2)

    def value(kid: int, ctx: bytes) -> float:
        return kid * 1000.0 + len(ctx) + sum(ctx) / 997

    hits = misses = 0
    for _ in range(400):
        words = [rng.choice(["a", "bb", "a\x01b", "ab", "ba", "q" * 70]) for _ in range(6)]
        buf = np.frombuffer((" " + " ".join(words) + " ").encode(), dtype=np.uint8)
        seps = [i for i, c in enumerate(buf.tolist()) if c == 32]
        rows = []
        for _k in range(3):
            i = rng.randrange(len(seps) - 1)
            j = rng.randrange(i + 1, len(seps) + 1)
            right = seps[j] if j < len(seps) else -1
            rows.append([0, rng.choice([3, 4, 1 << 40]), 0, seps[i] + 1, right])
        found = np.array(rows, dtype=np.int64).T.copy()
        order = np.arange(len(rows), dtype=np.int64)
        got, known = cache.get(buf, found, order)
        for (_, kid, _, a, b), v, k in zip(rows, got.tolist(), known.tolist(), strict=True):
            ctx = bytes(buf[a : b if b >= 0 else len(buf) - 1])
            if k:
                hits += 1
                assert v == value(kid, ctx)
            else:
                misses += 1
                one = np.array([[0], [kid], [0], [a], [b]], dtype=np.int64)
                cache.put(buf, one, np.zeros(1, dtype=np.int64), np.array([value(kid, ctx)]))
                again, there = cache.get(buf, one, np.zeros(1, dtype=np.int64))
                assert bool(there[0]) == (len(ctx) <= 64)
                if there[0]:
                    assert again[0] == value(kid, ctx)
    assert hits > 30 and misses > 100


def test_the_compiled_walk_gives_the_python_buffer_and_hits() -> None:
    """Buffer, token count and every key occurrence (end offset and key) of the compiled
    walk are those of the numpy buffer and pyahocorasick, on every corpus text."""
    from textclean.stages.despin.fastscore import (
        _CLASSES,
        _edges,
        _numpy_buffer,
        _places,
        _source,
    )

    scorer = _scorer(compiled=True)
    dense = scorer.dense(10**9)
    texts = [p.read_text("utf-8", errors="surrogateescape") for p in _corpus()]
    texts += ["", "a", "...", "x\x00y_z", "a.b.c -- 'q' e\u0301", "three.9 U.S. re-use"]
    walked = 0
    for text in texts:
        source = _source(text)
        if source is None:
            continue
        low = b" " + source[0].lower() + b" "
        buffer, n, ends, ids = dense.run(low, _CLASSES)
        got = _edges(buffer, n)
        assert got == _numpy_buffer(low)
        assert buffer.decode("latin-1") == got[1]  # its edge separators MARKs already
        words = got[0]
        want = sorted(
            (end, words[end - v[0] + 1 : end + 1]) for end, v in scorer.automaton.iter(words)
        )
        assert sorted((end, scorer.keys[k]) for end, k in zip(ends, ids, strict=True)) == want
        # the places of the words around each hit: those the Python path finds
        rows = dense.places(low, _CLASSES)[2]
        python = _places(words, list(scorer.automaton.iter(words)))
        assert sorted(map(tuple, rows.T.tolist())) == sorted(map(tuple, python.T.tolist()))
        walked += bool(want)
    assert walked > 60


@pytest.mark.parametrize("compiled", [True, False])
def test_fast_path_decides_as_the_full_analysis(compiled: bool) -> None:
    """Both walks: every corpus text the fast path scores has the full analysis's scores
    and is not flagged by it; the texts it leaves to the full analysis include every
    flagged one."""
    stage = _stage()
    scorer = _scorer(compiled)
    fast_path = stage._fast[:]
    stage._fast[:] = [scorer]
    try:
        for path in _corpus():
            text = path.read_text("utf-8", errors="surrogateescape")
            _same(text)
    finally:
        stage._fast[:] = fast_path


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.integers(1, 4), st.sampled_from(["t1", "t2", "t3"])),
        max_size=12,
    )
)
def test_phrase_choice_without_overlaps_keeps_them_all(
    found: list[tuple[int, int, str]],
) -> None:
    """``_chosen`` gives ``choose_phrases``'s choice, overlapping or not."""
    from textclean.stages.despin.fastscore import _chosen
    from textclean.stages.despin.match import choose_phrases
    from textclean.stages.despin.table import Entry

    phrases: dict[int, list[tuple[int, int, Entry]]] = {}
    for start, words, tier in sorted(found, key=lambda f: f[0] + f[1]):  # by end
        e = Entry(f"spin.x.{start}.{words}", tier, f"s{start} w{words}", "o", "general")
        phrases.setdefault(start * 2, []).append((words, (start + words) * 2, e))
    want = choose_phrases(
        {i: sorted(p, key=lambda x: x[0], reverse=True) for i, p in phrases.items()}
    )
    assert _chosen(phrases) == want


def test_a_failing_compiled_walk_leaves_the_python_path(monkeypatch: pytest.MonkeyPatch) -> None:
    from textclean.stages.despin import _walk

    def fail(keys: object) -> object:
        raise RuntimeError("no compiler")

    monkeypatch.setattr(_walk, "dense_of", fail)
    monkeypatch.setattr(_walk, "compiled", lambda: object())
    stage = _stage()
    scorer = FastScorer(stage)
    assert scorer.dense(10**9) is None
    assert scorer._dense is False
    text = "The new version of each package provides different options and data."
    assert json.dumps(scorer.scores(text)) == json.dumps(stage.analyse(text).scores())


def test_the_character_roles_are_remembered_as_computed(monkeypatch: pytest.MonkeyPatch) -> None:
    """``_source`` gives the same bytes and screen flag whether a character's role is
    computed or remembered, also once the memory of roles is emptied at its limit."""
    from textclean.stages.despin import fastscore

    monkeypatch.setattr(fastscore, "_ROLES", {})
    monkeypatch.setattr(fastscore, "_ROLES_KEPT", 50)
    chars = [chr(c) for c in range(0x80, 0x3000, 7)] + ["\u2019", "\u00a0", "\u017f", "\u0130"]
    texts = [f"Ab{c}d {c}x, {c.upper()}!" for c in chars]
    first = [fastscore._source(t) for t in texts]
    assert len(fastscore._ROLES) <= 50
    again = [fastscore._source(t) for t in texts]
    fastscore._ROLES.clear()
    fresh = [fastscore._source(t) for t in reversed(texts)][::-1]
    assert first == again == fresh
    assert sum(s is None for s in first) > 0
    assert sum(s is not None and not s[1] for s in first) > 0
