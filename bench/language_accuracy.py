"""Language identification accuracy on the multilingual prose of ``tests/data/prose``.

Each file's name gives its language (``en_*``, ``fr-FR_*``, ``de-DE_*``, ...). For
each file, textclean's ``language`` step (py3langid, the first
``language.sample_chars`` characters) gives a language and a confidence; the
script prints every miss, the accuracy, and how the English-only skip would act
(non-English documents skipped by despin/quality; English documents wrongly
skipped). ``--sample N`` classifies only the first N characters (short texts).

Run: ``python bench/language_accuracy.py [--sample 250]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textclean.config import LanguageConfig
from textclean.document import Document
from textclean.stages.language import english_only_skip, identify

PROSE = Path(__file__).resolve().parent.parent / "tests" / "data" / "prose"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sample", type=int, default=LanguageConfig().sample_chars)
    args = ap.parse_args()
    config = LanguageConfig(sample_chars=args.sample)
    right = total = skipped_other = other = skipped_en = 0
    for path in sorted(PROSE.glob("*.txt")):
        want = path.name.split("_")[0].split("-")[0]
        lang, confidence = identify(path.read_text(encoding="utf-8"), args.sample)
        doc = Document(path.name, "", scores={"language": lang, "language.confidence": confidence})
        skip = english_only_skip(doc, config) is not None
        total += 1
        right += lang == want
        if want == "en":
            skipped_en += skip
        else:
            other += 1
            skipped_other += skip
        if lang != want:
            print(f"miss: {path.name}: {lang} ({confidence})")
    print(f"accuracy: {right}/{total} documents = {right / total:.1%} (sample {args.sample} chars)")
    print(
        f"English-only skip: {skipped_other}/{other} non-English documents skipped, "
        f"{skipped_en}/{total - other} English documents skipped"
    )


if __name__ == "__main__":
    main()
