"""`make draft` on the shapes of the newer articles: counts of other things, numbers with a word multiplier or in
words, qualifiers, one number for several facts, two populations in one year, a change printed as its two
levels, a target, a profiled part of a total, moves of staff, counts side by side that happen to add up.

Each text is written here for one shape; what a coder reading it would write is spelled out beside it
(docs/input-format.md and docs/draft.md), never taken from the draft's output.
"""

from __future__ import annotations

import pytest

from articlefacts.draft import propose as drafting
from articlefacts.draft.changes import is_change
from articlefacts.draft.terms import FUNCTION_WORDS
from articlefacts.draft.tokens import Token
from articlefacts.reading.article import normalise_text
from articlefacts.reading.numbers import find_number_tokens
from articlefacts.vocab import QUALIFIERS


def article(headline: str, body: str, date_line: str = "Thứ Ba, 18/2/2025") -> tuple[str, dict]:
    text = normalise_text(f"{headline}\n\n{date_line}\n\n{body}\n\nPV\n")
    return text, {"headline_vi": headline, "date_line": date_line, "byline": "PV", "date": "2025-02-18"}


def facts_of(text: str, meta: dict) -> tuple[dict[str, list[dict]], drafting.Draft]:
    """number as printed (its number column, else the one token of its quote) → its facts rows, and the draft."""
    result = drafting.draft_rows(text, meta)
    found: dict[str, list[dict]] = {}
    for row in result.facts:
        number = row["number"] or find_number_tokens(row["quote"])[0].group()
        found.setdefault(number, []).append(row)
    return found, result


def parent_number(rows: dict[str, list[dict]], row: dict) -> str:
    """The number the row's parent_key stands for ("" for none)."""
    by_key = {r["key"]: n for n, rs in rows.items() for r in rs}
    return by_key.get(row["parent_key"], "")


def confidence_of(result: drafting.Draft, token: str) -> str:
    return next(r["confidence"] for r in result.review if r["token"] == token)


def test_counts_of_other_things_take_their_own_unit_and_are_context():
    # Read: 9 months (a duration), 4 offices, 11 departments and agencies, 17 job positions: none of them people;
    # 268 civil servants reviewed, 19 of them short of their post's requirements (a subset).
    text, meta = article("Rà soát công chức", "Đợt rà soát được thực hiện trong 9 tháng, do 4 phòng chuyên môn chủ "
                         "trì. Bên cạnh đó, 11 sở, ngành đã cử cán bộ hướng dẫn. Danh mục có 17 vị trí việc làm.\n\n"
                         "Qua rà soát 268 công chức, có 19 người chưa đáp ứng yêu cầu.")
    rows, _ = facts_of(text, meta)
    units = {n: rows[n][0]["unit"] for n in ("9", "4", "11", "17", "268", "19")}
    assert units == {"9": "months", "4": "offices", "11": "departments and agencies", "17": "job positions",
                     "268": "people", "19": "people"}
    assert {rows[n][0]["topic"] for n in ("9", "4", "11", "17")} == {"context"}
    assert all(rows[n][0]["parent_key"] == "" for n in ("9", "4", "11", "17"))


def test_a_word_multiplier_and_a_number_in_words():
    # Read: «1,2 nghìn công chức» is 1.200 civil servants (a count, not a decimal to set aside), fewer than 150 of
    # them below the standard; «hai đồng chí» is 2 people (a fact with no digit); «hai tháng», «hai xã» are not.
    text, meta = article("Công chức cấp xã", "Hiện toàn tỉnh có 1,2 nghìn công chức cấp xã, trong đó dưới 150 người "
                         "chưa đạt chuẩn. Sau hai tháng, hai xã đã có hai đồng chí xin nghỉ.")
    rows, result = facts_of(text, meta)
    assert rows["1,2"][0]["unit"] == "people" and "nghìn công chức" in rows["1,2"][0]["quote"]
    assert (rows["150"][0]["relation"], parent_number(rows, rows["150"][0])) == ("subset", "1,2")
    assert [r["unit"] for r in rows["hai"]] == ["people"] and "hai đồng chí" in rows["hai"][0]["quote"]
    assert confidence_of(result, "hai") != "high"
    assert result.n_tokens == 3  # printed tokens: the date line, 1,2 and 150


def test_a_total_printed_after_its_part_and_qualifiers_from_the_one_vocabulary():
    # Read: 353 of the nearly 500 surplus cadres (a subset of the total printed after it).
    text, meta = article("Dôi dư", "Tỉnh đã giải quyết chế độ cho 353 người trong tổng số gần 500 cán bộ dôi dư.")
    rows, _ = facts_of(text, meta)
    assert (rows["353"][0]["relation"], parent_number(rows, rows["353"][0])) == ("subset", "500")
    assert rows["500"][0]["parent_key"] == ""
    # every qualifier of vocab.QUALIFIERS is skipped alike between «giảm» and its number, and is no term word
    for qualifier in QUALIFIERS:
        sample = f"Số cán bộ giảm {qualifier} 20 người."
        match = next(m for m in find_number_tokens(sample))
        assert is_change(sample, Token(match, "body", 0, (0, len(sample)))), qualifier
        assert qualifier in FUNCTION_WORDS


def test_one_number_for_several_facts():
    # Read: 33 recruits went to 7 communes: Đồng Tâm 10, Thượng Lâm 5, Hưng Đạo, Thanh Xuân and Phú Thịnh 4 each,
    # Tân Lập and Kim Bình 3 each: 10 + 5 + 3 × 4 + 2 × 3 = 33, a split of the 33; Khe Mây and Nà Khoang are both 8
    # short (two facts, 16 in all, not printed).
    text, meta = article("Tuyển dụng", "Năm 2024, huyện đã tuyển được 33 người.\n\nCác thí sinh trúng tuyển được phân "
                         "về 7 xã: xã Đồng Tâm nhận 10 người, xã Thượng Lâm 5 người; ba xã Hưng Đạo, Thanh Xuân, Phú "
                         "Thịnh, mỗi xã 4 người; xã Tân Lập và xã Kim Bình, mỗi đơn vị 3 người.\n\nĐáng lo ngại, hai "
                         "xã vùng cao Khe Mây và Nà Khoang cùng thiếu 8 cán bộ, công chức.")
    rows, result = facts_of(text, meta)
    assert [r["term_vi"] for r in rows["4"]] == ["Hưng Đạo", "Thanh Xuân", "Phú Thịnh"]
    assert [r["term_vi"] for r in rows["3"]] == ["Tân Lập", "Kim Bình"]
    assert [r["term_vi"] for r in rows["8"]] == ["Khe Mây", "Nà Khoang"]
    assert {r["reading"] for r in rows["4"]} == {"mỗi xã"} and {r["reading"] for r in rows["8"]} == {"cùng thiếu"}
    assert len({r["key"] for rs in rows.values() for r in rs}) == len(result.facts)
    for n in ("10", "5", "4", "3"):
        assert {(r["relation"], parent_number(rows, r)) for r in rows[n]} == {("part", "33")}, n
    assert rows["7"][0]["unit"] == "communes" and rows["7"][0]["parent_key"] == ""
    # recruits are no qualification profile: «công chức» inside «cán bộ, công chức» names no staff type
    assert {r["topic"] for n in ("33", "10", "5", "4", "3") for r in rows[n]} == {"context"}
    # the shortage of the last paragraph is not within the recruits: it stands alone, staffing
    assert {(r["parent_key"], r["topic"]) for r in rows["8"]} == {("", "staffing")}
    assert confidence_of(result, "4") != "high"


def test_two_populations_in_one_year_each_with_its_own_split():
    # Read: commune cadres 1.348 (21 + 745 + 63 + 389 + 130) and commune civil servants 1.172 (38 + 1.019 + 41 + 74),
    # each split within its own headcount.
    text, meta = article("Chuẩn hóa", "Theo Sở Nội vụ, cán bộ cấp xã toàn tỉnh có 1.348 người. Về trình độ chuyên "
                         "môn, 21 người có trình độ sau đại học, 745 người đại học, 63 người cao đẳng, 389 người trung "
                         "cấp và 130 người chưa qua đào tạo.\n\nCũng theo Sở Nội vụ, công chức cấp xã có 1.172 người, "
                         "trong đó trình độ sau đại học 38 người, đại học 1.019 người, cao đẳng 41 người và trung cấp "
                         "74 người.")
    rows, _ = facts_of(text, meta)
    for parts, whole in ((("21", "745", "63", "389", "130"), "1.348"), (("38", "1.019", "41", "74"), "1.172")):
        for n in parts:
            assert (rows[n][0]["relation"], parent_number(rows, rows[n][0])) == ("part", whole), n
        assert rows[whole][0]["measure"] == "headcount" and rows[whole][0]["topic"] == "profile"
    # Read: «2.231/2.520 … đạt chuẩn»: those meeting the standard of all 2.520, a third population whose headcount
    # is the 2.520 (a qualification, so a profile, not the context of an «x/y»).
    text, meta = article("Chuẩn hóa", "Đến ngày 30/6/2024, toàn tỉnh đã có 2.231/2.520 cán bộ, công chức cấp xã đạt "
                         "chuẩn theo quy định.")
    rows, _ = facts_of(text, meta)
    assert (rows["2.520"][0]["topic"], rows["2.520"][0]["measure"]) == ("profile", "headcount")
    assert (rows["2.231"][0]["relation"], parent_number(rows, rows["2.231"][0])) == ("subset", "2.520")


def test_a_change_printed_as_its_levels_and_a_target():
    # Read: four levels, each dated by the year printed right after it; «đã tăng 37% (năm 2016) lên» leaves out
    # «từ»: 37% is the 2016 level (a reading), not a rise of 37%. «phấn đấu đến năm 2025 đạt 100%» is a target for
    # 2025, with no parent: never a level.
    text, meta = article("Chất lượng cán bộ", "Tỷ lệ cán bộ có trình độ đại học tăng từ 41,7% năm 2016 lên 68,3% năm "
                         "2020; tỷ lệ có trình độ lý luận chính trị trung cấp đã tăng 37% (năm 2016) lên 62,5% (năm "
                         "2020).\n\nNghị quyết đề ra mục tiêu phấn đấu đến năm 2025 đạt 100% cán bộ có trình độ đại "
                         "học.", date_line="Thứ Năm, 17/06/2021")
    meta["date"] = "2021-06-17"
    rows, result = facts_of(text, meta)
    periods = {n: rows[n][0]["period"] for n in ("41,7%", "68,3%", "37%", "62,5%", "100%")}
    assert periods == {"41,7%": "2016", "68,3%": "2020", "37%": "2016", "62,5%": "2020", "100%": "2025"}
    assert rows["37%"][0]["relation"] != "change" and rows["37%"][0]["reading"] == "tăng 37% (năm 2016) lên"
    assert confidence_of(result, "37%") != "high"
    assert (rows["100%"][0]["relation"], rows["100%"][0]["parent_key"]) == ("target", "")
    assert confidence_of(result, "100%") != "high"
    # the later level of each rise is of the measure of the level it rises from; the two measures differ
    measures = {n: rows[n][0]["measure"] for n in ("41,7%", "68,3%", "37%", "62,5%")}
    assert measures["41,7%"] == measures["68,3%"] != measures["37%"] == measures["62,5%"]
    assert {rows[n][0]["topic"] for n in ("41,7%", "68,3%", "37%", "62,5%", "100%")} == {"profile"}


def test_a_profiled_part_of_a_total_side_by_side_counts_and_moves_of_staff():
    # Read: 356 elected, 140 of them on the commune committees; the profile (31 women, «chiếm 22,1%») is of the
    # 140, and the 356 is context. «tháng 7/2020» is a month and «cấp 3» a school level: not data.
    text, meta = article("Đại hội", "Đến giữa tháng 7/2020, huyện đã bầu 356 đồng chí vào cấp ủy cơ sở. Trong số này, "
                         "140 đồng chí là ủy viên ban chấp hành đảng bộ các xã, thị trấn.\n\nVề cơ cấu, cấp ủy viên "
                         "các xã, thị trấn khóa mới có 31 đồng chí nữ, chiếm 22,1%. Về trình độ học vấn, 136 đồng chí "
                         "tốt nghiệp cấp 3, chiếm 97,1%.", date_line="Thứ Tư, 22/7/2020")
    rows, result = facts_of(text, meta)
    assert parent_number(rows, rows["31"][0]) == "140" and parent_number(rows, rows["136"][0]) == "140"
    assert rows["356"][0]["topic"] == "context" and rows["140"][0]["measure"] == "headcount"
    assert "7" not in rows and "3" not in rows
    # Read: three directions of rotation side by side, though 16 + 27 = 43: no total is printed (low).
    text, meta = article("Luân chuyển", "Giai đoạn 2021-2024, huyện đã luân chuyển 43 cán bộ từ huyện về xã, 16 cán "
                         "bộ từ xã lên huyện và 27 cán bộ giữa các xã.")
    rows, result = facts_of(text, meta)
    assert {(rows[n][0]["relation"], rows[n][0]["parent_key"]) for n in ("43", "16", "27")} == {("part", "")}
    assert confidence_of(result, "43") == "low"
    # Read: a secondment and a shortage are staffing, not rotation; «Cùng với …» counts another kind of move.
    text, meta = article("Biệt phái", "Tỉnh đã biệt phái 74 công chức về hỗ trợ cơ sở.\n\nToàn tỉnh còn thiếu 163 cán "
                         "bộ, công chức. Riêng lĩnh vực địa chính thiếu 58 người.\n\nCùng với việc biệt phái, tỉnh đã "
                         "điều động 18 công chức cấp tỉnh về xã.")
    rows, _ = facts_of(text, meta)
    assert {rows[n][0]["topic"] for n in ("74", "163", "58", "18")} == {"staffing"}
    assert parent_number(rows, rows["58"][0]) == "163" and rows["18"][0]["parent_key"] == ""
    # Read: the 74 seconded and the 18 transferred are two kinds of move with no total: one split, no parent.
    assert {(rows[n][0]["relation"], rows[n][0]["split"], rows[n][0]["parent_key"]) for n in ("74", "18")} == {
        ("part", "move", "")}


@pytest.mark.parametrize("words", ["một số xã", "hai xã vùng cao", "hơn hai tháng"])
def test_words_that_are_no_numbers_give_no_fact(words):
    text, meta = article("Tin", f"Trong năm, {words} đã hoàn thành kế hoạch.")
    rows, _ = facts_of(text, meta)
    assert rows == {}


def test_mỗi_and_cùng_give_one_fact_per_name_only_after_names_of_places():
    # Read: «cùng cử 5 cán bộ» after two bodies (no places) is five sent together: one fact.
    text, meta = article("Tin", "Sở Nội vụ và Ban Tổ chức cùng cử 5 cán bộ hướng dẫn.")
    rows, _ = facts_of(text, meta)
    assert len(rows["5"]) == 1
    # Read: «Ba xã Hưng Đạo, Thanh Xuân, mỗi xã có 4 người»: two facts of 4, «Ba» being no name.
    text, meta = article("Tin", "Ba xã Hưng Đạo, Thanh Xuân, mỗi xã có 4 người.")
    rows, _ = facts_of(text, meta)
    assert [r["term_vi"] for r in rows["4"]] == ["Hưng Đạo", "Thanh Xuân"]


def test_a_number_of_several_words_is_left_to_the_coder():
    text, meta = article("Tin", "Huyện có mười hai người được khen thưởng và hai đồng chí được đề bạt.")
    rows, _ = facts_of(text, meta)
    # Read: «mười hai người» is twelve (two words: left to the coder), «hai đồng chí» two: one fact in words.
    assert len(rows["hai"]) == 1 and "hai đồng chí" in rows["hai"][0]["quote"]
