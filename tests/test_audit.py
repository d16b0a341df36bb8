"""Derived values equal their formulas, and the audit flags what it should. Expected numbers are
worked out by hand from the article's figures (e.g. 8 of 21 returned leaders promoted)."""

from __future__ import annotations

import pytest

from articlefacts import paths
from articlefacts.article import split_article
from articlefacts.audit import derive_values, percent_counts, run_checks
from articlefacts.facts import inventory_numbers, read_not_data


@pytest.fixture(scope="module")
def facts_frame(facts):
    return facts.reset_index(drop=True)


@pytest.fixture(scope="module")
def derived(facts_frame):
    return derive_values(facts_frame).set_index("key")


@pytest.fixture(scope="module")
def counts(facts_frame):
    return percent_counts(facts_frame)


@pytest.fixture(scope="module")
def checks(facts_frame, derived, counts, article, meta):
    structure = split_article(article.text)
    not_data = read_not_data(paths.NOT_DATA, article.text, structure)
    inventory = inventory_numbers(article.text, structure, facts_frame, not_data)
    return run_checks(facts_frame, derived.reset_index(), counts, inventory, structure, meta).set_index("check_id")


@pytest.mark.parametrize(("key", "expected", "formula"), [
    ("share_rotated_promoted", 100 * 8 / 21, "rotated_promoted / rotated_returned × 100"),
    ("share_rotation_communes", 100 * 13 / 23, "rotation_communes / communes_2002 × 100"),
    ("share_upper_secondary_2002", 100 * 24 / 230, "upper_secondary_2002 / cadres_2002 × 100"),
    ("rest_promotion", 21 - 8, "rotated_returned − rotated_promoted"),
    ("rest_coverage", 23 - 13, "communes_2002 − rotation_communes"),
    ("rest_upper_secondary", 230 - 24, "cadres_2002 − upper_secondary_2002"),
    ("diplomas_2002", 2 + 7, "university_2002 + professional_secondary_2002"),
    ("per_commune_2002", 230 / 23, "cadres_2002 / communes_2002"),
    ("min_count_incomplete_schooling_2002", 185, "⌊incomplete_schooling_2002 × cadres_2002 / 100⌋ + 1"),
    ("count_party_members_2021", 0.8962 * 405, "party_members_2021 × staff_2021 / 100"),
])
def test_derived_value_equals_its_formula(derived, key, expected, formula):
    assert derived.loc[key, "value"] == pytest.approx(expected, abs=1e-4)
    assert derived.loc[key, "formula"] == formula


def test_every_derived_value_names_its_inputs(derived, facts):
    known = set(facts["key"]) | set(derived.index)
    for key, row in derived.iterrows():
        assert row["inputs"] and set(row["inputs"].split(";")) <= known, key


@pytest.mark.parametrize(("key", "half_up", "truncate"), [
    # 363/405 = 89.6296…%: prints 89.63 rounded, 89.62 truncated; 362/405 = 89.38%.
    ("party_members_2021", [], [363]),
    ("upper_secondary_2021", [284], [284]),          # 284/405 = 70.123…%
    ("professional_training_2021", [297], [297]),    # 297/405 = 73.333…%
    ("political_theory_2021", [185, 186, 187, 188], [187, 188, 189, 190]),  # 45.68%…46.91%
])
def test_whole_counts_behind_each_percentage(counts, key, half_up, truncate):
    rows = counts.set_index(["fact_key", "rule"])
    for rule, expected in (("half_up", half_up), ("truncate", truncate)):
        found = rows.loc[(key, rule), "candidates"]
        assert [int(c) for c in found.split(";") if c] == expected


def test_the_89_62_percent_flag_shows_the_nearest_counts(checks):
    row = checks.loc["whole_count:party_members_2021"]
    assert row["status"] == "flag"
    assert "362 → 89.38%" in row["detail"] and "363 → 89.63%" in row["detail"]


def test_splits_sum_to_the_26_rotated(checks):
    assert checks.loc["sum:bloc", "status"] == "pass" and "= 26" in checks.loc["sum:bloc", "detail"]
    assert checks.loc["sum:outcome", "status"] == "pass"


def test_more_than_80_percent_fits_both_readings(checks):
    assert checks.loc["bound:incomplete_schooling_2002:of_all", "status"] == "pass"
    assert "at least 185" in checks.loc["bound:incomplete_schooling_2002:of_all", "detail"]
    assert "at most 206" in checks.loc["bound:incomplete_schooling_2002:of_all", "detail"]
    assert "at least 165" in checks.loc["bound:incomplete_schooling_2002:of_rest", "detail"]


def test_population_change_is_flagged(checks):
    assert checks.loc["comparability:population", "status"] == "flag"
    assert checks.loc["comparability:upper_secondary", "status"] == "flag"


def test_no_check_fails_and_the_flags_are_the_known_ones(checks):
    assert "fail" not in set(checks["status"])
    assert sorted(checks.index[checks["status"] == "flag"]) == [
        "comparability:population", "comparability:upper_secondary", "whole_count:party_members_2021"]
