"""The notebooks analyse another article through parameters alone: a synthetic fixture with another
district, other years and totals, a missing measure and ambiguous percentages (tests/fixtures/synthetic)."""

from __future__ import annotations

import pytest

from articlefacts.schemas import load_table
from conftest import ROOT, make

FIXTURE = ROOT / "tests/fixtures/synthetic"
FIGURES = ("qualifications-change", "current-profile", "rotation-outcomes", "rotation-blocs", "commune-coverage")


@pytest.fixture(scope="module")
def other(tmp_path_factory):
    out = tmp_path_factory.mktemp("other")
    result = make(ROOT, "report", f"ARTICLE={FIXTURE}/article.txt", f"FACTS={FIXTURE}/facts.csv",
                  f"NOT_DATA={FIXTURE}/not-data.csv", f"META={FIXTURE}/meta.json", f"OUT={out}")
    assert result.returncode == 0, result.stderr
    return out


def test_tables_carry_the_fixture_numbers(other):
    facts = load_table("facts", other / "data/processed").set_index("key")
    assert facts.loc["cadres_2005", "value"] == 180 and facts.loc["staff_2022", "value"] == 300
    assert facts.loc["rotated_total", "value"] == 12 and facts.loc["communes_2005", "value"] == 15
    comparison = load_table("comparison", other / "data/processed").set_index("measure")
    up = comparison.loc["upper_secondary"]
    assert (up["baseline_period"], up["current_period"]) == ("2005", "2022")
    assert up["baseline_share_pct"] == pytest.approx(100 * 36 / 180) and up["current_share_pct"] == 85.33
    assert up["change_pp"] == pytest.approx(85.33 - 20)
    for missing in ("political_theory", "incomplete_schooling"):
        assert comparison.loc[missing, "baseline_status"] == comparison.loc[missing, "current_status"] == "not reported"
    flows = load_table("rotation_flows", other / "data/processed").set_index("key")
    assert flows.loc["rest_promotion", "count"] == 9 - 4 and flows.loc["rest_coverage", "count"] == 15 - 7


def test_checks_are_computed_for_the_fixture(other):
    checks = load_table("checks", other / "data/processed").set_index("check_id")
    assert checks.loc["sum:bloc", "status"] == "pass" and "= 12" in checks.loc["sum:bloc", "detail"]
    ambiguous = checks.loc["whole_count:party_members_2022"]
    assert ambiguous["status"] == "pass" and "275, 276, 277 of 300" in ambiguous["detail"]
    assert "276, 277, 278 of 300" in ambiguous["detail"]
    assert checks.loc["whole_count:professional_training_2022", "status"] == "flag"
    assert "inventory:coverage" in checks.index and checks.loc["inventory:coverage", "status"] == "pass"


@pytest.mark.parametrize("language", ["en", "vi"])
def test_figures_exist_in_both_languages(other, language):
    for name in FIGURES:
        assert (other / "figures" / language / f"{name}.png").stat().st_size > 5000


def test_default_outputs_untouched(other):
    """The run wrote only into its own folder: the committed outputs hold no fixture numbers."""
    facts = (ROOT / "data/processed/facts.csv").read_text(encoding="utf-8")
    assert "cadres_2005" not in facts and "cadres_2002" in facts
