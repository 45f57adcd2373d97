"""The pipeline: stage selection, order, streaming, dropping, library API."""

from __future__ import annotations

import pytest

import textclean
from textclean.config import STAGE_ORDER, BoilerplateConfig, Config, ConfigError
from textclean.document import Document
from textclean.pipeline import STAGE_MODULES, Pipeline, available_stages


def test_stages_run_in_the_agreed_order_whatever_the_config_says() -> None:
    cfg = Config(stages=("normalize", "repair"))
    assert cfg.stages == ("repair", "normalize")
    assert Pipeline.from_config(cfg).stage_names == ("repair", "normalize")


def test_unknown_stage_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown stage"):
        Config(stages=("repair", "spellcheck"))
    with pytest.raises(ConfigError, match="unknown stage"):
        Pipeline.from_config(Config(), skip=["nope"])


def test_skip_removes_a_stage() -> None:
    p = Pipeline.from_config(Config(), skip=["normalize"])
    assert "normalize" not in p.stage_names
    assert "repair" in p.stage_names


def test_default_pipeline_has_every_registered_stage_in_order() -> None:
    names = Pipeline.default().stage_names
    assert names == available_stages()
    assert list(names) == [s for s in STAGE_ORDER if s in STAGE_MODULES]


def test_run_streams_lazily_and_accepts_strings_pairs_and_documents() -> None:
    seen: list[int] = []

    def source():
        for i, item in enumerate(["a  b", ("x", "c\r\n"), Document("d", "e\n\n\n")]):
            seen.append(i)
            yield item

    out = Pipeline.default().run(source())
    first = next(out)
    assert seen == [0]  # nothing read ahead: a generator, not a list
    assert (first.id, first.text) == ("0", "a b\n")
    rest = list(out)
    assert [(d.id, d.text) for d in rest] == [("x", "c\n"), ("d", "e\n")]


def test_dropped_document_skips_later_stages() -> None:
    class Dropper:
        name = "dropper"

        def __call__(self, doc: Document) -> Document:
            doc.drop("test reason")
            return doc

    base = Pipeline.from_config(Config(stages=("normalize",)))
    p = Pipeline([Dropper(), *base.stages], base.config, base.rules)
    doc = p.process(Document("a", "x   y"))
    assert doc.dropped == "test reason"
    assert doc.text == "x   y"  # normalize did not run
    assert doc.edits == []


def test_clean_text_options_override_config_sections() -> None:
    assert textclean.clean_text("“a”  b") == "“a” b\n"
    assert textclean.clean_text("“a”  b", normalize={"fold_quotes": True}) == '"a" b\n'
    with pytest.raises(ConfigError, match="unknown key"):
        textclean.clean_text("x", normalize={"fold_qoutes": True})


def test_clean_document_keeps_the_audit() -> None:
    doc = textclean.clean_document("Caf\u00c3\u00a9  ouvert\r\n")
    assert doc.text == "Café ouvert\n"
    stages = [e.stage for e in doc.edits]
    assert stages[0] == "repair" and "normalize" in stages
    assert doc.edits[0].before == "Caf\u00c3\u00a9  ouvert\r\n"


def test_public_api_names_resolve() -> None:
    import textclean

    for name in textclean.__all__:
        assert getattr(textclean, name) is not None, name
    a = "The harbour council voted on the new budget for the bridge repairs this week. " * 3
    assert textclean.find_duplicates([("a", a), ("b", a + "More.")]) == {"b": "a"}
    assert textclean.clean_text("a  b\r\n") == "a b\n"
    assert textclean.score_text(a)["quality.failed"] != ""  # too short for C4 and Gopher


def test_a_line_left_at_the_page_edge_by_a_removed_repeat_is_settled_in_the_same_run() -> None:
    # "12" sits between two paragraphs until `repeats` removes the repeated last one;
    # only then is it a bare number at the page's end, which a second run would remove.
    para = (
        "The council voted seven to two on Tuesday night to approve the new library budget.",
        "Supporters said the longer hours would help students who work after school.",
        "The budget takes effect in July, and the first evening openings are in Mill Street.",
    )
    text = "Council approves library budget\n" + "\n".join(para) + "\n12\n" + para[2] + "\n"
    # the bare-number rule is shipped off (it lost article lines on unseen sites): on here
    config = Config(boilerplate=BoilerplateConfig(enable=("boilerplate.stub.bare_number",)))
    doc = Pipeline.from_config(config).process(Document("d", text))
    assert doc.text == "Council approves library budget\n" + "\n".join(para) + "\n"
    assert (
        Pipeline.from_config(config).process(Document("d", doc.text)).text == doc.text
    )  # a fixed point: a second run changes nothing
    rules = [(e.stage, e.rule, e.before, e.evidence.get("pass")) for e in doc.edits]
    assert ("repeats", "repeats.exact", para[2] + "\n", None) in rules
    assert ("boilerplate", "boilerplate.stub.bare_number", "12\n", 2) in rules
    assert doc.scores["boilerplate.lines_removed"] == 1
    assert doc.passes == 2  # repeats removed nothing in the second pass


def test_the_document_records_the_passes_its_steps_ran_in() -> None:
    """``doc.passes`` and ``stage_passes`` give the steps the schedule ran, in order:
    one pass for a document ``repeats`` leaves alone, the layout stages again after
    a removed repeat."""
    from textclean.diffview import run_stages
    from textclean.pipeline import SETTLE_STAGES, stage_passes

    pipeline = Pipeline.default()
    names = [s.name for s in pipeline.steps]
    para = "The council voted seven to two on Tuesday night to approve the new library budget."
    clean = Document("a", "A title\n\n" + para + "\n")
    doubled = Document("b", "A title\n\n" + para + "\n\n" + para + "\n")
    for doc, passes in ((clean, 1), (doubled, 2)):
        _, runs = run_stages(pipeline, doc)
        assert doc.passes == passes
        assert [r.stage for r in runs] == [s for s, _ in stage_passes(names, passes)]
    assert [s for s, n in stage_passes(names, 2) if n == 2] == [
        s for s in names if s in SETTLE_STAGES
    ]
    assert Document("c", "x").passes is None  # not known until a pipeline ran it
    assert Document("c", "x") == Document("c", "x", passes=1)  # and not part of the output


def test_a_settling_pass_does_not_score_again_a_text_quality_has_scored() -> None:
    """``quality`` scores the text alone: when the settling stages before it changed
    nothing, the pass does not run it again (its scores would be the same), and when
    they changed the text, it scores the new text."""
    from textclean.diffview import run_stages
    from textclean.pipeline import _Rescored, scores_text_only
    from textclean.stages.quality.stage import QualityStage

    pipeline = Pipeline.default()
    quality = next(s for s in pipeline.stages if s.name == "quality")
    assert scores_text_only(quality) and isinstance(quality, QualityStage)
    assert not any(scores_text_only(s) for s in pipeline.stages if s.name != "quality")
    para = "The council voted seven to two on Tuesday night to approve the new library budget."
    doubled = Document("b", "A title\n\n" + para + "\n\n" + para + "\n")
    seen: list[object] = []
    for step in pipeline.schedule(doubled):
        seen.append(step)
        step(doubled)
    assert doubled.passes == 2 and doubled.text == "A title\n\n" + para + "\n"
    assert [type(s) for s in seen if s.name == "quality"] == [QualityStage, _Rescored]
    fresh = quality(Document("f", doubled.text, scores=dict(doubled.scores)))
    assert fresh.scores == doubled.scores  # what running it again would have written
    assert list(fresh.scores) == list(doubled.scores)
    # the steps a report lists are unchanged: quality is still a step of pass 2
    _, runs = run_stages(pipeline, Document("b", "A title\n\n" + para + "\n\n" + para + "\n"))
    assert [r.stage for r in runs].count("quality") == 2

    # "12" is left at the page's end once the repeat is gone: the second pass removes
    # it, so quality scores the text again
    lines = (
        "The council voted seven to two on Tuesday night to approve the new library budget.",
        "Supporters said the longer hours would help students who work after school.",
        "The budget takes effect in July, and the first evening openings are in Mill Street.",
    )
    text = "Council approves library budget\n" + "\n".join(lines) + "\n12\n" + lines[2] + "\n"
    doc = Document("d", text)
    seen = []
    for step in pipeline.schedule(doc):
        seen.append(step)
        step(doc)
    assert doc.passes == 2 and not doc.text.endswith("12\n")
    assert [type(s) for s in seen if s.name == "quality"] == [QualityStage, QualityStage]
    again = quality(Document("g", doc.text, scores=dict(doc.scores)))
    assert again.scores == doc.scores
