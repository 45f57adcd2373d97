"""The zone-free screen's compiled search (``textclean/stages/boilerplate/_walk.py``)
gives every line the bit mask the pyahocorasick search gives it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from textclean.config import Config
from textclean.rules import RulePack
from textclean.stages.boilerplate import _pagescan, _walk
from textclean.stages.boilerplate.layout import Line, layout_lines
from textclean.stages.boilerplate.screen import canon
from textclean.stages.boilerplate.stage import _AnyZone, build

DATA = Path(__file__).parent / "data"

#: Lines written for this test: case, whitespace, non-ASCII folding, edges.
CRAFTED = [
    "",
    " ",
    "SHARE THIS ARTICLE",
    "Share\tthis  article",
    "share\u00a0this\u2003article",
    "Follow Us On Twitter",
    "fOLLOW uS oN tWITTER!!",
    "STRASSE Straße straße",
    "\u0130LG\u0130L\u0130 \u0131lgili",  # dotted and dotless i
    "\u1e9e GRO\u1e9eE",  # capital sharp s
    "\ufb01le \ufb02ow",  # ligatures casefold to two letters
    "caf\u00e9 Caf\u0065\u0301",
    "\u00a9 2024 All Rights Reserved",
    "\u4e2d\u6587 subscribe \u65e5\u672c\u8a9e",
    "\U0001f600 Read more \U0001f600",
    "\ud800 lone surrogate click here",
    "x" * 5000,
    "read more" * 300,
    "a\x00b\x1fc\x7f",
]


def _any_zone() -> _AnyZone:
    stage = build(Config(), RulePack.load(()))
    assert stage.anywhere is not None
    return stage.anywhere


def _lines() -> list[str]:
    lines: list[str] = []
    for path in sorted((DATA / "prose").glob("*.txt")) + sorted((DATA / "spin").rglob("*.txt")):
        lines += path.read_text("utf-8", errors="surrogateescape").splitlines()
    with (DATA / "prose_sample.jsonl").open(encoding="utf-8") as f:
        for row in f:
            lines += json.loads(row)["text"].splitlines()
    return lines


def _masks(a: _AnyZone, texts: list[str], dense: _walk.Dense | None) -> list[int]:
    a.walk[:] = [dense]
    try:
        return a.screen_lines([Line(0, 0, len(t), t) for t in texts])
    finally:
        a.walk.clear()


@pytest.fixture(scope="module")
def zone() -> tuple[_AnyZone, _walk.Dense]:
    a = _any_zone()
    dense = _walk.dense_of(a.screen_keys)
    if dense is None:
        pytest.skip("no numba")
    return a, dense


def test_the_compiled_screen_gives_every_line_the_pyahocorasick_mask(
    zone: tuple[_AnyZone, _walk.Dense],
) -> None:
    a, dense = zone
    lines = _lines() + CRAFTED + [t.upper() for t in CRAFTED] + list(a.screen_keys)
    want = _masks(a, lines, None)
    got = _masks(a, lines, dense)
    assert got == want
    assert sum(map(bool, want)) > len(a.screen_keys)  # the lines do hold strings
    # line by line too (a hit is never given to a neighbouring line)
    for i in range(0, len(lines), 97):
        chunk = lines[i : i + 3]
        assert _masks(a, chunk, dense) == want[i : i + 3]


def test_crafted_lines_hit_what_they_hold(zone: tuple[_AnyZone, _walk.Dense]) -> None:
    a, dense = zone
    bits = dict(zip(a.screen_keys, a.screen_bits, strict=True))
    key = next(k for k in a.screen_keys if k.isascii() and k.isalpha() and len(k) > 5)
    texts = [key.upper(), f"\u00e9{key}\u00e9", f"x{key[:-1]}", key.replace(key[2], " ")]
    got = _masks(a, texts, dense)
    assert got == _masks(a, texts, None)
    assert got[0] & bits[key] and got[1] & bits[key]
    assert not got[2] & bits[key]


def test_the_self_check_decides_once_and_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    a = _any_zone()
    monkeypatch.setattr(_walk.Dense, "masks", lambda self, *args: [0] * args[1])
    monkeypatch.setattr("textclean.stages.boilerplate.stage.stages_use_numba", lambda n: True)
    text = "Share this article\nplain prose"
    assert a._dense(10**9) is None  # disagrees: the pyahocorasick search
    assert a.walk == [None]
    masks = a.screen_lines([Line(0, 0, len(t), t) for t in text.split("\n")])
    assert masks[0] and not masks[1]


def test_case_folding_makes_no_whitespace() -> None:
    """The premise of skipping the whitespace search for lines ``layout_lines`` made:
    the screen form (:func:`canon`) of a character that is not whitespace holds none."""
    for cp in range(0x110000):
        ch = chr(cp)
        if not ch.isspace():
            assert not any(c.isspace() for c in canon(ch)), hex(cp)


@pytest.mark.parametrize("dense_on", [False, True])
def test_lines_layout_made_get_the_masks_of_plain_lines(
    zone: tuple[_AnyZone, _walk.Dense], dense_on: bool
) -> None:
    """Lines of :func:`layout_lines` (single spaces: no whitespace search) get the masks
    the same texts get as plain lines (whose whitespace is searched for and collapsed)."""
    a, dense = zone
    text = "\n".join(_lines() + CRAFTED + [t.upper() for t in CRAFTED])
    spaced = layout_lines(text)
    plain = [Line(ln.index, ln.start, ln.end, ln.text) for ln in spaced]
    assert all(type(ln) is not Line for ln in spaced)
    a.walk[:] = [dense if dense_on else None]
    try:
        assert a.screen_lines(spaced) == a.screen_lines(plain)
        # the raw texts, with their runs and kinds of whitespace, screen alike
        raw = [Line(k, 0, 0, t.strip()) for k, t in enumerate(text.split("\n"))]
        assert a.screen_lines(spaced) == a.screen_lines(raw)
    finally:
        a.walk.clear()


@pytest.mark.parametrize("segment", [1, 5, 64, 4096])
def test_segments_walked_side_by_side_give_one_walks_masks(
    zone: tuple[_AnyZone, _walk.Dense], monkeypatch: pytest.MonkeyPatch, segment: int
) -> None:
    """The joined form is cut into segments walked side by side: with segments of a few
    bytes, every string straddles a cut somewhere, and short lines change chains often;
    the masks stay those of the pyahocorasick search, and of one walk."""
    a, dense = zone
    keys = [k for k in a.screen_keys if "\n" not in k][::5]
    lines = [f"{k} {keys[i - 1]}" if i % 3 else k.upper() for i, k in enumerate(keys)]
    lines += CRAFTED[:16] + [f"x{k}y" for k in keys[::7]] + ["", "plain prose here"] * 20
    want = _masks(a, lines, None)
    monkeypatch.setattr(_walk, "_CHAIN_MIN_BYTES", segment)
    assert _masks(a, lines, dense) == want
    monkeypatch.setattr(_walk, "_CHAINS", 3)
    assert _masks(a, lines, dense) == want
    assert sum(map(bool, want)) >= len(keys)


def test_a_walk_whose_buffers_were_short_is_repeated_alike(
    zone: tuple[_AnyZone, _walk.Dense], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A walk with too short buffers runs again with long enough ones: the second run
    records the pairs the first one already marked as seen."""
    a, dense = zone
    lines = [f"{k} and {k.upper()}" for k in a.screen_keys[::11]] * 2
    want = _masks(a, lines, None)
    buffers = _walk._buffers
    calls: list[int] = []

    def short_first(size: int) -> tuple[object, object]:
        calls.append(size)
        if len(calls) == 1:
            return np.empty(1, dtype=np.int64), np.empty(1, dtype=np.int64)
        return buffers(size)

    monkeypatch.setattr(_walk, "_buffers", short_first)
    assert _masks(a, lines, dense) == want
    assert len(calls) == 2 and calls[1] > calls[0] and sum(map(bool, want)) > 10


def test_the_pair_buffers_are_kept_and_grown(monkeypatch: pytest.MonkeyPatch) -> None:
    """A thread's pair buffers are kept between walks and grown when a walk asks for
    more than they hold."""
    monkeypatch.delattr(_walk._BUFFERS, "pair", raising=False)  # as a new thread
    lines, ids = _walk._buffers(10)
    assert lines.shape[0] >= 10 and ids.shape == lines.shape
    assert _walk._buffers(5)[0] is lines
    big = lines.shape[0] + 1
    grown, _ = _walk._buffers(big)
    assert grown.shape[0] >= big and _walk._buffers(big)[0] is grown


def test_threads_walking_at_once_get_each_its_own_masks(
    zone: tuple[_AnyZone, _walk.Dense],
) -> None:
    """The walk runs without the GIL and records its pairs in buffers kept between
    calls: threads walking at once (each its own page) get the masks of a walk alone."""
    from concurrent.futures import ThreadPoolExecutor

    a, dense = zone
    pages = []
    for n in range(8):
        lines = [
            f"{k} {n} {a.screen_keys[(i * 7 + n) % len(a.screen_keys)]}"
            for i, k in enumerate(a.screen_keys[n::5])
        ]
        pages.append("\n".join(canon(t) for t in lines).encode("utf-8", "surrogatepass"))

    def walk(data: bytes) -> list[int]:
        return dense.masks(data, data.count(b"\n") + 1, a.screen_bits)

    alone = [walk(d) for d in pages]
    with ThreadPoolExecutor(4) as pool:
        for _ in range(5):
            assert list(pool.map(walk, pages)) == alone
    assert all(sum(map(bool, m)) > 10 for m in alone)


def test_a_huge_walks_pair_buffers_are_not_kept() -> None:
    """A thread keeps no pair buffers as long as a huge document's (hundreds of MB for
    as long as the thread lives): a walk that needs them has its own."""
    size = 20_000_000
    huge, _ = _walk._buffers(size)
    assert huge.shape[0] >= size
    kept, _ = _walk._buffers(10)
    assert kept is not huge and kept.shape[0] < size


def test_masks_with_needs_leave_out_only_keys_below_the_line_need(
    zone: tuple[_AnyZone, _walk.Dense],
) -> None:
    """With each line's need, a line's mask is its full mask without the bits of the
    strings whose limit is below that need; every bit the line's candidates
    (``allowed[need]``) ask about is kept."""
    a, dense = zone
    keys = a.screen_keys[::3]
    lines = [f"{k} {keys[i - 1]} {keys[i - 2]}" for i, k in enumerate(keys)]
    lines += [*CRAFTED[:16], "", "plain prose here"]
    needs = [(7 * i) % len(a.allowed) for i in range(len(lines))]
    data = "\n".join(canon(t) for t in lines).encode("utf-8", "surrogatepass")
    full = dense.masks(data, len(lines), a.screen_bits)
    some = dense.masks(data, len(lines), a.screen_bits, needs, a.screen_limits)
    strings = dict(
        zip(a.screen_keys, zip(a.screen_bits, a.screen_limits, strict=True), strict=True)
    )
    rows = list(zip(lines, needs, full, some, strict=True))
    for _, need, whole, kept in rows:
        assert kept & a.allowed[need] == whole & a.allowed[need]
    for text, need, _, kept in rows[::40] + rows[-18:]:
        want = 0
        for key, (bits, limit) in strings.items():
            if key in canon(text) and limit >= need:
                want |= bits
        assert kept == want
    assert sum(map(bool, some)) > len(keys) // 4 and some != full


def test_a_key_limit_is_the_largest_limit_of_its_regexes() -> None:
    """``_limit`` reads the largest bound over a mask's bits; -1 for no bits."""
    from textclean.stages.boilerplate.stage import _limit

    assert _limit(0, [5, 9]) == -1
    assert _limit(0b101, [3, 50, 7]) == 7
    assert _limit(0b11, [3, 50, 7]) == 50


def test_spaced_candidates_are_those_that_can_match_a_space(
    zone: tuple[_AnyZone, _walk.Dense],
) -> None:
    """``spaced_allowed[n]`` is ``allowed[n]`` without the regexes that cannot match a
    space, for every need."""
    a, _ = zone
    assert a.edges is not None
    assert len(a.spaced_allowed) == len(a.allowed)
    for spaced, every in zip(a.spaced_allowed, a.allowed, strict=True):
        assert spaced == every & ~a.edges.one_word
    assert any(s != e for s, e in zip(a.spaced_allowed, a.allowed, strict=True))


def test_lines_folded_only_in_their_capitals_are_walked_unfolded(
    zone: tuple[_AnyZone, _walk.Dense], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where case folding changes only ASCII capitals, the walk reads the lines as they
    are (capitals in their small letters' classes) and gives the masks of the folded
    lines; where it changes more, the lines are folded first, as before."""
    a, dense = zone
    assert dense.folds_ascii
    upper = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    lower = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
    texts = [t for t in _lines() + CRAFTED if canon(t) == t.translate(lower)]
    texts += [t.translate(upper) for t in texts[::3]] + [k.translate(upper) for k in a.screen_keys]
    texts = [t for t in texts if canon(t) == t.translate(lower)]
    answers: list[bool | None] = []
    folds = _pagescan.folds_as_ascii

    def spy(data: bytes) -> bool | None:
        answers.append(folds(data))
        return answers[-1]

    monkeypatch.setattr(_pagescan, "folds_as_ascii", spy)
    for page in (texts, [*texts, "Stra\u00dfe"]):  # the sharp s folds to "ss"
        spaced = layout_lines("\n".join(page))
        assert all(type(ln) is not Line for ln in spaced)
        a.walk[:] = [dense]
        try:
            walked = a.screen_lines(spaced)
        finally:
            a.walk.clear()
        assert walked == _masks(a, [ln.text for ln in spaced], None)
        assert sum(map(bool, walked)) > len(a.screen_keys)
    assert answers == [True, False]


@pytest.mark.parametrize("chains", [8, 5])
def test_strings_cut_by_a_segments_edge_are_found(
    zone: tuple[_AnyZone, _walk.Dense], monkeypatch: pytest.MonkeyPatch, chains: int
) -> None:
    """Short forms of strings run together: the edges of the 8 (or 5) equal segments
    fall inside strings, and the chain before an edge walks on past it for as long as
    a string that started before it may end; the masks are pyahocorasick's."""
    a, dense = zone
    monkeypatch.setattr(_walk, "_CHAIN_MIN_BYTES", 1)
    monkeypatch.setattr(_walk, "_CHAINS", chains)
    keys = [k for k in a.screen_keys if "\n" not in k]
    for start in range(0, len(keys), 97):
        group = keys[start : start + 6]
        for sep in ("", " ", "\n", "x"):
            lines = sep.join(group).split("\n")
            assert _masks(a, lines, dense) == _masks(a, lines, None), lines
