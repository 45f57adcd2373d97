"""The hedged definition lead: a spinner's rewrite of a definition's copula and alias.

A definition states its class with a plain copula: "Genetics is the study of heredity",
"Machine learning is a branch of computer science". The Spinbot-style spinner (family b)
rewrites that *is* into a hedge or a modal ("Genetics will be the study of", "Machine
learning can be a branch of", "Gastroenterology is actually a branch of", "is usually a
subfield of"), and the WordNet-sense spinner (family c) into "is that" ("Criminal law is
that the body of law"). A writer who defines a term does not hedge the copula and then
name the class the term belongs to: at the start of a line or sentence, a term (a
capitalised word that is not a determiner, pronoun or preposition, up to five words,
commas allowed, with an optional parenthesis, and no clause begun in it), one of
:data:`HEDGES`, an article, at most two words and *of* (not "can be the", which
documentation writes of a value: :data:`MODAL_USES`). Not a lead: a subject that says
when (:data:`WHEN_WORDS`: "Saturday will be the last day of"), a noun opening a content
clause before "is that" (:data:`CLAUSE_NOUNS`: "Trouble is that the price of"), a rank or
an ordinal after the article (:data:`RANK_WORDS`: "Ortega will be the new captain of"),
a noun before *of* with which a hedge is ordinary English (:data:`COLLOCATION_NOUNS`:
"Coffee can be a source of", "Lunch is usually a bowl of").
The same spinner writes the definition's alias clause "also known as" as "also recognized
as" ("Hypertension also recognized as high blood pressure"): a term, then
"(also|commonly...) recognized as" and no article, possessive or word of praise ("She
was also recognized as Coach of the Year" has no term before it; "Kenya, recognized as
Africa's greatest running nation" praises).

:func:`find` gives each as a :class:`~textclean.stages.despin.markers.Hit` of a medium
marker (:data:`~textclean.stages.despin.markers.MEDIUM_WEIGHT`) of its family, whose
original is *is* (*known* for the alias); the stage looks for them only in a text shorter
than its ``short_markers_words`` (the short definitions these spinners rewrite), where
one medium marker flags the text weakly (its markers and T1 entries restored, the hedge
among them).

Chosen on the clean corpora alone (docs/despin.md, "Families b–d: the hedged definition
lead, the alias clause"): every sentence start of the clean sets of
``bench/despin/marker_check.py --corpus`` (the documentation corpus, the Debian and
literary prose, the real clean texts and originals, the English boilerplate development
pages, and their short pieces) holds neither; the hedges left out hold one or more there
("P4 may be an array of" in SQLite's documentation, "could be", "is often the earliest
stage of" on a start-up wiki page; "is simply", "is just", "can be considered" in
documentation and literary prose), and so does "can be the name of" (Python's library
reference).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from textclean.stages.despin.markers import MEDIUM_WEIGHT, Hit, Marker

#: The hedged copulas and the family of the spinner that writes each for *is*.
HEDGES: dict[str, str] = {
    "is actually": "b",
    "is usually": "b",
    "is really": "b",
    "is definitely": "b",
    "can be": "b",
    "will be": "b",
    "would be": "b",
    "might be": "b",
    "is that": "c",
}
_NOT_TERMS_TEXT = (
    "the a an this that these those it there here he she they we i you what which who whom"
    " whose our your my his her its their one each every some any all no such another both"
    " either neither many most much several few if when while because although though as"
    " since so but and or for nor yet then thus however also how why where in on at by"
    " with from to of after before during under over between into about against among"
    " through without within like unlike today now later still once"
)
_WHEN_TEXT = (
    "monday tuesday wednesday thursday friday saturday sunday january february march april"
    " may june july august september october november december tomorrow tonight yesterday"
    " next last"
)
#: First words of a subject that says when, not what ("Saturday will be the last day of",
#: "Next year will be the tenth anniversary of"): an announcement, not a definition.
WHEN_WORDS = frozenset(_WHEN_TEXT.split())
_CLAUSE_NOUNS_TEXT = (
    "trouble problem truth fact thing point reason result catch worry hope idea question"
    " answer news upshot irony danger risk concern difference advantage downside upside"
    " beauty plan rule view argument claim belief position feeling suggestion message"
    " conclusion finding assumption fear complaint excuse explanation guess impression"
    " lesson observation premise promise reality response rumour rumor sense verdict bet"
    " consensus expectation implication intention understanding"
)
#: Head nouns (a subject's last word) that open a content clause with "is that"
#: ("Trouble is that the price of bread keeps rising", "Ortega's view is that the cost
#: of"): the clause's own article, not a spinner's "is that the".
CLAUSE_NOUNS = frozenset(_CLAUSE_NOUNS_TEXT.split())
_RANK_TEXT = (
    "first second third fourth fifth sixth seventh eighth ninth tenth next last new final"
    " only sole latest previous former current future"
)
#: Words after the article that rank a person or a day among others ("Ortega will be the
#: new captain of", "Maria would be the first woman of"): news of someone, not a class.
RANK_WORDS = frozenset(_RANK_TEXT.split())
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_COLLOCATION_TEXT = (
    "source sign cause way matter waste lot bit couple number handful bowl cup glass plate"
    " piece slice pair series range variety mix mixture combination reminder testament"
    " question result symptom review celebration"
)
#: Nouns before *of* with which a hedge or a modal is ordinary English ("can be a source
#: of", "is usually a bowl of", "is really a matter of", "would be a waste of").
COLLOCATION_NOUNS = frozenset(_COLLOCATION_TEXT.split())
_POSSESSIVE = re.compile(r"['’]s$")
#: Hedge and article that documentation writes of a value ("Parameter digestmod can be
#: the name of a hash algorithm", a sentence start of Python's library reference).
MODAL_USES = frozenset({("can be", "the")})
#: First words of a subject that is not a term being defined.
NOT_TERMS = frozenset(_NOT_TERMS_TEXT.split())
_CLAUSE_TEXT = (
    "which that who whom whose where when while it this these those there he she they we"
    " you i is are was were be been being not"
)
#: Words that end a term: a clause has begun ("the payload, which will be a list of").
CLAUSE_WORDS = frozenset(_CLAUSE_TEXT.split())
_HEDGE = "|".join(re.escape(h) for h in sorted(HEDGES, key=len, reverse=True))
_LEAD = re.compile(
    r"(?m)(?:^[ \t]*|(?<=[.!?] ))([A-Z][\w'’-]*(?:,? [\w'’-]+){0,4}?(?: \([^)\n]{1,40}\))?),? "
    r"(" + _HEDGE + r") (a|an|the) ((?:[\w'’-]+ ){0,2})of\b"
)
#: Words after "recognized as" that praise ("Kenya, recognized as Africa's greatest", "as
#: finest young chef"): "recognized" in its own sense, acknowledged, not an alias.
_PRAISE = r"(?:best|finest|greatest|leading|top|most|foremost|largest|biggest|oldest|first)\b"
#: The alias clause of a definition's lead with "known" swapped for "recognized": a term
#: at the start of a line, an optional parenthesis and comma, then "(also|commonly)
#: recognized as" and no article, possessive or word of praise ("Hypertension also
#: recognized as high blood pressure"; "He was also recognized as Coach of the Year" has
#: no term before it, "Kenya, recognized as Africa's greatest" praises).
_ALIAS = re.compile(
    r"(?m)(?:^[ \t]*|(?<=[.!?] ))([A-Z][\w'’-]*(?:,? [\w'’-]+){0,4}?(?: \([^)\n]{1,40}\))?),? "
    r"(?:(?:also|commonly|usually|often|generally) )?(recogni[sz]ed) as "
    r"(?!(?:a|an|the|one|being|having|part|such|well)\b|[\w-]+['’]s\b|" + _PRAISE + r")\w"
)
ALIAS_MARKER = Marker(
    "spin.marker.b.lead_recognized_as",
    "b",
    MEDIUM_WEIGHT,
    "recognized",
    "known",
    note="a definition's alias clause 'also known as' with known swapped (lead.py)",
)
#: One marker per hedge (what the markers' repair and flag rules read).
MARKERS: dict[str, Marker] = {
    h: Marker(
        f"spin.marker.{fam}.lead_{h.replace(' ', '_')}",
        fam,
        MEDIUM_WEIGHT,
        h,
        "is",
        note="a definition's copula hedged before its class noun and 'of' (lead.py)",
    )
    for h, fam in HEDGES.items()
}


def find(text: str) -> list[Hit]:
    """The hedged definition leads of ``text`` (the hedge's span), in text order.

    >>> [text[h.start : h.end] for text in ["Genetics will be the study of genes."]
    ...  for h in find(text)]
    ['will be']
    >>> find("The value can be a list of names."), find("Linux is definitely a multi-user system.")
    ([], [])
    >>> [h.marker.id for h in find("Intro\\nCriminal law is that the body of law on crime.")]
    ['spin.marker.c.lead_is_that']
    >>> [h.marker.original for h in find("Anemia, also recognized as anaemia, is a condition.")]
    ['known']
    >>> find("He was also recognized as Coach of the Year."), find("Tea, also recognized as a cure")
    ([], [])
    """
    out = []
    if " of" in text:
        for mo in _LEAD.finditer(text):
            if (
                _term(mo.group(1))
                and (mo.group(2), mo.group(3)) not in MODAL_USES
                and _class(mo.group(1), mo.group(2), mo.group(4))
            ):
                out.append(Hit(mo.start(2), mo.end(2), MARKERS[mo.group(2)]))
    if "cogni" in text:
        for mo in _ALIAS.finditer(text):
            if _term(mo.group(1)):
                out.append(Hit(mo.start(2), mo.end(2), ALIAS_MARKER))
    return sorted(out, key=lambda h: h.start)


def _class(words: str, hedge: str, noun: str) -> bool:
    """A lead's subject ``words``, ``hedge`` and the words ``noun`` between its article
    and *of* can state a class: the subject is no day, month or time word
    (:data:`WHEN_WORDS`), "is that" does not follow a head noun that opens a content
    clause (:data:`CLAUSE_NOUNS`), no rank or ordinal stands after the article
    (:data:`RANK_WORDS`: "the first woman of", "the 50th member of"), and the noun before
    *of* is none with which a hedge is ordinary English (:data:`COLLOCATION_NOUNS`: "can
    be a source of", "is usually a bowl of").

    >>> _class("Genetics", "will be", "study "), _class("Saturday", "will be", "last day ")
    (True, False)
    """
    subject = words.replace(",", " ").lower().split()
    first = _POSSESSIVE.sub("", subject[0])
    if first in WHEN_WORDS or (hedge == "is that" and subject[-1] in CLAUSE_NOUNS):
        return False
    nouns = noun.lower().split()
    if nouns and nouns[-1] in COLLOCATION_NOUNS:
        return False
    return not any(w in RANK_WORDS or _ORDINAL.fullmatch(w) for w in nouns)


def _term(words: str) -> bool:
    """``words`` (before a lead's copula or alias clause) can be a term being defined: its
    first word is no determiner, pronoun or preposition, and no clause has begun in it."""
    term = words.replace(",", " ").lower().split()
    return term[0] not in NOT_TERMS and not CLAUSE_WORDS.intersection(term[1:])


__all__: Sequence[str] = (
    "ALIAS_MARKER",
    "CLAUSE_NOUNS",
    "CLAUSE_WORDS",
    "COLLOCATION_NOUNS",
    "HEDGES",
    "MARKERS",
    "MODAL_USES",
    "NOT_TERMS",
    "RANK_WORDS",
    "WHEN_WORDS",
    "find",
)
