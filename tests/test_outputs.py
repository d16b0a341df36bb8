"""The committed outputs: tables against the article's numbers, figures, notebooks, data package."""

from __future__ import annotations

import json
import re

import frictionless
import matplotlib
import nbformat
import pytest

from articlefacts import paths
from articlefacts.reading.codebook import codebook, datapackage

matplotlib.use("Agg")
PROCESSED = paths.ROOT / paths.PROCESSED_DIR
EXECUTED = sorted((paths.ROOT / paths.EXECUTED_DIR).glob("*.ipynb"))
SOURCES = sorted((paths.ROOT / paths.NOTEBOOKS_DIR).glob("*.ipynb"))


@pytest.mark.parametrize("language", paths.LANGUAGES)
def test_every_figure_in_the_findings_exists_in_both_formats(language):
    names = [n for nb in ("02-compare-qualifications", "03-rotation-outcomes")
             for n in json.loads((PROCESSED / "findings" / f"{nb}.{language}.json").read_text())["figures"]]
    assert names
    for name in names:
        for ext in ("png", "svg"):
            path = paths.ROOT / paths.FIGURES_DIR / language / f"{name}.{ext}"
            assert path.is_file() and path.stat().st_size > 5000


@pytest.mark.parametrize("path", EXECUTED, ids=lambda p: p.name)
def test_executed_notebook_renders_on_github(path):
    raw = path.read_text(encoding="utf-8")
    assert len(raw.encode()) < 1_000_000
    nb = nbformat.reads(raw, as_version=4)
    nbformat.validate(nb)
    assert "\x1b[" not in raw, "ANSI escape codes"
    assert not re.search(r"/(work|tmp|root|home)/", raw), "machine path in the notebook"
    allowed = {"text/plain", "text/html", "text/markdown", "image/png"}
    for cell in nb.cells:
        assert "execution" not in cell.metadata
        for out in cell.get("outputs", []):
            assert out.output_type != "error"
            assert not (out.output_type == "stream" and out.name == "stderr"), out.text
            assert set(out.get("data", {})) <= allowed


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_source_notebooks_hold_no_outputs(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["kernelspec"]["name"] in ("articlefacts", "python3")
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


def test_every_number_with_a_decimals_column_is_written_with_exactly_those_decimals():
    """N4: 7 of the 230 cadres of 2002 is 3.04%, one decimal (one person is 0.43 points), so derived.csv writes 3.0,
    never 3; 89.62% of 405 is 362.961 people, three decimals; 13 of 23 communes is 57%, none. Every table holds to
    the one rule its codebook states."""
    import csv

    from articlefacts.outputs import DECIMALS_FROM

    derived = {r["key"]: r for r in csv.DictReader((PROCESSED / "derived.csv").open(encoding="utf-8"))}
    assert derived["share_professional_secondary_2002"]["value"] == "3.0"
    assert derived["count_party_members_2021"]["value"] == "362.961"
    assert derived["share_rotation_communes"]["value"] == "57"
    checked = 0
    for table in PROCESSED.glob("*.csv"):
        for row in csv.DictReader(table.open(encoding="utf-8")):
            for column, decimals in DECIMALS_FROM.items():
                if row.get(column) and row.get(decimals):
                    written = row[column].partition(".")[2]
                    assert len(written) == int(row[decimals]), (table.name, column, row[column], row[decimals])
                    checked += 1
    assert checked > 40
