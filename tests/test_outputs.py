"""The committed outputs: tables against the article's numbers, figures, notebooks, data package."""

from __future__ import annotations

import json
import re

import frictionless
import matplotlib
import nbformat
import pytest

from articlefacts import paths
from articlefacts.charts import comparison_chart, profile_chart
from articlefacts.i18n import t
from articlefacts.schemas import codebook, datapackage, load_table

matplotlib.use("Agg")
PROCESSED = paths.ROOT / paths.PROCESSED_DIR
FIGURES = ("qualifications-change", "current-profile", "rotation-outcomes", "rotation-blocs", "commune-coverage")
EXECUTED = sorted((paths.ROOT / paths.EXECUTED_DIR).glob("*.ipynb"))
SOURCES = sorted((paths.ROOT / paths.NOTEBOOKS_DIR).glob("*.ipynb"))


@pytest.fixture(scope="module")
def comparison():
    return load_table("comparison", PROCESSED).set_index("measure")


@pytest.fixture(scope="module")
def flows():
    return load_table("rotation_flows", PROCESSED).set_index("key")


def test_comparison_upper_secondary(comparison):
    row = comparison.loc["upper_secondary"]
    assert row["baseline_count"] == 24 and row["baseline_share_pct"] == pytest.approx(100 * 24 / 230, abs=1e-4)
    assert row["current_share_pct"] == 70.12 and (row["current_count_min"], row["current_count_max"]) == (284, 284)
    assert row["change_pp"] == pytest.approx(70.12 - 100 * 24 / 230, abs=1e-3)
    assert not row["same_population"] and not row["same_measure"]
    assert "Not like for like" in row["comparability_note"]


def test_comparison_keeps_unreported_measures(comparison):
    assert comparison.loc["professional_training", "baseline_status"] == "not reported"
    assert comparison.loc["professional_training", "current_share_pct"] == 73.3
    assert "9 diploma holders" in comparison.loc["professional_training", "comparability_note"]
    assert comparison.loc["university_degree", "current_status"] == "not reported"
    assert comparison.loc["university_degree", "baseline_count"] == 2
    assert comparison.loc["professional_secondary", "baseline_count"] == 7
    assert comparison.loc["incomplete_schooling", "baseline_bound"] == "gt"
    assert comparison.loc["party_members", "current_share_pct"] == 89.62
    # 363/405 prints as 89.63% when rounded and 89.62% when truncated (worked by hand).
    assert comparison.loc["party_members", "current_rounding"] == "truncate only"
    assert comparison.loc["political_theory", "current_rounding"] == "both"
    assert comparison.loc["political_theory", "current_count_min"] == 185
    assert comparison.loc["headcount", "baseline_count"] == 230
    assert comparison.loc["headcount", "current_count_min"] == 405
    assert set(comparison.index) == {"upper_secondary", "university_degree", "professional_secondary",
                                     "professional_training", "incomplete_schooling", "party_members",
                                     "political_theory", "headcount"}


def test_flows_match_the_article(flows):
    expected = {"rotated_party_bloc": (10, 26), "rotated_government_bloc": (16, 26),
                "rotated_still_commune": (5, 26), "rotated_returned": (21, 26),
                "rotated_promoted": (8, 21), "rotation_communes": (13, 23)}
    for key, (count, whole) in expected.items():
        assert (flows.loc[key, "count"], flows.loc[key, "parent_count"]) == (count, whole)
        assert flows.loc[key, "status"] == "reported"
    assert flows.loc["rest_promotion", "count"] == 21 - 8
    assert flows.loc["rest_promotion", "formula"] == "rotated_returned − rotated_promoted"
    assert flows.loc["rest_coverage", "count"] == 23 - 13


def test_no_flow_pairs_a_bloc_with_an_outcome(flows):
    assert flows.reset_index().groupby("key")["split"].nunique().max() == 1
    bloc = set(flows.index[flows["split"] == "bloc"])
    assert not bloc & set(flows.index[flows["split"].isin(["outcome", "promotion"])])
    assert all(parent == "rotated_total" for parent in flows.loc[flows["split"] == "bloc", "parent_key"])


@pytest.mark.parametrize("language", paths.LANGUAGES)
@pytest.mark.parametrize("name", FIGURES)
def test_every_figure_exists_in_both_languages(language, name):
    for ext in ("png", "svg"):
        path = paths.ROOT / paths.FIGURES_DIR / language / f"{name}.{ext}"
        assert path.is_file() and path.stat().st_size > 5000


@pytest.mark.parametrize("language", paths.LANGUAGES)
def test_comparison_charts_carry_the_caveat_and_source(comparison, meta, language):
    facts = load_table("facts", PROCESSED)
    table = comparison.reset_index()
    fig = comparison_chart(table, facts, meta, language)
    texts = " ".join(x.get_text() for x in fig.texts)
    assert t("dumbbell.caveat", language, y0="2002", y1="2021") in texts
    assert meta["outlet"] in texts and "230" in texts and "405" in texts
    fig = profile_chart(table, facts, meta, language)
    texts = " ".join(x.get_text() for x in fig.texts)
    assert t("profile.caveat", language, year="2021", y0="2002") in texts and meta["outlet"] in texts


@pytest.mark.parametrize("path", EXECUTED, ids=lambda p: p.name)
def test_executed_notebook_renders_on_github(path):
    raw = path.read_text(encoding="utf-8")
    assert len(raw.encode()) < 1_000_000
    nb = nbformat.reads(raw, as_version=4)
    nbformat.validate(nb)
    assert "\x1b[" not in raw, "ANSI escape codes"
    assert not re.search(r"/(work|tmp|root|home)/", raw), "machine path in the notebook"
    allowed = {"text/plain", "text/html", "image/png"}
    for cell in nb.cells:
        assert "execution" not in cell.metadata
        for out in cell.get("outputs", []):
            assert out.output_type != "error"
            assert not (out.output_type == "stream" and out.name == "stderr"), out.text
            assert set(out.get("data", {})) <= allowed
    images = sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
    figures = sum("save_figure(" in c.source for c in nb.cells if c.cell_type == "code")
    assert images == figures


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_source_notebooks_hold_no_outputs(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "articlefacts"
    assert any("parameters" in c.metadata.get("tags", []) for c in nb.cells)
    for cell in nb.cells:
        assert not cell.get("outputs") and not cell.get("execution_count")


def test_datapackage_validates_and_is_current(meta):
    report = frictionless.validate(str(PROCESSED / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    committed = json.loads((PROCESSED / "datapackage.json").read_text(encoding="utf-8"))
    assert committed == datapackage(meta)
    assert committed["licenses"][0]["name"] == "CC-BY-4.0"
    assert (PROCESSED / "README.md").read_text(encoding="utf-8") == codebook(meta)


def test_datapackage_catches_a_broken_constraint(tmp_path, meta):
    """The constraints are really checked: a share of 120% fails validation."""
    package = datapackage(meta)
    package["resources"] = [r for r in package["resources"] if r["name"] == "percent-counts"]
    rows = (PROCESSED / "percent_counts.csv").read_text(encoding="utf-8").splitlines()
    rows[1] = rows[1].replace("89.62", "120", 1)
    (tmp_path / "percent_counts.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert not frictionless.validate(str(tmp_path / "datapackage.json")).valid


def test_charts_say_so_when_there_is_nothing_to_compare(comparison, meta):
    """An article whose years share no measure gets a figure that says so, not a crash."""
    facts = load_table("facts", PROCESSED)
    table = comparison.reset_index()
    table.loc[table["measure"] == "upper_secondary", "baseline_status"] = "not reported"
    table.loc[table["baseline_status"] == "not reported", "current_status"] = "not reported"
    fig = comparison_chart(table, facts, meta, "en")
    assert fig.captions["title"].startswith("No measure is reported for both 2002 and 2021")
    fig = profile_chart(table, facts, meta, "en")
    assert fig.captions["title"] == "No measure is reported for 2021 alone"
