"""What the reading side puts in the story of the r fixtures (tests/fixtures/articles/r1-… to r7-…), in both
editions, values read from the article texts by hand: numbers read with their multiplier, each bound in the
article's own word, shares of bounds that stay true, units that are not people, one number for several
communes, side-by-side counts never added up, a rise told as the article prints it and attributed, a year read
from the article's date said to be a reading; and, for every fixture, counts that agree with their verbs."""

from __future__ import annotations

import re

import pytest
from test_story import everything, findings, read_findings

from articlefacts.reading.schemas import load_table
from conftest import ARTICLE_CASES, article_outputs

R2 = "r2-number-words-and-approximations"


def test_r2_counts_are_read_with_their_multiplier_and_each_bound_with_its_word(built):
    out = article_outputs(R2, built)
    for language, said, never in (
            ("en", ["nearly 500", "more than 200", "about 90", "fewer than 150", "1,200", "2,000"],
             ["fewer than 500", "about 500", " 1.2 ", "1.2 commune"]),
            ("vi", ["gần 500", "trên 200", "khoảng 90", "dưới 150", "1.200", "2.000"],
             ["dưới 500", "khoảng 500", "1,2 công chức"])):
        text = " ".join(findings(out, language))
        assert all(s in text for s in said), [s for s in said if s not in text]
        assert not any(s in text for s in never), [s for s in never if s in text]


def test_r2_shares_of_bounds_never_claim_more_than_the_counts_allow(built):
    out = article_outputs(R2, built)
    for language in ("en", "vi"):
        text = everything(out, language)
        wrong = ["more than 71%", "more than 57%", "fewer than 12%", "fewer than 12.4%", "hơn 71%", "hơn 57%",
                 "dưới 12%", "dưới 12,4%", "more than 0%", "hơn 0%"]
        assert not any(w in text for w in wrong), [w for w in wrong if w in text]
    derived = load_table("derived", out / "data/processed")
    assert (derived.loc["share_settled", "value"], derived.loc["share_settled", "bound"]) == (70, "gt")


def test_r3_counts_of_other_things_are_never_people(built):
    out = article_outputs("r3-other-units", built)
    for language, person, month in (("en", "people", "9 months"), ("vi", "người", "9 tháng")):
        text = " ".join(findings(out, language))
        assert month in text
        assert not re.search(rf"\b(23|9|4|11|17) {person}\b", text), "a count of things told as people"
        assert "11.7" not in text and "11,7" not in text, "no ratio across units (268 over 23)"
    facts = load_table("facts", out / "data/processed")
    assert (facts.loc[["review_months", "city_offices", "provincial_departments", "job_positions"], "unit"]
            != "people").all()


def test_r4_every_commune_keeps_its_number_and_no_rest_is_made(built):
    out = article_outputs("r4-distributive-numbers", built)
    communes = {"Đồng Tâm": "10", "Thượng Lâm": "5", "Hưng Đạo": "4", "Thanh Xuân": "4", "Phú Thịnh": "4",
                "Tân Lập": "3", "Kim Bình": "3", "Khe Mây": "8", "Nà Khoang": "8"}
    for language in ("en", "vi"):
        text = " ".join(findings(out, language))
        for name, n in communes.items():
            assert re.search(rf"\b{n}\b[^;]*{name}|{name}[^;]*\b{n}\b", text), f"{language}: {name} without its {n}"
        assert not re.search(r"\b11 others|others \(11\)|\b11 khác", text)
        assert "16" not in text and "12 " not in text, "no group total presented as printed"


def test_r6_the_three_directions_are_said_together_and_never_added_up(built):
    out = article_outputs("r6-side-by-side-no-total", built)
    for language in ("en", "vi"):
        said = read_findings(out, "03-rotation-outcomes", language)["findings"]
        assert all(n in said[0] for n in ("43", "16", "27"))
        assert any("9" in s and "43" in s for s in said[1:])
        assert "86" not in everything(out, language)


R1 = "r1-shares-only-two-years"


def test_r1_notebook_01_counts_the_target_among_the_data_as_a_goal(built):
    """r1 prints four levels and one goal («phấn đấu đến năm 2025 đạt 100%»): notebook 01's summary says that one
    of the data is a target, not a level."""
    (summary,) = read_findings(article_outputs(R1, built), "01-clean-article", "en")["findings"]
    assert "5 are data (1 of them a target, a goal rather than a level)" in summary, summary


def test_r1_each_measure_is_told_as_the_rise_the_article_prints_attributed_to_the_board(built):
    """«Theo Ban Tổ chức Huyện ủy Ngọc Trà, tỷ lệ … từ đại học trở lên tăng từ 41,7% năm 2016 lên 68,3% năm 2020;
    tỷ lệ … từ trung cấp trở lên đã tăng 37% (năm 2016) lên 62,5% (năm 2020)»: two rises the article prints, each
    told as it prints it and attributed once to the Board; 37% is the 2016 level, never a rise of 37."""
    out = article_outputs(R1, built)
    for language, board, rises, quote, reading, never in (
            ("en", "according to the Organisation Board of the District Party Committee",
             (("with a university degree or higher", "rose from 41.7% in 2016 to 68.3% in 2020"),
              ("with political theory at intermediate level or higher", "rose from 37% in 2016", "to 62.5% in 2020")),
             "«tăng từ 41,7% năm 2016 lên 68,3% năm 2020»", "read as the 2016 level",
             ("rose by", "37.0%", "26.6%", "25.5%", "63.8", "68.9", "≈", "100% in 2025", "refers to")),
            ("vi", "Theo Ban Tổ chức Huyện ủy Ngọc Trà",
             (("có trình độ chuyên môn từ đại học trở lên", "tăng từ 41,7% (năm 2016) lên 68,3% (năm 2020)"),
              ("có trình độ lý luận chính trị từ trung cấp trở lên", "tăng từ 37% (năm 2016", "lên 62,5% (năm 2020)")),
             "“tăng từ 41,7% năm 2016 lên 68,3% năm 2020”", "được hiểu là tỷ lệ năm 2016 là 37%",
             ("tăng 26,6%", "26,6%", "25,5%", "63,8", "68,9", "≈", "dùng để chỉ"))):
        said = read_findings(out, "02-compare-qualifications", language)["findings"]
        for words, *printed in rises:
            sentence = next(s for s in said if words in s)
            assert all(p in sentence for p in printed), (sentence, printed)
            assert sentence.count(board) == 1, "the Board once per finding, not on every clause"
        assert quote in " ".join(said), "the article's own words for the rise, quoted"
        theory = next(s for s in said if rises[1][0] in s)
        assert reading in theory
        text = " ".join(said)
        assert not any(w in text for w in never), [w for w in never if w in text]
        whole = "how many commune cadres and civil servants" if language == "en" else "cán bộ, công chức cấp xã là bao"
        assert text.count(whole) == 1, "that the whole is not printed is said once"
        goal = next(s for s in said if "100%" in s)
        assert "2025" in goal and ("goal" in goal if language == "en" else "mục tiêu" in goal)
        assert "68.3%" not in goal and "68,3%" not in goal, "the target is never set against a level"


def test_r7_the_year_read_from_the_articles_date_is_flagged_and_said_as_a_reading(built):
    """No year is printed beside the counts: 2025 is the article's date (16/09/2025), and «quý IV/2025» is when
    recruitment is planned, in another paragraph. The audit flags each period; the story says so once."""
    out = article_outputs("r7-secondment-and-shortage", built)
    checks = load_table("checks", out / "data/processed").set_index("check_id")
    for key in ("seconded", "transferred", "short_staff", "short_communes", "short_land"):
        assert checks.loc[f"period:{key}", "status"] == "flag", key
        assert "uses 2025, the year of the article's date" in checks.loc[f"period:{key}", "detail"]
    facts = load_table("facts", out / "data/processed")
    assert set(facts["period_read"]) == {"date"}
    for language, mark in (("en", "By our reading, these figures, and those given without a year in the next "),
                           ("vi", "Theo cách hiểu của nhóm biên soạn, các số liệu này, cùng các số liệu không kèm "
                                  "năm ở ")):
        said = read_findings(out, "03-rotation-outcomes", language)["findings"]
        assert mark in said[0] and " ".join(said).count(mark) == 1, "said once, with the first figures it dates"
        shortage = next(s for s in said if "163" in s)
        assert all(n in shortage for n in ("163", "39", "58")), "the shortage told together"
        assert shortage.count("Sở Nội vụ") == 1, "its source named once"


@pytest.mark.parametrize("name", ["seed", *ARTICLE_CASES])
def test_counts_agree_with_their_verbs_and_sentences_start_with_a_capital(built, name):
    """Every text a reader meets, in both editions and in notebook 01: a count of 1 takes a singular verb ("1 is
    not data", "1 of them flags"), no double spaces; and no sentence of the story starts lower-case."""
    out = article_outputs(name, built)
    told = [*findings(out, "en"), *findings(out, "vi"), *read_findings(out, "01-clean-article", "en")["findings"]]
    for text in [everything(out, language) for language in ("en", "vi")] + told:
        assert not re.search(r"(?<![\d.,])1 (?:of them )?(?:are|were|flag or note)\b", text), \
            re.findall(r".{40}(?<![\d.,])1 (?:of them )?(?:are|were|flag or note)\b.{20}", text)
        assert not re.search(r"(?<![\d.,])1 values?\b.{0,5}\bare\b", text)
        assert "  " not in re.sub(r"\n +", "\n", text), re.findall(r".{30}  .{30}", text)[:3]
    for text in told:
        lower = [text[max(0, m.start() - 40):m.end() + 20] for m in re.finditer(r"(?:^|[.!?] )(\w)", text)
                 if m.group(1).islower()]
        assert not lower, lower[:5]
