"""Experiment: a general reverse table inverted from an open thesaurus (not adopted).

Real spinners draw their swaps from a thesaurus, so a table learned from the pairs
we saw covers only part of what they write. This script inverts an openly licensed
English thesaurus, the LibreOffice/OpenOffice en_US thesaurus (``th_en_US_v2.dat``,
Debian package ``mythes-en-us``, derived from WordNet; see ``LICENSE`` below), into
spun form → the common words it may stand for, and writes it as a rule pack that
``measure.py --rules`` can add:

* an *original* is a common English word (wordfreq Zipf ≥ ``MIN_ORIG_ZIPF``,
  lower case, letters only) and a *spun form* one of its synonyms in the same
  meaning (plain synonyms and "similar terms"; no generic, related or antonym
  terms), one word, lower case, written English (Zipf ≥ ``MIN_SPUN_ZIPF``), and
  rarer than the original by ``RARER`` in log10;
* nouns get their plurals and verbs their -s/-ed/-ing forms (lemminflect) when
  both words have the same tag ("charges" ← "rates" from "charge" ← "rate");
* a spun form keeps its ``MAX_ORIGINALS`` commonest originals;
* spun forms the reverse table already has are left to it, and so are spun forms
  that are themselves originals of the table ("help", "use");
* every entry is ``t3`` (applied only with the neighbours in favour and odds of
  ``t3_margin``).

**Result** (``docs/despin.md``): about 17,700 entries, and no gain. Of the real
pairs' one-word family-a swaps (``bench/despin/real/mappings.tsv``) the table already
has the spun form of 371 of 456 occurrences; the thesaurus adds one. Of the
thesaurus entries' matches in the real and development pairs, none has the true
original among its candidates. Added to the table, on the 22 real pairs present
they made 20 more edits, 2 of them right (WER cut 20.2% → 19.3%, precision 90.3% →
84.7%), and their breadth hits lifted one real clean page over the flag. What
the real spinners write that the table lacks is common English for common English
("sick" for ill, "eat" for consume, "strategy" for approach), which a thesaurus
also lists but the statistics cannot tell from genuine wording.

    python bench/despin/thesaurus.py --dat FILE --out PACK/spin/reverse/thesaurus.tsv
    python bench/despin/measure.py --real --rules PACK

Without ``--dat`` the Debian package is fetched with ``apt-get download``. Needs
``lemminflect`` (the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.despin.wordnet_lemmas import render_table  # noqa: E402
from textclean.stages.despin.stats import zipf  # noqa: E402
from textclean.stages.despin.table import parse_reverse  # noqa: E402

REVERSE = ROOT / "rules" / "spin" / "reverse"
PACKAGE = "mythes-en-us"
DAT = "usr/share/mythes/th_en_US_v2.dat"
LICENSE = (
    "en_US thesaurus (LibreOffice dictionaries, Debian mythes-en-us): Copyright "
    "2000-2018 Kevin Atkinson, 2016 Benjamin Titze; permission to use, copy, modify, "
    "distribute and sell granted (derived from WordNet 3.0, Copyright 2006 Princeton "
    "University, WordNet 3.0 license)"
)
MIN_ORIG_ZIPF = 3.5
MIN_SPUN_ZIPF = 2.0
MAX_SPUN_ZIPF = 5.0
RARER = 0.5
MAX_ORIGINALS = 4
#: lemminflect tags generated per part of speech (the thesaurus's own labels)
FORMS = {"noun": ("NNS",), "verb": ("VBZ", "VBD", "VBG", "VBN")}
UPOS = {"noun": "NOUN", "verb": "VERB", "adj": "ADJ", "adv": "ADV"}
_KINDS_KEPT = ("", "similar term")


def fetch_dat(workdir: Path) -> Path:
    """``th_en_US_v2.dat`` of the Debian package, downloaded and unpacked in ``workdir``."""
    subprocess.run(["apt-get", "download", PACKAGE], cwd=workdir, check=True)
    (deb,) = sorted(workdir.glob(f"{PACKAGE}_*.deb"))
    subprocess.run(["dpkg-deb", "-x", str(deb), str(workdir / "x")], check=True)
    return workdir / "x" / DAT


def read_thesaurus(path: Path) -> Iterator[tuple[str, str, list[str]]]:
    """``(headword, part of speech, synonyms)`` per meaning of the MyThes file (plain
    synonyms and similar terms; generic, related terms and antonyms dropped)."""
    with path.open(encoding="utf-8") as fh:
        fh.readline()  # encoding
        while head := fh.readline():
            word, _, count = head.rstrip("\n").rpartition("|")
            for _ in range(int(count)):
                parts = fh.readline().rstrip("\n").split("|")
                pos = parts[0].strip("()")
                syns = []
                for s in parts[1:]:
                    kind = ""
                    if s.endswith(")") and " (" in s:
                        s, _, kind = s[:-1].rpartition(" (")
                    if kind in _KINDS_KEPT:
                        syns.append(s)
                yield word, pos, syns


def _plain(w: str) -> bool:
    return w.isalpha() and w.islower() and w.isascii()


def _forms(word: str, pos: str) -> dict[str, str]:
    """Tag → inflected form of ``word`` for the tags of ``pos`` (base form under ``""``)."""
    from lemminflect import getAllInflections

    out = {"": word}
    tags = FORMS.get(pos, ())
    if tags:
        inf = getAllInflections(word, upos=UPOS[pos])
        for tag in tags:
            if inf.get(tag):
                out[tag] = inf[tag][0]
    return out


def pairs(meanings: Iterable[tuple[str, str, list[str]]]) -> Iterator[tuple[str, str]]:
    """``(spun, original)`` candidates, inflected forms included, before filtering."""
    for word, pos, syns in meanings:
        if not _plain(word) or zipf(word) < MIN_ORIG_ZIPF:
            continue
        orig_forms = None
        for s in syns:
            if s == word or not _plain(s):
                continue
            yield s, word
            if pos in FORMS:
                if orig_forms is None:
                    orig_forms = _forms(word, pos)
                spun_forms = _forms(s, pos)
                for tag, o in orig_forms.items():
                    if tag and tag in spun_forms and spun_forms[tag] != o:
                        yield spun_forms[tag], o


def build(
    meanings: Iterable[tuple[str, str, list[str]]], taken: set[str], originals: set[str]
) -> list[tuple[str, ...]]:
    """Rows of the table: one per spun form, its commonest originals first."""
    by_spun: dict[str, set[str]] = {}
    for s, o in pairs(meanings):
        if s in taken or s in originals:
            continue
        zs, zo = zipf(s), zipf(o)
        if not (MIN_SPUN_ZIPF <= zs <= MAX_SPUN_ZIPF) or zo < MIN_ORIG_ZIPF or zo - zs < RARER:
            continue
        by_spun.setdefault(s, set()).add(o)
    rows: list[tuple[str, ...]] = []
    for s in sorted(by_spun):
        origs = sorted(by_spun[s], key=lambda o: (-zipf(o), o))[:MAX_ORIGINALS]
        rows.append((f"spin.en.t3.thes_{s}", "t3", s, "|".join(origs), "general", "thesaurus"))
    return rows


def render(rows: list[tuple[str, ...]]) -> str:
    return render_table(
        rows,
        generator="bench/despin/thesaurus.py from the en_US thesaurus",
        license=LICENSE,
        about="Spun form -> the common words it is a rarer synonym of (t3).",
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dat", type=Path, help="th_en_US_v2.dat (default: apt-get download)")
    ap.add_argument("--out", type=Path, required=True, help="the TSV to write")
    args = ap.parse_args(argv)
    others = [e for p in sorted(REVERSE.glob("*.tsv")) for e in parse_reverse(p)]
    taken = {e.spun for e in others}
    originals = {alt.lower() for e in others for alt in e.alternatives}
    with tempfile.TemporaryDirectory() as tmp:
        dat = args.dat if args.dat is not None else fetch_dat(Path(tmp))
        text = render(build(read_thesaurus(dat), taken, originals))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {text.count(chr(10)) - 4} entries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
