"""despin: detection and repair of synonym-spun text (see ``docs/despin.md``).

The stage is :class:`~textclean.stages.despin.stage.DespinStage`; the pieces it
is built from each stay small:

* :mod:`textclean.stages.despin.table` parses and validates
  ``rules/spin/reverse/*.tsv`` (and the fingerprint and context files) into an index;
* :mod:`textclean.stages.despin.match` tokenizes with offsets and finds table and
  fingerprint matches, longest first;
* :mod:`textclean.stages.despin.stats` holds the offline language statistics
  (symspellpy's Google bigram and unigram counts, wordfreq) used by detection
  breadth and T2 decisions;
* :mod:`textclean.stages.despin.casing` carries the case of the spun text over
  to the restored wording.
"""

from textclean.stages.despin.stage import NAME, Analysis, DespinStage, build, build_from_tables

__all__ = ["NAME", "Analysis", "DespinStage", "build", "build_from_tables"]
