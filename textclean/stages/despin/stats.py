"""Offline English statistics: word frequencies (wordfreq) and bigram counts (symspellpy).

Nothing is downloaded: both packages ship their data. The symspellpy count
files (Google n-gram counts: 82,765 words, 243,342 bigrams, lower case) are
parsed once per process on first use, and only when a T2 decision needs them.

*Breadth* (detection) counts reverse-table hits whose spun form is rarer in
English than its original, by wordfreq's Zipf frequency.

*T2 evidence* compares how well the original and the spun wording fit the
neighbouring words. With ``p`` the word before and ``n`` the word after::

    ratio = [c(p, orig) * c(orig, n) / c(orig)] / [c(p, spun) * c(spun, n) / c(spun)]

which is the likelihood ratio of the two words given both neighbours; with one
neighbour it is ``c(p, orig) / c(p, spun)`` (or the ``n`` side). Multi-word
phrases use their first word on the left and their last word on the right.
A bigram missing from the list counts as half the list's smallest count;
after ``a``/``an`` both articles are summed, so ``a settlement`` is compared
with ``an agreement``.

*Phrase frequency* (the T2 prior of a phrase entry): wordfreq scores single
words only (a phrase gets a blend of its words' frequencies, so "in addition
to" and "as well as" look alike). :func:`phrase_zipf` chains the bigram counts
instead, as a first-order Markov estimate on wordfreq's Zipf scale::

    zipf(w1 … wn) = zipf(w1) + log10 P(w2 | w1) + … + log10 P(wn | wn-1)
    P(b | a) = c(a b) / (K * c(a))

with ``c(a)`` from symspellpy's unigram list. The bigram list is counted on a
larger, case-sensitive corpus, so its counts run about ``K`` = 40 times the
unigram counts of common lower-case words; :func:`bigram_scale` measures ``K``
from the lists themselves (median, over the 20 commonest words, of the summed
counts of the listed bigrams they start, divided by their unigram count). A
bigram missing from the list is estimated as if its words were independent,
but never above half the list's smallest count.

>>> bigram_count("the", "military") > bigram_count("the", "army") > 0
True
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path

from textclean.wording import written_as_words

ARTICLES = frozenset({"a", "an"})


@lru_cache(maxsize=1)
def _symspell_dir() -> Path:
    return Path(str(resources.files("symspellpy")))


def _read_counts(name: str) -> tuple[dict[str, int], int]:
    """One symspellpy count file (``key count`` per line, a bigram's key holding its
    two words): the counts and the smallest of them."""
    counts: dict[str, int] = {}
    with (_symspell_dir() / name).open(encoding="utf-8") as fh:
        for line in fh:
            key, _, c = line.rstrip().rpartition(" ")
            counts[key] = int(c)
    return counts, min(counts.values())


@lru_cache(maxsize=1)
def _bigrams() -> tuple[dict[str, int], int]:
    return _read_counts("frequency_bigramdictionary_en_243_342.txt")


@lru_cache(maxsize=1)
def _unigrams() -> tuple[dict[str, int], int]:
    return _read_counts("frequency_dictionary_en_82_765.txt")


def bigram_count(a: str, b: str) -> float:
    """Google count of the bigram ``a b``; half the list's floor if it is not listed."""
    counts, floor = _bigrams()
    if a in ARTICLES:
        n = counts.get(f"a {b}", 0) + counts.get(f"an {b}", 0)
    else:
        n = counts.get(f"{a} {b}", 0)
    return float(n) if n else floor / 2


def unigram_count(w: str) -> float:
    counts, floor = _unigrams()
    return float(counts.get(w, floor / 2))


def listed_word(w: str) -> bool:
    """The unigram list knows ``w`` (a name, a figure or a rare word it lacks says
    nothing about the words beside it)."""
    counts, _floor = _unigrams()
    return w in counts


@lru_cache(maxsize=1)
def bigram_scale() -> float:
    """``K``: bigram-list counts per unigram-list count (see the module docstring).

    >>> 20 < bigram_scale() < 80
    True
    """
    bigrams, _floor = _bigrams()
    unigrams, _ufloor = _unigrams()
    top = sorted(unigrams, key=unigrams.__getitem__, reverse=True)[:20]
    wanted = set(top)
    left: Counter[str] = Counter()
    for key, n in bigrams.items():
        first = key.split(" ", 1)[0]
        if first in wanted:
            left[first] += n
    return float(statistics.median(left[w] / unigrams[w] for w in top))


@lru_cache(maxsize=1)
def _unigram_total() -> float:
    counts, _floor = _unigrams()
    return float(sum(counts.values()))


def chain_bigram_count(a: str, b: str) -> float:
    """The bigram list's count of ``a b``; if it is not listed, the independence
    estimate ``K * c(a) * c(b) / N`` capped at half the list's smallest count."""
    counts, floor = _bigrams()
    n = counts.get(f"{a} {b}", 0)
    if n:
        return float(n)
    independent = bigram_scale() * unigram_count(a) * unigram_count(b) / _unigram_total()
    return min(floor / 2, independent)


@lru_cache(maxsize=65536)
def phrase_zipf(phrase: str) -> float:
    """Zipf frequency of a phrase by the bigram chain (see the module docstring); a
    single word is its wordfreq Zipf frequency.

    >>> phrase_zipf("as well as") > phrase_zipf("in addition to")
    True
    >>> phrase_zipf("time period") < zipf("term") - 1
    True
    >>> phrase_zipf("year") == zipf("year")
    True
    """
    words = phrase.lower().split()
    if not words:
        return 0.0
    z = zipf(words[0])
    scale = bigram_scale()
    for a, b in pairwise(words):
        conditional = chain_bigram_count(a, b) / (scale * unigram_count(a))
        z += math.log10(min(conditional, 1.0))
    return z


@dataclass(frozen=True)
class Evidence:
    """How much better the original fits its neighbours than the spun wording."""

    ratio: float
    prev: str | None
    next: str | None

    def as_dict(self) -> dict[str, object]:
        d: dict[str, object] = {"bigram_ratio": round(self.ratio, 2)}
        if self.prev is not None:
            d["prev"] = self.prev
        if self.next is not None:
            d["next"] = self.next
        return d


def _pair(a: str, b: str) -> tuple[bool, float]:
    """``(_listed(a, b), bigram_count(a, b))`` with one look-up each."""
    counts, floor = _bigrams()
    return pair_in(counts, floor / 2, a, b)


def pair_in(counts: dict[str, int], half: float, a: str, b: str) -> tuple[bool, float]:
    """:func:`_pair` with the bigram counts and half their floor passed in (a caller
    weighing many pairs looks them up once)."""
    if a in ARTICLES:
        x, y = counts.get(f"a {b}"), counts.get(f"an {b}")
        n = (x or 0) + (y or 0)
        return (x is not None or y is not None), (float(n) if n else half)
    n = counts.get(f"{a} {b}")
    return n is not None, (float(n) if n else half)


def bigram_listed(a: str, b: str) -> bool:
    """The bigram list holds ``a b`` (for an article, "a b" or "an b")."""
    return _listed(a, b)


def _listed(a: str, b: str) -> bool:
    counts, _floor = _bigrams()
    if a in ARTICLES:
        return f"a {b}" in counts or f"an {b}" in counts
    return f"{a} {b}" in counts


def bigram_evidence(
    spun: str,
    original: str,
    prev: str | None,
    nxt: str | None,
    phrase_log_prior: float | None = None,
) -> Evidence:
    """Likelihood ratio original : spun given the neighbour words (see the module docstring).

    A side counts only when the bigram list has it for the original or the spun
    wording; when neither is listed, that neighbour says nothing.

    For a phrase entry pass ``phrase_log_prior`` (``log10(f_orig / f_spun)`` by
    :func:`phrase_zipf`): each side is then a conditional, ``c(p, first word) /
    c(first word)`` (``c(last word, n) / c(last word)`` on the right), so the
    frequency of a boundary word ("of" in "as a result of") does not stand in
    for the frequency of the phrase, and the phrase ratio is multiplied in once,
    as the joint count does for a single word.

    >>> lp = phrase_zipf("because") - phrase_zipf("as a result of")
    >>> bigram_evidence("as a result of", "because", None, "many").ratio < 1  # "of many"
    True
    >>> bigram_evidence("as a result of", "because", None, "many", lp).ratio > 1
    True

    >>> bigram_evidence("energy", "power", None, "plant").ratio > 1
    True
    >>> bigram_evidence("power", "energy", None, "plant").ratio < 1
    True
    >>> bigram_evidence("zzyzx", "qqxq", "foo", "bar").ratio
    1.0
    """
    s_words, o_words = spun.split(" "), original.split(" ")
    if phrase_log_prior is not None:
        return _phrase_evidence(s_words, [w.lower() for w in o_words], prev, nxt, phrase_log_prior)
    return Evidence(
        word_ratio(s_words[0], o_words[0], s_words[-1], o_words[-1], prev, nxt), prev, nxt
    )


def word_ratio(
    s_first: str, o_first: str, s_last: str, o_last: str, prev: str | None, nxt: str | None
) -> float:
    """The ratio of :func:`bigram_evidence` for words (1.0: the neighbours say nothing):
    ``s_first``/``o_first`` meet ``prev``, ``s_last``/``o_last`` meet ``nxt``."""
    o_prev = s_prev = o_next = s_next = None
    if prev is not None:
        o_prev, s_prev = _pair(prev, o_first), _pair(prev, s_first)
    if nxt is not None:
        o_next, s_next = _pair(o_last, nxt), _pair(s_last, nxt)
    return pairs_ratio(o_prev, s_prev, o_next, s_next, o_last, s_last)


_Pair = tuple[bool, float]


def pairs_ratio(
    o_prev: _Pair | None,
    s_prev: _Pair | None,
    o_next: _Pair | None,
    s_next: _Pair | None,
    o_last: str,
    s_last: str,
) -> float:
    """:func:`word_ratio` from the :func:`_pair` of the original and the spun word with
    each neighbour (None: no neighbour on that side)."""
    log_ratio = 0.0
    sides = 0
    if o_prev is not None and s_prev is not None and (o_prev[0] or s_prev[0]):
        log_ratio += math.log(o_prev[1] / s_prev[1])
        sides += 1
    if o_next is not None and s_next is not None and (o_next[0] or s_next[0]):
        log_ratio += math.log(o_next[1] / s_next[1])
        sides += 1
    if sides == 2:
        # both sides are joint counts: divide once by the words' own counts, so the
        # product is the likelihood of the context given each word
        log_ratio -= math.log(unigram_count(o_last) / unigram_count(s_last))
    if not sides:
        return 1.0
    return math.exp(log_ratio)


def _phrase_evidence(
    s_words: list[str], o_words: list[str], prev: str | None, nxt: str | None, log_prior: float
) -> Evidence:
    log_ratio = 0.0
    sides = 0
    if prev is not None and (_listed(prev, o_words[0]) or _listed(prev, s_words[0])):
        o, s = o_words[0], s_words[0]
        log_ratio += math.log(bigram_count(prev, o) / unigram_count(o))
        log_ratio -= math.log(bigram_count(prev, s) / unigram_count(s))
        sides += 1
    if nxt is not None and (_listed(o_words[-1], nxt) or _listed(s_words[-1], nxt)):
        o, s = o_words[-1], s_words[-1]
        log_ratio += math.log(bigram_count(o, nxt) / unigram_count(o))
        log_ratio -= math.log(bigram_count(s, nxt) / unigram_count(s))
        sides += 1
    if not sides:
        return Evidence(1.0, prev, nxt)
    return Evidence(math.exp(log_ratio + log_prior * math.log(10)), prev, nxt)


@lru_cache(maxsize=65536)
def zipf(phrase: str) -> float:
    """wordfreq's Zipf frequency of a word or phrase in English (0 when unknown)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(phrase, "en"))


#: Languages whose commonest words mark a text as not English.
OTHER_LANGUAGES = ("fr", "de", "es", "it", "pt", "nl", "sv", "pl", "tr", "id")


@lru_cache(maxsize=1)
def language_markers() -> tuple[frozenset[str], frozenset[str]]:
    """``(english, foreign)``: the 100 commonest English words that are not among the
    100 commonest words of :data:`OTHER_LANGUAGES`, and those languages' 100 commonest
    words that are not among the 1000 commonest English words (wordfreq lists)."""
    from wordfreq import top_n_list

    other: set[str] = set()
    for lang in OTHER_LANGUAGES:
        other.update(top_n_list(lang, 100))
    english = set(top_n_list("en", 100)) - other
    foreign = other - set(top_n_list("en", 1000))
    return frozenset(w.replace("’", "'") for w in english), frozenset(foreign)


def english_share(keys: list[str], text: str | None = None) -> float:
    """English marker words / (English + foreign marker words) among lower-case tokens.

    With ``text`` (what ``keys`` were read from), a foreign marker counts only if the text
    writes it in lower case somewhere: one that stands only capitalised there is a name
    or an acronym of an English text ("Galaxy S24 Plus", "AI"), not a word of another
    language, which a text in that language writes in lower case again and again
    (markers with an apostrophe, whose key may not spell the text's apostrophe, count).

    >>> english_share("the cat is on the mat and it was not there".split()) > 0.9
    True
    >>> english_share("le chat est sur le tapis et il n'était pas là".split()) < 0.2
    True
    >>> spec = "The new phone is out. Galaxy S24 Plus | Galaxy S23 Plus | Galaxy S22 Plus"
    >>> english_share(spec.lower().split()) < 0.8, english_share(spec.lower().split(), spec)
    (True, 1.0)
    """
    english, foreign = language_markers()
    en = sum(map(english.__contains__, keys))
    counts = Counter(k for k in keys if k in foreign)
    if text is not None:
        for k in [k for k in counts if "'" not in k and not written_as_words(text, k)]:
            del counts[k]
    other = sum(counts.values())
    return en / (en + other) if en + other else 0.0
