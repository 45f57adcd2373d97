"""Generate inflected variants of reverse-table entries into ``rules/spin/reverse/inflections.tsv``.

The spinner swaps a word the same way in every form ("offer" → "provide",
"offers" → "provides", "offered" → "provided"), but the hand-written table
often lists one form only. For every single-word T1/T2 entry — and every
phrase whose first words differ ("is aware of" ← "knows") — whose spun and
original (first) words carry the same verb or noun tag (lemminflect), the
other forms of that tag's class are generated: verbs -s/-ed/-en/-ing,
nouns singular/plural. A variant is kept when both forms are real English
words (wordfreq Zipf ≥ ``MIN_ZIPF``) and its spun phrase is not already in
the table. Only ``general`` entries are inflected (an entry learned from an
evaluation pair would carry that pair's knowledge into the others). A variant
inherits the base entry's tier, except that a T1 base yields a T2 variant when the
variant's spun form is common English (Zipf ≥ ``T1_MAX_ZIPF``): an ordinary
word is never T1. Left out: words with a second reading in another class (noun and
verb, or adjective: the base swap may be of the other reading), single spun words of
Zipf ≥ ``MAX_SPUN_ZIPF``, and spun forms that are themselves originals in the table.

Adjectives (both words have an adjective reading, single-word entries): the
comparative and superlative of the original ("harder", "cheapest") map back
from the spinner's comparative of its swap — the synthetic form when the spun
adjective has one ("wealthier" ← "richer"), else the periphrastic "more X" /
"most X" ("more arduous" ← "harder", "most inexpensive" ← "cheapest") — and
the -ly adverbs of both ("speedily" ← "rapidly"). These variants are always T2.

    python bench/despin/inflections.py          # rewrite inflections.tsv
    python bench/despin/inflections.py --check  # exit 1 if the file is out of date

Needs ``lemminflect`` (the ``bench`` extra); the despin stage itself does not.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from textclean.stages.despin.stats import zipf  # noqa: E402
from textclean.stages.despin.table import REVERSE_COLUMNS, Entry, parse_reverse  # noqa: E402

REVERSE = ROOT / "rules" / "spin" / "reverse"
OUT = REVERSE / "inflections.tsv"
#: reverse files of another spinner family (WordNet-sense lemmas, uninflected by that
#: spinner): neither inflected nor read here
OTHER_SPINNERS = frozenset({"wordnet_lemmas.tsv", "wordnet_ordinary_lemmas.tsv"})
MIN_ZIPF = 2.5
T1_MAX_ZIPF = 2.5
MAX_SPUN_ZIPF = 5.0
CLASSES = {"VERB": ("VB", "VBZ", "VBD", "VBN", "VBG"), "NOUN": ("NN", "NNS")}
_SKIP_FIRST = frozenset({"a", "an", "the", "to", "of", "in", "on", "at", "for", "by", "not"})
#: A phrase is inflected only as a verb phrase: its second word must be one of these
#: particles or determiners ("focus on", "hold a", "end the"), never a noun or an
#: adjective ("shopping centre", "attempted murder" would inflect into nonsense).
PARTICLES = frozenset(
    [
        "to",
        "on",
        "in",
        "into",
        "at",
        "for",
        "with",
        "about",
        "up",
        "out",
        "down",
        "off",
        "over",
        "back",
        "away",
        "from",
        "a",
        "an",
        "the",
        "their",
        "his",
        "her",
        "its",
        "our",
        "my",
        "your",
        "this",
        "that",
        "these",
        "those",
    ]
)


def slug(phrase: str) -> str:
    """Rule-id slug of a phrase: lower-case letters, digits and underscores.

    >>> slug("non-public sq. ft")
    'non_public_sq_ft'
    """
    return re.sub(r"[^a-z0-9]+", "_", phrase).strip("_")


def _tags(word: str, upos: str) -> list[tuple[str, str]]:
    """``(lemma, tag)`` pairs under which ``word`` is a form of class ``upos``."""
    from lemminflect import getAllInflections, getAllLemmas

    out = []
    for lemma in getAllLemmas(word).get(upos, ()):
        for tag, forms in getAllInflections(lemma, upos=upos).items():
            if tag in CLASSES[upos] and word in forms:
                out.append((lemma, tag))
    return out


def _form(lemma: str, tag: str, upos: str) -> str | None:
    from lemminflect import getAllInflections

    forms = getAllInflections(lemma, upos=upos).get(tag)
    if tag == "VB":
        return lemma
    return forms[0] if forms else None


def variants(e: Entry) -> Iterator[tuple[str, str]]:
    """``(spun, original)`` inflected variants of entry ``e`` (first words inflected)."""
    from lemminflect import getAllLemmas

    s_words, o_words = e.spun.split(" "), e.original.split(" ")
    s0, o0 = s_words[0], o_words[0]
    if s0 == o0 or s0 in _SKIP_FIRST or o0 in _SKIP_FIRST or o0 != o0.lower():
        return
    phrase = len(s_words) > 1 or len(o_words) > 1
    if phrase and not (
        len(s_words) > 1
        and len(o_words) > 1
        and s_words[1] in PARTICLES
        and o_words[1] in PARTICLES
    ):
        return
    readings = set(getAllLemmas(o0)) | set(getAllLemmas(s0))
    for upos, tags in CLASSES.items():
        if phrase and upos != "VERB":
            continue
        # A word that is also a noun, a verb or an adjective in another reading ("offer",
        # "deal", "gas", "academic") is not inflected: the swap may be of the other reading.
        other = "NOUN" if upos == "VERB" else "VERB"
        if other in readings or "ADJ" in readings:
            continue
        s_tags, o_tags = _tags(s0, upos), _tags(o0, upos)
        shared = {t for _, t in s_tags} & {t for _, t in o_tags}
        if not shared:
            continue
        s_lemma = next(lem for lem, t in s_tags if t in shared)
        o_lemma = next(lem for lem, t in o_tags if t in shared)
        for tag in tags:
            if tag in shared:
                continue
            s_f, o_f = _form(s_lemma, tag, upos), _form(o_lemma, tag, upos)
            if not s_f or not o_f or s_f == o_f:
                continue
            if tag == "VBN" and s_f == _form(s_lemma, "VBD", upos):
                continue  # same form as the past tense: generated once, under VBD
            yield " ".join([s_f, *s_words[1:]]), " ".join([o_f, *o_words[1:]])


def _ly(word: str) -> str:
    """The -ly adverb spelling of an adjective (not checked against a word list).

    >>> [_ly(w) for w in ("quick", "easy", "gentle", "economic")]
    ['quickly', 'easily', 'gently', 'economically']
    """
    if word.endswith("ic"):
        return word + "ally"
    if word.endswith("le") and len(word) > 3:
        return word[:-1] + "y"
    if word.endswith("y"):
        return word[:-1] + "ily"
    return word + "ly"


def adjective_variants(e: Entry) -> Iterator[tuple[str, str]]:
    """``(spun, original)`` comparative, superlative and -ly adverb variants of a
    single-word adjective entry (both words have an adjective reading)."""
    from lemminflect import getAllInflections, getAllLemmas

    s, o = e.spun, e.original
    if " " in s or " " in o or s == o or o != o.lower():
        return
    s_lem, o_lem = getAllLemmas(s).get("ADJ", ()), getAllLemmas(o).get("ADJ", ())
    if s not in s_lem or o not in o_lem:
        return  # not both base-form adjectives ("younger" ← "young")
    s_inf, o_inf = getAllInflections(s, upos="ADJ"), getAllInflections(o, upos="ADJ")
    if "JJR" in s_inf and "JJR" not in o_inf:
        return  # the spun word is the gradable one: its base is probably another reading
    for tag, adverb in (("JJR", "more"), ("JJS", "most")):
        if tag not in o_inf or o_inf[tag][0] in (s, o):
            continue
        s_f = s_inf[tag][0] if tag in s_inf else f"{adverb} {s}"
        if zipf(s_f.split()[-1]) >= MIN_ZIPF and zipf(o_inf[tag][0]) >= MIN_ZIPF:
            yield s_f, o_inf[tag][0]
    s_ly, o_ly = _ly(s), _ly(o)
    if s_ly != o_ly and zipf(s_ly) >= MIN_ZIPF and zipf(o_ly) >= MIN_ZIPF:
        yield s_ly, o_ly


def _alternative_variants(e: Entry) -> dict[str, dict[str, bool]]:
    """Inflected variants of ``e`` for each of its originals, by spun phrase (first seen
    first): ``{spun: {original: adjectival}}``."""
    found: dict[str, dict[str, bool]] = {}
    for alt in e.alternatives:
        one = replace(e, original=alt, alternatives=(alt,))
        adjectival = dict.fromkeys(adjective_variants(one), True)
        for spun, orig in [*variants(one), *adjectival]:
            found.setdefault(spun, {}).setdefault(orig, (spun, orig) in adjectival)
    return found


def generate(entries: list[Entry]) -> list[tuple[str, str, str, str, str, str]]:
    """Rows for inflections.tsv, in table order, skipping spun phrases already listed.

    An entry with several originals ("assist" ← support|help) yields variants with
    the inflected originals that exist ("assisted" ← supported|helped)."""
    taken = {e.spun for e in entries}
    originals = {alt for e in entries for alt in e.alternatives}
    ids = {e.id for e in entries}
    rows = []
    for e in entries:
        if e.tier == "t3" or e.source != "general":
            continue
        for spun, by_orig in _alternative_variants(e).items():
            kept = {
                orig: adj
                for orig, adj in by_orig.items()
                if all(
                    zipf(w) >= MIN_ZIPF for w in (spun.split()[-1 if adj else 0], orig.split()[0])
                )
            }
            origs, adjectival = list(kept), any(kept.values())
            if not origs or spun in taken:
                continue
            if spun in originals or (" " not in spun and zipf(spun) >= MAX_SPUN_ZIPF):
                continue  # a word the spinner itself replaces, or very common English
            tier = "t2" if adjectival else e.tier
            if tier == "t1" and zipf(spun) >= T1_MAX_ZIPF:
                tier = "t2"
            rid = f"spin.en.{tier}.{slug(spun)}"
            k = 2
            while rid in ids:
                rid, k = f"spin.en.{tier}.{slug(spun)}_{k}", k + 1
            taken.add(spun)
            ids.add(rid)
            rows.append((rid, tier, spun, "|".join(origs), e.source, f"inflection of {e.id}"))
    return rows


def render(rows: list[tuple[str, str, str, str, str, str]]) -> str:
    head = [
        "# Generated by bench/despin/inflections.py from the other reverse-table files:",
        "# inflected forms of entries whose spun and original words share a verb or noun tag,",
        "# and comparative/superlative/-ly forms of adjective entries.",
        "# Do not edit by hand; fix the base entry and re-run the script.",
        "\t".join(REVERSE_COLUMNS),
    ]
    return "\n".join(head + ["\t".join(r) for r in rows]) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="fail if inflections.tsv is stale")
    args = ap.parse_args(argv)
    entries = [
        e
        for p in sorted(REVERSE.glob("*.tsv"))
        if p != OUT and p.name not in OTHER_SPINNERS
        for e in parse_reverse(p)
    ]
    text = render(generate(entries))
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        return 0 if current == text else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {text.count(chr(10)) - 4} entries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
