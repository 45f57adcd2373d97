"""The site's own name on a line of its own, above or below the text (issue 14).

A page's masthead and footer print the site's name: "Express & Star" on
expressandstar.com, "Lidovky.cz" on lidovky.cz, "Canalblog" on a canalblog.com blog.
No word list can know every site, but a document that carries its address (a ``url``
field of a crawl's records, or the address the extract step found in an HTML page)
names its site. A line that spells the address's registered name and nothing else,
above the page's first prose line or below its last, is removed as
:data:`RULE_ID`.

The registered name is the label before the public suffix, read with ``tld`` and the
copy of the Public Suffix List it ships (nothing is downloaded): "news.bbc.co.uk"
gives "bbc", "www.lidovky.cz" gives "lidovky" (or "lidovkycz", the name with its
suffix). Lines compare by their Latin letters and digits alone, case and accents
folded and "&" read as "and": "Express & Star" is "expressandstar". A line holding
letters of another script never matches (its Latin part is not the whole line), nor
does a name of fewer than :data:`MIN_NAME` characters ("abc" is a word), a line of
more than :data:`MAX_WORDS` words, a line inside the text, a line of fenced code, or
the end of the writer's sign-off under the text (lines stand between it and the last
prose line and no rule took them: :func:`.shape.sign_off_test`, as for host names), or
a byline.

Opt-in (``enable = ["boilerplate.site.name"]``): each of the two blind batches it met
showed a way it takes an article line, and each guard was written after (the end of a
sign-off on ``bp-label-29``; a byline, on a personal site named after its writer, on
``bp-label-30``: the short line over a date line, :func:`.shape.byline_lines`, stays).
See docs/boilerplate.md.

>>> sorted(site_keys("https://www.expressandstar.com/news/1"))
['expressandstar', 'expressandstarcom']
>>> name_key("Express & Star"), name_key("Lidovky.cz"), name_key("Новости Sport.ru")
('expressandstar', 'lidovkycz', '')
>>> site_keys("http://localhost/page"), site_keys("https://abc.com/x")
(frozenset(), frozenset())
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from tld import get_tld

from textclean.stages.boilerplate.layout import Line
from textclean.stages.boilerplate.shape import byline_lines, sign_off_test

RULE_ID = "boilerplate.site.name"
#: the fewest characters of a registered name the rule compares lines with
MIN_NAME = 4
#: the most words of a line the rule takes
MAX_WORDS = 5


def name_key(text: str) -> str:
    """``text`` as a site name compares: its letters and digits, case and accents folded,
    "&" read as "and"; "" when it holds a letter outside the Latin alphabet."""
    folded = unicodedata.normalize("NFKD", text.casefold().replace("&", " and "))
    out = []
    for ch in folded:
        if "a" <= ch <= "z" or "0" <= ch <= "9":
            out.append(ch)
        elif ch.isalnum() and not unicodedata.combining(ch):
            return ""  # a letter or digit of another script
    return "".join(out)


def site_keys(url: str) -> frozenset[str]:
    """The name keys a line of the page at ``url`` is compared with: its registered
    name, alone and with its public suffix; none for an address without a registered
    name (an IP address, ``localhost``) or with a name under :data:`MIN_NAME`."""
    if not url or not url.strip():
        return frozenset()
    found = get_tld(url.strip(), as_object=True, fail_silently=True, fix_protocol=True)
    if found is None:
        return frozenset()
    name = name_key(str(getattr(found, "domain", "")))
    if len(name) < MIN_NAME:
        return frozenset()
    return frozenset({name, name + name_key(str(getattr(found, "tld", "")))})


def find(
    lines: Sequence[Line],
    removed: dict[int, tuple[str, dict[str, Any]]],
    code: frozenset[int],
    keys: frozenset[str],
    prose: Callable[[Line], bool],
) -> dict[int, tuple[str, dict[str, Any]]]:
    """The lines of ``lines`` that spell the site's name (``keys``, :func:`site_keys`)
    above the first prose line or below the last (anywhere on a page without prose),
    not removed yet and not fenced code (line index -> rule id, evidence)."""
    if not keys:
        return {}
    nonblank = [ln for ln in lines if ln.text]
    at_prose = [k for k, ln in enumerate(nonblank) if prose(ln)]
    first, last = (at_prose[0], at_prose[-1]) if at_prose else (len(nonblank), -1)
    found: dict[int, tuple[str, dict[str, Any]]] = {}
    ends_sign_off = sign_off_test(nonblank, last, removed, found)
    # a personal site's name is its writer's: a byline (the short line over a date line)
    bylines = byline_lines(nonblank, removed, any_page=True)
    for k, ln in enumerate(nonblank):
        if first <= k <= last or ln.index in removed or ln.index in code or ln.index in bylines:
            continue
        if ln.words > MAX_WORDS:
            continue
        key = name_key(ln.text)
        if key not in keys:
            continue
        if k > last >= 0 and ends_sign_off(k):
            continue  # the writer's sign-off ("Mr Alcorn" / "director of football" / the club)
        found[ln.index] = (RULE_ID, {"line": ln.index + 1, "site": key})
    return found
