"""A product's name spun word by word ("Floor Professional" for Surface Pro) is written
alike where its first word stands alone ("The Floor has been ..."): once the document's
T1 name is restored, the lone word takes the name's word (Surface), not the entry's
everyday original (ground). Without a restored name the lone word is judged as before.

The paragraphs are written for these tests (no third-party text).
"""

from __future__ import annotations

from functools import lru_cache

from textclean.config import Config
from textclean.document import Document
from textclean.stages.despin.stage import DespinStage, build

SPUN = (
    "Microsoft is anticipated to unveil a brand new Floor Professional and a Floor Laptop "
    "computer at its fall occasion in New York subsequent week, in keeping with folks "
    "accustomed to the plans.\n"
    "The corporate mentioned the brand new units will run Home windows 11 and can embody "
    "synthetic intelligence options powered by a devoted chip. The Floor has been a key a "
    "part of the corporate's {hardware} technique for greater than a decade.\n"
    "Analysts mentioned the Floor Professional might value greater than the earlier mannequin, "
    "however the agency has not confirmed pricing. Gross sales of private computer systems "
    "fell sharply final yr as customers held again on spending.\n"
)


@lru_cache(maxsize=1)
def _stage() -> DespinStage:
    return build(Config(), None)


def _edits(text: str) -> dict[str, list[str]]:
    doc = _stage()(Document("t", text))
    out: dict[str, list[str]] = {}
    for e in doc.edits:
        out.setdefault(e.before, []).append(e.after)
    return out


def test_a_lone_word_of_a_restored_product_name_takes_the_names_word() -> None:
    got = _edits(SPUN)
    assert got["Floor Professional"] == ["Surface Pro", "Surface Pro"]
    assert got["Floor Laptop computer"] == ["Surface Laptop"]
    assert got["Floor"] == ["Surface"]  # "The Floor has been a key part ..."


def test_without_a_restored_name_the_lone_word_is_not_taken_for_one() -> None:
    plain = SPUN.replace("Floor Professional", "new pill").replace(
        "Floor Laptop computer", "new laptop computer"
    )
    assert "Surface" not in " ".join(a for afters in _edits(plain).values() for a in afters)


def test_teams_and_people_spun_word_by_word_are_restored() -> None:
    sport = (
        "Yankees slugger Aaron Choose hit two residence runs as New York beat Boston on "
        "Tuesday, and Put up Malone sang the anthem earlier than the sport of the Inexperienced "
        "Bay Packers.\n"
    )
    got = _edits(SPUN + sport)
    assert got["Aaron Choose"] == ["Aaron Judge"]
    assert got["Inexperienced Bay Packers"] == ["Green Bay Packers"]
    assert got["Put up Malone"] == ["Post Malone"]


def test_a_name_restored_with_fewer_words_still_gives_its_word() -> None:
    # only "Floor Laptop computer" (three spun words for two) names the product here:
    # the words both share ("Laptop") line "Floor" up with "Surface"
    text = SPUN.replace("a brand new Floor Professional and ", "").replace(
        "Analysts mentioned the Floor Professional might", "Analysts mentioned it might"
    )
    got = _edits(text)
    assert got["Floor Laptop computer"] == ["Surface Laptop"]
    assert got["Floor"] == ["Surface"]
