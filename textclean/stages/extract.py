"""The ``extract`` step: the main text of an HTML page, before the stages run.

A reader marks a document whose text is HTML with ``scores["input.format"] =
"html"`` (``.html``/``.htm`` files, and the ``input.html_key`` field of JSONL
or parquet rows). This step replaces that HTML with the page's main text, as
extracted by **trafilatura** (default) or **resiliparse** (``[extract]
extractor``), both from the ``[html]`` extra. Every other document passes
untouched, so the step is part of every pipeline and costs nothing on text.

The audit records the extraction as one edit of stage ``extract`` (rule
``extract.trafilatura`` or ``extract.resiliparse``) whose ``before`` is the
whole HTML and ``after`` the text, so ``replay`` works as for any stage; its
evidence, and the scores ``html.title``, ``html.date`` and ``html.url``, hold
the page's metadata where the extractor found it (resiliparse finds only the
title). A page with no main text is rejected as ``extract_failed``; the reject
keeps the HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textclean.config import Config, ExtractConfig
from textclean.document import Change, Document
from textclean.extras import require
from textclean.rules import RulePack

PURPOSE = "reading HTML (.html/.htm files, --html-key)"


@dataclass(frozen=True)
class Extracted:
    """What an extractor found in one page."""

    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None


def is_html(doc: Document) -> bool:
    return doc.scores.get("input.format") == "html"


def trafilatura_extractor(config: ExtractConfig) -> Callable[[str], Extracted | None]:
    trafilatura = require("trafilatura", "html", PURPOSE)

    def extract(html: str) -> Extracted | None:
        found = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_tables=config.include_tables,
            include_comments=config.include_comments,
            as_dict=False,  # the default of trafilatura 1.x was a dict
        )
        if found is None:
            return None
        get = found.get if isinstance(found, dict) else lambda key: getattr(found, key, None)
        if not get("text"):
            return None
        return Extracted(get("text"), get("title"), get("date"), get("url"))

    return extract


def resiliparse_extractor(config: ExtractConfig) -> Callable[[str], Extracted | None]:
    html2text = require("resiliparse.extract.html2text", "html", PURPOSE)
    parse = require("resiliparse.parse.html", "html", PURPOSE)

    def extract(html: str) -> Extracted | None:
        tree = parse.HTMLTree.parse(html)
        text = html2text.extract_plain_text(
            tree, main_content=True, alt_texts=False, links=False, comments=False
        )
        if not text.strip():
            return None
        return Extracted(text, tree.title or None)

    return extract


EXTRACTORS: dict[str, Callable[[ExtractConfig], Callable[[str], Extracted | None]]] = {
    "trafilatura": trafilatura_extractor,
    "resiliparse": resiliparse_extractor,
}


class ExtractStage:
    """See the module docstring. The extractor library is loaded on the first HTML page."""

    name = "extract"

    def __init__(self, config: ExtractConfig) -> None:
        self.config = config
        self._extract: Callable[[str], Extracted | None] | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"config": self.config, "_extract": None}

    def load(self) -> Callable[[str], Extracted | None]:
        """The extractor; raises :class:`~textclean.extras.MissingExtra` without ``[html]``."""
        if self._extract is None:
            self._extract = EXTRACTORS[self.config.extractor](self.config)
        return self._extract

    def __call__(self, doc: Document) -> Document:
        if not is_html(doc) or doc.dropped is not None:
            return doc
        html = doc.text
        rule = f"extract.{self.config.extractor}"
        found = self.load()(html)
        if found is None or not found.text.strip():
            doc.drop(
                f"extract_failed: {self.config.extractor} found no main text in "
                f"{len(html)} characters of HTML"
            )
            return doc
        meta = {k: v for k, v in (("title", found.title), ("date", found.date), ("url", found.url))}
        meta = {k: v for k, v in meta.items() if v}
        doc.replace_spans(
            "extract",
            [Change(0, len(html), found.text, rule, {"html_chars": len(html), **meta})],
        )
        for key, value in meta.items():
            doc.scores[f"html.{key}"] = value
        return doc


def build(config: Config, rules: RulePack | None = None) -> ExtractStage:
    return ExtractStage(config.extract)
