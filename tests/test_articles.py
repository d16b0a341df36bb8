"""Every article fixture through `make report`: the values read from the text, sections that say what is
missing in words, no error in any executed notebook, and figures only for what the article reports.

Expected values are in each fixture's ``expected.json``, written by reading the article (see
tests/fixtures/articles/*/README.md), never from the code's output.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from articlefacts.reading.inventory import token_counts
from articlefacts.reading.schemas import load_table
from conftest import ARTICLE_CASES as CASES
from conftest import ARTICLE_FIXTURES as FIXTURES


def expected(name: str) -> dict:
    return json.loads((FIXTURES / name / "expected.json").read_text(encoding="utf-8"))


def findings(out: Path, notebook: str, language: str) -> dict:
    return json.loads((out / "data/processed/findings" / f"{notebook}.{language}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", CASES)
def test_report_runs_and_no_notebook_has_an_error(built, name):
    out, result = built[name]
    assert result.returncode == 0, result.stderr
    for path in (out / "notebooks/executed").glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        assert not errors, path.name


@pytest.mark.parametrize("name", CASES)
def test_values_bounds_and_tokens_are_as_read_from_the_text(built, name):
    out, _ = built[name]
    want = expected(name)
    facts = load_table("facts", out / "data/processed")
    assert dict(zip(facts.index, facts["value"], strict=True)) == pytest.approx(want["facts"])
    bounds = {k: b for k, b in facts["bound"].items() if b != "eq"}
    assert bounds == want["bounds"]
    inventory = load_table("number_tokens", out / "data/processed")
    tokens = token_counts(inventory)  # printed tokens; a number in words that a fact reads is not one
    assert {k: tokens[k] for k in want["tokens"]} == want["tokens"]
    assert not (inventory["status"] == "unaccounted").any()
    parts = load_table("structure", out / "data/processed").set_index("part")["text"]
    for part, text in want["parts"].items():
        assert (parts.get(part) if part in parts.index else None) == text, part


@pytest.mark.parametrize("name", CASES)
def test_each_section_shows_what_the_article_has_and_says_what_it_lacks(built, name):
    out, _ = built[name]
    want = expected(name)
    processed = out / "data/processed"
    profiles = load_table("profiles", processed)
    assert sorted(profiles["period"].unique()) == want["profile_years"]
    for language in ("en", "vi"):
        said = " ".join(findings(out, "02-compare-qualifications", language)["findings"])
        figures = sorted(p.stem for p in (out / "figures" / language).glob("*.png"))
        if want["sections"]["comparison"] == "none":
            # none at all, or figures on qualifications but no headcount to draw a profile of people from
            lacks = (("no qualification profile", "no profile of people can be drawn") if language == "en" else
                     ("không nêu số liệu về trình độ", "không dựng được cơ cấu theo số người"))
            assert any(words in said for words in lacks), said
            assert not [f for f in figures if f.startswith("profile")]
        if want["sections"]["comparison"] == "one_year":
            wanted = "only, so no change can be shown" if language == "en" else "nên không thể cho thấy sự thay đổi"
            assert wanted in said
        if want["sections"]["comparison"] == "two_years":
            assert len(profiles["period"].unique()) == 2
        rotation = " ".join(findings(out, "03-rotation-outcomes", language)["findings"])
        none = "reports no rotation" if language == "en" else "không nêu số liệu về luân chuyển"
        if not want["sections"]["rotation"]:
            assert not [f for f in figures if f.startswith("rotation")]
            staffing = load_table("facts", processed)["topic"].eq("staffing").any()  # moves of another kind
            assert (none not in rotation) if staffing else (none in rotation)


@pytest.mark.parametrize("name", CASES)
def test_every_split_is_drawn_on_its_own_and_adds_up(built, name):
    out, _ = built[name]
    flows = load_table("rotation_flows", out / "data/processed")
    for split, spec in expected(name)["rotation_splits"].items():
        rows = flows[(flows["group"] == split) & (flows["relation"] == "part")]
        assert sorted(rows["key"]) == sorted(spec["parts"])
        assert rows["count"].sum() == spec["sum"]
        assert (out / "figures/en" / f"rotation-{split.replace('_', '-')}.png").is_file()
    assert flows.loc[flows["relation"] == "part"].groupby("key")["group"].nunique().le(1).all()
