"""Corpus mode for boilerplate: lines that repeat across the pages of one site.

Navigation bars, footers and widget captions of a site are the same few short
lines on every page, and no phrase list knows them all. With the whole corpus at
hand they can be *learned*: a short line that is not a sentence and is found in
many documents of the same *group* (the document's site, else its input file) is
that group's chrome. This module does it in two phases, so the result never
depends on how the documents are later spread over workers:

1. **learn** — :func:`learn` (or :class:`SiteRepeatLearner`, fed one document at
   a time) streams over the corpus and counts, per group, in how many documents
   each candidate line occurs. Lines are kept as 8-byte blake2b hashes of their
   normalised form (:func:`normalize_line`), so memory grows with the number of
   *distinct* short lines, not with the corpus; :attr:`SiteRepeatsConfig.max_entries`
   bounds it (see :class:`SiteRepeatLearner`). The result is a
   :class:`SiteRepeatTable`: for each group its number of documents and the
   hashes of the lines it learned, with their document counts. It saves to and
   loads from JSON (``table.save(path)``, ``SiteRepeatTable.load(path)``).
2. **remove** — :class:`SiteRepeatStep` (run by the pipeline right after the
   ``boilerplate`` stage when a table is given) deletes the learned lines of a
   document's group, each one an edit with rule id ``boilerplate.site_repeat``
   and evidence ``group``, ``docs_seen``, ``group_docs`` and ``share``.

A line is a *candidate* (counted, and removable) when it is not blank, not in a fenced
code block, has at most ``max_words`` words, and is not a sentence: a line of at least
``sentence_words`` words ending in ``.``, ``!``, ``?`` or ``…`` (closing quotes allowed)
is never taken, so a quotation or a stock sentence an article repeats survives however
often it occurs; nor is a date line or a credit (:func:`article_furniture`), which one
author's pages repeat with their own dates. A document with fewer than two distinct
non-blank lines counts for nothing (a line a whole document consists of is never learned),
and a document whose every non-blank line is learned chrome is left as it is. A learned
line whose next non-blank line is longer than ``max_words`` words stays: it heads a
paragraph, as the headings of a site's template do ("Our verdict" over each review's own
prose). A line is learned for a group when it occurs in at least ``min_docs`` documents
and at least ``min_share`` of the group's documents.

>>> from textclean.config import Config, SiteRepeatsConfig
>>> from textclean.document import Document
>>> cfg = SiteRepeatsConfig(enabled=True, min_docs=2)
>>> pages = [Document(f"p{i}", f"Home | News\\nStory {i} begins here and goes on.\\n",
...                   metadata={"url": f"https://example.org/{i}"}) for i in range(3)]
>>> table = learn(pages, cfg)
>>> table.groups["example.org"].docs, len(table.groups["example.org"].lines)
(3, 1)
>>> doc = SiteRepeatStep(table)(Document("x", "Home | News\\nA new story.\\n",
...                                      metadata={"url": "http://www.example.org/x"}))
>>> doc.text, doc.edits[0].rule, doc.edits[0].evidence["docs_seen"]
('A new story.\\n', 'boilerplate.site_repeat', 3)
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from textclean.config import Config, SiteRepeatsConfig
from textclean.document import Change, Document
from textclean.textblocks import Line, fenced_code_lines, split_lines

__all__ = [
    "RULE_ID",
    "RUN_TABLE",
    "GroupTable",
    "SiteRepeatLearner",
    "SiteRepeatStep",
    "SiteRepeatTable",
    "as_document",
    "candidate_hash",
    "document_url",
    "group_of",
    "learn",
    "learn_inputs",
    "normalize_line",
    "run_table",
]

#: The rule id of every removal (the audit's ``rule``; ``stage`` is ``boilerplate``).
RULE_ID = "boilerplate.site_repeat"
#: The version of the saved table's layout.
TABLE_FORMAT = 1
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
#: The config keys that shape a table (a table learned with others is refused).
_TABLE_KEYS = ("group_by", "url_keys", "min_docs", "min_share", "max_words", "sentence_words")
_TABLE_KEYS += ("mask_digits",)


def normalize_line(text: str, mask_digits: bool = True) -> str:
    """The form lines are compared in: NFKC, case-folded, whitespace runs as one
    space and trimmed, and (``mask_digits``) every digit as ``0``, so that
    "© 2023 Example" and "© 2024 Example" or "Page 2 of 9" and "Page 3 of 9" match.

    >>> normalize_line("  Sign   IN\\t© 2024 ")
    'sign in © 0000'
    """
    norm = _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()
    return _DIGITS.sub("0", norm) if mask_digits else norm


#: A full date ("21/08/2018", "16.07.2020", "7 March 2019", "March 7, 2019") or a time of
#: day ("05:24"): a line holding one dates the page it is on.
_DATED = re.compile(
    r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\b\d{1,2}:\d\d\b"
    r"|\b\d{1,2}(?:st|nd|rd|th|\.)?\s+[^\W\d_]{3,10}\.?,?\s+\d{4}\b"
    r"|\b[^\W\d_]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,\s+\d{4}\b"
)
#: A credit's label: who wrote, photographed or filmed the article ("Tekst i foto:",
#: "Photos:", "Text und Bild:", "Autor:"), in the languages of the boilerplate packs.
_CREDIT = re.compile(
    r"(?:text|texte|tekst|testo|texto|photos?|fotos?|foto|zdjęci[ae]|video|wideo|bild|bilder"
    r"|autor|autorin|author|auteur|autore|reporter|redaksi|penulis|editor|redakcja|redaktion"
    r"|fotograf|photographer|reportage)"
    r"(?:\s*(?:i|und|and|et|y|e|&|/|\+)\s*[^\W\d_]+)?\s*:\s*(?P<name>.+)",
    re.IGNORECASE,
)


def article_furniture(text: str) -> bool:
    """Whether a line is a date line or a credit: the page's own facts, which the
    labelling rules keep (bylines, date lines, credits), however often they repeat on
    a site whose pages one author writes and dates the same way. Corpus mode never
    learns such a line: with digits masked, every page's date line looks alike.

    >>> article_furniture("Kompas.com - 21/08/2018, 05:24 WIB")
    True
    >>> article_furniture("Tekst i foto: Jan Kowalski"), article_furniture("Photos: Ann Example")
    (True, True)
    >>> article_furniture("© 2024 Example Media"), article_furniture("Page 2 of 9")
    (False, False)
    >>> article_furniture("Video: Watch the latest clips")  # not a name after the label
    False
    """
    if _DATED.search(text):
        return True
    m = _CREDIT.fullmatch(text.strip())
    if m is None:
        return False
    words = m.group("name").split()
    return 1 <= len(words) <= 5 and all(w[:1].isupper() for w in words)


def _hash(norm: str) -> int:
    """An 8-byte blake2b hash of a normalised line, as an int."""
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "big")


def _words_up_to(text: str, most: int) -> int:
    """The words of ``text``, counted up to ``most`` + 1 (a line of more is too long
    to be learned, whatever its length).

    >>> _words_up_to("Home | News | Sport", 12), _words_up_to("a b c d e", 2)
    (5, 3)
    """
    return len(text.split(None, most))


def candidate_hash(text: str, cfg: SiteRepeatsConfig) -> int | None:
    """The hash of ``text`` if the line may be learned (and removed), else None.

    >>> cfg = SiteRepeatsConfig()
    >>> candidate_hash("Privacy Policy", cfg) is not None
    True
    >>> candidate_hash("We will never share your details with anyone else.", cfg) is None
    True
    >>> candidate_hash("   ", cfg) is None
    True
    """
    stripped = text.strip()
    if not stripped:
        return None
    words = _words_up_to(stripped, cfg.max_words)
    if words > cfg.max_words:
        return None
    if words >= cfg.sentence_words and _SENTENCE_END.search(stripped):
        return None
    if article_furniture(stripped):
        return None
    return _hash(normalize_line(stripped, cfg.mask_digits))


def _lookup(doc: Document, key: str) -> Any:
    """``doc.metadata[key]``, a dotted key walking into nested mappings, or the
    ``html.<key>`` score the extract step records (``url`` of an HTML page)."""
    value: Any = doc.metadata
    for part in key.split("."):
        if not isinstance(value, Mapping) or part not in value:
            value = None
            break
        value = value[part]
    if value is None and key in doc.scores:
        value = doc.scores[key]
    return value


def _site(url: str) -> str | None:
    """The host of ``url``, lower case, without a leading ``www.``; None if none."""
    url = url.strip()
    if "//" not in url:
        url = "//" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _urls(doc: Document, keys: Sequence[str]) -> Iterator[str]:
    """The non-blank strings (stripped) that ``keys`` hold in ``doc``, in order: metadata
    fields, dotted for nested ones; ``html.url`` is what the extract step found in an
    HTML page."""
    for key in keys:
        value = _lookup(doc, key)
        if isinstance(value, str) and value.strip():
            yield value.strip()


def document_url(doc: Document, keys: Sequence[str]) -> str | None:
    """The address of ``doc``: the first of ``keys`` that holds a non-blank string
    (:func:`_urls`); None if none does.

    >>> document_url(Document("a", "", metadata={"link": " https://ex.org/a "}), ("url", "link"))
    'https://ex.org/a'
    """
    return next(_urls(doc, keys), None)


def group_of(doc: Document, cfg: SiteRepeatsConfig) -> str:
    """The group a document's lines are counted in.

    ``group_by = "site"``: the host of the first of ``url_keys`` the document
    has (metadata field, dotted for nested ones; ``html.url`` is what the extract
    step found in an HTML page), else its input file. ``"source"``: its input file.
    ``"directory"``: the folder of its input file (a directory of one page per file).
    Documents with neither share the group ``""``.

    >>> cfg = SiteRepeatsConfig()
    >>> group_of(Document("a", "", metadata={"metadata": {"url": "https://WWW.Ex.org/a"}}), cfg)
    'ex.org'
    >>> group_of(Document("a", "", source="dump/part-1.jsonl"), cfg)
    'file:dump/part-1.jsonl'
    """
    if cfg.group_by == "site":
        for url in _urls(doc, cfg.url_keys):
            site = _site(url)
            if site:
                return site
    if cfg.group_by == "directory" and doc.source:
        return f"dir:{os.path.dirname(doc.source)}"
    return f"file:{doc.source}" if doc.source else ""


def _doc_hashes(text: str, cfg: SiteRepeatsConfig) -> set[int]:
    """The distinct candidate hashes of a document's lines (none for a document of
    fewer than two distinct non-blank lines)."""
    texts = [ln.text for ln in split_lines(text)]
    code = fenced_code_lines(texts)
    distinct: set[str] = set()
    hashes: set[int] = set()
    for i, t in enumerate(texts):
        if not t.strip():
            continue
        distinct.add(t.strip())
        if i in code:
            continue
        h = candidate_hash(t, cfg)
        if h is not None:
            hashes.add(h)
    return hashes if len(distinct) >= 2 else set()


@dataclass(frozen=True)
class GroupTable:
    """One group's learned lines: ``docs`` documents counted, ``lines`` maps a
    line hash to the number of documents it was found in."""

    docs: int
    lines: Mapping[int, int]


@dataclass(frozen=True)
class SiteRepeatTable:
    """The lines learned per group, and the settings they were learned with.

    ``documents`` is how many documents were counted; ``pruned`` how many counts of
    one were dropped to stay under ``max_entries`` (0: the counts are exact).
    """

    settings: Mapping[str, Any]
    groups: Mapping[str, GroupTable] = field(default_factory=dict)
    documents: int = 0
    pruned: int = 0
    #: what the table was learned from (a batch run's fingerprint; "" when unknown)
    origin: str = ""

    @property
    def learned_lines(self) -> int:
        """Learned (group, line) pairs."""
        return sum(len(g.lines) for g in self.groups.values())

    def config(self) -> SiteRepeatsConfig:
        """The settings as a config (``enabled``, as a table is only made to be used)."""
        return SiteRepeatsConfig(enabled=True, **dict(self.settings))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form: groups sorted, hashes as 16 hex digits."""
        return {
            "format": TABLE_FORMAT,
            "settings": {
                k: list(v) if isinstance(v, tuple) else v for k, v in self.settings.items()
            },
            "documents": self.documents,
            "pruned": self.pruned,
            "origin": self.origin,
            "groups": {
                name: {
                    "docs": g.docs,
                    "lines": {f"{h:016x}": n for h, n in sorted(g.lines.items())},
                }
                for name, g in sorted(self.groups.items())
            },
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SiteRepeatTable:
        if data.get("format") != TABLE_FORMAT:
            raise ValueError(
                f"site-repeat table format {data.get('format')!r} is not {TABLE_FORMAT}"
            )
        settings = dict(data["settings"])
        if "url_keys" in settings:
            settings["url_keys"] = tuple(settings["url_keys"])
        groups = {
            str(name): GroupTable(
                int(g["docs"]), {int(h, 16): int(n) for h, n in g["lines"].items()}
            )
            for name, g in data["groups"].items()
        }
        return cls(
            settings,
            groups,
            int(data.get("documents", 0)),
            int(data.get("pruned", 0)),
            str(data.get("origin", "")),
        )

    @cached_property
    def digest(self) -> str:
        """A stable hash of the table (joins the run's config hash in the summary)."""
        blob = json.dumps(self.to_dict(), sort_keys=True).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:16]

    def save(self, path: str | Path) -> None:
        """Write the table as JSON (atomically: a temporary file, then a rename)."""
        p = Path(path)
        tmp = p.with_name(p.name + ".tmp")
        tmp.write_text(json.dumps(self.to_dict(), sort_keys=True) + "\n", encoding="utf-8")
        os.replace(tmp, p)

    @classmethod
    def load(cls, path: str | Path) -> SiteRepeatTable:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    @classmethod
    def learn(
        cls, docs: Iterable[Any], cfg: SiteRepeatsConfig | None = None, *, text_key: str = "text"
    ) -> SiteRepeatTable:
        """:func:`learn`."""
        return learn(docs, cfg, text_key=text_key)


def as_document(item: Any, text_key: str = "text") -> Document:
    """A :class:`Document` of what other pipelines hold: a Document; a bare string
    (group ``""`` unless a group is by source); a mapping (a JSONL record, a row of
    an HF ``datasets`` dataset: ``text_key`` is the text, the other fields the
    metadata a URL is looked up in); or an object with ``text`` and ``metadata``
    attributes (a datatrove ``Document``).

    >>> as_document({"text": "a", "url": "https://x.org/1"}).metadata
    {'url': 'https://x.org/1'}
    """
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return Document("", item)
    if isinstance(item, Mapping):
        text = item.get(text_key)
        meta = {k: v for k, v in item.items() if k != text_key}
        return Document(str(item.get("id", "")), text if isinstance(text, str) else "", meta)
    text = getattr(item, "text", None)
    if isinstance(text, str):
        meta = getattr(item, "metadata", None)
        return Document(str(getattr(item, "id", "")), text, dict(meta or {}))
    raise TypeError(f"cannot count a {type(item).__name__} as a document")


class SiteRepeatLearner:
    """Counts candidate lines per group, one document at a time (:meth:`add`).

    Memory: one dict entry per distinct (group, line) pair, about 80 bytes
    (the key is one int: the group's number above the 64-bit line hash), plus the
    group names. When the entries pass ``max_entries``, those seen in only one
    document are dropped (and counted in ``pruned``); a line dropped so may later
    come back with a lower count. The counts depend only on the documents and
    their order, so a run learns the same table whatever its worker count.
    """

    def __init__(self, cfg: SiteRepeatsConfig) -> None:
        self.cfg = cfg
        self._group_ids: dict[str, int] = {}
        self._group_docs: list[int] = []
        self._counts: dict[int, int] = {}
        self.documents = 0
        self.pruned = 0

    def add(self, doc: Document | str | Mapping[str, Any] | Any) -> None:
        """Count one document (see :func:`as_document` for what may be given)."""
        doc = as_document(doc)
        group = group_of(doc, self.cfg)
        gid = self._group_ids.get(group)
        if gid is None:
            gid = self._group_ids[group] = len(self._group_docs)
            self._group_docs.append(0)
        self._group_docs[gid] += 1
        self.documents += 1
        base = gid << 64
        counts = self._counts
        for h in _doc_hashes(doc.text, self.cfg):
            key = base | h
            counts[key] = counts.get(key, 0) + 1
        if len(counts) > self.cfg.max_entries:
            ones = [k for k, n in counts.items() if n == 1]
            for k in ones:
                del counts[k]
            self.pruned += len(ones)

    def table(self) -> SiteRepeatTable:
        """The lines that pass ``min_docs`` and ``min_share`` in their group."""
        cfg = self.cfg
        names = {gid: name for name, gid in self._group_ids.items()}
        learned: dict[int, dict[int, int]] = {}
        mask = (1 << 64) - 1
        for key, n in self._counts.items():
            gid = key >> 64
            if n >= cfg.min_docs and n >= cfg.min_share * self._group_docs[gid]:
                learned.setdefault(gid, {})[key & mask] = n
        groups = {
            names[gid]: GroupTable(self._group_docs[gid], dict(sorted(lines.items())))
            for gid, lines in learned.items()
        }
        settings = {k: getattr(cfg, k) for k in _TABLE_KEYS}
        return SiteRepeatTable(settings, dict(sorted(groups.items())), self.documents, self.pruned)


def learn(
    docs: Iterable[Any], cfg: SiteRepeatsConfig | None = None, *, text_key: str = "text"
) -> SiteRepeatTable:
    """Count ``docs`` (streamed: each is read once and let go) and return the table.

    ``docs`` may hold Documents, strings, records (``text_key`` is the text) or
    datatrove Documents (:func:`as_document`); ``cfg`` defaults to
    ``SiteRepeatsConfig()``.
    """
    learner = SiteRepeatLearner(cfg or SiteRepeatsConfig())
    for doc in docs:
        learner.add(as_document(doc, text_key))
    return learner.table()


def _heads_a_paragraph(lines: Sequence[Line], i: int, max_words: int) -> bool:
    """Whether the next non-blank line after ``lines[i]`` is a paragraph: longer than
    any line corpus mode learns (``max_words``).

    A site's articles share the headings of its template ("Preparation", "What was
    tested?", "Our verdict") as often as its menus, and such a heading stands over the
    article's own prose; menus, footers and teaser lists stand over short lines.

    >>> from textclean.textblocks import split_lines
    >>> text = "Method\\n\\n" + "Stir the flour into the warm milk " * 2 + "\\nNews\\nSport\\n"
    >>> lines = split_lines(text)
    >>> _heads_a_paragraph(lines, 0, 12), _heads_a_paragraph(lines, 3, 12)
    (True, False)
    """
    for j in range(i + 1, len(lines)):  # (not a slice: it would copy the rest of the page)
        ln = lines[j]
        if not ln.blank:
            return _words_up_to(ln.text, max_words) > max_words
    return False


class SiteRepeatStep:
    """Removes a table's learned lines from each document of their group.

    A pipeline step (``name`` ``site_repeats``; its edits say stage
    ``boilerplate``): pure, no state kept between documents. It adds what it
    removed to ``boilerplate.lines_removed``/``chars_removed`` and records
    ``boilerplate.site_repeat_lines``.
    """

    name = "site_repeats"

    def __init__(self, table: SiteRepeatTable) -> None:
        self.table = table
        self.cfg = table.config()

    def __call__(self, doc: Document) -> Document:
        if doc.dropped is not None:
            return doc
        group = group_of(doc, self.cfg)
        entry = self.table.groups.get(group)
        if entry is None:
            return doc
        lines = split_lines(doc.text)
        code = fenced_code_lines([ln.text for ln in lines])
        changes: list[Change] = []
        nonblank = 0
        for i, ln in enumerate(lines):
            if ln.blank:
                continue
            nonblank += 1
            if i in code:
                continue
            h = candidate_hash(ln.text, self.cfg)
            seen = entry.lines.get(h) if h is not None else None
            if seen is None or _heads_a_paragraph(lines, i, self.cfg.max_words):
                continue
            evidence = {
                "group": group,
                "docs_seen": seen,
                "group_docs": entry.docs,
                "share": round(seen / entry.docs, 4),
            }
            changes.append(Change(ln.start, ln.stop, "", RULE_ID, evidence))
        if not changes or len(changes) == nonblank:  # never empty a document
            return doc
        doc.replace_spans("boilerplate", changes)
        chars = sum(c.end - c.start for c in changes)
        for key, n in (
            ("boilerplate.lines_removed", len(changes)),
            ("boilerplate.chars_removed", chars),
            ("boilerplate.site_repeat_lines", len(changes)),
        ):
            now = doc.scores.get(key, 0)
            doc.scores[key] = (now if isinstance(now, int) else 0) + n
        return doc


def learn_inputs(
    plan: Any,
    config: Config,
    *,
    limit: int | None = None,
    extract: Callable[[Document], Document] | None = None,
    progress: Any = None,
) -> SiteRepeatTable:
    """The counting pass of a batch run: every document of ``plan``'s inputs, in
    input order (the first ``limit`` documents), read as the run reads them.

    ``extract`` (the pipeline's extract step) turns an HTML document into its main
    text first, so lines are counted as the removing step will see them. Reading
    failures are skipped here; the run reports them when it processes the inputs.
    """
    from textclean.io.readers import InputReader

    learner = SiteRepeatLearner(config.site_repeats)
    if progress is not None:
        progress.phase("site repeats", len(plan.inputs))
        progress.advance(0, 0)
    read = 0  # documents read, rejected ones included, as the run counts them for `limit`
    for idx, inp in enumerate(plan.inputs):
        if limit is not None and read >= limit:
            break
        reader = InputReader(inp, config.input, source=inp.path)
        items = iter(reader)
        for item in items:
            if not isinstance(item, Document):
                continue
            read += 1
            if item.dropped is None and extract is not None:
                item = extract(item)
            if item.dropped is None:
                learner.add(item)
            if limit is not None and read >= limit:
                break
        close = getattr(items, "close", None)
        if close is not None:
            close()
        if progress is not None:
            progress.advance(idx + 1, read)
    return learner.table()


#: Where a batch run keeps its table: ``OUT/.textclean/site_repeats.json``.
RUN_TABLE = "site_repeats.json"


def run_table(meta: str | Path, summary: Mapping[str, Any]) -> SiteRepeatTable | None:
    """The table a finished run used (its ``summary.json`` says so), from its metadata
    folder ``meta``, so ``inspect --audit`` and ``report`` re-derive the same edits;
    None when the run had none. A table missing or changed since is an error."""
    info = summary.get("site_repeats")
    if not isinstance(info, Mapping):
        return None
    path = Path(meta) / str(info.get("table") or RUN_TABLE)
    try:
        table = SiteRepeatTable.load(path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: the run's site-repeat table cannot be read: {exc}") from exc
    if table.digest != info.get("table_hash"):
        raise ValueError(f"{path}: not the site-repeat table the run used (changed since?)")
    return table
