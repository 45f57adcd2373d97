"""Spin rule files: validation via check_pack (file and line named), override order, matching."""

from __future__ import annotations

from pathlib import Path

from tests.wordnet_helpers import write_tiny_wordnet
from textclean.config import Config
from textclean.document import Document
from textclean.rules import RulePack, check_pack
from textclean.stages.despin.match import (
    find_matches,
    first_word_spans,
    match_keys,
    phrase_index,
    scan,
    tokenize,
)
from textclean.stages.despin.stage import build
from textclean.stages.despin.table import check_spin_file, load_table_files, load_tables

HEADER = "id\ttier\tspun\toriginal\tsource\tnote\n"


def write_pack(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / "spin" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def test_builtin_and_test_packs_are_valid() -> None:
    assert check_pack(RulePack.load().builtin_dir) == []
    assert check_pack(Path(__file__).parent / "data") == []


def test_check_pack_reports_each_problem_with_file_and_line(tmp_path: Path) -> None:
    body = (
        "# comment\n"
        + HEADER
        + "spin.en.t1.yr\tt1\tyr\tyear\tgeneral\tok\n"
        + "spin.en.t1.yr\tt1\tyrs\tyears\tgeneral\tduplicate id\n"
        + "spin.en.t4.x\tt4\tfoo\tbar\tgeneral\tbad tier\n"
        + "spin.en.t1.z\tt1\tyr\tyear\tgeneral\tduplicate spun\n"
        + "spin.en.t1.w\tt1\tGreater Than\tmore than\tgeneral\tupper case\n"
        + "spin.en.t1.v\tt1\ta b c d e f\tx\tgeneral\tsix words\n"
        + "spin.en.t1.u\tt1\tu\n"
        + "spin.en.t1.s\tt1\tsrc\tsource\tsomewhere\tbad source\n"
    )
    write_pack(tmp_path, {"reverse/a.tsv": body})
    errors = check_pack(tmp_path)
    where = {(Path(e.path).name, e.line) for e in errors}
    assert where == {("a.tsv", n) for n in (4, 5, 6, 7, 8, 9, 10)}
    text = "\n".join(str(e) for e in errors)
    for needle in ("duplicate rule id", "tier must be", "duplicate spun", "columns", "source"):
        assert needle in text
    assert all(str(e).startswith(str(tmp_path / "spin" / "reverse" / "a.tsv")) for e in errors)


def test_check_pack_header_and_cross_file_duplicates(tmp_path: Path) -> None:
    write_pack(
        tmp_path,
        {
            "reverse/a.tsv": HEADER + "spin.en.t1.yr\tt1\tyr\tyear\tgeneral\t\n",
            "reverse/b.tsv": HEADER + "spin.en.t1.yr2\tt1\tyr\tyear\tgeneral\t\n",
            "reverse/c.tsv": "id\ttier\tspun\n",
            "fingerprints.tsv": "id\tweight\tpattern\tnote\nspin.fp.x\tlots\tgreater than\t\n",
            "context.tsv": "id\tentry\taction\tside\twords\tnote\n"
            "spin.ctx.x\tspin.en.t2.army\tmaybe\tprev\tthe\t\n",
        },
    )
    errors = check_pack(tmp_path)
    got = {(Path(e.path).name, e.line) for e in errors}
    assert ("b.tsv", 2) in got  # same spun phrase as a.tsv
    assert ("c.tsv", 1) in got  # wrong header
    assert ("fingerprints.tsv", 2) in got  # weight not a number
    assert ("context.tsv", 2) in got  # bad action
    single = check_spin_file(tmp_path / "spin" / "fingerprints.tsv")
    assert [e.line for e in single] == [2]


def test_user_pack_overrides_builtin_entry(tmp_path: Path) -> None:
    base = Path(__file__).parent / "data"
    write_pack(
        tmp_path,
        {"reverse/mine.tsv": HEADER + "spin.en.t3.yr_override\tt3\tyr\tyear\tgeneral\tre-tiered\n"},
    )
    tables = load_tables(RulePack.load([base, tmp_path]))
    assert tables.entries["yr"].tier == "t3"
    assert tables.entries["greater than"].tier == "t1"


def test_longest_match_wins_over_single_words() -> None:
    tables = load_table_files(sorted((Path(__file__).parent / "data/spin/reverse").glob("*.tsv")))
    toks = tokenize("He is aware of find out how to win; she is aware of it.")
    ms = find_matches(toks, tables.entries, first_word_spans(tables.entries))
    assert [m.entry.spun for m in ms] == ["is aware of find out", "is aware of"]


def test_alternative_originals_are_parsed_and_checked(tmp_path: Path) -> None:
    body = (
        HEADER
        + "spin.en.t2.assist\tt2\tassist\tsupport|help\tgeneral\ttwo originals\n"
        + "spin.en.t2.a\tt2\tfoo\tbar||baz\tgeneral\tempty alternative\n"
        + "spin.en.t2.b\tt2\tqux\tquux|qux\tgeneral\tan alternative equals spun\n"
        + "spin.en.t2.c\tt2\tcorge\tgrault|grault\tgeneral\tlisted twice\n"
    )
    write_pack(tmp_path, {"reverse/a.tsv": body})
    errors = check_pack(tmp_path)
    assert sorted(e.line for e in errors) == [3, 4, 5]
    text = "\n".join(str(e) for e in errors)
    assert "alternatives by '|'" in text and "equals spun" in text and "listed twice" in text
    ok = tmp_path / "ok"
    write_pack(ok, {"reverse/a.tsv": HEADER + body.splitlines(keepends=True)[1]})
    entry = load_tables(RulePack.load([ok])).entries["assist"]
    assert entry.original == "support" and entry.alternatives == ("support", "help")


def test_per_original_sources_and_leave_one_out(tmp_path: Path) -> None:
    body = (
        HEADER
        + "spin.en.t2.assist\tt2\tassist\tsupport|help\tpair:p|general\tper original\n"
        + "spin.en.t2.each\tt2\teach\tboth|every\tpair:p|general|general\tthree for two\n"
    )
    write_pack(tmp_path, {"reverse/a.tsv": body})
    errors = check_pack(tmp_path)
    assert [(e.line, "3 sources for 2 originals" in str(e)) for e in errors] == [(3, True)]
    ok = tmp_path / "ok"
    write_pack(ok, {"reverse/a.tsv": HEADER + body.splitlines(keepends=True)[1]})
    tables = load_tables(RulePack.load([ok]))
    assert tables.entries["assist"].sources == ("pair:p", "general")
    left = tables.without_source("pair:p").entries["assist"]  # the pair's original goes
    assert (left.original, left.alternatives, left.source) == ("help", ("help",), "general")
    assert tables.without_source("general").entries["assist"].alternatives == ("support",)


def test_scan_agrees_with_tokenize_on_awkward_text() -> None:
    """The fast scoring scan gives exactly tokenize's keys and joined flags: curly
    apostrophes, a Greek final sigma, tabs, no-break spaces, line breaks, marks."""
    text = (
        "ΟΔΟΣ Trump’s\treal-estate\u00a0U.S. p.c, 3.5%\n\nCafe\u0301  "
        "İstanbul — ÉTÉ’S a-\t b\u200bc ﬁne"
    )
    keys, joined = scan(text)
    assert list(zip(keys, joined, strict=True)) == [(t.key, t.joined) for t in tokenize(text)]
    assert scan("") == ([], [])
    assert scan("  ...  ") == ([], [])


def test_phrase_index_does_not_change_matches() -> None:
    """Matching with the phrase index finds exactly what the full walk finds."""
    tables = load_tables(RulePack.load())
    first = first_word_spans(tables.entries)
    index = phrase_index(tables.entries)
    text = (
        "Greater than a yr in the past, he is aware of find out how to win; she is aware "
        "of it. As a result of the begin of talks, the crew stated it'll assist."
    )
    keys, joined = scan(text)
    full = match_keys(keys, joined, tables.entries, first)
    quick = match_keys(keys, joined, tables.entries, first, index)
    assert full == quick
    assert len(full) > 5


WORDNET_SPUN = (
    "Officials said the council would cognize more next twelvemonth about the housing plan. "
    "The mayor will present the new budget on Monday, while critics asseverate that the "
    "delays are ascribable to pressure from the state. Many residents were affright by the "
    "vote, and antecedently the council had promised a public hearing before any decision "
    "was made. The developer already paid a large amercement last spring. Officials "
    "stated the plan was nonetheless on track. Crews worked done the weekend."
)


def test_wordnet_sense_spin_is_flagged_and_undone() -> None:
    """Family c: the WordNet-lemma table (generated, t1 only) flags a text written with
    rare lemmas of common words and restores them; the plain wording is left alone."""
    stage = build(Config(), None)
    doc = stage(Document("c", WORDNET_SPUN))
    assert doc.scores["spun"] is True
    restored = {e.before: e.after for e in doc.edits}
    for spun, orig in [
        ("cognize", "know"),
        ("twelvemonth", "year"),
        ("ascribable", "due"),
        ("affright", "scared"),
        ("antecedently", "previously"),
        ("amercement", "fine"),
        ("done", "through"),  # an ordinary lemma, weighed only in a sense spin
    ]:
        assert restored[spun] == orig
    # a sense spin: the thesaurus spinner's ambiguous swaps ("stated" for said) stay
    assert "stated" not in restored and "was nonetheless" not in restored
    plain = stage(Document("p", doc.text))
    assert plain.scores["spun"] is False and plain.edits == []


def test_wordnet_lemmas_are_t1_and_another_spinners_words() -> None:
    """Every generated WordNet-lemma entry is t1; its originals are what that spinner
    rewrites, so they do not give the thesaurus spinner's entries the two-way-swap factor."""
    tables = load_tables(RulePack.load())
    wn = [e for e in tables.entries.values() if Path(e.path).name == "wordnet_lemmas.tsv"]
    rest = [e for e in tables.entries.values() if Path(e.path).name != "wordnet_lemmas.tsv"]
    assert len(wn) > 500
    assert all(e.tier == "t1" for e in wn)
    only_wn = {a.lower() for e in wn for a in e.alternatives} - {
        a.lower() for e in rest for a in e.alternatives
    }
    assert only_wn
    assert not only_wn & build(Config(), None).rewritten


def test_scan_agrees_with_tokenize_on_random_text() -> None:
    """Random strings over a pool of awkward characters: the scoring scan and the
    repair tokenizer never disagree (keys, joined flags, token count)."""
    import random

    pool = [*"aZéßΣσςİı0٣' ’.-_ \t\u00a0\n,;:!?\"“”()ﬁ\u0301\u200b", "ΟΔΟΣ", "U.S.", "don't"]
    rng = random.Random(7)
    for _ in range(500):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 40)))
        keys, joined = scan(text)
        assert list(zip(keys, joined, strict=True)) == [
            (t.key, t.joined) for t in tokenize(text)
        ], repr(text)


def test_phrase_index_matches_the_full_walk_on_random_word_runs() -> None:
    """Random runs of words taken from spun phrases, with random breaks between them:
    matching with the phrase index and by the full walk agree (phrase choice included)."""
    import random

    tables = load_tables(RulePack.load())
    first = first_word_spans(tables.entries)
    index = phrase_index(tables.entries)
    phrases = sorted(s for s in tables.entries if " " in s)
    rng = random.Random(11)
    for _ in range(300):
        keys: list[str] = []
        for _ in range(rng.randint(1, 12)):
            words = rng.choice(phrases).split(" ")
            cut = rng.randint(1, len(words))  # whole phrases and leading or trailing parts
            keys.extend(words[:cut] if rng.random() < 0.5 else words[-cut:])
        joined = [i > 0 and rng.random() < 0.9 for i in range(len(keys))]
        assert match_keys(keys, joined, tables.entries, first, index) == match_keys(
            keys, joined, tables.entries, first
        )


def test_ordinary_lemmas_never_act_outside_a_sense_spin() -> None:
    """The ordinary WordNet lemmas ("done" for through, "squad" for team) are not even
    matched outside a WordNet-sense spin (seed 001, the thesaurus spinner, has some and
    none is restored) and never count for detection."""
    stage = build(Config(), None)
    text = next((Path(__file__).parents[1] / "seeds").glob("001_*.txt")).read_text("utf-8")
    a = stage.analyse(text)
    assert set(a.keys) & stage.ordinary_lemmas  # the seed has some ("later", "along")
    assert not any(m.entry.spun in stage.ordinary_lemmas for m in a.matches)
    assert not stage.ordinary_lemmas & stage.breadth
    doc = stage(Document("s", text))
    assert doc.scores["spun"] is True
    assert not [e for e in doc.edits if e.before.lower() in stage.ordinary_lemmas]


def test_wordnet_lemma_generator_on_a_tiny_wordnet(tmp_path: Path) -> None:
    """bench/despin/wordnet_lemmas.py reads WordNet's index/data files and keeps what
    the module docstring says: a rare lemma of a common word as t1, a name never, an
    ordinary lemma only in the sense-only file, with the original's inflections."""
    from bench.despin import wordnet_lemmas as wl

    data = {  # offset, lemmas (WordNet data line: offset lex ss_type w_cnt word lex_id ...)
        "noun": [
            (100, ["year", "twelvemonth", "yr"]),
            (200, ["team", "squad"]),
            (300, ["west", "Mae_West"]),
        ],
        "verb": [(400, ["know", "cognize", "cognise"])],
        "adj": [],
        "adv": [],
    }
    write_tiny_wordnet(tmp_path, data)
    index, synsets = wl.read_wordnet(tmp_path)
    assert synsets[("noun", 100)] == ["year", "twelvemonth", "yr"]
    assert ("verb", 400) in index["know"]
    lemmas = {r[2]: r for r in wl.build(index, synsets, set(), set())}
    assert lemmas["cognize"][1] == "t1"  # Zipf 1.48: nobody writes it
    assert lemmas["cognize"][3].split("|")[0] in ("know", "knows", "known", "knew")
    assert "mae west" not in lemmas  # a name
    assert "squad" not in lemmas and "twelvemonth" not in lemmas  # written (Zipf >= 1.5)
    ordinary = {r[2]: r for r in wl.build_ordinary(index, synsets, set(lemmas))}
    assert ordinary["squad"][1] == "t3" and "team" in ordinary["squad"][3]
    assert "year" in ordinary["twelvemonth"][3]
    assert "cognize" not in ordinary and "mae west" not in ordinary
