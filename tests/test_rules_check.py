"""``textclean.rules.check_pack``: every boilerplate rule error names its file and line."""

from __future__ import annotations

from pathlib import Path

from textclean.rules import builtin_rules_dir, check_pack

BAD = """\
[pack]
name = "mine"

[[rule]]
id = "boilerplate.mine.one"
kind = "line"
regex = [
  'fine',
  '(unclosed',
]

[[rule]]
kind = "line"
exact = ["x"]

[[rule]]
id = "boilerplate.mine.two"
kind = "line"
exact = ["y"]
colour = "red"

[[rule]]
id = "boilerplate.mine.one"
kind = "line"
exact = ["z"]
"""


def _write(root: Path, rel: str, text: str | bytes) -> Path:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


def _where(errors: list) -> list[tuple[str, int | None]]:
    return [(Path(e.path).name, e.line) for e in errors]


def test_builtin_pack_is_valid() -> None:
    assert check_pack(builtin_rules_dir()) == []


def test_errors_name_file_and_line(tmp_path: Path) -> None:
    _write(tmp_path, "boilerplate/a.toml", BAD)
    errors = check_pack(tmp_path)
    assert _where(errors) == [("a.toml", 9), ("a.toml", 12), ("a.toml", 20), ("a.toml", 23)]
    messages = [str(e) for e in errors]
    assert "bad regex '(unclosed'" in messages[0]
    assert "no 'id'" in messages[1]
    assert "unknown key 'colour'" in messages[2]
    assert "duplicate rule id 'boilerplate.mine.one'" in messages[3]
    assert "a.toml:4" in messages[3]  # where it was first defined
    assert messages[0].startswith(f"{tmp_path / 'boilerplate' / 'a.toml'}:9: ")


def test_duplicate_ids_across_files_of_one_pack(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "boilerplate/a.toml",
        '[[rule]]\nid = "boilerplate.a.b"\nkind = "line"\nexact = ["x"]\n',
    )
    _write(
        tmp_path,
        "boilerplate/b.toml",
        '# same id again\n[[rule]]\nid = "boilerplate.a.b"\nkind = "line"\nexact = ["y"]\n',
    )
    errors = check_pack(tmp_path)
    assert _where(errors) == [("b.toml", 3)]


def test_other_kinds_of_errors(tmp_path: Path) -> None:
    _write(tmp_path, "boilerplate/c.toml", 'x = 1\n[[rule]]\nid = "boilerplate.c.d"\nkind = [\n')
    _write(
        tmp_path,
        "quality/d.toml",
        "[pack]\nversion = '1'\n\n[fineweb]\nshort_line_len = 3\n",
    )
    _write(tmp_path, "boilerplate/e.toml", '[[rule]]\nid = "boilerplate.e.f"\n\nkind = "para"\n')
    _write(
        tmp_path,
        "boilerplate/f.toml",
        '[[rule]]\nid = "Bad Id"\nkind = "line"\n'
        'max_words = 0\nexact = ["ok"]\nregex = ["", "x*"]\n',
    )
    _write(tmp_path, "spin/table.tsv", b"good\tline\n\xff\xfe broken\n")
    errors = check_pack(tmp_path)
    where = _where(errors)
    assert ("c.toml", 5) in where  # tomllib's own line for the unclosed array
    assert ("d.toml", 4) in where  # the [fineweb] table holding the unknown key
    assert ("e.toml", 4) in where  # the bad kind
    assert ("f.toml", 2) in where and ("f.toml", 4) in where  # bad id, bad max_words
    assert where.count(("f.toml", 6)) == 2  # both regexes match an empty line
    assert ("table.tsv", None) in where
    assert any("not UTF-8" in str(e) for e in errors)


def test_a_valid_user_pack_passes(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "boilerplate/site.toml",
        '[pack]\nname = "example.com chrome"\nversion = "2"\n\n'
        '[[rule]]\nid = "boilerplate.nav.search"   # replaces the built-in rule\n'
        'kind = "line"\nzone = "any"\nexact = ["Search", "Find"]\n\n'
        '[[rule]]\nid = "boilerplate.site.promo"\nkind = "line"\n'
        "regex = ['watch (?:our|the) new \\w+ on .{1,40}']\nmax_words = 12\n\n"
        '[[rule]]\nid = "boilerplate.nav.section_labels"\nkind = "line"\nenabled = false\n',
    )
    _write(tmp_path, "quality/site.toml", "[gopher_quality]\nmin_words = 30\n")
    assert check_pack(tmp_path) == []
    from textclean.config import Config
    from textclean.document import Document
    from textclean.rules import RulePack
    from textclean.stages import boilerplate, quality

    st = boilerplate.build(Config(), RulePack.load([tmp_path]))
    body = "An ordinary sentence of the article, long enough to count as prose here.\n"
    doc = st(Document("x", "Latest Stories\nFind\n" + body * 3))
    assert [e.rule for e in doc.edits] == ["boilerplate.nav.search"]  # "Find" only
    assert doc.text.startswith("Latest Stories\n")
    judge = quality.build(Config(), RulePack.load([tmp_path]))
    assert judge.thresholds["gopher_quality"]["min_words"] == 30
    assert judge.thresholds["gopher_quality"]["max_words"] == 100_000  # the rest: built-in


def test_missing_directory(tmp_path: Path) -> None:
    errors = check_pack(tmp_path / "nope")
    assert len(errors) == 1 and "does not exist" in str(errors[0])
