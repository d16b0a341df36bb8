"""The qualification profiles the article gives, one row per measure and year, with what can be compared.

A change is shown only where two years measure the same population in the same way (same population,
same words; a count and a percentage compare as shares). Otherwise the rows stand side by side with the
reason they cannot be compared.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd

from articlefacts.checking.audit import printed_percent
from articlefacts.vocab import COUNT_UNITS, HEADCOUNT, NOT_LEVELS

PROFILE_COLUMNS = ("measure", "period", "status", "source_key", "parent_key", "split", "reported_as", "count",
                   "count_bound", "count_status", "share_pct", "share_bound", "share_decimals", "share_status",
                   "share_key", "share_computed", "share_max", "count_min", "count_max", "count_rule", "headcount_key",
                   "headcount",
                   "comparable", "change_pp", "comparability_note")


def printed_shares(facts: pd.DataFrame) -> dict[str, str]:
    """count key → key of the percentage the article prints beside that count (relation ``printed_share``)."""
    pairs = facts[facts["relation"] == "printed_share"]
    return dict(zip(pairs["parent_key"], pairs.index, strict=True))


def profile_facts(facts: pd.DataFrame) -> pd.DataFrame:
    """The facts a profile row can stand on: topic profile, a level (not a change), of a printed whole (a share
    whose whole is not printed has no headcount to stand on), and not a percentage printed beside its count
    (that one is shown on its count's row)."""
    return facts[(facts["topic"] == "profile") & ~facts["relation"].isin((*NOT_LEVELS, "printed_share"))
                 & ~((facts["relation"] == "share") & facts["parent_key"].eq(""))]


def headcounts(facts: pd.DataFrame) -> pd.DataFrame:
    """The facts that count a profile year's population: topic profile, measure headcount, a level (a change of
    the headcount, «giảm 21 người», is not one)."""
    return facts[(facts["topic"] == "profile") & (facts["measure"] == HEADCOUNT)
                 & ~facts["relation"].isin(NOT_LEVELS)]


def profile_years(facts: pd.DataFrame) -> list[str]:
    """The periods that have a profile headcount, earliest first (none, one or more)."""
    return sorted(headcounts(facts)["period"].unique())


def profile_row(rows, facts, derived, counts, measure, head) -> dict:
    """One measure of one population (``head``, its headcount fact): count and share as reported or derived, with
    bounds and whole-count range, from the first of ``rows`` (that population's facts of the measure)."""
    period = head["period"]
    base = {"measure": measure, "period": period, "headcount_key": head.name, "headcount": head["value"],
            "comparable": pd.NA, "change_pp": pd.NA, "comparability_note": ""}
    if rows.empty:
        return {**base, "status": "not reported", "source_key": "", "parent_key": "", "split": "", "reported_as": ""}
    key, row = rows.index[0], rows.iloc[0]
    out = {**base, "status": "reported", "source_key": key, "parent_key": row["parent_key"], "split": row["split"],
           "reported_as": row["unit"]}
    if measure == HEADCOUNT:
        return {**out, "count": row["value"], "count_bound": row["bound"], "count_status": "printed"}
    if row["unit"] in COUNT_UNITS:
        out.update(count=row["value"], count_bound=row["bound"], count_status="printed", count_min=row["value"],
                   count_max=row["value"])
        printed = printed_shares(facts).get(key)
        share = derived.loc[f"share_{key}"] if f"share_{key}" in derived.index else None
        if printed:
            pct = facts.loc[printed]
            out.update(share_pct=pct["value"], share_bound=pct["bound"], share_decimals=pct["decimals"],
                       share_status="printed", share_key=printed)
            if share is not None and pct["bound"] == "eq":
                computed = printed_percent(int(row["value"]), int(facts.loc[row["parent_key"], "value"]),
                                           int(pct["decimals"]), "half_up")
                if computed != Fraction(str(pct["value"])):
                    out.update(share_computed=float(computed))
        elif share is not None:
            out.update(share_pct=share["value"], share_bound=share["bound"], share_decimals=share["decimals"],
                       share_status="derived", share_key=f"share_{key}")
        return out
    out.update(share_pct=row["value"], share_bound=row["bound"], share_decimals=row["decimals"],
               share_status="printed", share_key=key)
    fits = counts[(counts["fact_key"] == key) & (counts["n_candidates"] > 0)]
    fits = fits[fits["rule"] == "half_up"] if (fits["rule"] == "half_up").any() else fits
    if len(fits):
        out.update(count_min=fits["count_min"].min(), count_max=fits["count_max"].max(), count_status="inferred",
                   count_rule=fits["rule"].iloc[0])
    if f"min_count_{key}" in derived.index:
        out.update(count=derived.loc[f"min_count_{key}", "value"], count_bound="ge", count_status="inferred")
    if f"max_count_{key}" in derived.index:
        out.update(count_max=derived.loc[f"max_count_{key}", "value"],
                   share_max=derived.loc[f"max_share_{key}", "value"])
    return out


def comparability(a: pd.Series, b: pd.Series, head_a: pd.Series, head_b: pd.Series) -> tuple[bool, str]:
    """Whether two years' figures for one measure can be compared, and the reason in English: the groups must be
    defined alike and the measure worded alike. A count in one year and a percentage in the other is not a
    reason: the count is turned into a share of its year's headcount."""
    reasons = []
    if a["population"] != b["population"] or head_a["term_vi"] != head_b["term_vi"]:
        reasons.append(f"the groups are defined differently ({a['period']}: {head_a['gloss_en']}; "
                       f"{b['period']}: {head_b['gloss_en']})")
    if a["term_vi"] != b["term_vi"]:
        reasons.append(f"the measure is worded differently («{a['term_vi']}» / «{b['term_vi']}»)")
    if reasons:
        return False, "Not comparable: " + "; ".join(reasons) + "."
    return True, "Same population, same wording."


def population_of(facts: pd.DataFrame, key: str) -> str:
    """The headcount fact a profile fact counts within: the first headcount up its ``parent_key`` chain (a part
    of the 1.348 cadres belongs to the cadres, not to the 1.172 civil servants of the same year); a fact with no
    headcount above it belongs to the first headcount of its period ('' when the period has none)."""
    heads = headcounts(facts)
    seen, at = set(), key
    while at and at in facts.index and at not in seen:
        if at in heads.index:
            return at
        seen.add(at)
        at = facts.loc[at, "parent_key"]
    same = heads[heads["period"] == facts.loc[key, "period"]]
    return same.index[0] if len(same) else ""


def populations(facts: pd.DataFrame) -> list[str]:
    """The headcount keys of every profile population, earliest period first, in the facts file's order within a
    period: one per year, or several when one year counts several populations (cadres and civil servants)."""
    heads = headcounts(facts)
    return list(heads.assign(_order=range(len(heads))).sort_values(["period", "_order"]).index)


def profile_table(facts: pd.DataFrame, derived: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """One row per profile measure and population (columns ``PROFILE_COLUMNS``), headcounts last; empty without a
    profile. A population is a headcount (``headcount_key``); one year may count several, each with its own
    splits, and a fact belongs to the headcount above it (:func:`population_of`).

    A measure reported in one of several years gets a 'not reported' row for the others (a year with one
    population). ``change_pp`` (percentage points, later minus earlier) is filled only where two years, each
    with one population reporting the measure, are comparable; populations of one year are never compared.
    """
    heads = populations(facts)
    per_year = facts.loc[heads, "period"].value_counts() if heads else pd.Series(dtype=int)
    profile = profile_facts(facts)
    profile = profile[profile["period"].isin(set(facts.loc[heads, "period"]))]
    owner = {k: population_of(facts, k) for k in profile.index}
    measures = [m for m in dict.fromkeys(profile["measure"]) if m != HEADCOUNT] + [HEADCOUNT]
    rows = []
    for measure in measures:
        mine = profile[profile["measure"] == measure]
        for head in heads:
            own = mine[[owner[k] == head for k in mine.index]] if measure != HEADCOUNT else mine.loc[[head]]
            reported_elsewhere = len(mine) > 0 and per_year[facts.loc[head, "period"]] == 1
            if len(own) or reported_elsewhere:
                rows.append(profile_row(own, facts, derived, counts, measure, facts.loc[head]))
    frame = pd.DataFrame(rows, columns=list(PROFILE_COLUMNS))
    for measure in measures:
        reported = frame[(frame["measure"] == measure) & (frame["status"] == "reported")]
        if len(reported) < 2 or reported["period"].duplicated().any():
            continue
        first, last = reported.index[0], reported.index[-1]
        a, b = facts.loc[reported.loc[first, "source_key"]], facts.loc[reported.loc[last, "source_key"]]
        same, note = comparability(a, b, facts.loc[reported.loc[first, "headcount_key"]],
                                   facts.loc[reported.loc[last, "headcount_key"]])
        frame.loc[reported.index, ["comparable", "comparability_note"]] = [same, note]
        exact = reported["share_bound"].eq("eq").all() and reported["share_pct"].notna().all()
        if same and exact and measure != HEADCOUNT:
            frame.loc[last, "change_pp"] = frame.loc[last, "share_pct"] - frame.loc[first, "share_pct"]
    return frame
