"""Small predicates over written text that more than one stage asks.

>>> written_as_words("Galaxy S24 Plus", "plus"), written_as_words("un peu plus", "plus")
(False, True)
"""

from __future__ import annotations


def written_as_words(text: str, words: str) -> bool:
    """Whether ``words`` stands in ``text`` with no letter or digit glued to either end,
    at any of the places it stands, in the case it is given ("Jane Ortega" in "Jane
    Ortegas ... Jane Ortega has"; "site" is not written in "website"; "plus" is not
    written in "Galaxy S24 Plus").

    >>> written_as_words("Jane Ortegas sold it; Jane Ortega has run it", "Jane Ortega")
    True
    >>> written_as_words("the county website", "site"), written_as_words("", "")
    (False, False)
    >>> written_as_words("a_b", "a"), written_as_words("état", "tat")
    (True, False)
    """
    if not words:
        return False
    at = text.find(words)
    while at >= 0:
        end = at + len(words)
        if (at == 0 or not text[at - 1].isalnum()) and (
            end == len(text) or not text[end].isalnum()
        ):
            return True
        at = text.find(words, at + 1)
    return False
