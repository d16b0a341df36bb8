"""The story is told as the article prints it, for every article fixture and the seed.

General rules, checked on every built fixture and on the committed seed outputs:
- every fact of an article is stated in both editions (its number, as that edition writes it);
- a printed percentage is never restated with more decimals than the article prints;
- our interpretation of the article's words shows wherever its number is used (sentence and figure caption);
- a bound's range is clipped by the article's other facts.
Then what each shape case must show (tests/fixtures/articles/s1-… to s4-…, r5-…, r7-…, r8-…), values read
from the article texts by hand.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from articlefacts import paths
from articlefacts.i18n import number, percent
from articlefacts.reading.schemas import load_table
from conftest import ARTICLE_CASES, ROOT
from conftest import article_outputs as outputs

NOTEBOOKS = ("02-compare-qualifications", "03-rotation-outcomes")
SEED = ROOT


def findings(out: Path, language: str) -> list[str]:
    """The sentences of notebooks 02 and 03 in ``language``."""
    return [s for nb in NOTEBOOKS for s in read_findings(out, nb, language)["findings"]]


def read_findings(out: Path, notebook: str, language: str) -> dict:
    return json.loads((out / "data/processed/findings" / f"{notebook}.{language}.json").read_text(encoding="utf-8"))


def captions(out: Path, language: str) -> list[dict]:
    return [c for nb in NOTEBOOKS for c in read_findings(out, nb, language)["figures"].values()]


def everything(out: Path, language: str) -> str:
    """Every text a reader of one edition meets: findings, captions, and the executed notebooks' outputs and titles
    (the title written for the article, at the top of each)."""
    parts = findings(out, language) + [v for c in captions(out, language) for v in c.values()]
    for path in sorted((out / "notebooks/executed").glob(f"*.{language}.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        parts.append(cells[0].source)
        for cell in cells:
            for o in cell.get("outputs", []):
                data = o.get("data", {})
                shown = re.sub(r'src="data:[^"]*"', 'src=""', data.get("text/html", ""))  # a chart's PNG: not text
                parts += [data.get("text/markdown", ""), html.unescape(shown)]
    return "\n".join(parts)


def fact_number(fact: pd.Series, language: str) -> str:
    """A fact's number as the edition writes it: 1,200 / 1.200; 79.2% / 79,2%; a year as it is."""
    if fact["unit"] == "percent":
        return percent(fact["value"], language, int(fact["decimals"]))
    if fact["unit"] == "year":
        return f"{fact['value']:.0f}"
    return number(fact["value"], language)


CASES = ["seed", *ARTICLE_CASES]


@pytest.mark.parametrize("language", ["en", "vi"])
@pytest.mark.parametrize("name", CASES)
def test_every_fact_is_stated_in_both_editions(built, name, language):
    out = outputs(name, built)
    facts = load_table("facts", out / "data/processed")
    said = " ".join(findings(out, language))
    numbers = set(re.findall(r"\d[\d.,]*%?", said))
    missing = [k for k, f in facts.iterrows() if fact_number(f, language) not in numbers
               and fact_number(f, language) not in said]
    assert not missing, f"{name} ({language}): facts stated in no finding: {missing}"


@pytest.mark.parametrize("language", ["en", "vi"])
@pytest.mark.parametrize("name", CASES)
def test_a_printed_percentage_is_never_restated_with_more_decimals(built, name, language):
    out = outputs(name, built)
    facts = load_table("facts", out / "data/processed")
    text = everything(out, language)
    point = "." if language == "en" else ","
    shown = re.findall(rf"(\d+)(?:\{point}(\d+))?\s?%", text)
    for key, fact in facts[facts["unit"] == "percent"].iterrows():
        decimals = int(fact["decimals"])
        longer = [f"{w}{point}{d}%" for w, d in shown if len(d) > decimals
                  and round(float(f"{w}.{d}"), decimals) == round(fact["value"], decimals)]
        assert not longer, f"{name} ({language}): {key} is printed {fact['token']} but shown as {longer}"


@pytest.mark.parametrize("language", ["en", "vi"])
@pytest.mark.parametrize("name", CASES)
def test_a_reading_shows_wherever_its_number_is_used(built, name, language):
    out = outputs(name, built)
    facts = load_table("facts", out / "data/processed")
    read = facts[facts["reading"].fillna("") != ""]
    for key, fact in read.iterrows():
        label = fact["gloss_en"] if language == "en" else (fact["label_vi"] or fact["term_vi"])
        value = fact_number(fact, language)
        label = label.lower()
        using = [s for s in findings(out, language) if label in s.lower() and value in s]
        using += [c["caveat"] + c["alt"] for c in captions(out, language)
                  if label in c["alt"].lower() and value in c["alt"]]
        assert using, f"{name}: the sentence stating {key} was not found"
        quoted = f"«{fact['reading']}»" if language == "en" else f"“{fact['reading']}”"  # vi quotes with “ ”
        assert all(quoted in s for s in using), f"{name} ({language}): {key} used without its reading"
        mark = "(our interpretation)" if language == "en" else "(theo cách hiểu của nhóm biên soạn)"
        titles = [c["title"] for c in captions(out, language) if label in c["title"].lower() and value in c["title"]]
        assert all(mark in title for title in titles), f"{name} ({language}): a title uses {key} unmarked: {titles}"


def test_the_seeds_bound_is_clipped_by_its_other_facts():
    """«hơn 80%» of the 230, beside the 24 who completed upper secondary (the same split): at most 206 people,
    89.6%, not 100%. The chart hatches from 80% to 89.6%."""
    from articlefacts.drawing.profile_charts import bar_row
    from articlefacts.telling.story import Story

    profiles = load_table("profiles", SEED / paths.PROCESSED_DIR).set_index("source_key", drop=False)
    row = profiles.loc["incomplete_schooling_2002"]
    row = row.astype(object).where(row.notna(), None)  # as the notebook holds it: empty cells are not NA
    assert (row["count"], row["count_max"], row["share_max"]) == (185, 206, 89.6)
    story = Story(load_table("facts", SEED / paths.PROCESSED_DIR), "en")
    assert bar_row(story, row)["range"] == (80, 89.6)
    said = " ".join(findings(SEED, "en"))
    assert "more than 80% left general schooling unfinished (185 to 206 people" in said


def test_a_bound_is_clipped_by_the_other_parts_of_its_split():
    """A made-up split: 100 people, 30 exact, «hơn 50%» the other part → at most 70 people, 70%."""
    from articlefacts.checking.derive import upper_limit_rows

    cols = ["topic", "measure", "period", "unit", "parent_key", "relation", "split", "value", "bound", "gloss_en"]
    facts = pd.DataFrame([
        ["profile", "headcount", "2020", "people", "", "", "", 100, "eq", "all"],
        ["profile", "a", "2020", "people", "whole", "part", "s", 30, "eq", "a"],
        ["profile", "b", "2020", "percent", "whole", "share", "s", 50, "gt", "b"],
    ], columns=cols, index=["whole", "a", "b"])
    rows = {r["key"]: r["value"] for r in upper_limit_rows(facts)}
    assert rows == {"max_count_b": 70, "max_share_b": 70}
    facts.loc["a", "bound"] = "gt"  # «hơn 30» beside «hơn 50%»: a is at least 31 and b at least 51 of the 100
    rows = {r["key"]: r["value"] for r in upper_limit_rows(facts)}
    assert rows == {"max_count_a": 49, "max_share_a": 49, "max_count_b": 69, "max_share_b": 69}


# The shape cases (tests/fixtures/articles/s1-… to s4-…, r5-…, r7-…, r8-…), as read from their articles by hand.

def case(built, name: str) -> Path:
    return outputs(name, built)


def test_s1_printed_percentages_are_shown_as_printed_and_the_disagreeing_pair_is_said(built):
    out = case(built, "s1-count-with-printed-share")
    for language, printed, wrong, pair in (("en", "79.2%", "79.17", "420 of 1,200 is 35%"),
                                           ("vi", "79,2%", "79,17", "420 trên 1.200 là 35%")):
        text = everything(out, language)
        assert printed in " ".join(findings(out, language)) and wrong not in text
        women = [s for s in findings(out, language) if "36%" in s]
        assert women and all(pair in s for s in women), language
        fig = captions(out, language)[0]
        assert "36%" in fig["alt"] and pair in fig["caveat"]
        assert "≈" not in text, f"every count of s1 is printed ({language})"
    checks = load_table("checks", out / "data/processed").set_index("check_id")
    pairs = checks[checks["kind"] == "printed_share"]["status"]
    assert pairs.value_counts().to_dict() == {"pass": 5, "flag": 1}
    assert pairs["printed_share:women_pct_2022"] == "flag"


def test_s1_the_partial_group_is_drawn_apart_and_the_population_is_the_articles(built):
    out = case(built, "s1-count-with-printed-share")
    for language, who, cadres, source in (("en", "commune civil servants", "cadres", "Sở Nội vụ"),
                                          ("vi", "công chức cấp xã", "cán bộ", "Sở Nội vụ")):
        fig = captions(out, language)[0]
        assert who in fig["title"] and cadres not in fig["title"]
        nb = nbformat.read(out / f"notebooks/executed/02-compare-qualifications.{language}.ipynb", as_version=4)
        # The notebook's markdown title, first, names the population in the article's words.
        top = nb.cells[0]
        assert top.cell_type == "markdown" and top.source.startswith("# 02 · ")
        assert who in top.source and cadres not in top.source
        said = " ".join(findings(out, language))
        assert source in said
        professional = next(s for s in findings(out, language) if "950" in s)
        assert "410" not in professional and "35 " not in professional
        theory = next(s for s in findings(out, language) if "410" in s)
        assert ("445 of the 1,200" if language == "en" else "445 trong tổng số 1.200") in theory
    profiles = load_table("profiles", out / "data/processed")
    assert set(profiles.loc[profiles["split"] == "political_theory", "source_key"]) == {
        "theory_advanced_2022", "theory_intermediate_2022"}


def test_s2_shares_of_unprinted_wholes_are_facts_stated_with_their_words_and_never_drawn(built):
    out = case(built, "s2-share-of-unstated-whole")
    for language, share, whole, stated in (("en", "96.5%", "commune job positions", "241 (77.2%)"),
                                           ("vi", "96,5%", "số vị trí việc làm ở cấp xã", "241 (77,2%) đảng viên")):
        said = findings(out, language)
        assert said[0].count(share) == 1 and whole in said[0], "the headline's share leads"
        assert any("28%" in s for s in said) and any(stated in s for s in said)
        for cap in captions(out, language):
            assert share not in cap["alt"] and "28%" not in cap["alt"], "no figure implies their denominator"
    checks = load_table("checks", out / "data/processed").set_index("check_id")
    assert checks.loc["whole:positions_matching_2022", "status"] == "note"
    assert checks.loc["whole:women_committees_2023", "status"] == "note"
    derived = load_table("derived", out / "data/processed")
    assert not derived["inputs"].str.contains("positions_matching|women_committees").any()


def test_s3_side_by_side_counts_lead_with_no_total_and_the_period_mismatch_is_said(built):
    out = case(built, "s3-parallel-counts-no-total")
    for language in ("en", "vi"):
        said = read_findings(out, "03-rotation-outcomes", language)["findings"]
        assert all(n in said[0] for n in ("120", "85", "64"))
        text = everything(out, language)
        assert "269" not in text, "no total of people is made of the three counts"
        assert any("30" in s and "120" in s for s in said[1:])
        fig = read_findings(out, "03-rotation-outcomes", language)["figures"]["rotation-direction"]
        assert "2016–2020" in fig["caveat"]
        assert all(n in fig["alt"] for n in ("120", "85", "64", "30"))
    checks = load_table("checks", out / "data/processed").set_index("check_id")
    assert checks.loc["period:moved_down", "status"] == "flag" and "2016–2020" in checks.loc["period:moved_down",
                                                                                              "detail"]


def test_s4_the_headlines_numbers_lead_and_the_reading_is_labelled(built):
    out = case(built, "s4-headline-lead-and-reading")
    for language, reading, (left, right) in (("en", "by our reading, «trong đó»", "«»"),
                                             ("vi", "theo cách hiểu của nhóm biên soạn, “trong đó”", "“”")):
        said = read_findings(out, "03-rotation-outcomes", language)["findings"]
        assert "214" in said[0] and f"{left}Hơn 200{right}" in said[0]
        assert "12" in said[1] and reading in said[1]
        fig = read_findings(out, "03-rotation-outcomes", language)["figures"]["rotation-outcome"]
        assert f"{left}trong đó{right}" in fig["caveat"] and "12" in fig["title"]
    checks = load_table("checks", out / "data/processed").set_index("check_id")
    assert checks.loc["repeat:headline_total", "status"] == "pass"
    assert "consistent" in checks.loc["repeat:headline_total", "detail"]


def test_r5_two_populations_of_one_year_each_with_its_own_headcount_and_split(built):
    out = case(built, "r5-two-populations-one-year")
    for language, xy, cadres, servants, wrong in (
            ("en", ("2,231", "2,520", "88.5%"), ("1,348", "21 ", "745", "63 ", "389", "130"),
             ("1,172", "38 ", "1,019", "41 ", "74 "), ("745 of 2,520", "1,019 of 1,348", "88.53", "covers 965")),
            ("vi", ("2.231", "2.520", "88,5%"), ("1.348", "21 ", "745", "63 ", "389", "130"),
             ("1.172", "38 ", "1.019", "41 ", "74 "), ("745 trên 2.520", "1.019 trên 1.348", "88,53", "965"))):
        said = read_findings(out, "02-compare-qualifications", language)["findings"]
        assert all(n in said[0] for n in xy), "the headline's x/y leads, told with its whole and printed share"
        cadre = next(s for s in said if "1,348" in s or "1.348" in s)
        split = said[said.index(cadre) + 1]
        assert all(n in cadre + " " + split for n in cadres) and not any(n in split for n in ("1,019", "1.019"))
        servant = next(s for s in said if "1,172" in s or "1.172" in s)
        split = said[said.index(servant) + 1]
        assert all(n in servant + " " + split for n in servants) and "130" not in split
        text = everything(out, language)
        assert not any(w in text for w in wrong)
        assert not any(w in " ".join(said) for w in ("rose", "fell", "tăng", "giảm", "→"))
        figures = read_findings(out, "02-compare-qualifications", language)["figures"]
        titles = {k: c["title"] for k, c in figures.items()}
        subtitles = {k: c["subtitle"] for k, c in figures.items()}  # the group and its headcount: in the subtitle
        assert any("1,348" in t or "1.348" in t for t in subtitles.values())
        assert any("1,172" in t or "1.172" in t for t in subtitles.values())
        assert not any(" were meet " in t for t in titles.values()), titles
        assert not any("2,520" in c["subtitle"] or "2.520" in c["subtitle"] for k, c in figures.items()
                       if "cadres" in k or "servants" in k)
    profiles = load_table("profiles", out / "data/processed")
    uni = profiles[profiles["measure"] == "university"].set_index("headcount_key")
    assert uni.loc["cadres_2024", "headcount"] == 1348 and uni.loc["servants_2024", "headcount"] == 1172
    assert uni["comparable"].isna().all() and uni["change_pp"].isna().all()
    assert not (profiles["status"] == "not reported").any()
    checks = load_table("checks", out / "data/processed")
    assert not checks["status"].isin(("flag", "fail")).any(), checks[checks["status"].isin(("flag", "fail"))]


def test_r7_secondment_transfer_and_shortage_are_told_in_the_articles_verbs(built):
    out = case(built, "r7-secondment-and-shortage")
    for language, verbs, heading, never in (
            ("en", ("seconded", "transferred"), "Secondment, transfer", ("rotation", "rotated", "92")),
            ("vi", ("biệt phái", "điều động"), "Biệt phái, điều động", ("luân chuyển", "92"))):
        said = read_findings(out, "03-rotation-outcomes", language)["findings"]
        assert all(n in said[0] for n in ("74", "18", *verbs)), "the headline's figure leads, the transfer beside it"
        assert "163" not in said[0]
        shortage = next(s for s in said if "163" in s)
        assert "58" in shortage and "Sở Nội vụ" in shortage
        assert ("35.6%" if language == "en" else "35,6%") in shortage
        assert any("39" in s for s in said)
        text = everything(out, language)
        assert not any(w in text for w in never), [w for w in never if w in text]
        assert heading in read_findings(out, "03-rotation-outcomes", language).get("title", "") or heading in text
        assert not any("also reports" in s or "còn nêu" in s for s in said)
        figures = read_findings(out, "03-rotation-outcomes", language)["figures"]
        moves, shortage = figures["staffing-move"], figures["staffing-short-staff"]
        assert "74" in moves["title"] and "18" in moves["title"] and "92" not in moves["alt"]
        assert all(v in moves["title"].lower() for v in (("secondment", "transfer") if language == "en"
                                                  else ("biệt phái", "điều động")))
        assert "163" in shortage["title"] and "58" in shortage["title"] and "39" in shortage["subtitle"]
        assert "74" not in shortage["alt"] and "163" not in moves["alt"], "moves and shortage are drawn apart"


def test_r8_the_disagreeing_shares_are_flagged_where_shown_and_the_profile_is_tied_to_its_total(built):
    out = case(built, "r8-printed-shares-that-disagree")
    for language, flags, total in (
            ("en", ("15.7%", "19 of 140 is 13.6%", "36.4%", "41 of 140 is 29.3%"), "356"),
            ("vi", ("15,7%", "19 trên 140 là 13,6%", "36,4%", "41 trên 140 là 29,3%"), "356")):
        said = read_findings(out, "02-compare-qualifications", language)["findings"]
        assert total in said[0] and "140" in said[0], "the profiled 140 is tied to the headline's 356, first"
        for share, pair in (flags[:2], flags[2:]):
            sentence = next(s for s in said if share in s)
            assert pair in sentence
        theory = next(s for s in said if ("130 of the 140" if language == "en" else "130 trong tổng số 140") in s)
        assert ("add up to 100.0%" if language == "en" else "cộng lại đúng 100,0%") in theory
        assert ("The 36.4% is what the other shares leave of 100%" if language == "en"
                else "36,4% là phần còn lại của 100%") in theory
        assert any(("135 of the 140" if language == "en" else "135 trong tổng số 140") in s for s in said)
        text = everything(out, language)
        assert not any(w in text for w in ("13.57", "29.29", "13,57", "29,29", "8.7%", "8,7%"))
        fig = read_findings(out, "02-compare-qualifications", language)["figures"]["profile-2020"]
        assert "356" in fig["subtitle"] and all(f in fig["alt"] for f in flags)
    checks = load_table("checks", out / "data/processed").set_index("check_id")
    pairs = checks[checks["kind"] == "printed_share"]["status"]
    assert pairs.value_counts().to_dict() == {"pass": 7, "flag": 2}
    assert pairs["printed_share:under_35_pct"] == "flag" and pairs["printed_share:theory_elementary_pct"] == "flag"


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_rotation_table_shows_the_formula_of_every_value_it_derives_in_that_values_column(seed, language):
    """The editor found «nguồn tỷ lệ» saying «tính theo công thức» on a row whose «công thức» was empty, and the
    reverse on the rests. Each value now says where it comes from in its own column, a derived one with its
    formula: 10 of the 26 is derived as 10 / 26; the 10 communes without rotated leaders as 23 − 13 (vi)."""
    from articlefacts.shaping.flows import rotation_flows
    from articlefacts.telling.display_tables import flows_display
    from articlefacts.telling.story import Story

    story = Story(seed.facts, language, seed.derived)
    flows = rotation_flows(seed.facts, seed.derived)
    shown = flows_display(story, flows)
    derived = story.t("value.derived_from", formula="")
    printed = "reported"  # a raw status, which show() words in the edition's language
    for (_, r), (_, row) in zip(flows.iterrows(), shown.iterrows(), strict=True):
        share_formula = f"{story.count(r['count'])} / {story.count(r['parent_count'])}"
        assert row["share_status"] == (derived + share_formula if r["share_status"] == "derived" else
                                       "printed" if r["share_status"] == "printed" else "")
        assert row["count_from"].startswith(derived) == (r["status"] == "derived")
        assert row["count_from"] == printed or len(row["count_from"]) > len(derived)
    rest = shown[flows["key"].eq("rest_rotation_communes").to_numpy()].iloc[0]
    assert rest["count_from"] == derived + "23 − 13"  # numbers in both editions, as the shares' «13 / 23»
    assert "formula" not in shown and "status" not in shown
