"""Despin internals: the reverse table, tokenizing and matching, detection, T2 evidence.

The pipeline stage lives in :mod:`textclean.stages.despin`; these modules hold
the pieces it is built from so each stays small:

* :mod:`textclean.despin.table` parses and validates ``rules/spin/reverse/*.tsv``
  (and the fingerprint and context files) into an index;
* :mod:`textclean.despin.match` tokenizes with offsets and finds table and
  fingerprint matches, longest first;
* :mod:`textclean.despin.stats` holds the offline language statistics
  (symspellpy's Google bigram and unigram counts, wordfreq) used by detection
  breadth and T2 decisions;
* :mod:`textclean.despin.casing` carries the case of the spun text over to the
  restored wording.
"""
