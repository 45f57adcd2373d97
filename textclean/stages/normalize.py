"""normalize: line endings, spaces, blank lines, final newline. Idempotent.

* ``\\r\\n`` and ``\\r`` become ``\\n``;
* trailing spaces go; runs of spaces and tabs inside a line become one space
  (leading indentation is kept unless ``keep_indentation = false``);
* whitespace-only lines count as blank; runs of blank lines become one;
* no blank lines at the start or end; exactly one final newline
  (an empty document stays empty);
* inside a closed fenced code region (```` ``` ```` or ``~~~``, fences
  included) only line endings change: spaces, blank lines and quotes stay;
* optional: curly quotes → straight (``fold_quotes``), en/em dashes → ``-`` (``fold_dashes``).

>>> from textclean.config import Config
>>> from textclean.document import Document
>>> stage = build(Config(), None)
>>> stage(Document("d", "\\n\\nTitle  here \\r\\n\\n\\n\\nBody\\t\\ttext")).text
'Title here\\n\\nBody text\\n'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from textclean.config import Config, NormalizeConfig
from textclean.document import Change, Document
from textclean.rules import RulePack
from textclean.textblocks import fenced_code_lines, split_lines

NAME = "normalize"

_INNER_SPACES = regex.compile(r"(?<=\S)[ \t]{2,}|(?<=\S)\t")
_ALL_SPACES = regex.compile(r"[ \t]{2,}|\t")
_BLANK_LINE = re.compile(r"^[^\S\n]+$", re.MULTILINE)
_WHITE_NEWLINE = re.compile(r"\n(?<=[^\S\n]\n)")
#: What ``regex`` calls white space (``\s``; ``re`` also counts U+001C-U+001F).
REGEX_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
#: Where ``_INNER_SPACES`` matches, one of these does: two spaces, a space and a tab,
#: or a tab, after a character that is not white space. Each starts with its
#: literal, which ``re`` searches for in C, and looks behind only where it is found.
_INNER_SPACE_SCREENS = tuple(
    re.compile(f"{lit}(?<=[^{REGEX_SPACE}]{lit})") for lit in ("  ", " \t", "\t")
)
_QUOTES = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'}
)
_DASHES = str.maketrans({"–": "-", "—": "-", "―": "-", "‒": "-"})


@dataclass(frozen=True)
class NormalizeStage:
    """The normalize stage; see the module docstring."""

    config: NormalizeConfig
    name: str = NAME

    def clean_line(self, line: str) -> str:
        line = line.rstrip(" \t")
        # both patterns need a tab or two spaces: most lines skip the regex
        if "\t" in line or "  " in line:
            if self.config.keep_indentation:
                line = _INNER_SPACES.sub(" ", line)
            else:
                line = _ALL_SPACES.sub(" ", line)
        if not self.config.keep_indentation:
            line = line.lstrip(" ")
        if self.config.fold_quotes:
            line = line.translate(_QUOTES)
        if self.config.fold_dashes:
            line = line.translate(_DASHES)
        return line

    def is_normal(self, text: str) -> bool:
        """True only when the stage would leave ``text`` as it is (a few whole-text scans).

        Fenced code only ever keeps more as it is, so it needs no special case.

        >>> stage = NormalizeStage(NormalizeConfig())
        >>> stage.is_normal("Title\\n\\nBody  text\\n"), stage.is_normal("Title\\n\\nBody text\\n")
        (False, True)
        """
        cfg = self.config
        if not text:
            return True
        if cfg.fold_quotes or cfg.fold_dashes:
            return False
        if not text.endswith("\n") or text.endswith("\n\n") or text.startswith("\n"):
            return False
        if "\r" in text or "\n\n\n" in text or " \n" in text or "\t\n" in text:
            return False
        # A whitespace-only line (the text ends in "\n") ends in white space before a
        # "\n": the cheap search for that, at each "\n", goes first.
        if _WHITE_NEWLINE.search(text) and _BLANK_LINE.search(text):
            return False
        # ("^" after re.MULTILINE: the start, or just after a "\n")
        if not cfg.keep_indentation and (text.startswith(" ") or "\n " in text):
            return False
        if "\t" not in text and "  " not in text:  # both patterns need a tab or two spaces
            return True
        if cfg.keep_indentation:
            return not any(p.search(text) for p in _INNER_SPACE_SCREENS)
        return _ALL_SPACES.search(text) is None

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        if self.is_normal(text):
            return doc
        if not text.endswith("\n") and self.is_normal(text + "\n"):
            # Laid out but for the final newline (as a JSONL text often is): the one
            # change normalize_fully makes is to add it.
            end = len(text)
            doc.replace_spans(NAME, [Change(end, end, "\n", "normalize.final_newline")])
            return doc
        return self.normalize_fully(doc)

    def normalize_fully(self, doc: Document) -> Document:
        """The stage without the :meth:`is_normal` screen."""
        text = doc.text
        # (start, end_of_content, end_with_terminator, content, terminator)
        lines = [
            (ln.start, ln.end, ln.stop, ln.text, text[ln.end : ln.stop]) for ln in split_lines(text)
        ]
        changes: list[Change] = []
        code = fenced_code_lines([c for (_, _, _, c, _) in lines])
        cleaned = [
            c if i in code else self.clean_line(c) for i, (_, _, _, c, _) in enumerate(lines)
        ]
        content_idx = [i for i, c in enumerate(cleaned) if c.strip() != ""]
        if not content_idx:
            if text:
                changes.append(Change(0, len(text), "", "normalize.blank_lines"))
            doc.replace_spans(NAME, changes)
            return doc
        first, last = content_idx[0], content_idx[-1]
        prev_blank = False
        for i, (start, cend, end, content, term) in enumerate(lines):
            blank = cleaned[i].strip() == "" and i not in code
            if i < first or i > last or (blank and prev_blank):
                changes.append(Change(start, end, "", "normalize.blank_lines"))
                continue
            if blank:
                prev_blank = True
                if content or term != "\n":
                    changes.append(Change(start, end, "\n", "normalize.blank_lines"))
                continue
            prev_blank = False
            if cleaned[i] != content:
                changes.append(Change(start, cend, cleaned[i], "normalize.whitespace"))
            if term != "\n":
                rule = "normalize.final_newline" if term == "" else "normalize.line_endings"
                changes.append(Change(cend, end, "\n", rule))
        doc.replace_spans(NAME, changes)
        return doc


def build(config: Config, rules: RulePack | None) -> NormalizeStage:
    return NormalizeStage(config.normalize)
