"""Read-only tables loaded once in the forkserver and shared by every worker.

The local engine starts its workers with the ``forkserver`` method and names
this module as the server's preload. Importing it builds the default pipeline
and runs one short document through it, so the rule packs, the despin spin
tables, the wordfreq and symspellpy unigram/bigram counts, the quality
kernels' character table and the compiled numba kernels are all in the
server's memory before any worker is forked from it. Each worker's per-process
caches (``lru_cache`` on the tables, keyed by the files' path, size and mtime;
:data:`textclean.engines.base._PIPELINES`) then start full: the pages are shared
copy-on-write instead of loaded again into every worker. ``gc.freeze()`` keeps
the collector from writing to those objects (which would copy their pages).

``TEXTCLEAN_PRELOAD=0`` switches the preload off (each worker then loads its own copy).

Nothing here can stop a run: if warming fails, the workers load what they need
themselves, as they would without a preload.
"""

from __future__ import annotations

import gc

_SAMPLE = (
    "Officials said on Monday that the new rail line would open next year.\n\n"
    "The project, which cost more than expected, links the two largest cities.\n"
)


def warm() -> bool:
    """Build the default pipeline and run a sample through it; False if that failed."""
    try:
        import numpy as np

        from textclean.config import Config
        from textclean.document import Document
        from textclean.engines.base import StageWork, process_document
        from textclean.stages.despin import stats

        work = StageWork(Config())
        process_document(work.pipeline(), Document("warm", _SAMPLE * 8))
        stats.bigram_count("the", "rail")  # the symspellpy counts load lazily
        stats.unigram_count("rail")
        stats.bigram_scale()
        stats.zipf("rail")
        stats.language_markers()
        # the compiled loops of quality, repeats and language (workers then use them
        # at once)
        from textclean.dedup import _kernel as dedup_kernel
        from textclean.stages import language, repeats
        from textclean.stages.quality import _kernel as quality_kernel

        dedup_kernel.load()
        repeats._band_kernel()
        overlap = repeats._overlap_kernel()
        if overlap is not None:  # typed on first call: both kinds of shingle set
            for dtype in ("uint32", "uint64"):
                overlap(np.zeros(1, dtype=dtype), np.zeros(1, dtype=dtype))
        quality_kernel.load()
        quality_kernel.char_table()
        language.compiled(language.identifier())
        # despin's compiled walk and its dense automaton are built on the first document
        # after numba is loaded
        process_document(work.pipeline(), Document("warm", _SAMPLE * 8))
    except Exception:
        return False
    finally:
        gc.freeze()
    return True


WARMED = warm()
