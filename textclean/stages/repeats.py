"""repeats: exact and near-duplicate blocks inside one document; the first copy stays.

The text is cut into blocks (:mod:`textclean.textblocks`: paragraphs, and the
lines of paragraphs that are not hard-wrapped prose; fenced code is never
touched). A block's normalised form is its word sequence as
:func:`textclean.dedup.shingles.words` reads it (lower-cased; whitespace,
quotes and punctuation dropped); blocks are keyed by a hash of it (a block
without words, such as ``***``, by its stripped text). Walking the blocks in
order and comparing each only with blocks that are kept:

* **long blocks** (at least ``short_block_words`` words) are removed when their
  key equals a kept block's (*exact*), or when MinHash + LSH over word bigrams
  proposes a kept block and the *exact* Jaccard similarity of the two confirms
  it: on word n-grams when both blocks have ``word_shingle_words`` words or
  more, else on character n-grams of the normalised words (one changed word in
  a 23-word paragraph leaves word 5-gram Jaccard near 0.70 but character
  5-gram Jaccard near 0.89);
* **short blocks** (titles, captions, labels) go only on an exact repeat: when
  they sit inside a run of removed long repeats, aligned with the run they
  repeat (the subheadings of an article pasted twice), or, unless
  ``keep_short_repeats``, when they have ``short_min_words`` words or more,
  are not table rows, and their copy is at most ``short_window`` kept blocks
  back (a title or caption printed twice). With a window over 1, a short block
  that recurs through the document (a byline under every teaser) is a label,
  not a repeat, unless its copies touch.

The walk repeats on the kept blocks until nothing changes, so the stage is
idempotent. Consecutive removed blocks form one edit (a whole article pasted
twice is one edit); each edit's evidence names the kept block each removed
block repeats (block index, 1-based line, offsets in the stage's input), the
similarity and the method. Removing whole paragraphs also removes the blank
line that separated them.

Scores (on the stage's input, Gopher's definitions): ``repeats.dup_line_frac``,
``repeats.dup_para_frac`` (fraction of lines / paragraphs that repeat an earlier one
exactly), ``repeats.dup_line_char_frac``, ``repeats.dup_para_char_frac`` (their
characters as a fraction of the text's).

>>> from textclean.config import Config
>>> from textclean.document import Document
>>> stage = build(Config(), None)
>>> doc = stage(Document("d", "Caption of the photo, with nine words in it.\\n\\n"
...     "CAPTION of the photo — with nine words in it!\\n\\nBody text.\\n"))
>>> doc.text
'Caption of the photo, with nine words in it.\\n\\nBody text.\\n'
>>> doc.edits[0].rule, doc.edits[0].evidence["duplicate_of"]["line"]
('repeats.exact', 1)
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

import numpy as np
import regex

from textclean.config import Config, RepeatsConfig
from textclean.dedup import _kernel as _dedup_kernel
from textclean.dedup.minhash import EMPTY_HASH, permutations, signatures
from textclean.dedup.shingles import batch_shingle_hashes, char_shingle_hashes, shingle_hashes
from textclean.document import Change, Document
from textclean.rules import RulePack
from textclean.stages.normalize import REGEX_SPACE
from textclean.stages.quality.signals import repeated
from textclean.textblocks import Block, Line, segment, split_lines

NAME = "repeats"

#: Each block is paired with at most this many earlier blocks per LSH bucket
#: (besides the bucket's first block), which bounds the work on a document
#: made of thousands of near-identical lines.
_BUCKET_WINDOW = 8
#: Verified candidates per block, best MinHash estimates first.
_MAX_VERIFY = 8
#: Word n-grams behind the LSH signatures (candidates only, never decisions).
_LSH_NGRAM = 2
#: Passes over the kept blocks; each pass can only remove blocks, and in
#: practice the second pass finds nothing.
_MAX_PASSES = 8


@dataclass(frozen=True)
class Match:
    """Block ``original`` (kept) is what a removed block repeats."""

    original: int
    similarity: float
    method: str  # "exact", "char-<n>gram" or "word-<n>gram"


class _Doc:
    """Per-call working data: blocks, normalised forms, shingle caches."""

    def __init__(self, text: str, cfg: RepeatsConfig) -> None:
        self.cfg = cfg
        self.text = text
        self.lines: list[Line] = split_lines(text)
        self.blocks: list[Block] = segment(text, self.lines)
        # The normalised form of a block is its word sequence (lower-cased,
        # punctuation, quotes and spacing dropped); hash every block's words
        # in one vectorized call and key the block by its word hashes.
        #: Whether this document's hashes and LSH use the compiled loops.
        self.compiled = _dedup_kernel.stages_use_numba(len(text))
        texts = ["" if b.kind == "code" else b.text for b in self.blocks]
        #: With the compiled loops, the LSH signature of every long block (word 2-gram
        #: MinHash; other rows unused), made in the same pass as the word hashes.
        self._sig: np.ndarray | None = None
        if self.compiled and _dedup_kernel.load() is not None:
            a, b = permutations(cfg.num_perm, cfg.seed)
            self._sig = np.empty((len(texts), cfg.num_perm), dtype=np.uint32)
            self._sig.fill(EMPTY_HASH)  # (np.full, without its wrapper)
            signed = np.fromiter((blk.kind != "code" for blk in self.blocks), bool, len(texts))
            word_hashes, offsets = _dedup_kernel.block_hashes_utf8(
                *_utf8_blocks(texts, text.isascii()),
                cfg.short_block_words,
                signed,
                a,
                b,
                self._sig,
            )
        else:
            word_hashes, offsets = batch_shingle_hashes(texts, ngram=1)
        word_hashes = word_hashes.astype("<u4", copy=False)
        self.nwords: list[int] = (offsets[1:] - offsets[:-1]).tolist()  # (np.diff's wrapper)
        self.keys: list[bytes] = []
        #: First block with the same normalised form (itself for a first copy).
        self.rep: list[int] = []
        first_of: dict[bytes, int] = {}
        # The key is the word hashes' bytes themselves (a block without words, such
        # as "***", "---" or code, is matched only on its exact text, marked apart).
        keys = self.keys
        rep = self.rep
        raw = word_hashes.tobytes()
        bounds = (offsets * 4).tolist()
        for b, lo, hi in zip(self.blocks, bounds[:-1], bounds[1:], strict=True):
            if hi > lo:
                key = raw[lo:hi]
            else:
                key = b"\x00" + " ".join(b.text.split()).encode("utf-8", "surrogatepass")
            keys.append(key)
            rep.append(first_of.setdefault(key, b.index))
        #: Whether each block is long (see :meth:`is_long`).
        short = cfg.short_block_words
        self.long: list[bool] = [
            n >= short and b.kind != "code" for b, n in zip(self.blocks, self.nwords, strict=True)
        ]
        #: Whether another block has the same key.
        self.shared: list[bool]
        if len(first_of) == len(keys):  # every key once (most documents)
            self.shared = [False] * len(keys)
        else:
            seen = Counter(keys)
            self.shared = [seen[k] > 1 for k in keys]
        self._sets: dict[tuple[str, int], np.ndarray] = {}
        self._candidates = self._lsh_candidates()

    def candidates(self, i: int) -> list[int]:
        """Earlier blocks that may be near repeats of block ``i``, likeliest first."""
        r = self.rep[i]
        found = self._candidates.get(r, [])
        return found if r == i else [r, *found]

    def has_candidates(self) -> bool:
        """Whether LSH proposed any near-repeat pair."""
        return bool(self._candidates)

    def is_long(self, i: int) -> bool:
        return self.long[i]

    def _set(self, kind: str, i: int) -> np.ndarray:
        i = self.rep[i]
        got = self._sets.get((kind, i))
        if got is None:
            text = self.blocks[i].text
            compiled = self.compiled and _dedup_kernel.load() is not None  # the same values
            if kind == "word" and compiled:  # sorted, without repeats
                got = _dedup_kernel.word_shingle_set(text, self.cfg.word_ngram)
            elif kind == "word":
                got = np.unique(shingle_hashes(text, self.cfg.word_ngram))
            elif compiled:
                got = np.unique(_dedup_kernel.char_shingle_hashes(text, self.cfg.char_ngram))
            else:
                got = np.unique(char_shingle_hashes(text, self.cfg.char_ngram))
            self._sets[(kind, i)] = got
        return got

    def similarity(self, i: int, j: int) -> tuple[float, str, float]:
        """Exact Jaccard of blocks ``i`` and ``j``, the shingling used, and its threshold."""
        cfg = self.cfg
        if min(self.nwords[i], self.nwords[j]) >= cfg.word_shingle_words:
            kind, n, threshold = "word", cfg.word_ngram, cfg.word_threshold
        else:
            kind, n, threshold = "char", cfg.char_ngram, cfg.char_threshold
        a, b = self._set(kind, i), self._set(kind, j)
        method = f"{kind}-{n}gram"
        small, large = sorted((a.size, b.size))
        if large == 0 or small / large < threshold:  # Jaccard <= |small| / |large|
            return 0.0, method, threshold
        kernel = _overlap_kernel() if self.compiled else None
        if kernel is not None:
            inter = int(kernel(a, b))
        else:
            inter = np.intersect1d(a, b, assume_unique=True).size
        return inter / (a.size + b.size - inter), method, threshold

    def _lsh_candidates(self) -> dict[int, list[int]]:
        """Earlier first copies sharing an LSH band with each long first copy."""
        long_idx = [
            i for i, (r, g) in enumerate(zip(self.rep, self.long, strict=True)) if g and r == i
        ]
        if len(long_idx) < 2:
            return {}
        cfg = self.cfg
        # Candidates come from MinHash of word bigrams: one changed word in a
        # 23-word block leaves their Jaccard near 0.83, well inside the bands'
        # reach; every candidate is then verified exactly.
        if self._sig is not None:
            sig = self._sig[long_idx]
        else:
            sig = signatures(
                [self.blocks[i].text for i in long_idx],
                num_perm=cfg.num_perm,
                seed=cfg.seed,
                ngram=_LSH_NGRAM,
                backend="numpy",
            )
        pairs = band_pairs(sig, cfg.bands, _BUCKET_WINDOW, compiled=self.compiled)
        if pairs.size == 0:
            return {}
        # Rank each block's candidates by the MinHash estimate, best first.
        agree = (sig[pairs[:, 0]] == sig[pairs[:, 1]]).mean(axis=1)
        order = np.lexsort((pairs[:, 0], -agree, pairs[:, 1]))
        idx = np.asarray(long_idx)
        out: dict[int, list[int]] = {}
        for a, b in pairs[order].tolist():
            out.setdefault(int(idx[b]), []).append(int(idx[a]))
        return out


def _utf8_blocks(texts: list[str], ascii: bool) -> tuple[np.ndarray, np.ndarray]:
    """The texts' UTF-8 bytes (surrogates passed through) one after the other, as
    uint8, and where each starts (``len(texts) + 1`` offsets, the last the end).

    ``ascii``: every text is ASCII, so its bytes are as many as its characters and
    the texts are encoded in one call.

    >>> buf, starts = _utf8_blocks(["ab", "", "é"], False)
    >>> bytes(buf), starts.tolist()
    (b'ab\\xc3\\xa9', [0, 2, 2, 4])
    """
    if ascii:
        sizes = map(len, texts)
        data = "".join(texts).encode("ascii")
    else:
        encoded = [t.encode("utf-8", "surrogatepass") for t in texts]
        sizes = map(len, encoded)
        data = b"".join(encoded)
    starts = np.fromiter(accumulate(sizes, initial=0), np.int64, len(texts) + 1)
    return np.frombuffer(data, dtype=np.uint8), starts


def _band_codes(sig, bands, window):  # type: ignore[no-untyped-def]
    """:func:`band_pairs` as one compiled loop: pair codes ``i * n + j``, sorted.

    The same band hashes, the same buckets (rows in a bucket in row order, as a
    stable sort by hash leaves them) and the same pairs as the numpy path, without
    its dozens of small array operations per document.
    """
    n = sig.shape[0]
    rows = sig.shape[1] // bands
    gold = np.uint64(0x9E3779B97F4A7C15)
    h = np.zeros(n, dtype=np.uint64)
    out = np.empty(bands * n * (window + 1), dtype=np.int64)
    m = 0
    for b in range(bands):
        for i in range(n):
            x = np.uint64(0)
            for r in range(rows):
                x ^= np.uint64(sig[i, b * rows + r])
                x *= gold
            h[i] = x
        order = np.argsort(h, kind="mergesort")
        start = 0
        for p in range(1, n + 1):
            if p < n and h[order[p]] == h[order[start]]:
                continue
            first = order[start]
            for q in range(start + 1, p):
                row = order[q]
                out[m] = first * n + row
                m += 1
                for k in range(1, window + 1):
                    if q - k < start:
                        break
                    out[m] = order[q - k] * n + row
                    m += 1
            start = p
    return np.unique(out[:m])


_BAND_KERNEL: list[Any] = []
_OVERLAP_KERNEL: list[Any] = []


def _overlap(a, b):  # type: ignore[no-untyped-def]
    """How many values two sorted arrays without repeats share (a merge)."""
    i = j = n = 0
    while i < a.size and j < b.size:
        x, y = a[i], b[j]
        if x == y:
            n += 1
            i += 1
            j += 1
        elif x < y:
            i += 1
        else:
            j += 1
    return n


def _compiled(func: Any, cache: list[Any]) -> Any:
    """``func`` compiled by numba (loaded with the signature kernel), or None.

    Compiled once per process; ``cache`` is the one-item list that keeps it.
    """
    if not cache:
        kernel = None
        if _dedup_kernel.AVAILABLE and _dedup_kernel.load() is not None:
            import numba

            kernel = numba.njit(cache=True, nogil=True)(func)
        cache.append(kernel)
    return cache[0]


def _overlap_kernel() -> Any:
    """The compiled :func:`_overlap` (the size ``np.intersect1d`` gives), or None."""
    return _compiled(_overlap, _OVERLAP_KERNEL)


def _band_kernel() -> Any:
    """The compiled :func:`_band_codes`, or None."""
    return _compiled(_band_codes, _BAND_KERNEL)


def band_pairs(sig: np.ndarray, bands: int, window: int, *, compiled: bool = True) -> np.ndarray:
    """Row pairs ``(i, j)``, ``i < j``, whose signatures agree on a whole band.

    Within a bucket each row is paired with the bucket's first row and with
    the ``window`` rows before it. Returns a sorted ``(m, 2)`` int64 array.
    ``compiled``: by a compiled loop when numba is there (the same pairs).

    >>> sig = np.array([[1, 2, 3, 4], [1, 2, 9, 9], [7, 7, 3, 4], [5, 5, 5, 5]], np.uint32)
    >>> band_pairs(sig, 2, 4).tolist()
    [[0, 1], [0, 2]]
    """
    n, num_perm = sig.shape
    rows = num_perm // bands
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    kernel = _band_kernel() if compiled else None
    if kernel is not None:
        codes = kernel(np.ascontiguousarray(sig), bands, window)
        if not codes.size:  # (most documents: no pair)
            return np.zeros((0, 2), dtype=np.int64)
        return np.stack([codes // n, codes % n], axis=1)
    # One 64-bit hash per (band, row); equal hashes put rows in one bucket.
    h = np.zeros((bands, n), dtype=np.uint64)
    cols = sig.reshape(n, bands, rows).astype(np.uint64)
    with np.errstate(over="ignore"):
        for r in range(rows):
            h ^= cols[:, :, r].T
            h *= np.uint64(0x9E3779B97F4A7C15)
    band = np.repeat(np.arange(bands), n)
    row = np.tile(np.arange(n), bands)
    order = np.lexsort((row, h.ravel(), band))  # by band, then hash, then row
    sb, sh, sr = band[order], h.ravel()[order], row[order]
    starts = np.ones(order.size, dtype=bool)
    starts[1:] = (sb[1:] != sb[:-1]) | (sh[1:] != sh[:-1])
    gid = np.cumsum(starts) - 1
    first = sr[np.flatnonzero(starts)][gid]
    lo_parts = [first[first != sr]]
    hi_parts = [sr[first != sr]]
    for k in range(1, min(window, order.size - 1) + 1):
        same = gid[k:] == gid[:-k]
        lo_parts.append(sr[:-k][same])
        hi_parts.append(sr[k:][same])
    codes = np.unique(np.concatenate(lo_parts) * n + np.concatenate(hi_parts))
    return np.stack([codes // n, codes % n], axis=1)


#: Table rows (``| a | b |`` or tab-separated cells) legitimately repeat.
_TABLE_ROW = regex.compile(r"^\s*\|.*\|\s*$|\S\t+\S")


def _one_pass(d: _Doc, seq: list[int], keep_short: bool) -> dict[int, Match]:
    """Repeats among the kept blocks ``seq`` (block indices, in order)."""
    cfg = d.cfg
    found: dict[int, Match] = {}
    # 1. Long blocks: exact, then verified near repeats of kept blocks.
    first_kept: dict[bytes, int] = {}
    kept_long: set[int] = set()
    long = d.long
    for i in seq:
        if not long[i]:
            continue
        orig = first_kept.get(d.keys[i])
        if orig is not None:
            found[i] = Match(orig, 1.0, "exact")
            continue
        best: Match | None = None
        checked = 0
        for c in d.candidates(i):
            if c not in kept_long:
                continue
            sim, method, threshold = d.similarity(c, i)
            checked += 1
            if sim >= threshold and (best is None or sim > best.similarity):
                best = Match(c, round(sim, 4), method)
            if checked >= _MAX_VERIFY:
                break
        if best is not None:
            found[i] = best
        else:
            first_kept[d.keys[i]] = i
            kept_long.add(i)
    # 2. Short blocks inside a removed run, aligned with the run they repeat
    # (only a block whose key another block has can match its twin).
    pos = {b: p for p, b in enumerate(seq)}
    shared = d.shared
    changed = bool(found)
    while changed:
        changed = False
        for p, i in enumerate(seq):
            if not shared[i] or i in found or long[i] or d.blocks[i].inert:
                continue
            for q, step in ((p - 1, 1), (p + 1, -1)):
                if not 0 <= q < len(seq) or seq[q] not in found:
                    continue
                o = pos.get(found[seq[q]].original)
                if o is None or not 0 <= o + step < p:
                    continue
                twin = seq[o + step]
                if twin not in found and d.keys[twin] == d.keys[i]:
                    found[i] = Match(twin, 1.0, "exact")
                    changed = True
                    break
    if keep_short:
        return found
    # 3. Short blocks printed twice close together (a title, a caption).
    alive = [i for i in seq if i not in found]
    copies: dict[bytes, int] = {}
    for p, i in enumerate(alive):  # occurrences, touching copies counted once
        if shared[i] and (p == 0 or d.keys[alive[p - 1]] != d.keys[i]):
            copies[d.keys[i]] = copies.get(d.keys[i], 0) + 1
    kept: list[int] = []
    for i in alive:
        b = d.blocks[i]
        if (
            shared[i]  # a block whose key no other block has repeats nothing
            and not b.inert
            and cfg.short_min_words <= d.nwords[i] < cfg.short_block_words
            and not _TABLE_ROW.search(b.text)
        ):
            for distance, k in enumerate(reversed(kept[-cfg.short_window :]), start=1):
                if d.keys[k] == d.keys[i] and (distance == 1 or copies[d.keys[i]] <= 2):
                    found[i] = Match(k, 1.0, "exact")
                    break
            if i in found:
                continue
        kept.append(i)
    return found


def find_repeats(d: _Doc) -> dict[int, Match]:
    """Every removed block → the kept block it repeats."""
    removed: dict[int, Match] = {}
    if not d.has_candidates() and not any(d.shared):
        # Every removal needs two blocks with one key (exact, short and aligned
        # repeats) or an LSH candidate (near repeats): with neither, none.
        return removed
    seq = list(range(len(d.blocks)))
    for _ in range(_MAX_PASSES):
        new = _one_pass(d, seq, d.cfg.keep_short_repeats)
        if not new:
            break
        removed.update(new)
        seq = [i for i in seq if i not in new]
    return removed


def _span(d: _Doc, first: int, last: int) -> tuple[int, int, str]:
    """What to replace for blocks ``first..last``: ``(start, stop, after)``.

    Whole paragraphs take the blank lines after them (or, at the end of the
    text, before them) along; a cut that starts and ends inside paragraphs
    but spans a paragraph break leaves one blank line between what remains.
    """
    lines = d.lines
    a, b = d.blocks[first].first, d.blocks[last].last
    start, stop = lines[a].start, lines[b].stop
    para_start = a == 0 or lines[a - 1].blank
    para_end = b == len(lines) - 1 or lines[b + 1].blank
    if para_start and para_end:
        nxt = next((k for k in range(b + 1, len(lines)) if not lines[k].blank), None)
        if nxt is not None:
            stop = lines[nxt].start  # the blank line after goes with the paragraph
        else:
            prev = next((k for k in range(a - 1, -1, -1) if not lines[k].blank), None)
            start = lines[prev].stop if prev is not None else 0
            stop = lines[-1].stop
        return start, stop, ""
    if not para_start and not para_end:
        blank = next((lines[k] for k in range(a, b + 1) if lines[k].blank), None)
        if blank is not None:
            return start, stop, d.text[blank.start : blank.stop]
    return start, stop, ""


def _where(d: _Doc, i: int) -> dict[str, int]:
    b = d.blocks[i]
    return {"block": i, "line": b.first + 1, "start": b.start, "end": b.end}


def _changes(d: _Doc, removed: dict[int, Match]) -> list[Change]:
    changes: list[Change] = []
    run: list[int] = []
    for i in [*sorted(removed), -1]:
        if run and (i == -1 or i != run[-1] + 1):
            members = [
                {
                    **_where(d, j),
                    "duplicate_of": _where(d, removed[j].original),
                    "similarity": removed[j].similarity,
                    "method": removed[j].method,
                }
                for j in run
            ]
            head = removed[run[0]]
            evidence: dict[str, Any] = {
                "duplicate_of": _where(d, head.original),
                "similarity": min(m["similarity"] for m in members),
                "method": head.method,
                "blocks": len(run),
            }
            if len(run) > 1:
                rule = "repeats.run"
                evidence["members"] = members
            else:
                rule = "repeats.exact" if head.method == "exact" else "repeats.near"
            start, stop, after = _span(d, run[0], run[-1])
            changes.append(Change(start, stop, after, rule, evidence))
            run = []
        run.append(i)
    return changes


_NEWLINES = regex.compile(r"\r\n?")
_PARA_SPLIT = regex.compile(r"\n[ \t]*\n\s*")
#: :data:`_PARA_SPLIT` for ``re``, which finds its leading line feed by a fast search
#: in C: the same splits (``REGEX_SPACE`` is what ``regex`` calls ``\s``).
_PARA_SPLIT_RE = re.compile(f"\n[ \t]*\n[{REGEX_SPACE}]*")


def repetition_scores(text: str) -> dict[str, float]:
    """Gopher-style duplicate line / paragraph fractions of ``text``.

    >>> s = repetition_scores("A line.\\nA line.\\n\\nOther.\\n")
    >>> s["repeats.dup_line_frac"], s["repeats.dup_para_frac"]
    (0.3333333333333333, 0.0)
    """
    t = (_NEWLINES.sub("\n", text) if "\r" in text else text).strip()
    if not t:
        return {k: 0.0 for k in _SCORE_NAMES}
    paragraphs = [p for p in _PARA_SPLIT_RE.split(t) if p.strip()]
    # (the non-blank pieces between newlines: what splitting at runs of them leaves)
    lines = list(filter(str.strip, t.split("\n")))
    para_dups, para_chars = repeated(paragraphs)
    line_dups, line_chars = repeated(lines)
    return {
        "repeats.dup_line_frac": line_dups / len(lines),
        "repeats.dup_para_frac": para_dups / len(paragraphs),
        "repeats.dup_line_char_frac": line_chars / len(t),
        "repeats.dup_para_char_frac": para_chars / len(t),
    }


_SCORE_NAMES = (
    "repeats.dup_line_frac",
    "repeats.dup_para_frac",
    "repeats.dup_line_char_frac",
    "repeats.dup_para_char_frac",
)


@dataclass(frozen=True)
class RepeatsStage:
    """The repeats stage; see the module docstring."""

    config: RepeatsConfig
    name: str = NAME

    def __call__(self, doc: Document) -> Document:
        doc.scores.update(repetition_scores(doc.text))
        d = _Doc(doc.text, self.config)
        removed = find_repeats(d)
        if removed:
            doc.replace_spans(NAME, _changes(d, removed))
        return doc


def build(config: Config, rules: RulePack | None) -> RepeatsStage:
    return RepeatsStage(config.repeats)
