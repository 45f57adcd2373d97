"""The boilerplate stage on the seeds, on clean prose, on synthetic pages and with user packs."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.boilerplate_helpers import OPT_IN_STAGE as OPT_IN
from textclean.config import Config
from textclean.document import Document, replay
from textclean.pipeline import Pipeline
from textclean.rules import RulePack
from textclean.stages import boilerplate

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PROSE = Path(__file__).resolve().parent / "data" / "prose_sample.jsonl"


def stage(config: Config | None = None, packs: tuple[str, ...] = ()):
    cfg = config or Config()
    return boilerplate.build(cfg, RulePack.load(packs or cfg.rules))


STAGE = stage()


def run(text: str, st=None) -> Document:
    return (st or STAGE)(Document("t", text))


def removed_lines(doc: Document) -> list[str]:
    """Non-blank lines the stage removed, in order."""
    return [ln.strip() for e in doc.edits for ln in e.before.splitlines() if ln.strip()]


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def nonblank(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


# ------------------------------------------------- seeds (expected by reading them)


def test_seed_004_loses_navigation_and_the_more_for_you_block() -> None:
    text = seed("004")
    doc = run(text)
    lines = nonblank(text)
    cut = lines.index("More For You")
    expected = ["Skip to content", "Search", "Latest Stories", *lines[cut:]]
    assert removed_lines(doc) == expected
    assert "Donald Trump wearing a crown." in expected  # the alt text goes with the teasers
    kept = nonblank(doc.text)
    assert kept[0] == "by ian bremmer"  # bylines stay by default
    assert kept[-1].startswith("I wish that weren't the case.")
    # The duplicated caption is the repeats stage's job, not this one's.
    assert kept.count("Trump, Putin, and Zelensky surrounded by tanks and negotiators.") == 2
    rules = [e.rule for e in doc.edits]
    assert rules == [
        "boilerplate.nav.skip_to_content",
        "boilerplate.nav.search",
        "boilerplate.nav.section_labels",
        "boilerplate.section.more_stories",
    ]


def test_seed_002_loses_the_whole_like_prompt_line() -> None:
    doc = run(seed("002"))
    assert removed_lines(doc) == [
        "Every day we write for you. If you feel well-informed and satisfied, "
        "please give us a like. 👇"
    ]
    assert doc.edits[0].rule == "boilerplate.cta.like"
    assert nonblank(doc.text)[-1] == "T.D."


def test_seed_003_loses_the_empty_table_of_contents_heading() -> None:
    doc = run(seed("003"))
    assert removed_lines(doc) == ["Table of Contents"]
    assert doc.edits[0].rule == "boilerplate.toc.orphan_heading"
    assert doc.text.startswith("Andrea Kendall-Taylor and Michael Kofman")
    assert "Key Takeaways\n" in doc.text and "Conclusion\n" in doc.text


@pytest.mark.parametrize("prefix", ["000", "001"])
def test_seeds_without_chrome_are_untouched(prefix: str) -> None:
    text = seed(prefix)
    doc = run(text)
    assert doc.edits == []
    assert doc.text == text
    assert doc.scores["boilerplate.lines_removed"] == 0


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_edits_replay_to_the_output(prefix: str) -> None:
    text = seed(prefix)
    doc = run(text)
    assert replay(text, doc.edits, "boilerplate") == doc.text
    for e in doc.edits:
        assert e.rule.startswith("boilerplate.")
        assert e.after == ""
        assert "line" in e.evidence


# ------------------------------------------------------------------ clean prose: nothing removed


def test_clean_prose_sample_loses_nothing() -> None:
    """~0.9 MB of the Jargon File and the Debian Handbook, as 185 documents."""
    docs = [json.loads(line) for line in PROSE.read_text(encoding="utf-8").splitlines()]
    assert len(docs) > 150
    touched = {}
    for d in docs:
        doc = run(d["text"])
        if doc.edits:
            touched[d["id"]] = removed_lines(doc)
    assert touched == {}


def test_content_paragraphs_of_the_news_seeds_are_all_kept() -> None:
    for prefix in ("000", "002", "003", "004"):
        doc = run(seed(prefix))
        kept = set(nonblank(doc.text))
        gone = set(removed_lines(doc))
        for line in nonblank(seed(prefix)):
            if len(line.split()) >= 12 and not line.endswith("[...]"):
                assert line in kept or line in gone
                if line in gone:  # only the like-prompt is a long line that goes
                    assert "please give us a like" in line


ORDINARY = """\
Share prices fell sharply on Monday after the central bank raised interest rates again.
Search teams worked through the night to find the missing hikers near the summit.
The company said it would follow up with regulators about the cookies it stores in browsers.
Related research suggests the effect is smaller than first reported.
Read more carefully, the contract shows that the city never owned the land.
Subscribers to the service complained that the newsletter arrived late for three weeks.
We use cookies as a metaphor in class, because children understand sharing them.
Follow the money, the old reporters' rule goes, and you will find the story.
Please give the volunteers a round of applause, the mayor told the crowd.
He asked voters to sign up for the state's email alerts before the flood season.
Privacy advocates say the policy lets the agency keep data for seven years.
Recommended doses vary with age, weight and kidney function, the study found.
Like many of his colleagues, he was sceptical about the deal.
More for you to read in the annex: the full table of contents of the report is attached.
The menu at the state dinner included lobster, lamb and a chocolate dessert.
Home prices rose for the ninth month in a row, according to the latest survey.
Contents of the shipping container were seized by customs officers in Rotterdam.
Skip the first chapter if you already know the history of the conflict.
"""


def test_ordinary_sentences_with_trigger_words_are_kept() -> None:
    for layout in ("\n", "\n\n"):
        text = layout.join(ORDINARY.splitlines()) + "\n"
        doc = run(text)
        assert doc.edits == [], removed_lines(doc)


def test_short_content_lines_in_long_lists_are_kept() -> None:
    words = ["Apples", "Pears", "Home", "Legal", "Search", "Menu", "Plums", "Figs", "Dates"]
    items = "\n".join(words)
    prose = "This is an ordinary paragraph of the article that ends the way sentences do.\n"
    for text in (items + "\n" + prose * 3, prose * 3 + items + "\n"):
        assert run(text).edits == []


# ------------------------------------------------- generalization: other sites' chrome

PAGE = """\
We use cookies to improve your experience on our site. By continuing to browse, you agree \
to our use of cookies.
Accept all cookies
Menu
Home > World > Europe
Sign in | Subscribe
5 min read
Floods force thousands from their homes in the north

By Jane Doe
Published March 3, 2024

Heavy rain has forced thousands of people from their homes across the region, officials \
said on Sunday.
Rivers burst their banks in several towns, and emergency crews used boats to reach \
stranded residents.
Advertisement
Sign up for our daily newsletter to get the latest news delivered to your inbox.
The weather service expects more rain on Tuesday, although the worst of the storm has passed.
Story continues below advertisement
Local officials opened schools and sports halls as temporary shelters for the displaced families.
Share this article
Facebook Twitter Email
Tags: floods, weather, Europe
Follow us on Facebook and Instagram for the latest updates.
© 2024 Example Media Group. All rights reserved.
Privacy Policy | Terms of Use | Contact Us
"""

CHROME = {
    "We use cookies to improve your experience on our site. By continuing to browse, you agree "
    "to our use of cookies.": "boilerplate.privacy.cookie_notice",
    "Accept all cookies": "boilerplate.privacy.consent_buttons",
    "Menu": "boilerplate.nav.menu",
    "Home > World > Europe": "boilerplate.nav.breadcrumb",
    "Sign in | Subscribe": "boilerplate.nav.account",
    "5 min read": "boilerplate.ui.reading_time",
    "Advertisement": "boilerplate.ads.advertisement",
    "Sign up for our daily newsletter to get the latest news delivered to your inbox.": (
        "boilerplate.cta.subscribe"
    ),
    "Story continues below advertisement": "boilerplate.ads.advertisement",
    "Share this article": "boilerplate.social.share",
    "Facebook Twitter Email": "boilerplate.social.share",
    "Tags: floods, weather, Europe": "boilerplate.footer.tags",
    "Follow us on Facebook and Instagram for the latest updates.": "boilerplate.social.follow_us",
    "© 2024 Example Media Group. All rights reserved.": "boilerplate.footer.rights_reserved",
    "Privacy Policy | Terms of Use | Contact Us": "boilerplate.nav.footer_links",
}


def test_chrome_of_a_generic_news_page_is_removed_and_content_kept() -> None:
    doc = run(PAGE)
    got = {}
    for e in doc.edits:
        for ln in e.before.splitlines():
            if ln.strip():
                got[ln.strip()] = e.rule
    assert got == CHROME
    kept = nonblank(doc.text)
    assert kept[:3] == [
        "Floods force thousands from their homes in the north",
        "By Jane Doe",
        "Published March 3, 2024",
    ]
    assert len(kept) == 7


def test_bylines_and_datelines_can_be_switched_on() -> None:
    st = stage(Config().replace(boilerplate={"enable": ["boilerplate.byline."]}))
    doc = run(PAGE, st)
    rules = {e.rule for e in doc.edits}
    assert "boilerplate.byline.author" in rules and "boilerplate.byline.dateline" in rules
    assert nonblank(doc.text)[0] == "Floods force thousands from their homes in the north"


def test_rules_can_be_disabled_by_prefix() -> None:
    st = stage(Config().replace(boilerplate={"disable": ["boilerplate.nav.", "boilerplate.cta."]}))
    rules = {e.rule for e in run(PAGE, st).edits}
    assert not any(r.startswith(("boilerplate.nav.", "boilerplate.cta.")) for r in rules)
    assert "boilerplate.social.share" in rules


# ------------------------------------------------------------------ sections, teasers, headings

BODY = "".join(
    f"Paragraph {i} of the article reports what the officials said at the briefing today.\n\n"
    for i in range(8)
)
TEASERS = (
    "Title of another story\nThe first lines of another story that the site shows as a teaser "
    "for it [...]\nSecond story title\nMore words of a second teaser that is cut off here [...]\n"
)


def test_related_section_followed_by_teasers_is_cut() -> None:
    doc = run(BODY + "Related\n\n" + TEASERS)
    assert doc.text == BODY.rstrip("\n") + "\n"
    assert doc.edits[-1].rule == "boilerplate.section.more_stories"
    assert doc.edits[-1].evidence["truncated_snippets"] == 2


def test_section_heading_followed_by_prose_is_kept() -> None:
    text = BODY + "Recommended\n\n" + BODY
    assert run(text).edits == []


def test_section_heading_early_in_the_document_is_not_a_cut() -> None:
    text = "Read More\n" + TEASERS + BODY * 2
    doc = run(text)
    assert all(e.rule != "boilerplate.section.more_stories" for e in doc.edits)
    assert "Paragraph 7" in doc.text


def test_teaser_pairs_with_bracketed_ellipsis_are_removed_anywhere() -> None:
    doc = run(BODY + TEASERS + BODY, OPT_IN)
    assert removed_lines(doc) == nonblank(TEASERS)
    assert {e.rule for e in doc.edits} == {"boilerplate.teaser.snippet"}


def test_single_sentence_ending_in_ellipsis_is_kept_but_a_run_of_them_goes() -> None:
    single = "A heading\nShe looked at the sea for a long time and then said nothing at all…\n"
    assert run(BODY + single + BODY, OPT_IN).edits == []
    two = single + "Another heading\nAnd the second teaser snippet trails off the same way…\n"
    assert len(removed_lines(run(BODY + two + BODY, OPT_IN))) == 4


def test_contents_heading_with_entries_is_kept() -> None:
    toc = "Contents\nIntroduction\nBackground\nFindings\n"
    assert run(toc + BODY).edits == []
    assert removed_lines(run("Contents\n" + BODY)) == ["Contents"]


# ------------------------------------------------------------------ empty documents, blank lines


def test_document_of_only_chrome_is_dropped_with_a_reason() -> None:
    doc = run("Skip to content\nMenu\nSearch\n\nSubscribe\n")
    assert doc.text == ""
    assert doc.dropped is not None and doc.dropped.startswith("boilerplate.empty")
    assert "4 lines" in doc.dropped


def test_empty_document_is_dropped() -> None:
    doc = run("  \n\n")
    assert doc.dropped == "boilerplate.empty: empty document"


def test_blank_lines_around_removed_lines_do_not_pile_up() -> None:
    doc = run("Menu\n\nTitle here\n\n" + BODY + "Advertisement\n\n" + BODY)
    assert "\n\n\n" not in doc.text
    assert doc.text.startswith("Title here\n\n")


# ------------------------------------------------------------------ user packs


def _pack(tmp_path: Path, body: str) -> Path:
    (tmp_path / "boilerplate").mkdir(parents=True, exist_ok=True)
    (tmp_path / "boilerplate" / "mine.toml").write_text(body, encoding="utf-8")
    return tmp_path


def test_user_rule_with_the_same_id_replaces_the_builtin(tmp_path: Path) -> None:
    pack = _pack(
        tmp_path,
        '[[rule]]\nid = "boilerplate.nav.search"\nkind = "line"\nenabled = false\n'
        'exact = ["Search"]\n'
        '[[rule]]\nid = "boilerplate.site.example_promo"\nkind = "line"\n'
        "regex = ['watch our new documentary\\b.*']\nmax_words = 12\n",
    )
    # the learned classifier would take the lone "Search" by its shape: off here, where
    # the point is which phrase rule applies
    st = stage(
        Config(rules=(str(pack),)).replace(
            boilerplate={"disable": ["boilerplate.shape.classifier"]}
        )
    )
    text = "Search\nWatch our new documentary on Sunday!\n" + BODY
    doc = run(text, st)
    assert removed_lines(doc) == ["Watch our new documentary on Sunday!"]
    assert doc.edits[0].rule == "boilerplate.site.example_promo"
    assert removed_lines(run(text))[0] == "Search"  # the built-in rule without the pack


def test_invalid_user_pack_fails_the_build_naming_file_and_line(tmp_path: Path) -> None:
    from textclean.rules import RuleError

    pack = _pack(tmp_path, '[[rule]]\nid = "boilerplate.x.y"\nkind = "line"\nregex = ["(a"]\n')
    with pytest.raises(RuleError) as info:
        stage(Config(rules=(str(pack),)))
    assert info.value.path.endswith("mine.toml") and info.value.line == 4


def test_pathological_regex_times_out_is_skipped_and_recorded(tmp_path: Path) -> None:
    pack = _pack(
        tmp_path,
        '[[rule]]\nid = "boilerplate.test.catastrophic"\nkind = "line"\n'
        "regex = ['(.*?,){15}X']\nmax_words = 40\n",
    )
    st = stage(Config(rules=(str(pack),)).replace(boilerplate={"regex_timeout": 0.05}))
    # one word, so the length bound does not skip it; it ends with "X", as a match of
    # the rule must, so the edge screen lets it reach the regex
    bad = "a," * 30 + "aX"
    doc = run(f"Skip to content\n{bad}\nb{bad}\n" + BODY, st)
    assert doc.scores["boilerplate.rule_timeouts"] == 1  # skipped after the first timeout
    assert doc.scores["boilerplate.timed_out_rules"] == "boilerplate.test.catastrophic"
    assert removed_lines(doc) == ["Skip to content"]  # the other rules still ran
    assert bad in doc.text


def test_stage_pickles_for_worker_processes() -> None:
    clone = pickle.loads(pickle.dumps(STAGE))
    assert removed_lines(run(seed("004"), clone)) == removed_lines(run(seed("004")))


def test_pipeline_registers_the_stage() -> None:
    p = Pipeline.from_config(Config(stages=("boilerplate",)))
    assert p.stage_names == ("boilerplate",)
    out = next(p.run([("x", "Skip to content\n" + BODY)]))
    assert out.text == BODY


def test_lines_inside_fenced_code_are_never_removed() -> None:
    code = "```html\nShare this article\nSkip to content\n<a>Read more</a>\n```\n"
    text = (
        "An introduction paragraph that explains what the example below is for.\n\n"
        + code
        + "\nShare this article\n\nThe article goes on after the example with more words.\n"
    )
    doc = run(text)
    assert code in doc.text
    assert removed_lines(doc) == ["Share this article"]  # the one outside the code


# ------------------------------------------------- line ends


SENTENCE = "A real sentence of the article goes on for a while here."


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_chrome_goes_whatever_the_line_end(end: str) -> None:
    # A lone "\r" (old Mac files) ends a line as "\n" and "\r\n" do: the same page
    # loses the same lines, and each removed span takes its own line ends.
    text = f"Skip to content{end}Menu{end}{end}" + f"{SENTENCE}{end}" * 3
    doc = run(text)
    assert [(e.rule, e.before) for e in doc.edits] == [
        ("boilerplate.nav.skip_to_content", f"Skip to content{end}"),
        ("boilerplate.nav.menu", f"Menu{end}{end}"),
    ]
    assert doc.text == f"{SENTENCE}{end}" * 3


def test_a_lone_carriage_return_inside_a_line_splits_it() -> None:
    # "Share this article" stands on a line of its own once "\r" ends the line above
    text = f"{SENTENCE}\n{SENTENCE}\r\rShare this article\n{SENTENCE}\n"
    doc = run(text)
    assert [(e.rule, e.before) for e in doc.edits] == [
        ("boilerplate.social.share", "Share this article\n")
    ]
    assert doc.text == f"{SENTENCE}\n{SENTENCE}\r\r{SENTENCE}\n"


def test_shape_rules_answer_to_enable_and_disable_like_phrase_rules() -> None:
    import textclean

    text = "Webinars\n\nCouncil keeps the library open on Sundays\n\nThe council voted.\n"
    # top_label is shipped off: the default leaves the label, `enable` switches it on
    assert textclean.clean_document(text, stages=["boilerplate"]).edits == []
    label = ["boilerplate.shape.top_label"]
    on = textclean.clean_document(text, stages=["boilerplate"], boilerplate={"enable": label})
    assert [e.rule for e in on.edits] == label
    off = textclean.clean_document(
        text,
        stages=["boilerplate"],
        boilerplate={"enable": label, "disable": ["boilerplate.shape."]},
    )
    assert off.edits == [] and off.text == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \t\u00a0\u2028x\n.é"), max_size=60))
def test_a_lines_word_count_is_count_words_once_and_for_all(text: str) -> None:
    """``Line.words`` (computed on first use, then stored) is :func:`count_words`."""
    from textclean.stages.boilerplate.layout import count_words, layout_lines

    for ln in layout_lines(text):
        assert ln.words == count_words(ln.text)
        assert ln.__dict__["words"] == count_words(ln.text)  # stored: not counted again
        assert ln.words == count_words(ln.text)
        assert ln == type(ln)(ln.index, ln.start, ln.end, ln.text)  # still compares by fields
        assert pickle.loads(pickle.dumps(ln)) == ln


_SPACES = [c for c in map(chr, range(0x110000)) if c.isspace()]


def test_no_whitespace_but_a_space_is_printable() -> None:
    """``layout._single_spaced`` takes a printable text for one without whitespace
    other than spaces: true of every code point."""
    assert [c for c in _SPACES if c.isprintable()] == [" "]


def test_cjk_blocks_hold_every_cjk_character() -> None:
    """``layout.cjk_chars`` counts nothing in a text without a character of
    ``_CJK_BLOCKS``: every code point of ``CJK`` (Han, kana, Hangul, Thai) is in them;
    and a text of European letters and punctuation is not."""
    from textclean.stages.boilerplate.layout import _CJK_BLOCKS, _CJK_SPAN, CJK, cjk_chars

    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    assert [c for c in chars if CJK.match(c) and not _CJK_BLOCKS.match(c)] == []
    assert _CJK_BLOCKS.search("Ça coûte 5 € — «très» cher…") is None
    # the two-range screen before it holds every code point of the blocks
    assert [c for c in chars if _CJK_BLOCKS.match(c) and not _CJK_SPAN.match(c)] == []
    assert _CJK_SPAN.search("Ça coûte 5 € — «très» cher… “ok” ‘a’ – Ελλάδα Москва") is None
    assert cjk_chars("東京の図書館 opens — “today”") == 6
    assert cjk_chars("กรุงเทพ 2024") == 7


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "é", " ", "\t", "\n", "\u00a0", "\x1f", "東"])))
def test_single_spaced_is_a_split_with_single_spaces(text: str) -> None:
    from textclean.stages.boilerplate.layout import _single_spaced

    assert _single_spaced(text) == (" ".join(text.split()) == text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(_SPACES), st.sampled_from(["a", "Bé", "—", ".", "x y"])),
        max_size=30,
    )
)
def test_layout_lines_collapse_every_line_s_whitespace(parts: list[str]) -> None:
    from textclean.stages.boilerplate.layout import Line, layout_lines
    from textclean.textblocks import split_lines

    text = "".join(parts)
    got = layout_lines(text)
    assert [(ln.index, ln.start, ln.end, ln.text) for ln in got] == [
        (i, ln.start, ln.stop, " ".join(ln.text.split())) for i, ln in enumerate(split_lines(text))
    ]
    assert all(isinstance(ln, Line) and ln.words == len(ln.text.split()) for ln in got)
