"""quality: score the final text with the C4, Gopher and FineWeb signals.

The last stage, so it judges the text every other stage has left: a doubled
article is no longer "repetitive" once ``repeats`` has removed the second copy.
Every signal goes into ``doc.scores`` (``c4.*``, ``gopher.*``, ``gopher_rep.*``,
``fineweb.*``) and ``quality.failed`` lists the failed checks. With
``[quality] drop_on_quality`` a document failing a check of a family in
``[quality] checks`` is dropped, with the family as the reason code
(``quality.c4``, ``quality.gopher_quality``, ``quality.gopher_repetition``,
``quality.fineweb``: the first failing family in that order) and every failed
check of those families as the detail.

The checks that count an English word list (:data:`ENGLISH_ONLY_CHECKS`: Gopher's
stop words) are not applied to a document the ``language`` step identified as
another language (confidence at least ``[language] english_only_min_confidence``):
the signal is still scored, and ``quality.skipped`` says which checks were left
out and why (``"gopher_quality.stop_words: language fr"``).

The checks that count words of an English list (:data:`ENGLISH_ONLY_CHECKS`:
Gopher's stop words) are not applied to a document the ``language`` step identified
as another language (confidence at least ``[language] english_only_min_confidence``):
the signal is still scored and ``quality.skipped`` says which checks were left out
and why (``"gopher_quality.stop_words: language fr"``).

>>> from textclean.config import Config
>>> from textclean.document import Document
>>> stage = build(Config().replace(quality={"drop_on_quality": True}), None)
>>> stage(Document("d", "Too short to be an article.\\n")).dropped
'quality.c4: c4.min_sentences,gopher_quality.min_words,fineweb.short_line_ratio'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from textclean.config import Config, LanguageConfig, QualityConfig
from textclean.document import Document
from textclean.rules import RuleError, RulePack
from textclean.stages.language import english_only_skip
from textclean.stages.quality.signals import score
from textclean.stages.quality.thresholds import Thresholds, load_thresholds, parse_files

NAME = "quality"
#: Checks that count words of an English word list: not applied to other languages.
ENGLISH_ONLY_CHECKS = ("gopher_quality.stop_words",)


@dataclass(frozen=True)
class QualityStage:
    """The quality stage; see the module docstring."""

    config: QualityConfig
    thresholds: Thresholds
    name: str = NAME
    language: LanguageConfig = field(default_factory=LanguageConfig)
    #: What the stage writes is a function of the text and the language scores alone,
    #: and it makes no edit (``pipeline.scores_text_only``): a settling pass does not
    #: run it again on a text it has scored.
    scores_text_only: ClassVar[bool] = True

    def __call__(self, doc: Document) -> Document:
        scores, failed = score(doc.text, self.thresholds)
        doc.scores.update(scores)
        skip = english_only_skip(doc, self.language)
        if skip is not None:  # the signal stays in the scores; the check is not applied
            failed = [f for f in failed if f not in ENGLISH_ONLY_CHECKS]
            doc.scores["quality.skipped"] = f"{','.join(ENGLISH_ONLY_CHECKS)}: {skip}"
        doc.scores["quality.failed"] = ",".join(failed)
        if self.config.drop_on_quality:
            checked = [f for f in failed if f.split(".")[0] in self.config.checks]
            if checked:
                family = checked[0].split(".")[0]  # failures come in FAMILIES order
                doc.drop(f"quality.{family}: {','.join(checked)}")
        return doc


def build(config: Config, rules: RulePack | None) -> QualityStage:
    pack = rules if rules is not None else RulePack.load(config.rules)
    try:
        thresholds = load_thresholds(parse_files(pack.files("quality", "*.toml")))
    except ValueError as exc:
        if isinstance(exc, RuleError):
            raise
        raise RuleError(pack.builtin_dir / "quality", None, str(exc)) from exc
    return QualityStage(config.quality, thresholds, language=config.language)
