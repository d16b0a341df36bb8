"""The comparison of two qualification profiles, with what can and cannot be compared."""

from __future__ import annotations

import pandas as pd

from articlefacts.audit import COUNT_UNITS
from articlefacts.errors import ArticleFactsError
from articlefacts.i18n import t, table

NOT_REPORTED = "not reported"


def known_measures() -> list[str]:
    """The profile measures the project has labels for (translation keys ``measure.*``)."""
    return [k.split(".", 1)[1] for k in table() if k.startswith("measure.")]


def profile_periods(facts: pd.DataFrame) -> tuple[str, str]:
    """The two profile years, earlier first; each must have a headcount fact."""
    profile = facts[facts["topic"] == "profile"]
    periods = sorted(profile["period"].unique())
    heads = set(profile.loc[profile["measure"] == "headcount", "period"])
    if len(periods) != 2 or heads != set(periods):
        raise ArticleFactsError(
            f"The facts give profiles for {periods} with headcounts for {sorted(heads)}; "
            "the comparison needs two years, each with a 'headcount' fact",
            "code one 'headcount' fact per profile year (topic 'profile').")
    return periods[0], periods[1]


def side(facts, derived, counts, measure: str, period: str) -> dict:
    """One year's values for one measure: status, bound, count(s), share and the source key."""
    rows = facts[(facts["topic"] == "profile") & (facts["measure"] == measure) & (facts["period"] == period)]
    if rows.empty:
        return {"status": NOT_REPORTED, "bound": pd.NA, "count": pd.NA, "share": pd.NA, "rounding": pd.NA,
                "count_min": pd.NA, "count_max": pd.NA, "source": "", "fact": None}
    row = rows.iloc[0]
    values = dict(zip(derived["key"], derived["value"], strict=True))
    out = {"status": "reported", "bound": row["bound"], "source": row["key"], "fact": row, "rounding": pd.NA,
           "count": pd.NA, "share": pd.NA, "count_min": pd.NA, "count_max": pd.NA}
    if measure == "headcount":
        out.update(count=row["value"], share=100.0, count_min=int(row["value"]), count_max=int(row["value"]))
    elif row["unit"] in COUNT_UNITS:
        out.update(count=row["value"], share=values[f"share_{row['key']}"],
                   count_min=int(row["value"]), count_max=int(row["value"]))
    else:
        out["share"] = row["value"]
        fits = counts[counts["fact_key"] == row["key"]]
        if len(fits) and fits["count_min"].notna().any():
            out.update(count_min=int(fits["count_min"].min()), count_max=int(fits["count_max"].max()))
        rules = set(fits.loc[fits["n_candidates"] > 0, "rule"])
        out["rounding"] = ("both" if len(rules) == 2 else f"{rules.pop()} only" if rules else "neither")
        least = values.get(f"min_count_{row['key']}")
        if least is not None:
            out["count"] = least
    return out


def note(measure, a, b, y0, y1, derived) -> tuple[object, object, str]:
    """same_measure, same_population and the sentence that says why (not)."""
    if a["fact"] is None and b["fact"] is None:
        return pd.NA, pd.NA, "Not reported in either year."
    if a["fact"] is None or b["fact"] is None:
        have, miss = (y1, y0) if a["fact"] is None else (y0, y1)
        text = f"Reported for {have} only; the article gives no {miss} figure."
        if measure == "professional_training" and f"diplomas_{y0}" in set(derived["key"]):
            d = derived.set_index("key").loc
            text += (f" The nearest {y0} figure, {d[f'diplomas_{y0}', 'value']:g} diploma holders "
                     f"({d[f'share_diplomas_{y0}', 'value']:.1f}%), counts university and professional secondary "
                     "diplomas only; it is a narrower measure, not a baseline.")
        return pd.NA, pd.NA, text
    fa, fb = a["fact"], b["fact"]
    same_measure = fa["term_vi"] == fb["term_vi"] and fa["unit"] == fb["unit"]
    same_population = fa["population"] == fb["population"]
    reasons = []
    if not same_population:
        reasons.append(f"{y0} counts {fa['population']}, {y1} counts {fb['population']}")
    if fa["term_vi"] != fb["term_vi"]:
        reasons.append(f"the wording differs («{fa['term_vi']}» / «{fb['term_vi']}»)")
    if fa["unit"] != fb["unit"]:
        reasons.append(f"{y0} gives a count and {y1} a percentage")
    text = ("Not like for like: " + "; ".join(reasons) + "." if reasons else "Same measure and population.")
    return same_measure, same_population, text


def comparison_table(facts: pd.DataFrame, derived: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """One row per profile measure: both years side by side, the change, and comparability.

    Every measure the translation table knows gets a row, so a measure an article does not report
    shows as "not reported" instead of vanishing.
    """
    y0, y1 = profile_periods(facts)
    profile = facts[facts["topic"] == "profile"]
    order = list(dict.fromkeys(profile["measure"]))
    both = [m for m in order if profile.loc[profile["measure"] == m, "period"].nunique() == 2 and m != "headcount"]
    known = known_measures()
    order = both + [m for m in order if m not in both and m != "headcount"]
    order += [m for m in known if m not in order and m != "headcount"] + ["headcount"]
    rows = []
    for measure in order:
        a, b = side(facts, derived, counts, measure, y0), side(facts, derived, counts, measure, y1)
        exact = a["fact"] is not None and b["fact"] is not None and a["bound"] == b["bound"] == "eq"
        change = b["share"] - a["share"] if exact else pd.NA
        same_measure, same_population, text = note(measure, a, b, y0, y1, derived)
        if measure == "headcount":
            same_measure, change = pd.NA, pd.NA
        rows.append({
            "measure": measure, "label_en": t(f"measure.{measure}", "en"),
            "baseline_period": y0, "baseline_status": a["status"], "baseline_bound": a["bound"],
            "baseline_count": a["count"], "baseline_share_pct": a["share"], "baseline_source": a["source"],
            "current_period": y1, "current_status": b["status"], "current_share_pct": b["share"],
            "current_count_min": b["count_min"], "current_count_max": b["count_max"],
            "current_rounding": b["rounding"], "current_source": b["source"],
            "change_pp": round(change, 4) if change is not pd.NA else pd.NA,
            "same_measure": same_measure, "same_population": same_population, "comparability_note": text,
        })
    frame = pd.DataFrame(rows)
    frame["baseline_share_pct"] = frame["baseline_share_pct"].astype("Float64").round(4)
    return frame
