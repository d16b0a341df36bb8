"""The qualification profiles the article gives, one row per measure and year, with what can be compared.

A change is shown only where two years measure the same population in the same way (same population,
same words, same unit). Otherwise the rows stand side by side with the reason they cannot be compared.
"""

from __future__ import annotations

import pandas as pd

from articlefacts.vocab import COUNT_UNITS, HEADCOUNT

PROFILE_COLUMNS = ("measure", "period", "status", "source_key", "reported_as", "count", "count_bound", "share_pct",
                   "share_bound", "share_decimals", "count_min", "count_max", "headcount_key", "headcount",
                   "comparable", "change_pp", "comparability_note")


def profile_years(facts: pd.DataFrame) -> list[str]:
    """The periods that have a profile headcount, earliest first (none, one or more)."""
    profile = facts[(facts["topic"] == "profile") & (facts["measure"] == HEADCOUNT)]
    return sorted(profile["period"].unique())


def profile_row(facts, derived, counts, measure, period, head) -> dict:
    """One measure in one year: count and share as reported or derived, with bounds and whole-count range."""
    rows = facts[(facts["topic"] == "profile") & (facts["measure"] == measure) & (facts["period"] == period)
                 & (facts["relation"] != "change")]
    base = {"measure": measure, "period": period, "headcount_key": head.name, "headcount": head["value"],
            "comparable": pd.NA, "change_pp": pd.NA, "comparability_note": ""}
    if rows.empty:
        return {**base, "status": "not reported", "source_key": "", "reported_as": ""}
    key, row = rows.index[0], rows.iloc[0]
    out = {**base, "status": "reported", "source_key": key, "reported_as": row["unit"]}
    if measure == HEADCOUNT:
        return {**out, "count": row["value"], "count_bound": row["bound"]}
    if row["unit"] in COUNT_UNITS:
        share = derived.loc[f"share_{key}"] if f"share_{key}" in derived.index else None
        out.update(count=row["value"], count_bound=row["bound"], count_min=row["value"], count_max=row["value"])
        if share is not None:
            out.update(share_pct=share["value"], share_bound=share["bound"], share_decimals=share["decimals"])
        return out
    out.update(share_pct=row["value"], share_bound=row["bound"], share_decimals=row["decimals"])
    fits = counts[(counts["fact_key"] == key) & (counts["n_candidates"] > 0)]
    if len(fits):
        out.update(count_min=fits["count_min"].min(), count_max=fits["count_max"].max())
    if f"min_count_{key}" in derived.index:
        out.update(count=derived.loc[f"min_count_{key}", "value"], count_bound="ge")
    return out


def comparability(a: pd.Series, b: pd.Series, head_a: pd.Series, head_b: pd.Series) -> tuple[bool, str]:
    """Whether two years' figures for one measure can be compared, and the reason in English."""
    reasons = []
    if a["population"] != b["population"] or head_a["term_vi"] != head_b["term_vi"]:
        reasons.append(f"the groups are defined differently ({a['period']}: {head_a['gloss_en']}; "
                       f"{b['period']}: {head_b['gloss_en']})")
    if a["term_vi"] != b["term_vi"]:
        reasons.append(f"the measure is worded differently («{a['term_vi']}» / «{b['term_vi']}»)")
    if a["unit"] != b["unit"]:
        reasons.append(f"{a['period']} gives a {'count' if a['unit'] != 'percent' else 'percentage'} and "
                       f"{b['period']} a {'count' if b['unit'] != 'percent' else 'percentage'}")
    if reasons:
        return False, "Not comparable: " + "; ".join(reasons) + "."
    return True, "Same population, same wording, same unit."


def profile_table(facts: pd.DataFrame, derived: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """One row per profile measure and year (columns ``PROFILE_COLUMNS``), headcounts last; empty without a profile.

    A measure reported in one of several years gets a 'not reported' row for the others. ``change_pp``
    (percentage points, later minus earlier) is filled only where the two years are comparable.
    """
    years = profile_years(facts)
    heads = {p: facts[(facts["topic"] == "profile") & (facts["measure"] == HEADCOUNT) & (facts["period"] == p)].iloc[0]
             for p in years}
    for period, head in heads.items():
        head.name = facts.index[(facts["topic"] == "profile") & (facts["measure"] == HEADCOUNT)
                                & (facts["period"] == period)][0]
    profile = facts[(facts["topic"] == "profile") & facts["period"].isin(years) & (facts["relation"] != "change")]
    measures = [m for m in dict.fromkeys(profile["measure"]) if m != HEADCOUNT] + [HEADCOUNT]
    rows = [profile_row(facts, derived, counts, m, p, heads[p]) for m in measures for p in years]
    frame = pd.DataFrame(rows, columns=list(PROFILE_COLUMNS))
    for measure in measures:
        reported = frame[(frame["measure"] == measure) & (frame["status"] == "reported")]
        if len(reported) < 2:
            continue
        first, last = reported.index[0], reported.index[-1]
        a, b = facts.loc[reported.loc[first, "source_key"]], facts.loc[reported.loc[last, "source_key"]]
        same, note = comparability(a, b, heads[a["period"]], heads[b["period"]])
        frame.loc[reported.index, ["comparable", "comparability_note"]] = [same, note]
        exact = reported["share_bound"].eq("eq").all() and reported["share_pct"].notna().all()
        if same and exact and measure != HEADCOUNT:
            frame.loc[last, "change_pp"] = frame.loc[last, "share_pct"] - frame.loc[first, "share_pct"]
    return frame
