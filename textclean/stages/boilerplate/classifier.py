"""A learned line classifier: chrome found from the shape of a line and its neighbours.

The phrase rules know what chrome *says*; this model knows how chrome *looks*
and *sits* (jusText's signals: length, stop-word density, link-like text, and
the neighbours). It runs last, on the lines the rules left, and reads the
rules' removals as context. Its weights are data: the ``[model]`` table of
``rules/boilerplate/model.toml``, written by ``bench/boilerplate/train.py``
from the labelled real-page set; a user pack's ``[model]`` table replaces it
whole.

The model is a sum of small regression trees (gradient boosting with the
logistic loss) over the features of :data:`FEATURES`; a line whose probability
of being chrome reaches ``threshold`` is removed under the rule id
:data:`RULE_ID`, with the probability and the features that pushed it up most
in the evidence. A second pass takes a line whose probability reaches
``extend_threshold`` when the lines right above and below it are both removed
(a run of chrome). Everything is plain arithmetic in a fixed order, so the
result is deterministic.

Guards that no weight can overrule: a line that ends a sentence and has at
least ``protect_words`` words is never a candidate (an article sentence is
worth more than a line of chrome), nor is a line of more than ``max_words``
words or a line in fenced code.

Where it looks is the model's ``scope``. ``"edges"``: only the lines above and
below the text, on a page where a rule removed a line, and no line of a page
without a single prose line (a poem, a recipe card or a list is not a page of
chrome). ``"page"``: every page, judged by its structure (jusText's classes of
lines and their context, the prose lines above and below, the neighbours), behind
guards for the article's own short lines: the title, bylines and date lines,
headings between paragraphs, dialogue, the lines right next to the text; and it
never takes every line of a page. A line inside the text (between its first and last
prose line) needs ``inside_threshold`` (1.0: never taken; 0.0, the default of a table
without it: no bar of its own). See :func:`page_features`.

>>> f = line_shape("Share this article: Facebook Twitter Email", frozenset({"this"}))
>>> f["words"], f["stop_share"], f["sentence_end"], round(f["title_share"], 2)
(6.0, 0.16666666666666666, 0.0, 0.67)
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from textclean.stages.boilerplate.layout import (
    Line,
    cjk_chars,
    ends_sentence,
    is_prose,
)
from textclean.stages.boilerplate.rules import line_key
from textclean.stages.boilerplate.shape import CREDIT, WEAK_CONTEXT, page_title

RULE_ID = "boilerplate.shape.classifier"

#: The features, in the order the model's trees index them.
FEATURES: tuple[str, ...] = (
    # the line itself
    "words",
    "chars",
    "mean_word_len",
    "sentence_end",
    "ends_colon",
    "ends_ellipsis",
    "stop_share",
    "vocab_share",
    "title_share",
    "upper_share",
    "digit_share",
    "alpha_share",
    "punct_share",
    "bullet",
    "urlish",
    "separators",
    "bare_number",
    "year",
    "month",
    "copyright",
    "time_stamp",
    "indent",
    "repeats",
    # where it stands
    "from_top",
    "from_bottom",
    "rel_pos",
    "header",
    "footer",
    "to_first_prose",
    "to_last_prose",
    # its neighbours
    "prev_words",
    "next_words",
    "prev_prose",
    "next_prose",
    "prev_removed",
    "next_removed",
    "prev_sentence_end",
    "next_sentence_end",
    "removed_near",
    "run_len",
    "run_removed_share",
    "run_at_top",
    "run_at_bottom",
    "run_pos",
    "run_left",
    "run_bullet_share",
    "run_title_share",
    "run_mean_words",
    "run_vocab_share",
    "run_short_share",
    # the page
    "page_lines",
    "page_prose_share",
    "page_removed_share",
    # structure (language-independent; jusText's classes and their context)
    "cjk_share",
    "quote_start",
    "jt_class",
    "jt_context",
    "prev_class",
    "next_class",
    "prev2_words",
    "next2_words",
    "prev_title",
    "next_title",
    "prev_stop",
    "next_stop",
    "good_above",
    "good_below",
    "dist_good_above",
    "dist_good_below",
    "inside",
    "page_has_prose",
    "page_rule_removed",
    "date_line",
    "byline_start",
    # the rules' removals around it, and repeated shapes (teaser blocks, lists of links)
    "dist_removed_above",
    "dist_removed_below",
    "removed_same_zone",
    "prev_date",
    "next_date",
    "run_date_share",
    "run_digit_share",
    "run_shape_repeats",
    "page_date_lines",
)
_INDEX = {name: k for k, name in enumerate(FEATURES)}

_BULLETS = ("•", "-", "*", "·", "▪", "›", "»", "◦", "–", "—", "→", "►", "▸", "|")
_PUNCT = "\"'“”‘’«»()[]{}.,;:!?¿¡…"
_URLISH = regex.compile(
    r"https?://|www\.|\.(?:jpe?g|png|gif|webp|svg|html?|php|aspx?|pdf)\b"
    r"|(?:^|\s)[\p{L}\p{N}.-]*[_%+][\p{L}\p{N}_%+.-]*(?:\s|$)"
    r"|^[\p{L}\p{N}._:-]*\p{L}[\p{L}\p{N}._:-]*\p{N}[\p{L}\p{N}._:-]*$"
    r"|^[\p{L}\p{N}._:-]*\p{N}[\p{L}\p{N}._:-]*\p{L}[\p{L}\p{N}._:-]*$"
)
_SEPARATORS = regex.compile(r"\s[|•·»›/>]\s|❯")
_BARE_NUMBER = regex.compile(r"[\d.,:/%+()\s-]+")
_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_MONTH = regex.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|"
    r"june|july|august|september|october|november|december|januar|februar|märz|mai|juni|juli|"
    r"oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|"
    r"novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
    r"octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|"
    r"ottobre|dicembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|"
    r"dezembro|januari|februari|maart|augustus|juni|juli|mei|oktober|desember|agustus)\b",
    regex.IGNORECASE,
)
_COPYRIGHT = regex.compile(r"©|\(c\)|copyright|all rights reserved", regex.IGNORECASE)
#: a clock time or a relative age: the stamp of a comment or a post ("2:29 am", "5 years ago")
_TIME_STAMP = regex.compile(
    r"(?<!\d)\d{1,2}:\d\d(?!\d)|\b\d+\s*(?:min|mins|minutes?|hours?|hrs?|days?|weeks?|months?"
    r"|years?)\s+ago\b",
    regex.IGNORECASE,
)


#: sentence endings of those scripts (and the full-width ones)
_CJK_END = ("。", "！", "？", "｡", "」", "』")
#: a line opening with a quote or a dialogue dash: a line of dialogue or a quotation
_QUOTE_START = ('"', "“", "„", "«", "»", "‘", "'", "「", "『", "— ", "– ")
#: a byline's first word in many languages ("By Ana Ruiz", "Von …", "Par …", "Oleh …")
_BYLINE = regex.compile(
    r"(?:by|von|par|por|di|door|oleh|av|af|przez|od|autor|auteur|author|автор|yazar|"
    r"written by|posted by|escrito por|publicado por|publié par|pubblicato da|"
    r"geschrieben von|scritto da|ditulis oleh)\b\s*:?\s*\S",
    regex.IGNORECASE,
)
#: a date: a year, a month's name, or a numeric date ("12.03.2021", "3/4/21")
_DATE = regex.compile(r"(?<!\d)\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?!\d)")


#: the rules that remove a comment's author line: the line below it is the comment's text
_COMMENTER = regex.compile(r"boilerplate\.comments\.author")


#: an author credit heading below the text ("Author", "About the author", "Written by"):
#: it and the line below it (the author's name) are the article's, never candidates
_AUTHOR_HEADING = regex.compile(
    r"(?:about\s+the\s+)?authors?|written\s+by|words(?:\s+and\s+pictures)?\s+by"
    r"|(?:photos?|pictures?)\s+by|reporters?|contributors?|[üu]ber\s+den\s+autor|autor(?:in|es)?"
    r"|auteur|sobre\s+el\s+autor|à\s+propos\s+de\s+l'auteur",
    regex.IGNORECASE,
)
#: a date line led by a label ("Uploaded: 2024-05-02", "Published on 3 March 2021"):
#: the article's own date, wherever it stands
_LABELLED_DATE = regex.compile(
    r"(?:uploaded|published|posted|updated|last\s+updated|last\s+modified|created|date"
    r"|released|filmed|recorded|aired)(?:\s+(?:on|at))?\s*:?\s",
    regex.IGNORECASE,
)


def _date_line(text: str, k: int, shapes: Mapping[int, Mapping[str, float]]) -> bool:
    """``line_shape(text)["date_line"]``, from ``shapes[k]`` when it is there."""
    known = shapes.get(k)
    if known is not None:
        return known["date_line"] > 0
    return len(text.split()) <= 8 and (
        _YEAR.search(text) is not None
        or _MONTH.search(text) is not None
        or _DATE.search(text) is not None
    )


#: a table's caption ("Table 6.14. List of popular RFCs", "Tabelle 2:", "Tableau 3 –")
_TABLE_CAPTION = regex.compile(
    r"(?:table|tabelle|tableau|tabla|tabella|tabel|tabela|tabulka)\s+[0-9IVX]+(?:[.-][0-9]+)*"
    r"\s*(?:[.:–—-]|$)",
    regex.IGNORECASE,
)


def _lead_in(ln: Line, words: int) -> bool:
    """A sentence of ``words`` words or more ending in a colon: it introduces a list."""
    return ln.words >= words and ln.text.endswith((":", "："))


def _byline_or_date(ln: Line, max_words: int = 8) -> bool:
    """A byline ("By Ana Ruiz") or a date line ("March 3, 2021", "12.03.2021 10:45") of
    at most ``max_words`` words."""
    t = ln.text
    if ln.words > max_words:
        return False
    return (
        _BYLINE.match(t) is not None
        or _YEAR.search(t) is not None
        or _MONTH.search(t) is not None
        or _DATE.search(t) is not None
    )


def sentence_like(text: str) -> bool:
    """Ends a sentence, in any script (``ends_sentence``, or "。", "！", "？" ...)."""
    return ends_sentence(text) or text.endswith(_CJK_END)


def good_line(text: str, words: int, prose_min_words: int) -> bool:
    """A prose line in any script: ``prose_min_words`` words ending a sentence.

    ``words`` are :func:`~.layout.effective_words` (a line's ``words``): a Japanese or Thai
    paragraph counts by its characters."""
    if words < prose_min_words:
        return False
    return is_prose(text, prose_min_words) or (cjk_chars(text) > 0 and sentence_like(text))


#: ASCII characters by ``str`` class, to count a line's classes with ``bytes.translate``
_ASCII_ALPHA = bytes(c for c in range(128) if chr(c).isalpha())
_ASCII_UPPER = bytes(c for c in range(128) if chr(c).isupper())
_ASCII_DIGIT = bytes(c for c in range(128) if chr(c).isdigit())
_ASCII_SPACE = bytes(c for c in range(128) if chr(c).isspace())
_NON_ASCII = regex.compile(r"[^\x00-\x7f]")


def _char_classes(text: str) -> tuple[int, int, int, int]:
    """Letters, capitals, digits and other non-space characters of ``text``, as
    ``str.isalpha``, ``isupper``, ``isdigit`` and ``isspace`` class them.

    The ASCII characters are counted in C (``bytes.translate``), the others one by one.

    >>> _char_classes("Page 2 of 10 – Next»")
    (10, 2, 3, 2)
    """
    ascii_part = text.encode("ascii", "ignore")
    size = len(ascii_part)
    letters = size - len(ascii_part.translate(None, _ASCII_ALPHA))
    upper = size - len(ascii_part.translate(None, _ASCII_UPPER))
    digits = size - len(ascii_part.translate(None, _ASCII_DIGIT))
    punct = size - letters - digits - (size - len(ascii_part.translate(None, _ASCII_SPACE)))
    if size < len(text):
        for ch in _NON_ASCII.findall(text):
            if ch.isalpha():
                letters += 1
                if ch.isupper():
                    upper += 1
            elif ch.isdigit():
                digits += 1
            elif not ch.isspace():
                punct += 1
    return letters, upper, digits, punct


def word_shape(
    text: str, stopwords: frozenset[str], vocabulary: frozenset[str] = frozenset()
) -> dict[str, float]:
    """The features of :func:`line_shape` that a line's neighbours and runs read (words,
    shares of stop words, chrome words, title case and digits, bullet, sentence end, date
    line): cheaper, since most of the page's lines are only neighbours."""
    words = text.split()
    n = len(words)
    chars = len(text)
    stop = titled = alpha_words = vocab = 0
    for w in words:
        core = w.strip(_PUNCT).lower()
        if core in stopwords:
            stop += 1
        elif core in vocabulary:
            vocab += 1
        first = w.lstrip(_PUNCT)[:1]
        if first.isalpha():
            alpha_words += 1
            if first.isupper():
                titled += 1
    digits = _char_classes(text)[2]
    return {
        "words": float(n),
        "sentence_end": float(sentence_like(text) and not text.endswith("...")),
        "stop_share": stop / n if n else 0.0,
        "vocab_share": vocab / n if n else 0.0,
        "title_share": titled / alpha_words if alpha_words else 0.0,
        "digit_share": digits / chars if chars else 0.0,
        "bullet": float(text.startswith(_BULLETS)),
        "date_line": float(
            n <= 8
            and (
                _YEAR.search(text) is not None
                or _MONTH.search(text) is not None
                or _DATE.search(text) is not None
            )
        ),
    }


def line_shape(
    text: str,
    stopwords: frozenset[str],
    vocabulary: frozenset[str] = frozenset(),
    light: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """The features of a line on its own (``text`` stripped, non-empty).

    ``vocabulary``: words of chrome (taken from the phrase rules' exact lines);
    ``light``: the line's :func:`word_shape`, when it is known.
    """
    if light is None:
        light = word_shape(text, stopwords, vocabulary)
    n = int(light["words"])
    chars = len(text)
    letters, upper, digits, punct = _char_classes(text)
    return {
        "words": light["words"],
        "chars": float(chars),
        "mean_word_len": (chars - n + 1) / n if n else 0.0,
        "sentence_end": light["sentence_end"],
        "ends_colon": float(text.endswith(":")),
        "ends_ellipsis": float(text.endswith(("...", "…", "[...]", "[…]"))),
        "stop_share": light["stop_share"],
        "vocab_share": light["vocab_share"],
        "title_share": light["title_share"],
        "upper_share": upper / letters if letters else 0.0,
        "digit_share": digits / chars if chars else 0.0,
        "alpha_share": letters / chars if chars else 0.0,
        "punct_share": punct / chars if chars else 0.0,
        "bullet": light["bullet"],
        "urlish": float(_URLISH.search(text) is not None),
        "separators": float(len(_SEPARATORS.findall(text))),
        "bare_number": float(_BARE_NUMBER.fullmatch(text) is not None),
        "year": float(_YEAR.search(text) is not None),
        "month": float(_MONTH.search(text) is not None),
        "copyright": float(_COPYRIGHT.search(text) is not None),
        "time_stamp": float(_TIME_STAMP.search(text) is not None),
        "cjk_share": cjk_chars(text) / chars if chars else 0.0,
        "quote_start": float(text.startswith(_QUOTE_START)),
        "date_line": light["date_line"],
        "byline_start": float(n <= 8 and _BYLINE.match(text) is not None),
    }


@dataclass(frozen=True)
class Tree:
    """A full binary regression tree in heap order (node ``i`` has children ``2i+1``, ``2i+2``).

    ``feature[i] < 0`` marks an internal node that does not split (every line goes
    left). ``value`` holds the internal nodes' values (the mean of the lines
    reaching them) so that a prediction can be split into feature contributions.
    """

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    value: tuple[float, ...]
    leaf: tuple[float, ...]

    def predict(self, x: Sequence[float]) -> float:
        i = 0
        n = len(self.feature)
        while i < n:
            f = self.feature[i]
            i = 2 * i + (1 if f < 0 or x[f] <= self.threshold[i] else 2)
        return self.leaf[i - n]

    def contributions(self, x: Sequence[float], out: list[float]) -> None:
        """Add to ``out[f]`` how much each split on feature ``f`` moved the prediction."""
        i = 0
        n = len(self.feature)
        while i < n:
            f = self.feature[i]
            j = 2 * i + (1 if f < 0 or x[f] <= self.threshold[i] else 2)
            after = self.value[j] if j < n else self.leaf[j - n]
            if f >= 0:
                out[f] += after - self.value[i]
            i = j


def _num(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"[model] {what}: expected a number")
    if not math.isfinite(value):
        raise ValueError(f"[model] {what}: expected a finite number")
    return float(value)


_MODEL_KEYS = {
    "enabled",
    "features",
    "bias",
    "threshold",
    "extend_threshold",
    "protect_words",
    "max_words",
    "stopwords",
    "vocabulary",
    "trees",
    "trained_on",
    "note",
    "scope",
    "inside_threshold",
    "needs_rule_removal",
}
#: Where the classifier looks: ``edges`` (the lines above and below the text, on a page
#: where a rule removed a line) or ``page`` (every line of every page, guarded).
SCOPES = ("edges", "page")


@dataclass(frozen=True)
class Model:
    """The classifier's weights and guards (the ``[model]`` table)."""

    trees: tuple[Tree, ...] = ()
    bias: float = 0.0
    threshold: float = 0.9
    extend_threshold: float = 0.6
    protect_words: int = 8
    max_words: int = 40
    stopwords: frozenset[str] = frozenset()
    vocabulary: frozenset[str] = frozenset()
    enabled: bool = True
    trained_on: tuple[str, ...] = ()  # the sites of the pages it was trained on
    scope: str = "edges"
    #: the probability a line inside the text (between its first and last prose line)
    #: needs, in either pass (1.0: such a line is never taken; 0.0: no bar of its own)
    inside_threshold: float = 0.0
    #: in page scope, judge only a page where a rule removed a line (as edge scope does)
    needs_rule_removal: bool = False

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> Model:
        """Read and check a ``[model]`` table; ValueError names the first problem."""
        unknown = sorted(set(table) - _MODEL_KEYS)
        if unknown:
            raise ValueError(f"[model]: unknown key {unknown[0]!r}; known: {sorted(_MODEL_KEYS)}")
        feats = tuple(table.get("features", FEATURES))
        if feats != FEATURES:
            raise ValueError(
                "[model] features: the trees were trained on other features than this "
                "version computes; retrain with bench/boilerplate/train.py"
            )
        trees = []
        for k, t in enumerate(table.get("trees", [])):
            if not isinstance(t, Mapping) or set(t) != {"f", "t", "v", "leaf"}:
                raise ValueError(f"[model] trees[{k}]: expected {{f, t, v, leaf}}")
            f = tuple(int(v) for v in t["f"])
            n = len(f)
            sizes = (len(t["t"]), len(t["v"]), len(t["leaf"]))
            if n == 0 or (n + 1) & n or sizes != (n, n, n + 1):
                raise ValueError(f"[model] trees[{k}]: node arrays of a full tree expected")
            if any(v >= len(FEATURES) for v in f):
                raise ValueError(f"[model] trees[{k}]: feature index out of range")
            trees.append(
                Tree(
                    f,
                    tuple(_num(v, f"trees[{k}].t") for v in t["t"]),
                    tuple(_num(v, f"trees[{k}].v") for v in t["v"]),
                    tuple(_num(v, f"trees[{k}].leaf") for v in t["leaf"]),
                )
            )
        enabled = table.get("enabled", True)
        if not isinstance(enabled, bool):
            raise ValueError("[model] enabled: expected true or false")
        needs = table.get("needs_rule_removal", False)
        if not isinstance(needs, bool):
            raise ValueError("[model] needs_rule_removal: expected true or false")
        threshold = _num(table.get("threshold", 0.9), "threshold")
        extend = _num(table.get("extend_threshold", threshold), "extend_threshold")
        inside = _num(table.get("inside_threshold", 0.0), "inside_threshold")
        if not (0.0 < threshold <= 1.0 and 0.0 < extend <= 1.0):
            raise ValueError("[model] threshold, extend_threshold: expected in (0, 1]")
        if not 0.0 <= inside <= 1.0:
            raise ValueError("[model] inside_threshold: expected in [0, 1]")
        ints = {}
        for key, default in (("protect_words", 8), ("max_words", 40)):
            v = table.get(key, default)
            if type(v) is not int or not 0 <= v <= 1000:
                raise ValueError(f"[model] {key}: expected an integer 0..1000")
            ints[key] = v
        words = {}
        for key in ("stopwords", "vocabulary"):
            v = table.get(key, [])
            if not isinstance(v, list) or not all(isinstance(w, str) for w in v):
                raise ValueError(f"[model] {key}: expected a list of words")
            words[key] = frozenset(w.lower() for w in v)
        scope = table.get("scope", "edges")
        if scope not in SCOPES:
            raise ValueError(f"[model] scope: expected one of {list(SCOPES)}")
        trained = table.get("trained_on", [])
        if not isinstance(trained, list) or not all(isinstance(w, str) for w in trained):
            raise ValueError("[model] trained_on: expected a list of sites")
        return cls(
            trees=tuple(trees),
            bias=_num(table.get("bias", 0.0), "bias"),
            threshold=threshold,
            extend_threshold=extend,
            protect_words=ints["protect_words"],
            max_words=ints["max_words"],
            stopwords=words["stopwords"],
            vocabulary=words["vocabulary"],
            enabled=enabled,
            trained_on=tuple(trained),
            scope=scope,
            inside_threshold=inside,
            needs_rule_removal=needs,
        )

    def margin(self, x: Sequence[float]) -> float:
        """The log-odds that a line with features ``x`` is chrome.

        The trees are compiled once into one Python function of nested
        comparisons (:func:`_compile`); it adds the same leaves in the same order
        as a loop over :meth:`Tree.predict` would, so the sum is the same.
        """
        fn = _COMPILED.get(id(self))
        if fn is None or fn[0] is not self:
            fn = _COMPILED[id(self)] = (self, _compile(self))
        return fn[1](x)

    def explain(self, x: Sequence[float], top: int = 3) -> list[tuple[str, float, float]]:
        """The ``top`` features that raised the score most: (name, value, contribution)."""
        out = [0.0] * len(FEATURES)
        for t in self.trees:
            t.contributions(x, out)
        order = sorted(range(len(FEATURES)), key=lambda f: (-out[f], f))[:top]
        return [(FEATURES[f], x[f], round(out[f], 3)) for f in order if out[f] > 0]


_COMPILED: dict[int, tuple[Model, Any]] = {}


def _compile(model: Model) -> Any:
    """A function ``x -> margin`` with every tree written out as nested ifs."""
    out = ["def margin(x):", f"    s = {model.bias!r}"]

    def node(t: Tree, i: int, depth: int) -> None:
        pad = "    " * depth
        n = len(t.feature)
        if i >= n:
            out.append(f"{pad}s += {t.leaf[i - n]!r}")
            return
        f = t.feature[i]
        if f < 0:
            node(t, 2 * i + 1, depth)
            return
        out.append(f"{pad}if x[{f}] <= {t.threshold[i]!r}:")
        node(t, 2 * i + 1, depth + 1)
        out.append(f"{pad}else:")
        node(t, 2 * i + 2, depth + 1)

    for t in model.trees:
        node(t, 0, 1)
    out.append("    return s")
    scope: dict[str, Any] = {}
    exec(compile("\n".join(out), "<boilerplate model>", "exec"), scope)
    return scope["margin"]


def _sigmoid(m: float) -> float:
    if m >= 0:
        return 1.0 / (1.0 + math.exp(-m))
    e = math.exp(m)
    return e / (1.0 + e)


def page_features(
    lines: Sequence[Line],
    removed: Mapping[int, Any],
    code: frozenset[int],
    model: Model,
    prose_min_words: int,
    text: str,
    only: int | None = None,
) -> tuple[list[int], list[list[float]]]:
    """The candidate lines of a page (line indices) and their feature vectors.

    ``lines`` are the page's lines (up to a section cut), ``removed`` the lines
    the rules took. Candidates are the non-blank lines not removed, not in
    fenced code, of at most ``max_words`` words, not ending a sentence with
    ``protect_words`` words or more, not ending in a comma (a sign-off such as
    "Much love," or a line of verse), not ending in a colon with a prose line among the
    next three (a lead-in to the text), above the line right above the first prose
    line or below the line right below the last one, not the page's title nor a credit
    line; none on a page without a prose line.

    Words are :func:`~.layout.effective_words` (a line's ``words``). With
    ``model.scope == "page"``, prose is :func:`good_line` (any script); lines inside
    the text and lines of a page without prose are candidates too, except a line
    opening with a quote or a dialogue dash, a byline, the lines right above and below
    the text, a date line above or inside the text (or anywhere on a page without
    prose), the line above a byline or a date line at the top (a title), a heading
    between two prose lines, the first line left when the text starts at most two lines
    below it or when it recurs further down ("Title:" above "Title"), the line below a
    comment's author line (the comment's text), the lines of a run below a lead-in
    ending in a colon or below a table's caption (the items of a list or the cells of a
    table the text introduces), a date line with its
    label anywhere ("Uploaded: 2024-05-02"), an author heading and the line below it,
    and the name below a sign-off's greeting ("Warm regards," / "Ana").
    ``only``: the index of the one line wanted (training), or None for all.
    """
    nb = [ln for ln in lines if ln.text]
    if not nb:
        return [], []
    n = len(nb)
    page_scope = model.scope == "page"
    taken = [ln.index in removed for ln in nb]
    if page_scope:
        prose = [
            not g and good_line(ln.text, ln.words, prose_min_words)
            for ln, g in zip(nb, taken, strict=True)
        ]
    else:
        prose = [
            not g and is_prose(ln.text, prose_min_words) for ln, g in zip(nb, taken, strict=True)
        ]
    has_prose = any(prose)
    if not has_prose and not page_scope:
        return [], []
    first = prose.index(True) if has_prose else n
    last = n - 1 - prose[::-1].index(True) if has_prose else -1
    # the first line left and its repeats further down (without decoration: "Title:" above
    # "Title"): the page's title, whatever its length
    top = taken.index(False) if not all(taken) else -1
    title_keys: set[str] = set()
    if page_scope and top >= 0:
        size, key = len(nb[top].text), line_key(nb[top].text)
        if any(
            not taken[j] and abs(len(nb[j].text) - size) <= 8 and line_key(nb[j].text) == key
            for j in range(top + 1, n)
        ):
            title_keys.add(key)
    # the lines below a lead-in ending in a colon, with no prose line between, at most
    # 3 * LIST_RUN lines down: the items of a list the text introduces
    # (a table's caption, "Table 6.14. List of popular RFCs", leads in its cells: at most
    # 10 * LIST_RUN lines down)
    listed = [False] * n
    if page_scope:
        lead = -1
        span = 0
        for j in range(n):
            if prose[j]:
                lead = -1
                continue
            listed[j] = lead >= 0 and j - lead <= span
            if taken[j]:
                continue
            if _lead_in(nb[j], model.protect_words):
                lead, span = j, 3 * LIST_RUN
            elif _TABLE_CAPTION.match(nb[j].text) is not None:
                lead, span = j, 10 * LIST_RUN
    cand = []
    for k, ln in enumerate(nb):
        if only is not None and ln.index != only:
            continue
        if taken[k] or prose[k] or ln.index in code:
            continue
        t = ln.text
        words = ln.words
        if words > model.max_words or t.endswith(","):
            continue
        if words >= model.protect_words and (sentence_like(t) if page_scope else ends_sentence(t)):
            continue
        if t.endswith(":") and any(prose[k + 1 : k + 4]):
            continue  # a lead-in to the text below it ("Recipe:" above the steps)
        if page_scope:
            if t.startswith(_QUOTE_START) or (ln.words <= 8 and _BYLINE.match(t) is not None):
                continue  # a line of dialogue or a quotation; a byline
            if has_prose and (k == first - 1 or k == last + 1):
                continue  # right above the text (a title, a byline) or below it (a sign-off)
            if _byline_or_date(nb[k]) and (
                k <= last or not has_prose or _LABELLED_DATE.match(t) is not None
            ):
                # a date line above or in the text (not a comment's stamp below it), or
                # one with its label anywhere ("Uploaded: 2024-05-02")
                continue
            if _AUTHOR_HEADING.fullmatch(t.rstrip(":").strip()) is not None or (
                k > 0 and _AUTHOR_HEADING.fullmatch(nb[k - 1].text.rstrip(":").strip())
            ):
                continue  # an author credit heading, and the author's name below it
            if k > 0 and not taken[k - 1] and nb[k - 1].words <= 4 and nb[k - 1].text.endswith(","):
                continue  # the name below a sign-off's greeting ("Warm regards," / "Ana")
            if k < first and k + 1 < n and _byline_or_date(nb[k + 1], 12):
                continue  # the title above a byline or a date line
            if k + 1 < n and nb[k + 1].words >= 8 and not taken[k + 1] and all(taken[:k]):
                continue  # the first line left, above a long line: the page's title
            if ln.words >= 2 and t.split()[-1].strip(_PUNCT).lower() in model.stopwords:
                continue  # a line running on into the next (verse, a broken paragraph)
            if first < k < last and prose[k + 1] and prose[k - 1]:
                continue  # a heading between two paragraphs of the text
            if k > 0 and taken[k - 1] and _COMMENTER.match(str(removed[nb[k - 1].index][0])):
                continue  # a comment's text, below its author's line ("Ana said...")
            if title_keys and line_key(t) in title_keys:
                continue  # the page's title ("Title:" above "Title")
            if k == top and has_prose and first - k <= 2:
                continue  # the first line left, right above the text or its subtitle: a title
            if listed[k]:
                continue  # an item of a list the text introduces ("Here are the reasons:")
        elif not (k < first - 1 or k > last + 1):
            # only lines above the text or below it are candidates (a heading, a note or
            # a label inside the text stays), and not the line right above the text (a
            # title, a byline, a date) nor the line right below it (a sign-off, a credit)
            continue
        cand.append(k)
    if not cand:
        return [], []
    # a bare number or a lone symbol also stands between the fields of a table or a
    # contact block: its removal is no context (as for the shape rules)
    gone = [g and removed[ln.index][0] not in WEAK_CONTEXT for ln, g in zip(nb, taken, strict=True)]
    # not the page's title (its first line left with four words or more) and a line
    # repeating it, nor a credit line ("Image: ...", "Source: AP")
    title = page_title(nb, removed, {})
    cand = [k for k in cand if nb[k].text != title and CREDIT.fullmatch(nb[k].text) is None]
    if not cand:
        return [], []
    # runs of consecutive non-prose lines (removed lines count as non-prose)
    run_id = [0] * n
    runs: list[tuple[int, int]] = []
    k = 0
    while k < n:
        if prose[k]:
            run_id[k] = -1
            k += 1
            continue
        j = k
        while j < n and not prose[j]:
            run_id[j] = len(runs)
            j += 1
        runs.append((k, j))
        k = j
    # repeats of a candidate: a line with the same text is no prose line left either
    # (it is the same text, or removed), so the prose lines need no key
    keys = Counter(line_key(ln.text) for ln, p in zip(nb, prose, strict=True) if not p)
    n_gone = sum(gone)
    page = {
        "page_lines": float(min(n, 200)),
        "page_prose_share": sum(prose) / n,
        "page_removed_share": n_gone / n,
    }
    ends = {}

    def sentence_end(k: int) -> float:
        v = ends.get(k)
        if v is None:
            v = ends[k] = float(ends_sentence(nb[k].text))
        return v

    # the word shapes of the lines read as neighbours or run members, the full shapes of
    # the candidates
    shapes: dict[int, dict[str, float]] = {}
    full_shapes: dict[int, dict[str, float]] = {}

    def shape_of(k: int) -> dict[str, float]:
        v = shapes.get(k)
        if v is None:
            v = shapes[k] = word_shape(nb[k].text, model.stopwords, model.vocabulary)
        return v

    def full_shape_of(k: int) -> dict[str, float]:
        v = full_shapes.get(k)
        if v is None:
            v = full_shapes[k] = line_shape(
                nb[k].text, model.stopwords, model.vocabulary, shape_of(k)
            )
        return v

    run_stats: dict[int, tuple[float, float, float, float, float]] = {}

    def stats_of(r: int) -> tuple[float, float, float, float, float]:
        v = run_stats.get(r)
        if v is None:
            a, b = runs[r]
            members = [shape_of(j) for j in range(a, b)]
            m = len(members)
            v = run_stats[r] = (
                sum(x["bullet"] for x in members) / m,
                sum(x["title_share"] >= 0.5 for x in members) / m,
                min(sum(x["words"] for x in members) / m, 100.0),
                sum(x["vocab_share"] for x in members) / m,
                sum(x["words"] <= 3 for x in members) / m,
            )
        return v

    # jusText's classes: 0 bad (a rule removed it, or long without stop words), 1 short,
    # 2 near-good (long, not prose, with stop words), 3 good (a prose line)
    classes: dict[int, int] = {}

    def class_of(k: int) -> int:
        v = classes.get(k)
        if v is None:
            t = nb[k].text
            if gone[k]:
                v = 0
            elif prose[k]:
                v = 3
            elif len(t) + cjk_chars(t) < _SHORT_CHARS:
                v = 1
            else:
                v = 2 if shape_of(k)["stop_share"] >= _NEAR_GOOD_STOPS else 0
            classes[k] = v
        return v

    def context_class(k: int) -> float:
        """jusText's context: a short or near-good line takes the class of the nearest
        lines that are not short above and below it (the page's edges count as bad)."""
        c = class_of(k)
        if c in (0, 3):
            return float(c)
        above = below = 0
        for j in range(k - 1, max(-1, k - 12), -1):
            if class_of(j) != 1:
                above = class_of(j)
                break
        for j in range(k + 1, min(n, k + 12)):
            if class_of(j) != 1:
                below = class_of(j)
                break
        good = (above >= 2) + (below >= 2)
        if c == 2:
            return 3.0 if good else 0.0
        return (0.0, 1.5, 3.0)[good]

    # prose lines above each line (prefix counts) and the nearest one above and below
    prose_before = [0] * (n + 1)
    for j in range(n):
        prose_before[j + 1] = prose_before[j] + prose[j]
    n_prose = prose_before[n]
    prose_at = [j for j in range(n) if prose[j]]

    def nearest_prose(k: int) -> tuple[float, float]:
        a = prose_before[k]  # prose lines above k: the nearest is prose_at[a - 1]
        up = float(min(k - prose_at[a - 1], 30)) if a else 30.0
        b = a + (1 if prose[k] else 0)
        down = float(min(prose_at[b] - k, 30)) if b < n_prose else 30.0
        return up, down

    any_gone = float(n_gone > 0)
    # the nearest rule removal above and below each line, and the removals of each zone
    # (above the text, in it, below it)
    gone_at = [j for j in range(n) if gone[j]]
    gone_before = [0] * (n + 1)
    for j in range(n):
        gone_before[j + 1] = gone_before[j] + gone[j]
    zone_gone = (
        gone_before[first] if has_prose else n_gone,
        gone_before[last + 1] - gone_before[first + 1] if has_prose else 0,
        n_gone - gone_before[last + 1] if has_prose else 0,
    )

    def nearest_gone(k: int) -> tuple[float, float]:
        a = gone_before[k]
        up = float(min(k - gone_at[a - 1], 30)) if a else 30.0
        b = a + (1 if gone[k] else 0)
        down = float(min(gone_at[b] - k, 30)) if b < n_gone else 30.0
        return up, down

    def shape_key(k: int) -> tuple[int, bool, bool, bool]:
        """A coarse shape: the word count's bucket, a date line, a sentence, a bullet."""
        x = shape_of(k)
        w = int(x["words"])
        bucket = 0 if w <= 1 else 1 if w <= 3 else 2 if w <= 7 else 3
        return (bucket, x["date_line"] > 0, x["sentence_end"] > 0, x["bullet"] > 0)

    run_extra: dict[int, tuple[float, float, Counter[tuple[int, bool, bool, bool]]]] = {}

    def extra_of(r: int) -> tuple[float, float, Counter[tuple[int, bool, bool, bool]]]:
        v = run_extra.get(r)
        if v is None:
            a, b = runs[r]
            m = b - a
            v = run_extra[r] = (
                sum(shape_of(j)["date_line"] for j in range(a, b)) / m,
                sum(shape_of(j)["digit_share"] >= 0.3 for j in range(a, b)) / m,
                Counter(shape_key(j) for j in range(a, b)),
            )
        return v

    page_dates = -1.0

    def date_lines() -> float:
        """Date lines of the page (as ``line_shape``'s ``date_line``), at most 20."""
        nonlocal page_dates
        if page_dates < 0:
            page_dates = float(
                min(sum(1 for j in range(n) if _date_line(nb[j].text, j, shapes)), 20)
            )
        return page_dates

    indices, rows = [], []
    for k in cand:
        ln = nb[k]
        f = dict(full_shape_of(k))
        f["jt_class"] = float(class_of(k))
        f["jt_context"] = context_class(k)
        f["prev_class"] = float(class_of(k - 1)) if k > 0 else -1.0
        f["next_class"] = float(class_of(k + 1)) if k + 1 < n else -1.0
        f["prev2_words"] = float(min(nb[k - 2].words, 100)) if k > 1 else 0.0
        f["next2_words"] = float(min(nb[k + 2].words, 100)) if k + 2 < n else 0.0
        if k > 0:
            above = shape_of(k - 1)
            f["prev_title"], f["prev_stop"] = above["title_share"], above["stop_share"]
        else:
            f["prev_title"] = f["prev_stop"] = -1.0
        if k + 1 < n:
            below = shape_of(k + 1)
            f["next_title"], f["next_stop"] = below["title_share"], below["stop_share"]
        else:
            f["next_title"] = f["next_stop"] = -1.0
        f["good_above"] = float(min(prose_before[k], 10))
        f["good_below"] = float(min(n_prose - prose_before[k + 1], 10))
        f["dist_good_above"], f["dist_good_below"] = nearest_prose(k)
        f["inside"] = float(first < k < last)
        f["page_has_prose"] = float(has_prose)
        f["page_rule_removed"] = any_gone
        f["indent"] = float(_indent(text, ln.start))
        f["repeats"] = float(min(keys[line_key(ln.text)] - 1, 5))
        f["from_top"] = float(min(k, 30))
        f["from_bottom"] = float(min(n - 1 - k, 30))
        f["rel_pos"] = k / n
        f["header"] = float(k < first)
        f["footer"] = float(k > last)
        f["to_first_prose"] = float(max(-30, min(30, first - k)))
        f["to_last_prose"] = float(max(-30, min(30, k - last)))
        f["prev_words"] = float(min(nb[k - 1].words, 100)) if k > 0 else 0.0
        f["next_words"] = float(min(nb[k + 1].words, 100)) if k + 1 < n else 0.0
        f["prev_prose"] = float(k > 0 and prose[k - 1])
        f["next_prose"] = float(k + 1 < n and prose[k + 1])
        f["prev_removed"] = float(k > 0 and gone[k - 1])
        f["next_removed"] = float(k + 1 < n and gone[k + 1])
        f["prev_sentence_end"] = sentence_end(k - 1) if k > 0 else 0.0
        f["next_sentence_end"] = sentence_end(k + 1) if k + 1 < n else 0.0
        f["removed_near"] = float(sum(gone[max(0, k - 3) : k + 4]))
        a, b = runs[run_id[k]]
        f["run_len"] = float(min(b - a, 50))
        f["run_removed_share"] = sum(gone[a:b]) / (b - a)
        f["run_at_top"] = float(a == 0)
        f["run_at_bottom"] = float(b == n)
        f["run_pos"] = float(min(k - a, 30))
        f["run_left"] = float(min(b - 1 - k, 30))
        (
            f["run_bullet_share"],
            f["run_title_share"],
            f["run_mean_words"],
            f["run_vocab_share"],
            f["run_short_share"],
        ) = stats_of(run_id[k])
        f["dist_removed_above"], f["dist_removed_below"] = nearest_gone(k)
        zone = 0 if k < first else 2 if k > last else 1
        f["removed_same_zone"] = float(min(zone_gone[zone], 20))
        f["prev_date"] = shape_of(k - 1)["date_line"] if k > 0 else 0.0
        f["next_date"] = shape_of(k + 1)["date_line"] if k + 1 < n else 0.0
        dates, digits, shapes_in_run = extra_of(run_id[k])
        f["run_date_share"], f["run_digit_share"] = dates, digits
        f["run_shape_repeats"] = float(min(shapes_in_run[shape_key(k)] - 1, 10))
        f["page_date_lines"] = date_lines()
        f.update(page)
        indices.append(ln.index)
        rows.append([f[name] for name in FEATURES])
    return indices, rows


def _indent(text: str, start: int, cap: int = 12) -> int:
    """Leading spaces and tabs of the line starting at ``start`` (the stripped text drops
    them), at most ``cap``."""
    k = start
    stop = min(len(text), start + cap)
    while k < stop and text[k] in " \t\u00a0\u3000":
        k += 1
    return k - start


def apply(
    lines: Sequence[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    code: frozenset[int],
    model: Model,
    prose_min_words: int,
    text: str,
) -> dict[int, tuple[str, dict[str, Any]]]:
    """New removals (line index → rule id, evidence) for ``lines``, given ``removed``."""
    if not model.enabled or not model.trees:
        return {}
    # The classifier extends what the rules found: on a page where no rule removed a
    # line (bare numbers and lone symbols aside), it removes nothing. Clean text costs
    # nothing more, and a page of the article's own short lines (a control page, a
    # glossary) is never judged by shape alone.
    # (``scope = "edges"``). With ``scope = "page"`` it judges every page by its
    # structure, behind the guards of :func:`page_features`.
    # ``needs_rule_removal``: in page scope too, only a page where a rule found chrome
    if (model.scope != "page" or model.needs_rule_removal) and not any(
        _context(removed, i) for i in removed
    ):
        return {}
    indices, rows = page_features(lines, removed, code, model, prose_min_words, text)
    if not indices:
        return {}
    probs = [_sigmoid(model.margin(x)) for x in rows]
    # a line inside the text needs inside_threshold in either pass (a table, a code listing
    # or a list of the article's own is no menu); 1.0: it is never taken, 0.0: no bar
    inside, bar = _INDEX["inside"], model.inside_threshold
    if bar > 0.0:
        probs = [
            p if x[inside] == 0.0 or (bar < 1.0 and p >= bar) else 0.0
            for x, p in zip(rows, probs, strict=True)
        ]
    found: dict[int, tuple[str, dict[str, Any]]] = {}
    for i, x, p in zip(indices, rows, probs, strict=True):
        if p >= model.threshold:
            found[i] = (RULE_ID, _evidence(model, i, x, p, "score"))
    if model.scope != "page":
        # (in page scope a long run is judged once its chrome has grown, below: a menu
        # of eight entries is found one entry at a time)
        _mixed_runs(lines, removed, found, prose_min_words)
    if found and model.extend_threshold < model.threshold:
        # Grow runs: a line that reaches extend_threshold joins when a non-blank
        # neighbour is removed (by a rule or this classifier), until nothing changes.
        nb = [ln.index for ln in lines if ln.text]
        pos = {i: k for k, i in enumerate(nb)}
        waiting = [(i, x, p) for i, x, p in zip(indices, rows, probs, strict=True)]
        waiting = [w for w in waiting if w[0] not in found and w[2] >= model.extend_threshold]
        changed = True
        while changed and waiting:
            changed = False
            left = []
            for i, x, p in waiting:
                k = pos[i]
                near = [nb[j] for j in (k - 1, k + 1) if 0 <= j < len(nb)]
                if any(j in found or _context(removed, j) for j in near):
                    found[i] = (RULE_ID, _evidence(model, i, x, p, "run"))
                    changed = True
                else:
                    left.append((i, x, p))
            waiting = left
        _mixed_runs(lines, removed, found, prose_min_words)
    if found and model.scope == "page":
        # shape alone never calls a whole page chrome: a page of nothing but short lines
        # (a list, a poem, a table) keeps them all
        left = [ln for ln in lines if ln.text and ln.index not in removed]
        if all(ln.index in found for ln in left):
            return {}
    return found


def _context(removed: Mapping[int, Any], i: int) -> bool:
    """Whether line ``i`` was removed by a rule whose removal says its neighbours may
    be chrome (not a bare number or a lone symbol)."""
    hit = removed.get(i)
    return hit is not None and hit[0] not in WEAK_CONTEXT


#: jusText's length and stop-word limits for a line (in characters; a character of a
#: script written without spaces counts twice): shorter is "short"; longer and not
#: prose is "near-good" with at least this share of stop words, else "bad"
_SHORT_CHARS = 40
_NEAR_GOOD_STOPS = 0.3

#: A run of non-prose lines longer than this is a list: the classifier takes lines in
#: it only when the rules removed at least two thirds of the run.
LIST_RUN = 6


def _mixed_runs(
    lines: Sequence[Line],
    removed: Mapping[int, Any],
    found: dict[int, tuple[str, dict[str, Any]]],
    prose_min_words: int,
) -> None:
    """Drop from ``found`` the lines of long runs less than two thirds of which the rules
    removed.

    A list of short lines with a few words that look like menu entries ("Home",
    "Legal" among fruit names) is a list, not a menu: it keeps all its lines. The
    classifier's own findings do not count: in a long list it only fills the gaps
    between lines the rules took.
    """
    nb = [ln for ln in lines if ln.text]
    k = 0
    while k < len(nb):
        ln = nb[k]
        if ln.index not in removed and is_prose(ln.text, prose_min_words):
            k += 1
            continue
        j = k
        while j < len(nb) and (nb[j].index in removed or not is_prose(nb[j].text, prose_min_words)):
            j += 1
        members = [x.index for x in nb[k:j]]
        if len(members) > LIST_RUN:
            chrome = sum(1 for i in members if i in found or _context(removed, i))
            if 3 * chrome < 2 * len(members):
                for i in members:
                    found.pop(i, None)
        k = j


def _evidence(model: Model, i: int, x: list[float], p: float, how: str) -> dict[str, Any]:
    return {
        "line": i + 1,
        "p_chrome": round(p, 3),
        "pass": how,
        "top_features": [f"{name}={value:g} (+{c:g})" for name, value, c in model.explain(x)],
    }
