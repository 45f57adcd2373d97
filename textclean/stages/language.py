"""The ``language`` step: which language a document is in, before the stages run.

py3langid (a package that ships its model: nothing is downloaded) classifies the
first ``language.sample_chars`` characters of the text and the step records
``scores["language"]`` (an ISO 639-1 code such as ``en``, ``fr``) and
``scores["language.confidence"]`` (its normalised probability, 0-1). English-only
stages and checks (despin, the quality word lists) read it through
:func:`english_only_skip`: a document identified as another language with at
least ``language.english_only_min_confidence`` is left alone by them, and they say
so in its scores. The model is loaded once per process, on the first document
(about a second: it is 68 MB once decompressed).

py3langid walks its byte automaton in a Python loop, about 1.8 MB/s. Once a
process has numba loaded for the other stages (:func:`textclean.dedup._kernel.
stages_use_numba`), :func:`identify` walks it with a compiled loop instead and
hands py3langid's own scoring the same feature counts, in the same
(first-seen) order, so the language and confidence are exactly py3langid's.

The step runs after ``extract`` and before every stage, whatever ``stages`` says;
``language.identify = false`` turns it off.

>>> from textclean.document import Document
>>> step = LanguageStep(LanguageConfig())
>>> doc = step(Document("d", "Le conseil municipal a voté mardi la construction d'un "
...     "nouveau pont. Les travaux commenceront à l'automne et dureront dix-huit mois."))
>>> doc.scores["language"], doc.scores["language.confidence"] > 0.9
('fr', True)
>>> english_only_skip(doc, LanguageConfig())
'language fr'
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from textclean.config import Config, LanguageConfig
from textclean.dedup._kernel import stages_use_numba
from textclean.document import Document
from textclean.forksafe import ForkSafeLock
from textclean.rules import RulePack

_IDENTIFIER: Any = None
_LOCK = ForkSafeLock()


def identifier() -> Any:
    """py3langid's identifier with normalised probabilities (loaded once per process)."""
    global _IDENTIFIER
    with _LOCK:
        if _IDENTIFIER is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _IDENTIFIER = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _IDENTIFIER


def _walk(nextmove, rowbase, output, data, counts, order, chains, warm, feats, nfeat):  # type: ignore[no-untyped-def]
    # py3langid's visit_counts: the automaton's features, counted, and the
    # distinct ones in order of first visit (a Counter's key order).
    #
    # The automaton is Aho-Corasick: its state after any input is the longest
    # suffix of it that is a prefix of a feature, so it depends only on the last
    # ``warm`` bytes (the deepest state). The data is cut into ``chains``
    # segments walked side by side, each but the first starting ``warm`` bytes
    # early: their table loads, which miss the cache, overlap instead of waiting
    # on each other. Each chain's features are kept in order, then counted chain
    # after chain: the same counts and first-visit order as one walk.
    n = data.size
    seg = n // chains  # chains 0 .. chains-2 take seg bytes, the last the rest
    states = np.zeros(chains, dtype=np.int64)
    for k in range(chains):
        nfeat[k] = 0
    for k in range(1, chains):
        s = 0
        for j in range(k * seg - warm, k * seg):
            s = nextmove[rowbase[s] + data[j]]
        states[k] = s
    for j in range(seg):
        p = j
        for k in range(chains):
            s = nextmove[rowbase[states[k]] + data[p]]
            states[k] = s
            f = output[s]
            if f >= 0:
                feats[k, nfeat[k]] = f
                nfeat[k] += 1
            p += seg
    last = chains - 1
    s = states[last]
    for p in range(chains * seg, n):
        s = nextmove[rowbase[s] + data[p]]
        f = output[s]
        if f >= 0:
            feats[last, nfeat[last]] = f
            nfeat[last] += 1
    m = 0
    for k in range(chains):
        for t in range(nfeat[k]):
            f = feats[k, t]
            if counts[f] == 0:
                order[m] = f
                m += 1
            counts[f] += 1
    return m


def _depth(nextmove, rowbase, states):  # type: ignore[no-untyped-def]
    # the deepest state: the longest shortest path from state 0 (breadth first)
    depth = np.full(states, -1, dtype=np.int64)
    depth[0] = 0
    queue = np.empty(states, dtype=np.int64)
    queue[0] = 0
    head, tail = 0, 1
    while head < tail:
        s = queue[head]
        head += 1
        for b in range(256):
            t = nextmove[rowbase[s] + b]
            if depth[t] < 0:
                depth[t] = depth[s] + 1
                queue[tail] = t
                tail += 1
    return depth.max() if tail == states else -1


def _synchronized(nextmove, rowbase, warm, trials, seed):  # type: ignore[no-untyped-def]
    # spot check of the Aho-Corasick property the chained walk relies on: after
    # ``warm`` bytes, any two states reach the same state
    np.random.seed(seed)
    states = rowbase.size
    for _ in range(trials):
        a = np.random.randint(0, states)
        b = 0
        for _ in range(warm):
            c = (
                np.random.randint(0, 256)
                if np.random.randint(0, 4) == 0
                else np.random.randint(32, 127)
            )
            a = nextmove[rowbase[a] + c]
            b = nextmove[rowbase[b] + c]
        if a != b:
            return False
    return True


def _gather(table, order, n, counts, raw, visits, out):  # type: ignore[no-untyped-def]
    # For the first n features of order: visits[k] = its count (then zeroed for the
    # next call) and out[k] = its float16 row of the model as float32 bits (what
    # numpy's matmul casts it to). The rows are first copied as they are (plain loads
    # that miss the cache side by side), then converted from that compact copy: every
    # half of the model is normal (:func:`_all_normal`), and a normal half's float32
    # has its sign and mantissa and its exponent rebased (15 -> 127).
    width = table.shape[1]
    for k in range(n):
        f = order[k]
        visits[k] = counts[f]
        counts[f] = 0
        for j in range(width):
            raw[k, j] = table[f, j]
    for k in range(n):
        for j in range(width):
            h = np.uint32(raw[k, j])
            e = (h >> 10) & 0x1F
            out[k, j] = ((h & 0x8000) << 16) | ((e + 112) << 23) | ((h & 0x3FF) << 13)


def _all_normal(table):  # type: ignore[no-untyped-def]
    # every half of the table is a normal number (no zero, subnormal, infinity, NaN)
    flat = table.ravel()
    for i in range(flat.size):
        e = (flat[i] >> 10) & 0x1F
        if e == 0 or e == 0x1F:
            return False
    return True


@dataclass(frozen=True)
class _Compiled:
    """The compiled loops and py3langid's model as arrays they read."""

    walk: Callable[..., int]
    gather: Callable[..., None]
    nextmove: np.ndarray  # the automaton: next state of (row base of state) + byte
    rowbase: np.ndarray
    output: np.ndarray  # the feature a state emits, or -1
    ptc16: np.ndarray  # the per-feature class weights, float16 read as uint16
    warm: int  # bytes after which the automaton's state no longer depends on the past

    def classify(self, ident: Any, text: str) -> tuple[str, float]:
        """``ident.classify(text)`` (``norm_probs``, no ``min_confidence``)."""
        data = ident._encode(text)
        buf = np.frombuffer(data, dtype=np.uint8)
        work = _work(len(self.ptc16), self.ptc16.shape[1], buf.size)
        chains = _CHAINS if buf.size >= _CHAINS * _CHAIN_MIN_BYTES else 1
        seg = buf.size // chains + chains + 1
        feats = work.feats[: chains * seg].reshape(chains, seg)
        tables = (self.nextmove, self.rowbase, self.output)
        n = self.walk(*tables, buf, work.counts, work.order, chains, self.warm, feats, work.nfeat)
        if n:
            # py3langid 0.4's _sparse_score: log1p(counts) @ nb_ptc[features] + nb_pc
            # in float32 (numpy casts the float16 rows to float32, then multiplies)
            rows = work.rows[:n]
            self.gather(self.ptc16, work.order, n, work.counts, work.raw, work.visits, rows)
            scores = np.log1p(work.visits[:n]) @ rows.view(np.float32) + ident.nb_pc
        else:
            scores = np.full(len(ident.nb_classes), 0.0, dtype=np.float32)
        # the rest of py3langid 0.4's _decide and classify (norm_probs=True)
        scores *= 1.0 / math.sqrt(len(data) or 1)
        np.exp(scores - scores.max(), out=scores)
        scores /= scores.sum()
        for i, j in ident._alias_pairs:
            scores[i] += scores[j]
            scores[j] = 0.0
        best = int(scores.argmax())
        return ident.nb_classes[best], float(scores[best])


#: Segments of a text walked side by side, for texts of at least _CHAIN_MIN_BYTES
#: bytes a segment (shorter ones are walked in one piece).
_CHAINS = 8
_CHAIN_MIN_BYTES = 32
_WORK = threading.local()


@dataclass
class _Work:
    """One thread's buffers for :meth:`_Compiled.classify`, kept between calls (fresh
    arrays each call would be mapped and faulted in again every time)."""

    counts: np.ndarray  # a counter per feature: zero between calls
    order: np.ndarray  # the features in order of first visit
    feats: np.ndarray  # each chain's features, in order (chains x a segment's bytes)
    nfeat: np.ndarray  # each chain's count of them
    visits: np.ndarray  # the count of each feature of ``order``, float32
    raw: np.ndarray  # their model rows as float16 bits
    rows: np.ndarray  # and as float32 bits
    size: int  # the longest text (bytes) the buffers hold


def _work(features: int, width: int, size: int) -> _Work:
    """This thread's buffers, long enough for a text of ``size`` bytes."""
    work: _Work | None = getattr(_WORK, "buffers", None)
    if work is None or work.size < size or len(work.counts) != features:
        size = max(size, 1 << 14, 0 if work is None else 2 * work.size)
        distinct = min(size, features) + 1  # at most a feature a byte
        work = _WORK.buffers = _Work(
            counts=np.zeros(features, dtype=np.int64),
            order=np.empty(distinct, dtype=np.int64),
            feats=np.empty(_CHAINS * (size // _CHAINS + _CHAINS + 1) + size + 1, dtype=np.int64),
            nfeat=np.empty(_CHAINS, dtype=np.int64),
            visits=np.empty(distinct, dtype=np.float32),
            raw=np.empty((distinct, width), dtype=np.uint16),
            rows=np.empty((distinct, width), dtype=np.uint32),
            size=size,
        )
    return work


_COMPILED: _Compiled | None = None
_NO_COMPILED = False  # numba missing, or this py3langid is not laid out as 0.4's is
_CHECK = "The council voted on Tuesday to build a new bridge over the river. Ça coûte cher."


def _build(ident: Any) -> _Compiled:
    import numba

    if ident.tk_nextmove.itemsize != 4:
        raise TypeError("the automaton is not uint32")
    rowbase = np.asarray(ident._rowbase, dtype=np.int64)
    output = np.asarray(ident.tk_output, dtype=np.int64)
    ptc = ident.nb_ptc
    if ptc.dtype != np.float16 or ptc.ndim != 2 or not ptc.flags.c_contiguous:
        raise TypeError("the model is not a float16 matrix")
    if rowbase.size != output.size or int(output.max()) >= len(ptc):
        raise ValueError("the automaton's tables disagree")
    jit = numba.njit(cache=True, nogil=True, boundscheck=False)
    if not jit(_all_normal)(ptc.view(np.uint16)):
        raise ValueError("the model holds halves the compiled conversion does not convert")
    nextmove = np.frombuffer(ident.tk_nextmove, dtype=np.uint32)
    warm = int(jit(_depth)(nextmove, rowbase, rowbase.size))
    if not 0 < warm <= _CHAIN_MIN_BYTES or not jit(_synchronized)(
        nextmove, rowbase, warm, 20000, 1
    ):
        raise ValueError("the automaton is not the Aho-Corasick automaton the walk expects")
    return _Compiled(
        walk=jit(_walk),
        gather=jit(_gather),
        nextmove=nextmove,
        rowbase=rowbase,
        output=output,
        ptc16=ptc.view(np.uint16),
        warm=warm,
    )


def compiled(ident: Any) -> _Compiled | None:
    """The compiled path for ``ident`` (built once per process), or None without it.

    On first use it must give exactly ``ident.classify``'s answer on a sample,
    or it is never used (a py3langid whose model or scoring changed)."""
    global _COMPILED, _NO_COMPILED
    if _COMPILED is not None or _NO_COMPILED:
        return _COMPILED
    with _LOCK:
        if _COMPILED is None and not _NO_COMPILED:
            try:
                built = _build(ident)
                if built.classify(ident, _CHECK) != ident.classify(_CHECK):
                    raise ValueError("the compiled path does not give py3langid's answer")
                _COMPILED = built
            except (ImportError, AttributeError, TypeError, ValueError):
                _NO_COMPILED = True
    return _COMPILED


def identify(text: str, sample_chars: int = 4000) -> tuple[str, float]:
    """``(language code, confidence)`` of ``text`` (its first ``sample_chars`` characters)."""
    sample = text[:sample_chars] if sample_chars else text
    ident = identifier()
    fast = compiled(ident) if stages_use_numba(len(sample)) else None
    if fast is not None:
        lang, confidence = fast.classify(ident, sample)
    else:
        lang, confidence = ident.classify(sample)
    return str(lang), round(float(confidence), 3)


def english_only_skip(doc: Document, config: LanguageConfig) -> str | None:
    """Why an English-only stage or check should leave ``doc`` alone, or None.

    ``"language fr"`` when the document was identified as another language than
    English with at least ``config.english_only_min_confidence``.
    """
    lang = doc.scores.get("language")
    confidence = doc.scores.get("language.confidence")
    if not isinstance(lang, str) or lang == "en" or not isinstance(confidence, float | int):
        return None
    if confidence < config.english_only_min_confidence:
        return None
    return f"language {lang}"


class LanguageStep:
    """Record the language of each document; see the module docstring."""

    name = "language"

    def __init__(self, config: LanguageConfig) -> None:
        self.config = config

    def __call__(self, doc: Document) -> Document:
        if not self.config.identify or doc.dropped is not None or "language" in doc.scores:
            return doc
        lang, confidence = identify(doc.text, self.config.sample_chars)
        doc.scores["language"] = lang
        doc.scores["language.confidence"] = confidence
        return doc


def build(config: Config, rules: RulePack | None = None) -> LanguageStep:
    return LanguageStep(config.language)
