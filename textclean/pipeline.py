"""The staged pipeline: repair → boilerplate → despin → repeats → normalize → quality.

Every stage module in :mod:`textclean.stages` exposes ``build(config, rules) ->
Stage``. A :class:`Pipeline` holds built stages (immutable after construction,
so one pipeline may serve many threads or be pickled into worker processes)
and streams documents through them.

>>> p = Pipeline.from_config(Config(stages=("repair", "normalize")))
>>> [d.text for d in p.run(["a  b\\r\\n", "x"])]
['a b\\n', 'x\\n']
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textclean.config import STAGE_ORDER, Config, ConfigError
from textclean.document import Document
from textclean.gcpause import paused
from textclean.rules import RulePack

if TYPE_CHECKING:
    from textclean.site_repeats import SiteRepeatTable

#: Stage name → module implementing it. A stage joins the pipeline by adding
#: its module here; the order in which stages run is ``config.STAGE_ORDER``.
STAGE_MODULES: dict[str, str] = {
    "repair": "textclean.stages.repair",
    "boilerplate": "textclean.stages.boilerplate",
    "despin": "textclean.stages.despin",
    "repeats": "textclean.stages.repeats",
    "normalize": "textclean.stages.normalize",
    "quality": "textclean.stages.quality",
}


#: The stages run again when ``repeats`` removed something: removing a repeat can
#: leave a line at a page edge where a boilerplate rule applies.
SETTLE_STAGES = frozenset({"boilerplate", "repeats", "normalize", "quality"})
#: At most this many extra passes (each only while ``repeats`` keeps removing).
MAX_SETTLE_PASSES = 2
#: Per-document counts that add up over passes (others describe the final text).
_ADDITIVE_SCORES = frozenset(
    {"boilerplate.lines_removed", "boilerplate.chars_removed", "boilerplate.rule_timeouts"}
)


def scores_text_only(stage: object) -> bool:
    """Whether ``stage`` declares itself a scorer of the text alone (``scores_text_only``).

    Such a stage makes no edits and no change but its scores and its drop, and what it
    writes depends only on the text and on scores set before the stages (the language):
    run again on the text it has already scored, it writes the same keys with the same
    values and drops nothing it did not drop. A settling pass that reaches it with that
    text again runs :class:`_Rescored` in its place.
    """
    return bool(getattr(stage, "scores_text_only", False))


class _Rescored:
    """Stands for a text-only scorer in a settling pass whose text it already scored.

    It keeps the stage's name, so the steps a pass runs are still the stages' names
    (:func:`stage_passes`), and leaves the document as the stage would have: the same
    scores, written again in the same keys, and no edit.
    """

    def __init__(self, stage: Stage) -> None:
        self.name = stage.name

    def __call__(self, doc: Document) -> Document:
        return doc


def stage_passes(stages: Iterable[str], passes: int) -> list[tuple[str, int]]:
    """``(stage, pass)`` in the order :meth:`Pipeline.schedule` runs ``stages`` on a
    document that took ``passes`` passes (1, or up to ``1 + MAX_SETTLE_PASSES``).

    >>> stage_passes(["repair", "boilerplate", "repeats"], 2)
    [('repair', 1), ('boilerplate', 1), ('repeats', 1), ('boilerplate', 2), ('repeats', 2)]
    """
    names = list(stages)
    out = [(s, 1) for s in names]
    for n in range(2, passes + 1):
        out.extend((s, n) for s in names if s in SETTLE_STAGES)
    return out


@runtime_checkable
class Stage(Protocol):
    """A per-document step: pure, no I/O, no state kept between documents."""

    name: str

    def __call__(self, doc: Document) -> Document: ...


def available_stages() -> tuple[str, ...]:
    """Stages this installation implements, in run order."""
    return tuple(s for s in STAGE_ORDER if s in STAGE_MODULES)


def build_stage(name: str, config: Config, rules: RulePack) -> Stage:
    if name not in STAGE_MODULES:
        raise ConfigError(f"stage {name!r} is not available; available: {list(available_stages())}")
    module = importlib.import_module(STAGE_MODULES[name])
    stage: Stage = module.build(config, rules)
    return stage


def stage_plan(
    config: Config, *, stages: Iterable[str] | None = None, skip: Iterable[str] = ()
) -> list[str]:
    """The names of the stages :meth:`Pipeline.from_config` builds, in run order.

    Unknown names are a :class:`ConfigError`. The default set (``stages`` None:
    the config's) silently leaves out stages this build does not have; named
    ``stages`` must all be available (:func:`build_stage` says so).

    >>> stage_plan(Config(), stages=["normalize", "repair"])
    ['repair', 'normalize']
    """
    names = list(config.stages if stages is None else stages)
    skip = list(skip)
    for n in [*names, *skip]:
        if n not in STAGE_ORDER:
            raise ConfigError(f"unknown stage {n!r}; known stages: {list(STAGE_ORDER)}")
    skipped = set(skip)
    chosen = [n for n in STAGE_ORDER if n in names and n not in skipped]
    if stages is None:
        # The default set silently leaves out stages this build does not have.
        chosen = [n for n in chosen if n in STAGE_MODULES]
    return chosen


def _with_site_repeats(
    steps: tuple[Stage, ...], table: SiteRepeatTable | None
) -> tuple[Stage, ...]:
    """``steps`` with the step removing ``table``'s lines right after ``boilerplate``
    (or after the first two steps, extract and language, when it does not run)."""
    if table is None:
        return steps
    from textclean.site_repeats import SiteRepeatStep

    names = [s.name for s in steps]
    at = names.index("boilerplate") + 1 if "boilerplate" in names else 2
    return (*steps[:at], SiteRepeatStep(table), *steps[at:])


DocLike = Document | str | tuple[str, str]


def as_document(item: DocLike, index: int = 0) -> Document:
    """Accept a Document, a bare string (id = its position) or an ``(id, text)`` pair."""
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return Document(id=str(index), text=item)
    if isinstance(item, tuple) and len(item) == 2:
        return Document(id=str(item[0]), text=item[1])
    raise TypeError(f"cannot make a Document from {type(item).__name__}")


class Pipeline:
    """Built stages plus the config and rules they came from."""

    def __init__(
        self,
        stages: Sequence[Stage],
        config: Config,
        rules: RulePack,
        *,
        site_repeats: SiteRepeatTable | None = None,
    ) -> None:
        from textclean.stages.extract import ExtractStage
        from textclean.stages.language import LanguageStep

        self.stages = tuple(stages)
        self.config = config
        self.rules = rules
        # HTML inputs become text first (other documents pass untouched), then the
        # language is recorded for the English-only stages and checks
        self.extract = ExtractStage(config.extract)
        self.language = LanguageStep(config.language)
        #: The stages that run again when ``repeats`` removed something, in order.
        self._settle = tuple(s for s in self.stages if s.name in SETTLE_STAGES)
        #: The names of the settling stages that score the text alone (see
        #: :func:`scores_text_only`).
        self._text_scorers = frozenset(s.name for s in self._settle if scores_text_only(s))
        self._steps = _with_site_repeats((self.extract, self.language, *self.stages), site_repeats)
        self.site_repeats = site_repeats

    @property
    def steps(self) -> tuple[Stage, ...]:
        """What runs on a document, in order: ``extract``, ``language``, then the stages
        (with a site-repeat table, its step right after ``boilerplate``)."""
        return self._steps

    @classmethod
    def from_config(
        cls,
        config: Config | None = None,
        *,
        stages: Iterable[str] | None = None,
        skip: Iterable[str] = (),
        site_repeats: SiteRepeatTable | str | Path | None = None,
    ) -> Pipeline:
        """Build the stages a config names, optionally narrowed by ``stages``/``skip``.

        ``site_repeats`` is a learned :class:`~textclean.site_repeats.SiteRepeatTable`
        (or the path of a saved one): its lines are removed right after ``boilerplate``.
        """
        config = config or Config()
        chosen = stage_plan(config, stages=stages, skip=skip)
        rules = RulePack.load(config.rules)
        if isinstance(site_repeats, str | Path):
            from textclean.site_repeats import SiteRepeatTable

            site_repeats = SiteRepeatTable.load(site_repeats)
        return cls(
            [build_stage(n, config, rules) for n in chosen],
            config,
            rules,
            site_repeats=site_repeats,
        )

    @classmethod
    def default(cls) -> Pipeline:
        """Every available stage with default settings."""
        return cls.from_config(Config())

    @property
    def stage_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def schedule(self, doc: Document) -> Iterator[Stage]:
        """The steps to run on ``doc``, in order, decided as it goes; stops once it is dropped.

        The caller runs each step on ``doc`` (stages change it in place). When
        ``repeats`` removed something, the layout stages (:data:`SETTLE_STAGES`) follow
        once more, so that a line which became page chrome only once a repeat was gone
        is treated as a second run would treat it, and the output is a fixed point of
        the pipeline. Edits of such a pass carry ``evidence["pass"]`` (2 or 3) and
        offsets into that pass's input; the ``boilerplate.*`` counts add up.
        ``doc.passes`` records how many passes were made (:func:`stage_passes` lists
        the steps they ran), so a report need not work it out again. A document that
        ``repeats`` leaves alone never pays for the settling passes, and a text-only
        scorer (:func:`scores_text_only`: ``quality``) is not run again on the text it
        scored in the pass before (when the settling stages before it changed nothing):
        :class:`_Rescored` takes its place.
        """
        doc.passes = 1
        edited = False  # whether repeats removed something in the pass that just ran
        scored: dict[str, str] = {}  # a text-only scorer's name -> the text it last scored
        for step in self.steps:
            if doc.dropped is not None:
                return
            before = len(doc.edits)
            if step.name in self._text_scorers:
                scored[step.name] = doc.text
            yield step
            if step.name == "repeats":
                edited = len(doc.edits) > before
        for n in range(2, 2 + MAX_SETTLE_PASSES):
            if doc.dropped is not None or not edited:
                return
            doc.passes = n
            edited = False
            first = len(doc.edits)
            counts = {k: v for k, v in doc.scores.items() if k in _ADDITIVE_SCORES}
            for stage in self._settle:
                if doc.dropped is not None:
                    break
                before = len(doc.edits)
                if stage.name in self._text_scorers:
                    if scored.get(stage.name) == doc.text:
                        yield _Rescored(stage)
                        continue
                    scored[stage.name] = doc.text
                yield stage
                if stage.name == "repeats":
                    edited = len(doc.edits) > before
            for i in range(first, len(doc.edits)):
                e = doc.edits[i]
                doc.edits[i] = replace(e, evidence={**e.evidence, "pass": n})
            for k, v in counts.items():
                now = doc.scores.get(k)
                if isinstance(now, int) and isinstance(v, int):
                    doc.scores[k] = v + now

    def process(self, doc: Document) -> Document:
        """Run every step of :meth:`schedule` on one document (in place), with the
        cyclic garbage collector paused (:func:`textclean.gcpause.paused`)."""
        with paused():
            for step in self.schedule(doc):
                step(doc)
        return doc

    def run(self, docs: Iterable[DocLike]) -> Iterator[Document]:
        """Stream documents through the stages: iterable in, generator out."""
        for i, item in enumerate(docs):
            yield self.process(as_document(item, i))
