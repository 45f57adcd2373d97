"""A tiny WordNet (``index.*`` and ``data.*`` files) for the table generator's tests."""

from __future__ import annotations

from pathlib import Path


def write_tiny_wordnet(folder: Path, data: dict[str, list[tuple[int, list[str]]]]) -> None:
    """WordNet ``index.*`` and ``data.*`` files holding only ``data``'s synsets."""
    for pos in ("noun", "verb", "adj", "adv"):
        index: dict[str, list[int]] = {}
        lines = ["  1 licence header"]
        for offset, words in data.get(pos, []):
            pairs = " ".join(f"{w} 0" for w in words)
            lines.append(f"{offset:08d} 03 n {len(words):02x} {pairs} 000 | gloss")
            for w in words:
                index.setdefault(w.lower(), []).append(offset)
        (folder / f"data.{pos}").write_text("\n".join(lines) + "\n", encoding="utf-8")
        rows = [
            f"{w} {pos[0]} {len(o)} 0 {len(o)} 0 " + " ".join(f"{x:08d}" for x in o)
            for w, o in sorted(index.items())
        ]
        (folder / f"index.{pos}").write_text("  1 header\n" + "\n".join(rows) + "\n")
