"""repair: ftfy's encoding, HTML-entity, control-character and surrogate fixes, then NFC.

Runs first, on the raw text, because ftfy needs the evidence later stages would
destroy. Differences from calling ``ftfy.fix_text`` with its defaults:

* cosmetic fixes (uncurling quotes, splitting ligatures, folding full-width
  forms, rewriting line breaks) are off unless configured;
* the text is fixed line by line with ``explain=True``, which (a) makes ftfy
  honour disabled encoding sub-options (6.3.1 ignores them when
  ``explain=False``), (b) decides HTML unescaping per line rather than letting
  one ``<`` early in the text switch it off for every later line, and (c) gives
  each repaired line an audit record;
* inside a closed fenced code region (```` ``` ```` or ``~~~``, as normalize and
  boilerplate see it) HTML entities are left as written (``&lt;div&gt;`` in a
  Markdown code sample is the literal text); mojibake there is still repaired;
* a fast path skips every line ftfy provably cannot change.

>>> from textclean.config import Config
>>> from textclean.document import Document
>>> stage = build(Config(), None)
>>> stage(Document("d", "CÃ´te dâ€™Ivoire &amp; more\\n")).text
'Côte d’Ivoire & more\\n'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import ftfy
import regex
from ftfy import TextFixerConfig
from ftfy.badness import is_bad
from ftfy.chardata import CONTROL_CHARS

from textclean.config import Config, RepairConfig
from textclean.document import Change, Document
from textclean.rules import RulePack
from textclean.textblocks import fenced_code_lines

NAME = "repair"
_MAX_ROUNDS = 4  # ftfy passes per line at most (see RepairStage.fix_line)
_LINE = regex.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")

_CONTROL_CLASS = "".join(f"\\U{cp:08x}" for cp in sorted(CONTROL_CHARS))
# What some enabled ftfy fixer acts on even in otherwise clean text: HTML
# entities (ftfy only decodes ones ending in ";", matched by this very pattern
# in ftfy.chardata.HTML_ENTITY_RE), terminal escapes (ESC), C1 controls,
# surrogates, and ftfy's table of unwanted control characters.
# (stdlib ``re``: on these plain patterns it is several times faster than ``regex``.)
_TRIGGERS = re.compile(f"&#?[0-9A-Za-z]{{1,24}};|[\\x1b\\x80-\\x9f\\ud800-\\udfff{_CONTROL_CLASS}]")
# A single character class is much cheaper to scan for than the alternation
# above; most clean text fails this one and never needs the exact check.
_SUSPECTS = re.compile(f"[&\\x1b\\x80-\\x9f\\ud800-\\udfff{_CONTROL_CLASS}]")
# A necessary condition for ftfy's mojibake detector (``ftfy.badness.is_bad``), which
# runs at a few MB/s: every branch of its pattern needs two adjacent non-ASCII
# characters, or one of C1 controls, Œ/œ, Ã/Â (checked branch by branch against
# ``BADNESS_RE`` in tests/test_repair.py). Clean prose with curly quotes and dashes
# between ASCII letters fails it and never reaches ``is_bad``. Normalize's layout
# (collapsing spaces and tabs to one space, folding quotes and dashes) never makes
# a line pass it that failed it before.
# Written as one pattern that starts with a character class (a non-ASCII character,
# then either the next one is non-ASCII too, or this one is of the set, looked at
# from behind): ``re`` then skips ahead to each candidate character in C instead of
# trying the alternation at every position (about 7x faster on prose); it matches
# where "[^\\x00-\\x7f]{2}|[\\x80-\\x9f\u0152\u0153\u00c2\u00c3]" does.
_MOJIBAKE_SCREEN = re.compile(
    "[^\\x00-\\x7f](?:[^\\x00-\\x7f]|(?<=[\\x80-\\x9f\u0152\u0153\u00c2\u00c3]))"
)


def _ftfy_config(cfg: RepairConfig) -> TextFixerConfig:
    return TextFixerConfig(
        unescape_html=cfg.unescape_html,
        remove_terminal_escapes=cfg.remove_terminal_escapes,
        fix_encoding=cfg.fix_encoding,
        restore_byte_a0=cfg.restore_byte_a0,
        replace_lossy_sequences=cfg.replace_lossy_sequences,
        decode_inconsistent_utf8=cfg.decode_inconsistent_utf8,
        fix_c1_controls=cfg.fix_c1_controls,
        fix_latin_ligatures=cfg.fix_latin_ligatures,
        fix_character_width=cfg.fix_character_width,
        uncurl_quotes=cfg.uncurl_quotes,
        fix_line_breaks=False,
        fix_surrogates=cfg.fix_surrogates,
        remove_control_chars=cfg.remove_control_chars,
        normalization=None if cfg.normalization.lower() == "none" else cfg.normalization,  # type: ignore[arg-type]
        explain=True,  # see module docstring: explain=False drops encoding sub-options
    )


@dataclass(frozen=True)
class RepairStage:
    """The repair stage; see the module docstring."""

    config: RepairConfig
    name: str = NAME
    #: The per-line layout normalize gives a line later (None if normalize does not run).
    layout: Callable[[str], str] | None = None

    def __post_init__(self) -> None:
        cosmetic = (
            self.config.uncurl_quotes
            or self.config.fix_latin_ligatures
            or self.config.fix_character_width
        )
        object.__setattr__(self, "_ftfy", _ftfy_config(self.config))
        object.__setattr__(self, "_fast_path", not cosmetic)

    def could_change(self, line: str) -> bool:
        """False only when ftfy (as configured) provably leaves ``line`` unchanged."""
        return self._could_change(line, screened=False)

    def _could_change(self, line: str, screened: bool) -> bool:
        """:meth:`could_change`; ``screened``: the mojibake screen is known to find
        nothing in ``line`` (so ftfy's detector is not needed, and the screen is not
        run again)."""
        if not self._fast_path:  # type: ignore[attr-defined]
            return True
        if _SUSPECTS.search(line) and _TRIGGERS.search(line):
            return True
        if line.isascii():
            return False
        form = self.config.normalization
        if form.lower() != "none" and not unicodedata.is_normalized(form, line):  # type: ignore[arg-type]
            return True
        # as fix_line_once shows it to ftfy: ending in "\n" (see there)
        return (
            self.config.fix_encoding
            and not screened
            and _MOJIBAKE_SCREEN.search(line) is not None
            and is_bad(line.rstrip("\r\n") + "\n")
        )

    def fix_line_once(self, line: str, code: bool = False) -> tuple[str, list[str]]:
        """One ftfy pass over one line; returns the text and ftfy's steps as strings.
        ``code``: the line is inside fenced code, where entities are literal text."""
        cfg: TextFixerConfig = self._ftfy  # type: ignore[attr-defined]
        if cfg.unescape_html and (code or "<" in line):
            # A line with markup: entities there may be literal code, so leave them.
            cfg = cfg._replace(unescape_html=False)
        # ftfy's mojibake detection looks at what ends a line ("ÂŒ" stays, "ÂŒ\n"
        # becomes "Œ\n"). After normalize every line ends in "\n", so ftfy sees each
        # line that way here too, whatever its ending; otherwise a second run would
        # repair what the first left.
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        fixed, steps = ftfy.fix_and_explain(body + "\n", cfg)
        fixed = (fixed[:-1] if fixed.endswith("\n") else fixed) + ending
        names = [f"{s.action}:{s.parameter}" for s in steps or ()]
        return fixed, names

    def fix_line(self, line: str, code: bool = False) -> tuple[str, list[str]]:
        """Fix one line until nothing changes, so the stage is idempotent.

        One ftfy pass can leave work for a second one: doubly escaped entities
        (``&amp;amp;`` → ``&amp;`` → ``&``) or repairs that uncover more.
        """
        fixed, names = self.fix_line_once(line, code)
        for _ in range(_MAX_ROUNDS - 1):
            if fixed == line or not self.could_change(fixed):
                break
            line = fixed
            fixed, more = self.fix_line_once(line, code)
            names.extend(more)
        return fixed, names

    def _layout_could_change(self, line: str) -> bool:
        """Whether ftfy could change ``line`` once normalize has laid it out."""
        if self.layout is None or line.isascii():
            return False
        body = line.rstrip("\r\n")
        view = self.layout(body)
        return view != body and self.could_change(view)

    def _settle(self, fixed: str, steps: list[str]) -> tuple[str, list[str]]:
        """Fix what normalize's layout would uncover, so the pipeline stays idempotent.

        Collapsing spaces can turn text ftfy leaves alone into text it repairs
        (``"Ã\\ta"`` → ``"Ã a"`` → ``"à a"``); a second run would then change
        it. If ftfy would change the line as normalize will lay it out, that
        laid-out, repaired line is the result.
        """
        if self.layout is None:
            return fixed, steps
        for _ in range(_MAX_ROUNDS):
            body = fixed.rstrip("\r\n")
            view = self.layout(body)
            if view == body or not self.could_change(view):
                break
            again, more = self.fix_line(view)
            if again == view:
                break
            fixed, steps = again + fixed[len(body) :], steps + more
        return fixed, steps

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        # (the layout test first: when it fails the text goes line by line anyway, and
        # could_change would have run ftfy's mojibake detector on all of it for nothing)
        if self.layout is None or text.isascii():
            if not self.could_change(text):
                return doc
        elif _MOJIBAKE_SCREEN.search(text) is None and not self._could_change(text, True):
            return doc
        changes: list[Change] = []
        pos = 0
        lines = _lines(text)
        code = frozenset[int]()
        if "```" in text or "~~~" in text:
            code = fenced_code_lines([ln.rstrip("\r\n") for ln in lines])
        for i, line in enumerate(lines):
            start = pos
            pos += len(line)
            if i in code:  # normalize leaves code lines as they are: no layout to settle
                if not self.could_change(line):
                    continue
                fixed, steps = self.fix_line(line, code=True)
            elif not self.could_change(line) and not self._layout_could_change(line):
                continue
            else:
                fixed, steps = self._settle(*self.fix_line(line))
            if fixed != line:
                changes.append(Change(start, pos, fixed, _rule_id(steps), {"ftfy": steps}))
        doc.replace_spans(NAME, changes)
        return doc


def _lines(text: str) -> list[str]:
    """Split after each line end (``\\r\\n``, ``\\r`` or ``\\n``), keeping it.

    Lines are the unit ftfy works on (HTML unescaping is decided per line), so
    they must be the same lines normalize sees once ``\\r`` becomes ``\\n``.

    >>> _lines("a\\r\\nb\\rc\\n\\nd")
    ['a\\r\\n', 'b\\r', 'c\\n', '\\n', 'd']
    """
    return _LINE.findall(text)


def _rule_id(steps: list[str]) -> str:
    """A stable rule id for a repaired line: the most significant of ftfy's steps.

    >>> _rule_id(["apply:unescape_html", "encode:sloppy-windows-1252", "decode:utf-8"])
    'repair.encoding'
    """
    kinds = []
    for step in steps:
        action, _, param = step.partition(":")
        if action in ("encode", "decode", "transcode") or param == "decode_inconsistent_utf8":
            kinds.append("encoding")
        elif action == "normalize":
            kinds.append("normalization")
        else:
            kinds.append(param)
    for preferred in ("encoding", "unescape_html"):
        if preferred in kinds:
            return f"repair.{preferred}"
    return f"repair.{kinds[0]}" if kinds else "repair.ftfy"


def build(config: Config, rules: RulePack | None) -> RepairStage:
    layout = None
    if "normalize" in config.stages:
        from textclean.stages.normalize import NormalizeStage

        layout = NormalizeStage(config.normalize).clean_line
    return RepairStage(config.repair, layout=layout)
