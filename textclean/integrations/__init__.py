"""textclean inside other pipelines.

* :mod:`textclean.integrations.datatrove` — ``TextcleanStep``, a datatrove
  ``PipelineStep`` (the ``[datatrove]`` extra);
* :mod:`textclean.integrations.hf` — ``Cleaner`` for ``Dataset.map`` and
  ``deduplicate`` for HF ``datasets`` (the ``[hf]`` extra).

Both run the same per-document work as ``textclean clean``
(:func:`textclean.engines.base.process_document`): a document a stage fails on is
dropped with reason ``stage_error``, never raised, and the results do not depend
on how the data is split over tasks or processes.
"""
