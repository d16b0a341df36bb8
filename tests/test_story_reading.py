"""What the reading side puts in the story of the r fixtures (tests/fixtures/articles/r1-… to r6-…), in both
editions, values read from the article texts by hand: numbers read with their multiplier, each bound in the
article's own word, shares of bounds that stay true, units that are not people, one number for several
communes, side-by-side counts never added up."""

from __future__ import annotations

import re

from test_story import everything, findings, read_findings

from articlefacts.reading.schemas import load_table
from conftest import article_outputs

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
