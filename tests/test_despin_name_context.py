"""A market report that names the Bureau of Labor Statistics and writes ordinary phrasal
verbs ("weighed down", "looking ahead") is clean text: a flag needs the evidence also
when a word inside a capitalised name is weighed by the name's own words only, and the
WordNet-sense table holds no phrasal verb of a common verb. The fast scorer gives the
same scores as the full analysis, or leaves the text to it.

The paragraphs are written for these tests (no third-party text).
"""

from __future__ import annotations

import dataclasses
import json
from functools import lru_cache
from pathlib import Path

from tests.wordnet_helpers import write_tiny_wordnet
from textclean.config import Config
from textclean.document import Document
from textclean.stages.despin.stage import DespinStage, build

ROOT = Path(__file__).resolve().parent.parent

MARKET = (
    "Stocks fell sharply on Tuesday as traders waited for the latest figures from the Bureau of "
    "Labor Statistics, which are due on Wednesday morning. The Labor Department's report on "
    "consumer prices is expected to show whether inflation cooled last month.\n"
    "Investors have been looking ahead to the report for weeks. Many fear that the central bank "
    "will keep rates high for longer, and shares of technology companies weighed down the index "
    "for most of the session.\n"
    "Analysts said the market was attempting to find a floor after three days of losses, while "
    "bond yields rose again to their highest level since the spring.\n"
)


@lru_cache(maxsize=1)
def _stage() -> DespinStage:
    return build(Config(), None)


def test_a_market_report_naming_the_labor_bureau_is_left_alone() -> None:
    doc = _stage()(Document("m", MARKET))
    assert doc.scores["spun"] is False
    assert doc.edits == []


def test_the_name_context_vetoes_a_flag_that_a_name_carries() -> None:
    # with one more strong entry ("a new PC for": computer), the report reaches the light
    # evidence's flag only through "Labor" inside the two names: weighed by the names'
    # own words it does not, and the text is left alone; the same report with "labor"
    # written in lower case (no name) is flagged, and so is the named one without the
    # veto. The scores reported are the usual ones either way.
    text = MARKET + "Demand for a new PC for the office has slowed, one retailer said.\n"
    stage = _stage()
    off = DespinStage.from_tables(
        dataclasses.replace(stage.config, name_context=False), stage.tables
    )
    assert off.analyse(text).spun is True  # the premise: the names carry the flag
    assert stage.analyse(text.replace("Labor", "labor")).spun is True
    a = stage.analyse(text)
    assert a.spun is False
    usual = off.analyse(text).scores()
    assert usual.pop("spin_flag") == "light"
    assert json.dumps(a.scores()) == json.dumps(usual | {"spun": False})
    doc = stage(Document("m", text))
    assert doc.scores["spun"] is False and doc.edits == []


def test_a_word_inside_a_name_is_weighed_by_the_name_alone() -> None:
    # "of" before "Labor Statistics" says nothing of the name: no evidence when names are
    # weighed by their own words; the usual weighing (the scores reported) counts it
    stage = _stage()
    named = "The figures come from the Bureau of Labor Statistics every month."
    a = stage.analyse(named)
    assert stage.evidence(named, a.keys, a.joined, a.matches)[0] > 0.0
    assert stage.evidence(named, a.keys, a.joined, a.matches, names=True)[0] == 0.0


def test_the_fast_scores_match_the_full_analysis_or_defer() -> None:
    stage = _stage()
    for text in (MARKET, MARKET.replace("Labor", "labor"), MARKET.upper()):
        fast = stage.fast_scores(text)
        if fast is not None:
            assert json.dumps(fast) == json.dumps(stage.analyse(text).scores())


def test_no_phrasal_verb_of_a_common_verb_is_a_wordnet_t1_form() -> None:
    rows = (ROOT / "rules" / "spin" / "reverse" / "wordnet_lemmas.tsv").read_text("utf-8")
    spun = {line.split("\t")[2] for line in rows.splitlines() if line.startswith("spin.")}
    assert not {"weighed down", "add together", "tip off", "scale down"} & spun
    assert "bollix up" in spun  # a rare verb's phrase stays a spun form


def test_a_noun_and_a_particle_is_no_phrasal_verb(tmp_path: Path) -> None:
    # "weighed down" (for heavy) is a common verb's phrase: left out; "relation back" (a
    # legal term, for relations) is a noun's: nobody writes it, it stays a spun form
    from bench.despin import wordnet_lemmas as wl

    write_tiny_wordnet(
        tmp_path,
        {
            "noun": [(100, ["relation", "relation_back"])],
            "verb": [(200, ["weigh", "librate"])],
            "adj": [(300, ["heavy", "weighed_down"])],
        },
    )
    index, synsets = wl.read_wordnet(tmp_path)
    spun = {r[2] for r in wl.build(index, synsets, set(), set())}
    assert "weighed down" not in spun
    assert "relation back" in spun
