"""The reading side on real shapes of article, in process: articles with nothing to derive, numbers with a word
multiplier or in words, units other than people, one number that gives several facts, bounds worded and rounded
as the article allows, and refusals that name the fact and the fix. Expected values come from reading the
articles of tests/fixtures/articles/r1-… to r6-… by hand."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from articlefacts.checking.article_tables import build_tables
from articlefacts.errors import ArticleFactsError
from articlefacts.i18n import long_date
from articlefacts.reading.inventory import token_counts
from articlefacts.reading.numbers import parse_vi_number
from articlefacts.telling.story import count_text
from conftest import edit_facts

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"


def tables(name: str, folder: Path | None = None):
    d = folder or FIXTURES / name
    return build_tables(str(d / "article.txt"), str(d / "facts.csv"), str(d / "not-data.csv"), str(d / "meta.json"))


def copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(FIXTURES / name, target)
    return target




def test_an_article_of_percentages_only_builds_with_an_empty_derived_table():
    t = tables("r1-shares-only-two-years")
    assert t.derived.empty and t.percent_counts.empty
    shown = t.derived_shown()
    assert shown.empty and "value" in shown.columns and "key" in shown.columns
    assert dict(t.facts["value"]) == {"university_2016": 41.7, "university_2020": 68.3, "theory_2016": 37.0,
                                      "theory_2020": 62.5, "university_target_2025": 100.0}  # the target: a goal
    assert t.facts.loc["university_target_2025", "relation"] == "target"
    whole = t.checks[t.checks["kind"] == "whole"]  # one note for the one unprinted whole, not one per share
    assert len(whole) == 1 and whole["status"].iloc[0] == "note" and "41.7% (2016)" in whole["detail"].iloc[0]
    assert not (t.checks["status"] == "fail").any()


def test_side_by_side_counts_derive_only_the_subsets_share():
    t = tables("r6-side-by-side-no-total")
    assert t.derived.loc["share_put_forward_secretary", "value"] == 21  # 9 of 43, one person is 2.3 points
    assert not t.derived.index.str.contains("commune_to_district|between_communes").any()
    assert not (t.checks["status"] == "fail").any()


def test_word_multipliers_and_number_words_are_read_with_their_value():
    assert parse_vi_number("3 ngàn").value == 3000
    assert parse_vi_number("1,5 nghìn").value == 1500
    assert parse_vi_number("2 triệu").value == 2_000_000
    assert parse_vi_number("hai").value == 2 and parse_vi_number("mười lăm").value == 15
    t = tables("r2-number-words-and-approximations")
    assert t.facts.loc["civil_servants", "value"] == 1200 and t.facts.loc["civil_servants", "token"] == "1,2 nghìn"
    assert t.facts.loc["trained", "value"] == 2000
    assert t.facts.loc["former_chairs", "value"] == 2 and t.facts.loc["former_chairs", "token"] == "hai"
    assert token_counts(t.inventory) == {"tokens": 13, "fact": 7, "repeat": 1, "not_data": 5, "facts": 7,
                                         "shared": 0, "words": 1}


def test_hien_dates_its_figures_to_the_articles_year_though_the_lead_prints_a_range_ending_in_it():
    """«Hiện toàn tỉnh có 1,2 nghìn công chức cấp xã, trong đó dưới 150 người chưa đạt chuẩn»: «Hiện» (now) dates
    the 1.200 and the 150 to 2025, the article's date (18/2/2025). The lead's «giai đoạn 2023-2025» is the merger
    phase, about the surplus, and is not 2025 printed beside them: a reading, flagged. The surplus and what became
    of it stay of the printed 2023–2025, and the 2.000 trained of the printed «Năm 2024»."""
    t = tables("r2-number-words-and-approximations")
    checks = t.checks.set_index("check_id")
    status = {key: checks.loc[f"period:{key}", "status"] for key in t.facts.index}
    assert status == {"surplus": "pass", "settled": "pass", "placed": "pass",
                      "left": "pass", "former_chairs": "pass", "civil_servants": "flag", "below_standard": "flag",
                      "trained": "pass"}
    assert "uses 2025, the year of the article's date" in checks.loc["period:civil_servants", "detail"]
    assert "uses years the article prints beside it" not in checks.loc["period:below_standard", "detail"]


def test_a_quote_that_cuts_off_the_multiplier_is_refused_naming_it(tmp_path):
    folder = copy("r2-number-words-and-approximations", tmp_path)
    edit_facts(folder / "facts.csv", "trained", quote="cho 2")
    with pytest.raises(ArticleFactsError, match="«2 ngàn»") as err:
        tables("", folder)
    assert "trained" in err.value.what and "ngàn" in err.value.fix


def test_counts_of_other_things_keep_their_unit_and_are_never_people():
    t = tables("r3-other-units")
    assert dict(t.facts["unit"]) == {"units_reviewed": "communes", "review_months": "months", "city_offices": "offices",
                                     "provincial_departments": "departments and agencies",
                                     "job_positions": "job positions", "reviewed": "people", "not_meeting": "people"}
    assert t.derived.loc["share_not_meeting", "value"] == 7.1  # 19 of 268
    assert set(t.derived["inputs"].str.split(";").explode()) == {"not_meeting", "reviewed"}
    assert t.checks.set_index("check_id").loc["period:reviewed", "status"] == "flag"  # 2024 is the article's date


@pytest.mark.parametrize(("unit", "words"), [("cadres", "write 'people'"), ("peple", "did you mean 'people'"),
                                             ("Sở", "lower-case English")])
def test_a_wrong_unit_is_refused_with_the_fix(tmp_path, unit, words):
    folder = copy("r3-other-units", tmp_path)
    edit_facts(folder / "facts.csv", "city_offices", unit=unit)
    with pytest.raises(ArticleFactsError, match="city_offices") as err:
        tables("", folder)
    assert words in err.value.fix or words in err.value.what


def test_a_duration_is_never_a_part(tmp_path):
    folder = copy("r3-other-units", tmp_path)
    edit_facts(folder / "facts.csv", "review_months", parent_key="reviewed", relation="subset")
    with pytest.raises(ArticleFactsError, match="review_months.*duration"):
        tables("", folder)


def test_one_printed_number_gives_one_fact_per_commune():
    t = tables("r4-distributive-numbers")
    row = t.inventory.set_index("token_id").loc[8]
    assert row["token"] == "4" and row["fact_key"].split(";") == ["hung_dao", "thanh_xuan", "phu_thinh"]
    counts = token_counts(t.inventory)
    assert (counts["tokens"], counts["fact"], counts["facts"], counts["shared"]) == (10, 7, 11, 3)
    checks = t.checks.set_index("check_id")
    assert checks.loc["sum:recruited:commune", "status"] == "pass"  # 10 + 5 + 4 × 3 + 3 × 2 = 33
    assert "rest_commune" not in t.derived.index


def test_a_copied_row_on_a_shared_number_is_refused(tmp_path):
    folder = copy("r4-distributive-numbers", tmp_path)
    edit_facts(folder / "facts.csv", "thanh_xuan", term_vi="Hưng Đạo", label_vi="")
    edit_facts(folder / "facts.csv", "hung_dao", label_vi="")
    with pytest.raises(ArticleFactsError, match="same words") as err:
        tables("", folder)
    assert "hung_dao" in err.value.what and "thanh_xuan" in err.value.what


def test_shares_of_bounds_are_rounded_outward_and_stay_true():
    derived = tables("r2-number-words-and-approximations").derived
    got = {k: (derived.loc[k, "value"], derived.loc[k, "bound"]) for k in
           ("share_settled", "share_placed", "share_left", "share_below_standard")}
    # 353 of nearly 500: at least 353/499 = 70.7%; more than 200 of 353: at least 201/353 = 56.9%;
    # about 90 of 353 = 25.5%; fewer than 150 of 1.200: at most 149/1.200 = 12.4%
    assert got == {"share_settled": (70, "gt"), "share_placed": (56, "gt"), "share_left": (25, "approx"),
                   "share_below_standard": (13, "lt")}
    assert derived.loc["max_count_placed", "bound"] == "approx"  # 353 − about 90: at most about 263


@pytest.mark.parametrize(("qualifier", "bound", "en", "vi"), [
    ("gần", "lt", "nearly 500", "gần 500"), ("trên", "gt", "more than 500", "trên 500"),
    ("khoảng", "approx", "about 500", "khoảng 500"), ("dưới", "lt", "fewer than 500", "dưới 500"),
    ("xấp xỉ", "approx", "approximately 500", "xấp xỉ 500"), ("chưa đến", "lt", "fewer than 500", "chưa đến 500"),
    ("ít nhất", "ge", "at least 500", "ít nhất 500"), ("tối đa", "le", "at most 500", "tối đa 500"),
    ("hơn", "gt", "more than 500", "hơn 500")])
def test_each_qualifier_keeps_its_own_meaning_in_both_languages(qualifier, bound, en, vi):
    assert count_text(500, bound, "en", qualifier) == en
    assert count_text(500, bound, "vi", qualifier) == vi


def test_the_facts_table_names_each_facts_qualifier():
    facts = tables("r2-number-words-and-approximations").facts
    assert dict(facts["qualifier"]) == {"surplus": "gần", "settled": "", "placed": "trên", "left": "khoảng",
                                        "former_chairs": "", "civil_servants": "", "below_standard": "dưới",
                                        "trained": ""}


def test_an_unknown_publication_date_is_allowed_and_shown_as_unknown(tmp_path):
    folder = copy("r6-side-by-side-no-total", tmp_path)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    (folder / "meta.json").write_text(json.dumps({**meta, "date": "unknown"}, ensure_ascii=False), encoding="utf-8")
    t = tables("", folder)
    assert t.meta["date"] == "unknown"
    assert long_date("unknown", "en") == "date unknown" and long_date("unknown", "vi") == "không rõ ngày"
    (folder / "meta.json").write_text(json.dumps({**meta, "date": "12/3/2025"}, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ArticleFactsError, match="12/3/2025") as err:
        tables("", folder)
    assert "unknown" in err.value.fix


def test_a_number_in_words_may_be_named_in_the_number_column(tmp_path):
    folder = copy("r2-number-words-and-approximations", tmp_path)
    edit_facts(folder / "facts.csv", "former_chairs", number="hai")
    assert tables("", folder).facts.loc["former_chairs", "value"] == 2
    edit_facts(folder / "facts.csv", "former_chairs", number="ba")
    with pytest.raises(ArticleFactsError, match="former_chairs.*'ba'"):
        tables("", folder)
    assert Decimal(1200) == parse_vi_number("1,2 nghìn").value


def test_a_bounded_count_in_a_profile_split_is_drawn_only_as_far_as_the_other_parts_allow():
    import pandas as pd

    from articlefacts.checking.derive import derive_values
    from articlefacts.shaping.profiles import profile_table

    base = {"topic": "profile", "period": "2024", "unit": "people", "relation": "", "parent_key": "", "split": "",
            "gloss_en": "x", "term_vi": "x", "population": "x", "token": "", "qualifier": "", "reading": "",
            "decimals": 0, "whole_vi": "", "whole_en": ""}
    facts = pd.DataFrame([
        {**base, "key": "staff", "measure": "headcount", "value": 353.0, "bound": "eq"},
        {**base, "key": "placed", "measure": "placed", "value": 200.0, "bound": "gt", "qualifier": "trên",
         "relation": "part", "parent_key": "staff", "split": "outcome"},
        {**base, "key": "left", "measure": "left", "value": 90.0, "bound": "eq", "relation": "part",
         "parent_key": "staff", "split": "outcome"}]).set_index("key")
    derived = derive_values(facts)
    row = profile_table(facts, derived, pd.DataFrame(columns=["fact_key", "n_candidates", "rule"])).set_index(
        "measure").loc["placed"]
    assert row["share_pct"] == 56 and row["share_bound"] == "gt"  # more than 200 of 353: at least 201, 56.9%
    assert row["count_max"] == 263 and row["share_max"] == 74.5  # 353 − 90, not the whole 353 (100%)


def test_counts_of_other_things_in_a_profile_are_told_on_their_own(tmp_path):
    from articlefacts.reading.schemas import conform
    from articlefacts.shaping.profiles import profile_table

    folder = copy("r3-other-units", tmp_path)
    for key in ("review_months", "city_offices", "job_positions", "not_meeting"):
        edit_facts(folder / "facts.csv", key, topic="profile")
    edit_facts(folder / "facts.csv", "reviewed", topic="profile", measure="headcount")
    t = tables("", folder)
    profiles = conform(profile_table(t.facts, t.derived, t.percent_counts), "profiles")  # valid as published
    assert set(profiles["measure"]) == {"headcount", "not_meeting_requirements"}  # no months, offices, positions


def test_the_article_named_as_its_own_source_is_its_own_voice_and_never_cited(seed, tmp_path):
    """An empty attribution is the article's own voice; a coder who wrote the article itself as the source («Bài
    báo», "the article") means the same: the facts read it as empty, and the findings of both editions are those of
    the seed, with no sentence saying "according to the article" / «theo bài báo» as if it were a source."""
    from articlefacts import paths
    from articlefacts.shaping.flows import rotation_flows
    from articlefacts.shaping.profiles import profile_table
    from articlefacts.telling.coverage import PROFILES, ROTATION, tell
    from articlefacts.telling.story import Story

    facts_file = tmp_path / "facts.csv"
    shutil.copy(paths.FACTS, facts_file)
    edit_facts(facts_file, "cadres_2002", attribution="Bài báo")
    edit_facts(facts_file, "rotated_total", attribution=" the article ", attribution_en="The article")
    tables = build_tables(paths.ARTICLE, facts_file, paths.NOT_DATA, paths.META)
    assert tables.facts.loc[["cadres_2002", "rotated_total"], ["attribution", "attribution_en"]].eq("").all().all()

    def said(t, language):
        story = Story(t.facts, language, t.derived)
        profiles = profile_table(t.facts, t.derived, t.percent_counts)
        flows = rotation_flows(t.facts, t.derived)
        return [f.text for f in tell(PROFILES, story, profiles) + tell(ROTATION, story, flows)]

    for language in ("en", "vi"):
        text = said(tables, language)
        assert text == said(seed, language)
        assert not any("according to the article" in s.lower() or "(theo bài báo" in s.lower() for s in text)


def test_a_target_set_by_a_resolution_of_its_term_is_never_flagged_for_its_source_period(tmp_path):
    """«Nghị quyết Đại hội Đảng bộ huyện lần thứ XXIII, nhiệm kỳ 2020-2025 đề ra mục tiêu phấn đấu đến năm 2025
    đạt 100%»: the attribution names the resolution with its term, as the docs ask. 2025 lies within 2020–2025,
    and a target is a goal set for its year, not a measurement of it: nothing is flagged. A level of 2020
    attributed to a report of 2010-2015 is still flagged, naming that period; a level of 2016 from a report of
    2016-2020 lies within it and is not."""
    folder = copy("r1-shares-only-two-years", tmp_path)
    term = "Nghị quyết Đại hội Đảng bộ huyện lần thứ XXIII, nhiệm kỳ 2020-2025"
    edit_facts(folder / "facts.csv", "university_target_2025", attribution=term)
    checks = tables("", folder).checks.set_index("check_id")
    assert checks.loc["period:university_target_2025", "status"] == "pass"
    assert set(checks.loc[checks["kind"] == "period", "status"]) == {"pass"}
    edit_facts(folder / "facts.csv", "university_target_2025", attribution=term.replace("2020-2025", "2015-2020"))
    edit_facts(folder / "facts.csv", "university_2020", attribution="báo cáo giai đoạn 2010-2015")
    edit_facts(folder / "facts.csv", "university_2016", attribution="báo cáo giai đoạn 2016-2020")
    checks = tables("", folder).checks.set_index("check_id")
    assert checks.loc["period:university_2016", "status"] == "pass"
    assert checks.loc["period:university_target_2025", "status"] == "pass"
    assert checks.loc["period:university_2020", "status"] == "flag"
    assert "covers 2010–2015, another period" in checks.loc["period:university_2020", "detail"]
