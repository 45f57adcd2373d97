"""Legacy encodings: bytes that are not UTF-8 are decoded with charset-normalizer.

The texts below were written for these tests (each at least 200 characters) and
are encoded here, so every case knows its true text and encoding.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.conftest import read_jsonl
from textclean.config import Config
from textclean.io.encoding import BinaryContent, UndecidableEncoding, decode_bytes
from textclean.run import RunOptions, run_clean

RUSSIAN = (
    "Весной в нашем городе открылась новая библиотека. Она стоит на берегу реки, рядом "
    "со старым парком, где по выходным гуляют семьи с детьми. В читальном зале много "
    "света, удобные кресла и тихая музыка. Библиотекари говорят, что за первую неделю "
    "записались почти две тысячи читателей, и это только начало."
)
CHINESE = (
    "今年春天，我们的小镇修建了一座新的图书馆。图书馆坐落在河边，旁边是一座古老的公园，"
    "周末常常有许多家庭带着孩子来散步。阅览室里光线明亮，座椅舒适，环境非常安静。"
    "图书管理员说，开馆第一周就有将近两千名读者办理了借书证，大家都很喜欢这个地方。"
    "馆里除了图书以外，还有报纸、杂志和电子阅读器，老人和学生都能找到自己感兴趣的内容。"
    "每个星期六下午，这里还会举办讲座和读书会，邀请作家和老师来和读者交流。"
    "镇长表示，明年还计划在图书馆旁边修建一个儿童活动中心。"
)
JAPANESE = (
    "今年の春、私たちの町に新しい図書館ができました。図書館は川のほとりにあり、隣には古い"
    "公園があって、週末には子どもを連れた家族がたくさん散歩しています。閲覧室は明るく、"
    "椅子も座りやすく、とても静かです。司書の話によると、開館して最初の一週間で二千人"
    "近くの人が利用者カードを作ったそうです。本のほかに新聞や雑誌もあり、お年寄りも学生も"
    "それぞれ読みたいものを見つけることができます。毎週土曜日の午後には講演会や読書会も"
    "開かれ、作家や先生が読者と話をします。町長は来年、図書館の隣に子どものための施設を"
    "建てる計画があると話しました。"
)
POLISH = (
    "Wiosną w naszym mieście otwarto nową bibliotekę. Stoi nad rzeką, obok starego parku, "
    "gdzie w weekendy spacerują rodziny z dziećmi. W czytelni jest dużo światła, wygodne "
    "fotele i cisza. Bibliotekarki mówią, że w pierwszym tygodniu zapisało się prawie dwa "
    "tysiące czytelników, a to dopiero początek. Żółte ściany cieszą się uznaniem."
)
FRENCH = (
    "Au printemps, notre ville a inauguré une nouvelle bibliothèque. Elle se trouve au bord "
    "de la rivière, à côté du vieux parc où les familles se promènent le week-end. La salle "
    "de lecture est lumineuse, les fauteuils sont confortables et le silence règne. « Près de "
    "deux mille lecteurs se sont inscrits dès la première semaine », a déclaré la directrice."
)
GERMAN = (
    "Im Frühling wurde in unserer Stadt eine neue Bibliothek eröffnet. Sie liegt am Ufer des "
    "Flusses, neben dem alten Park, in dem am Wochenende Familien mit Kindern spazieren gehen. "
    "Der Lesesaal ist hell, die Sessel sind bequem und es ist ruhig. Die Bibliothekarinnen "
    "sagen, dass sich in der ersten Woche fast zweitausend Leser angemeldet haben."
)

CASES = [
    ("cp1251", RUSSIAN, "cp1251"),
    ("gbk", CHINESE, "gb18030"),  # GB18030 is the superset of GBK charset-normalizer names
    ("shift_jis", JAPANESE, "cp932"),  # cp932 is Microsoft's superset of Shift-JIS
    ("iso8859_2", POLISH, "iso8859_2"),
    ("cp1252", FRENCH, "cp1252"),
    ("utf_16_le", GERMAN, "utf_16_le"),  # no byte-order mark: NUL bytes, yet text
    ("utf_16_be", GERMAN, "utf_16_be"),
]


@pytest.mark.parametrize(("codec", "text", "reported"), CASES, ids=[c[0] for c in CASES])
def test_legacy_encoding_is_decoded_exactly(codec: str, text: str, reported: str) -> None:
    assert len(text) >= 200
    data = text.encode(codec)
    assert not data.startswith((b"\xff\xfe", b"\xfe\xff"))  # no BOM
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.encoding == reported
    assert decoded.replaced == 0
    assert decoded.confidence is not None and 0.5 < decoded.confidence <= 1.0


def test_short_latin_text_without_language_evidence_has_low_confidence() -> None:
    decoded = decode_bytes("Café crème".encode("cp1252"))
    assert (decoded.text, decoded.encoding) == ("Café crème", "cp1252")
    assert decoded.confidence is not None and decoded.confidence <= 0.5


def test_random_bytes_are_undecidable_and_nul_bytes_binary() -> None:
    rng = random.Random(7)
    noise = bytes(rng.randrange(1, 256) for _ in range(400))
    with pytest.raises(UndecidableEncoding, match="no encoding decodes these 400 bytes"):
        decode_bytes(noise)
    with pytest.raises(BinaryContent):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise)


def test_a_run_decodes_records_and_rejects(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for codec, text, _ in CASES:
        (src / f"{codec}.txt").write_bytes(text.encode(codec))
    rng = random.Random(3)
    (src / "noise.txt").write_bytes(bytes(rng.randrange(1, 256) for _ in range(500)))
    out = tmp_path / "out"
    config = Config().replace(dedup={"enabled": False})  # the two UTF-16 files are one text
    result = run_clean(config, RunOptions([str(src)], str(out), workers=1))
    assert result.exit_code == 1  # the undecidable file is a failed input
    report = {r["id"]: r for r in read_jsonl(out / ".textclean" / "report.jsonl")}
    for codec, text, reported in CASES:
        row = report[f"{codec}.txt"]
        assert row["status"] == "kept", row
        assert row["scores"]["input.encoding"] == reported
        assert 0.5 < row["scores"]["input.encoding_confidence"] <= 1.0
        assert (out / f"{codec}.txt").read_text(encoding="utf-8") == text + "\n"
    rejects = {r["id"]: r for r in read_jsonl(out / ".textclean" / "rejects.jsonl")}
    assert rejects["noise.txt"]["reason"].startswith("undecidable_encoding: ")
    assert rejects["noise.txt"]["text"] is None  # the input still holds the bytes
    assert not (out / "noise.txt").exists()
