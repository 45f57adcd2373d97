"""Emulate a WordNet-sense spinner (family c) on texts the project wrote, for measuring.

The emulation follows the known mechanism of WordNet synonym augmenters (nlpaug's
``SynonymAug(aug_src="wordnet")`` with its defaults): in each line, words are drawn
with probability ``P`` (at most ``MAX_PER_LINE``), determiners are skipped, and a
drawn word is replaced by a random other lemma of any WordNet synset of the word or
of its base forms (underscores as spaces, capital carried over). Pairs are written as
``<name>.orig.txt`` / ``<name>.spun.txt`` for ``measure.py --pairs``:

    python bench/despin/wordnet_spin.py OUT_DIR [--dict WORDNET_DICT]
    python bench/despin/measure.py --pairs OUT_DIR --no-prose

Inputs: the originals of ``bench/despin/pairs`` and ``bench/despin/dev`` (written for
this project). The table ``wordnet_lemmas.tsv`` is derived from the same WordNet, so
these figures measure how well the mechanism is undone, not unseen vocabulary.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.despin.wordnet_lemmas import _bases, fetch_dict, read_wordnet  # noqa: E402

P = 0.3
MAX_PER_LINE = 10
SEED = 13
DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "every", "each", "some"}
    | {"any", "no", "all", "both", "either", "neither"}
)
_WORD = regex.compile(r"[\p{L}]+(?:['’][\p{L}]+)*")


def candidates(word: str, index: dict, synsets: dict) -> list[str]:
    low = word.lower()
    bases = _bases(low)
    out: list[str] = []
    for base in sorted(bases):
        for key in index.get(base, ()):
            for lemma in synsets.get(key, ()):
                cand = lemma.replace("_", " ")
                if cand.lower() not in bases and cand.lower() != low and cand not in out:
                    out.append(cand)
    return out


def spin_line(line: str, rng: random.Random, index: dict, synsets: dict) -> str:
    spans = [m for m in _WORD.finditer(line) if m.group().lower() not in DETERMINERS]
    drawn = [m for m in spans if rng.random() < P][:MAX_PER_LINE]
    out, last = [], 0
    for m in drawn:
        cands = candidates(m.group(), index, synsets)
        if not cands:
            continue
        new = rng.choice(cands)
        if m.group()[:1].isupper():
            new = new[:1].upper() + new[1:]
        out.append(line[last : m.start()] + new)
        last = m.end()
    return "".join(out) + line[last:]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--dict", type=Path, help="WordNet dict folder (default: apt-get download)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.dict if args.dict is not None else fetch_dict(Path(tmp))
        index, synsets = read_wordnet(folder)
    args.out.mkdir(parents=True, exist_ok=True)
    sources = sorted((ROOT / "bench/despin/pairs").glob("*.orig.txt"))
    sources += sorted((ROOT / "bench/despin/dev").glob("*.orig.txt"))
    for src in sources:
        name = src.name[: -len(".orig.txt")]
        text = src.read_text(encoding="utf-8")
        rng = random.Random(f"{SEED}:{name}")
        spun = "\n".join(spin_line(ln, rng, index, synsets) for ln in text.split("\n"))
        (args.out / f"wn_{name}.orig.txt").write_text(text, encoding="utf-8")
        (args.out / f"wn_{name}.spun.txt").write_text(spun, encoding="utf-8")
    print(f"{len(sources)} pairs in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
