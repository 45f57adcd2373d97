"""Carry the letter case of the spun words over to the restored (lower-case) wording.

* all letters upper case (a shouted headline) → upper case;
* an acronym among the words (``the USA``) → the replacement is a proper noun:
  its words are capitalised, short function words excepted;
* several words, each capitalised (a title) → each replacement word capitalised;
* the first word capitalised (sentence start, heading) → first letter capitalised;
* a lower-case word both sides share, then a capitalised word (a name after an
  article: "the Price range") → the replacement's words after the shared one
  capitalised ("the Budget");
* otherwise the replacement is used as written.

An original the table writes with capitals ("High Court", "AI models") is
used as written, with only its first letter raised at a sentence start.

>>> restore_case(["Greater", "than"], "more than")
'More than'
>>> restore_case(["the", "USA"], "the united states")
'the United States'
>>> restore_case(["USA"], "united states")
'United States'
>>> restore_case(["HISTORICAL", "PAST"], "history")
'HISTORY'
>>> restore_case(["Actual", "Property"], "real estate")
'Real Estate'
>>> restore_case(["yr"], "year")
'year'
>>> restore_case(["Actuality", "tv"], "reality TV")
'Reality TV'
>>> restore_case(["AI", "fashions"], "AI models")
'AI models'
>>> restore_case(["the", "Price", "range"], "the budget")
'the Budget'
>>> restore_case(["the", "price", "range"], "the budget")
'the budget'
"""

from __future__ import annotations

from collections.abc import Sequence

#: Words left lower case inside a capitalised proper noun or title.
SMALL_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to"]
)


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _title(words: Sequence[str], keep_first_small: bool) -> str:
    out = []
    for k, w in enumerate(words):
        small = (w in SMALL_WORDS and (k > 0 or keep_first_small)) or w != w.lower()
        out.append(w if small else _cap(w))
    return " ".join(out)


def _is_upper(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def restore_case(spun_words: Sequence[str], replacement: str, *, shouting: bool = False) -> str:
    """``replacement`` cased like ``spun_words`` (the matched text, one string per word).

    ``shouting`` says the neighbouring words are upper case too, so a lone
    upper-case word is a shouted word rather than an acronym.
    """
    if not spun_words or not replacement:
        return replacement
    upper = [_is_upper(w) and len(w) > 1 for w in spun_words]
    if all(_is_upper(w) for w in spun_words) and (len(spun_words) > 1 or shouting):
        return replacement.upper()
    words = replacement.split(" ")
    first_cap = spun_words[0][:1].isupper()
    if replacement != replacement.lower():  # the table spelled the case out: trust it
        return _cap(replacement) if first_cap else replacement
    if any(upper):
        return _title(words, keep_first_small=not first_cap)
    if len(spun_words) > 1 and all(w[:1].isupper() for w in spun_words):
        return _title(words, keep_first_small=False)
    if first_cap:
        return _cap(replacement)
    if (
        len(spun_words) > 1
        and len(words) > 1
        and spun_words[0] == words[0]
        and spun_words[1][:1].isupper()
    ):
        return " ".join([words[0], _title(words[1:], keep_first_small=False)])
    return replacement
