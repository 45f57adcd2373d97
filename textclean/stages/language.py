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

import threading
from typing import Any

from textclean.config import Config, LanguageConfig
from textclean.document import Document
from textclean.rules import RulePack

_IDENTIFIER: Any = None
_LOCK = threading.Lock()


def identifier() -> Any:
    """py3langid's identifier with normalised probabilities (loaded once per process)."""
    global _IDENTIFIER
    with _LOCK:
        if _IDENTIFIER is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _IDENTIFIER = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _IDENTIFIER


def identify(text: str, sample_chars: int = 4000) -> tuple[str, float]:
    """``(language code, confidence)`` of ``text`` (its first ``sample_chars`` characters)."""
    lang, confidence = identifier().classify(text[:sample_chars] if sample_chars else text)
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
