"""Generate the WordNet-sense reverse tables ``rules/spin/reverse/wordnet_lemmas.tsv`` and
``wordnet_ordinary_lemmas.tsv``.

WordNet-sense spinners (family c) replace a word by another lemma of any of its
WordNet synsets, whatever the sense: "at" becomes "astatine" (the element At),
"year" "twelvemonth", "know" "cognize", "it" "information technology". The mechanism
is known, so the reverse table can be derived from WordNet itself instead of from
the texts seen: for each of the ``TOP`` commonest English words (wordfreq), every
other lemma of every synset of the word or of its base forms (lemminflect) is a spun
form of it. ``wordnet_senses.tsv`` (hand-written, with context rules) keeps its
entries; this file adds the rest:

* a spun form is a lower-case lemma (names such as "Mae West" for west are left
  out: people write them): one word, a phrase with a figure ("atomic number 85"), or
  a phrase none of whose word pairs is in the bigram list ("analytic thinking" for
  analysis, "animate being" for animal; "time of day", "give birth" are ordinary
  English and left out, and so are the phrasal verbs of common verbs, "weighed down",
  "tip off", whose pairs the bigram list lacks); and not a spun form of another reverse file nor an
  original of the table ("exist", "make");
* kept only when nobody writes it in news (wordfreq Zipf below ``T1_MAX_ZIPF``: the
  archaic and technical lemmas "cognize", "decennary", "glucinium", "atomic number
  33") and its original is at least ``T1_RARER`` commoner in log10, as a ``t1`` entry.
  The lemmas that are ordinary English ("exist", "comprise", "galore") are not in this
  file: as ``t2`` entries (3,954 of them) they lifted seven clean documents over the
  flag (five Debian prose pages, two literary ones) by their evidence;
* a spun form keeps its ``MAX_ORIGINALS`` commonest originals.

A second file, ``wordnet_ordinary_lemmas.tsv``, holds those ordinary-English lemmas, of
function words ("done" for through, "along" for on) and of common words ("squad" for
team), as ``t3``, which the stage matches only in a document that reads as a
WordNet-sense spin (see :func:`build_ordinary`).

WordNet 3.0 (Debian ``wordnet-base``; WordNet 3.0 license, Copyright 2006 Princeton
University: use, copy, modify and distribute for any purpose, with the notice kept)
is read from its ``index.*`` and ``data.*`` files; nothing is downloaded at run time.

    python bench/despin/wordnet_lemmas.py               # fetch wordnet-base, rewrite
    python bench/despin/wordnet_lemmas.py --dict DIR    # from a WordNet dict folder
    python bench/despin/wordnet_lemmas.py --check       # exit 1 if a file is stale

Needs ``lemminflect`` and ``wordfreq`` (the ``bench`` extra) and ``apt-get`` (or
``--dict``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from textclean.stages.despin.stats import _listed, phrase_zipf, zipf  # noqa: E402
from textclean.stages.despin.table import MAX_WORDS, REVERSE_COLUMNS, parse_reverse  # noqa: E402

REVERSE = ROOT / "rules" / "spin" / "reverse"
OUT = REVERSE / "wordnet_lemmas.tsv"
ORDINARY_OUT = REVERSE / "wordnet_ordinary_lemmas.tsv"
#: Function and very common words whose WordNet lemmas the spinner writes for them
#: ("done" for through, "along" for on, "later" for after).
_FUNCTION_WORDS = (
    "on in at as be will just about before through all out off up over more so can may it "
    "have do not no also only even now still back well after then there here very much "
    "into from with by for of to and or but if than when while because since until under "
    "between during without within along across around against"
)
FUNCTION_WORDS = tuple(_FUNCTION_WORDS.split())
PACKAGE = "wordnet-base"
DICT = "usr/share/wordnet"
POS_FILES = ("noun", "verb", "adj", "adv")
LICENSE = (
    "WordNet 3.0 (Debian wordnet-base), Copyright 2006 by Princeton University, WordNet 3.0 license"
)
TOP = 3000
MIN_ORIG_ZIPF = 4.0
T1_MAX_ZIPF = 1.5
T1_RARER = 3.0
ORDINARY_RARER = 1.0
MAX_ORIGINALS = 4


def fetch_dict(workdir: Path) -> Path:
    """The WordNet dict folder of the Debian package, downloaded and unpacked."""
    subprocess.run(["apt-get", "download", PACKAGE], cwd=workdir, check=True)
    (deb,) = sorted(workdir.glob(f"{PACKAGE}_*.deb"))
    subprocess.run(["dpkg-deb", "-x", str(deb), str(workdir / "x")], check=True)
    return workdir / "x" / DICT


def read_wordnet(
    folder: Path,
) -> tuple[dict[str, list[tuple[str, int]]], dict[tuple[str, int], list[str]]]:
    """``(index, synsets)``: lemma → its ``(pos, offset)`` synsets, and synset → lemmas."""
    index: dict[str, list[tuple[str, int]]] = {}
    synsets: dict[tuple[str, int], list[str]] = {}
    for pos in POS_FILES:
        for line in (folder / f"index.{pos}").read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith(" "):
                continue  # licence header
            f = line.split()
            lemma, n_synsets, n_ptr = f[0], int(f[2]), int(f[3])
            offsets = f[4 + n_ptr + 2 : 4 + n_ptr + 2 + n_synsets]
            index.setdefault(lemma, []).extend((pos, int(o)) for o in offsets)
        for line in (folder / f"data.{pos}").read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith(" "):
                continue
            f = line.split()
            offset, n_words = int(f[0]), int(f[3], 16)
            words = [f[4 + 2 * k].split("(")[0] for k in range(n_words)]
            synsets[(pos, offset)] = words
    return index, synsets


def _bases(word: str) -> set[str]:
    from lemminflect import getAllLemmas

    out = {word}
    for lemmas in getAllLemmas(word).values():
        out.update(lemmas)
    return out


def pairs(
    index: dict[str, list[tuple[str, int]]], synsets: dict[tuple[str, int], list[str]]
) -> Iterator[tuple[str, str]]:
    """``(spun, original)``: every other lemma of every synset of a common word."""
    from wordfreq import top_n_list

    verbs = frozenset(lemma for lemma, keys in index.items() if any(p == "verb" for p, _ in keys))
    for word in top_n_list("en", TOP):
        if not word.isalpha() or not word.isascii() or zipf(word) < MIN_ORIG_ZIPF:
            continue
        bases = _bases(word)
        for base in sorted(bases):
            for key in index.get(base, ()):
                for lemma in synsets.get(key, ()):
                    if lemma != lemma.lower():
                        continue  # a name ("Mae West", "Eastern Samoa"): people write them
                    spun = lemma.replace("_", " ")
                    words = spun.split(" ")
                    if (
                        len(words) > 1
                        and not any(c.isdigit() for c in spun)
                        and any(_listed(a, b) for a, b in pairwise(words))
                    ):
                        continue  # "time of day", "give birth": ordinary phrases
                    if _phrasal_verb(words, verbs):
                        continue  # "weighed down", "add together": ordinary phrases
                    if spun not in bases and spun != word:
                        yield spun, word


#: The particles of English phrasal verbs.
PARTICLES = frozenset(
    "up down out off over away back together along around through in on".split()  # noqa: SIM905
)
#: A phrasal verb whose verb has at least this Zipf frequency is ordinary English.
PHRASAL_VERB_ZIPF = 3.0


def _phrasal_verb(words: list[str], verbs: frozenset[str]) -> bool:
    """A common verb and its particle ("weighed down", "tip off", "add together"): the
    bigram list lacks most phrasal verbs, but people write them (a rare verb's, "bollix
    up", "batten down", stays a spun form). The phrase or its first word (a form of it)
    is a WordNet verb, ``verbs``: a common noun and a particle ("relation back" for
    relations, a legal term) is no phrasal verb and stays a spun form.

    >>> verbs = frozenset({"weigh", "bollix", "bollix_up"})
    >>> _phrasal_verb(["weighed", "down"], verbs), _phrasal_verb(["bollix", "up"], verbs)
    (True, False)
    >>> _phrasal_verb(["relation", "back"], verbs)
    False
    """
    if len(words) != 2 or words[1] not in PARTICLES or zipf(words[0]) < PHRASAL_VERB_ZIPF:
        return False
    return "_".join(words) in verbs or not _bases(words[0]).isdisjoint(verbs)


def _frequency(spun: str) -> float:
    return phrase_zipf(spun) if " " in spun else zipf(spun)


def build(
    index: dict[str, list[tuple[str, int]]],
    synsets: dict[tuple[str, int], list[str]],
    taken: set[str],
    originals: set[str],
) -> list[tuple[str, ...]]:
    """Rows of the table (see the module docstring)."""
    import regex

    plain = regex.compile(r"^[a-z0-9]+(?:['.-][a-z0-9]+)*$")
    by_spun: dict[str, set[str]] = {}
    for spun, orig in pairs(index, synsets):
        words = spun.split(" ")
        if spun in taken or spun in originals or len(words) > MAX_WORDS or len(orig) < 2:
            continue
        if not any(c.isalpha() for c in spun):
            continue  # "100" for hundred: a figure is never restored to a word
        if not all(plain.match(w) for w in words):
            continue
        by_spun.setdefault(spun, set()).add(orig)
    rows: list[tuple[str, ...]] = []
    ids: set[str] = set()
    for spun in sorted(by_spun):
        origs = sorted(by_spun[spun], key=lambda o: (-zipf(o), o))[:MAX_ORIGINALS]
        f_spun, f_orig = _frequency(spun), zipf(origs[0])
        if f_spun >= T1_MAX_ZIPF or f_orig - f_spun < T1_RARER:
            continue  # ordinary English: see the module docstring
        tier = "t1"
        slug = regex.sub(r"[^a-z0-9]+", "_", spun).strip("_")
        rid, k = f"spin.en.{tier}.wn_{slug}", 2
        while rid in ids:
            rid, k = f"spin.en.{tier}.wn_{slug}_{k}", k + 1
        ids.add(rid)
        rows.append((rid, tier, spun, "|".join(origs), "general", "wordnet"))
    return rows


def build_ordinary(
    index: dict[str, list[tuple[str, int]]],
    synsets: dict[tuple[str, int], list[str]],
    taken: set[str],
) -> list[tuple[str, ...]]:
    """Rows of ``wordnet_ordinary_lemmas.tsv``, as ``t3``: the one-word lower-case lemmas
    that people write (Zipf at least ``T1_MAX_ZIPF``; the rarer ones are t1 lemma
    entries) of the synsets of :data:`FUNCTION_WORDS` ("done" for through, "along" for
    on) and of the commonest words, at least ``ORDINARY_RARER`` rarer than their original
    ("squad" for team, "taxation" for tax). The stage never counts them for detection,
    does not even match them elsewhere, and weighs them only in a document that reads
    as a WordNet-sense spin."""
    by_spun: dict[str, set[str]] = {}
    for word in FUNCTION_WORDS:
        bases = _bases(word)
        for base in sorted(bases):
            for key in index.get(base, ()):
                for lemma in synsets.get(key, ()):
                    if lemma != lemma.lower() or not lemma.isalpha() or lemma in bases:
                        continue
                    if lemma in taken or zipf(lemma) < T1_MAX_ZIPF:
                        continue
                    by_spun.setdefault(lemma, set()).add(word)
    for spun, orig in pairs(index, synsets):
        if spun in taken or not spun.isalpha() or len(orig) < 2:
            continue
        if zipf(spun) < T1_MAX_ZIPF or zipf(orig) - zipf(spun) < ORDINARY_RARER:
            continue
        by_spun.setdefault(spun, set()).add(orig)
    return [
        (f"spin.en.t3.wno_{spun}", "t3", spun, "|".join(_commonest(origs)), "general", "wordnet")
        for spun, origs in sorted(by_spun.items())
    ]


def _commonest(origs: set[str]) -> list[str]:
    return sorted(origs, key=lambda o: (-zipf(o), o))[:MAX_ORIGINALS]


def render_table(rows: list[tuple[str, ...]], *, generator: str, license: str, about: str) -> str:
    r"""A generated reverse-table TSV: three comment lines, the column header, the rows.

    >>> text = render_table([("x1", "t3", "astatine", "at", "x", "")], generator="x.py from Y",
    ...                     license="Licence Z", about="What it holds.")
    >>> text.splitlines()[:3]
    ['# Generated by python x.py from Y; do not edit.', '# Licence Z.', '# What it holds.']
    >>> text.splitlines()[3:]
    ['id\ttier\tspun\toriginal\tsource\tnote', 'x1\tt3\tastatine\tat\tx\t']
    """
    head = [
        f"# Generated by python {generator}; do not edit.",
        f"# {license}.",
        f"# {about}",
        "\t".join(REVERSE_COLUMNS),
    ]
    return "\n".join(head + ["\t".join(r) for r in rows]) + "\n"


def render(rows: list[tuple[str, ...]]) -> str:
    return render_table(
        rows,
        generator="bench/despin/wordnet_lemmas.py from WordNet",
        license=LICENSE,
        about="WordNet-sense spinners (family c): another lemma of a synset of a common word.",
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dict", type=Path, help="WordNet dict folder (default: apt-get download)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="fail if the table is out of date")
    args = ap.parse_args(argv)
    own = {OUT.name, ORDINARY_OUT.name}
    others = [
        e for p in sorted(REVERSE.glob("*.tsv")) if p.name not in own for e in parse_reverse(p)
    ]
    taken = {e.spun for e in others}
    originals = {alt.lower() for e in others for alt in e.alternatives}
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.dict if args.dict is not None else fetch_dict(Path(tmp))
        index, synsets = read_wordnet(folder)
        rows = build(index, synsets, taken, originals)
        ordinary_rows = build_ordinary(index, synsets, taken | {r[2] for r in rows})
    outputs = {
        args.out: render(rows),
        args.out.with_name(ORDINARY_OUT.name): render(ordinary_rows),
    }
    if args.check:
        stale = [p for p, text in outputs.items() if not p.exists() or p.read_text("utf-8") != text]
        print("up to date" if not stale else f"stale: {', '.join(map(str, stale))}; re-run")
        return 1 if stale else 0
    for path, text in outputs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"{path}: {text.count(chr(10)) - 4} entries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
