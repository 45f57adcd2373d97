"""quality: C4, Gopher and FineWeb quality signals of the final text (see ``docs/quality.md``).

* :mod:`textclean.stages.quality.stage` scores each document and, when asked,
  drops those failing a check;
* :mod:`textclean.stages.quality.signals` computes the signals;
* :mod:`textclean.stages.quality.thresholds` parses and checks the threshold
  files (``rules/quality/*.toml``).
"""

from textclean.stages.quality.stage import NAME, QualityStage, build

__all__ = ["NAME", "QualityStage", "build"]
