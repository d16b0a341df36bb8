"""The qualification profiles the article gives, one row per measure and year, with what can be compared.

A change is shown only where two years measure the same population in the same way (same population,
same words; a count and a percentage compare as shares). Otherwise the rows stand side by side with the
reason they cannot be compared.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd

from articlefacts.checking.derive import derived_for
from articlefacts.checking.percent_checks import printed_percent, whole_rule
from articlefacts.vocab import HEADCOUNT, NOT_LEVELS, UNITS, is_count

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
    (that one is shown on its count's row); only people, communes, percentages and years: a count of other
    things (offices, job positions) or a duration («trong 9 tháng») is told on its own, never as a group of the
    population."""
    return facts[(facts["topic"] == "profile") & ~facts["relation"].isin((*NOT_LEVELS, "printed_share"))
                 & facts["unit"].isin(UNITS) & ~((facts["relation"] == "share") & facts["parent_key"].eq(""))]


def headcounts(facts: pd.DataFrame) -> pd.DataFrame:
    """The facts that count a profile year's population: topic profile, measure headcount, a level (a change of
    the headcount, «giảm 21 người», and a target are not)."""
    return facts[(facts["topic"] == "profile") & (facts["measure"] == HEADCOUNT)
                 & ~facts["relation"].isin(NOT_LEVELS)]


def profile_years(facts: pd.DataFrame) -> list[str]:
    """The periods that have a profile headcount, earliest first (none, one or more)."""
    return sorted(headcounts(facts)["period"].unique())


GRID_COLUMNS = ("measure", "period", "headcount_key", "headcount", "status", "source_key", "parent_key", "split",
                "reported_as")


def year_headcounts(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per profile population, earliest year first and in the facts file's order within a year (one year
    may count several populations, such as cadres and civil servants, each with its own headcount): ``period``,
    ``headcount_key`` (the fact that counts the population), ``headcount`` (its value, people), ``headcount_bound``,
    ``population`` and ``term_vi`` / ``gloss_en`` (who is counted, in the article's words and in English). In: the
    facts table (indexed by key). Empty without a profile."""
    levels = headcounts(facts).sort_values("period", kind="stable")
    return pd.DataFrame({"period": levels["period"], "headcount_key": levels.index, "headcount": levels["value"],
                         "headcount_bound": levels["bound"], "population": levels["population"],
                         "term_vi": levels["term_vi"], "gloss_en": levels["gloss_en"]}).reset_index(drop=True)


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


def measures_by_year(chosen: pd.DataFrame, heads: pd.DataFrame, facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """The years and populations side by side: one row per measure and profile population (columns
    :data:`GRID_COLUMNS`), measures in the article's order with the headcount last, populations as in ``heads``.

    In: ``chosen`` from :func:`profile_facts` (indexed by key), ``heads`` from :func:`year_headcounts` and the facts
    table (``facts``, indexed by key; ``chosen`` when not given) whose ``parent_key`` chains tie each fact to the
    population it counts within (:func:`population_of`). A measure a year of one population does not report gets a
    row with ``status`` 'not reported' and empty ``source_key``; a population's first fact of a measure is its row.
    Of a year that counts several populations, only the measures each reports are rows.
    """
    facts = chosen if facts is None else facts
    chosen = chosen[chosen["period"].isin(heads["period"])]
    owner = {k: population_of(facts, k) for k in chosen.index}
    per_year = heads["period"].value_counts()
    measures = [m for m in dict.fromkeys(chosen["measure"]) if m != HEADCOUNT] + [HEADCOUNT]
    rows = []
    for measure in measures:
        mine = chosen[chosen["measure"] == measure]
        for _, head in heads.iterrows():
            key = head["headcount_key"]
            found = mine.loc[[key]] if measure == HEADCOUNT else mine[[owner[k] == key for k in mine.index]]
            if found.empty and (mine.empty or per_year[head["period"]] > 1):
                continue
            row = {"measure": measure, "period": head["period"], "headcount_key": head["headcount_key"],
                   "headcount": head["headcount"], "status": "not reported", "source_key": "", "parent_key": "",
                   "split": "", "reported_as": ""}
            if len(found):
                fact = found.iloc[0]
                row |= {"status": "reported", "source_key": found.index[0], "parent_key": fact["parent_key"],
                        "split": fact["split"], "reported_as": fact["unit"]}
            rows.append(row)
    return pd.DataFrame(rows, columns=list(GRID_COLUMNS))


def row_values(row: pd.Series, facts: pd.DataFrame, derived: pd.DataFrame, counts: pd.DataFrame) -> dict:
    """The count and share columns of one reported row of :func:`measures_by_year` (see :func:`add_values`)."""
    key, fact = row["source_key"], facts.loc[row["source_key"]]
    if row["measure"] == HEADCOUNT:
        return {"count": fact["value"], "count_bound": fact["bound"], "count_status": "printed"}
    if is_count(fact["unit"]):
        out = {"count": fact["value"], "count_bound": fact["bound"], "count_status": "printed",
               "count_min": fact["value"], "count_max": fact["value"]}
        printed = printed_shares(facts).get(key)
        share = derived_for(derived, "share", key)
        if printed:
            pct = facts.loc[printed]
            out |= {"share_pct": pct["value"], "share_bound": pct["bound"], "share_decimals": pct["decimals"],
                    "share_status": "printed", "share_key": printed}
            if share is not None and pct["bound"] == "eq":
                computed = printed_percent(int(fact["value"]), int(facts.loc[fact["parent_key"], "value"]),
                                           int(pct["decimals"]), "half_up")
                if computed != Fraction(str(pct["value"])):
                    out["share_computed"] = float(computed)
        elif share is not None:
            out |= {"share_pct": share["value"], "share_bound": share["bound"], "share_decimals": share["decimals"],
                    "share_status": "derived", "share_key": share.name}
        most, top = derived_for(derived, "max_count", key), derived_for(derived, "max_share", key)
        if most is not None and top is not None:  # «hơn 200» beside the split's other parts: drawn only that far
            out |= {"count_max": most["value"], "share_max": top["value"]}
        return out
    out = {"share_pct": fact["value"], "share_bound": fact["bound"], "share_decimals": fact["decimals"],
           "share_status": "printed", "share_key": key}
    rule = whole_rule(counts, key)
    fits = counts[(counts["fact_key"] == key) & (counts["n_candidates"] > 0) & (counts["rule"] == rule)]
    if len(fits):
        out |= {"count_min": fits["count_min"].min(), "count_max": fits["count_max"].max(),
                "count_status": "inferred", "count_rule": fits["rule"].iloc[0]}
    fewest, most = derived_for(derived, "min_count", key), derived_for(derived, "max_count", key)
    if fewest is not None:
        out |= {"count": fewest["value"], "count_min": fewest["value"], "count_bound": "ge",
                "count_status": "inferred"}
    top = derived_for(derived, "max_share", key)
    if most is not None and top is not None:  # no share limit under a bounded whole
        out |= {"count_max": most["value"], "share_max": top["value"]}
    return out


VALUE_COLUMNS = ("count", "count_bound", "count_status", "share_pct", "share_bound", "share_decimals", "share_status",
                 "share_key", "share_computed", "share_max", "count_min", "count_max", "count_rule")


def add_values(grid: pd.DataFrame, facts: pd.DataFrame, derived: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """``grid`` (from :func:`measures_by_year`) with the count and share of each reported row (:data:`VALUE_COLUMNS`).

    ``count`` (people) and ``share_pct`` (percent) as the article prints them (``*_status`` 'printed'), or derived
    from the derived table (found by relation, :func:`~articlefacts.checking.derive.derived_for`): a count's share
    of its whole ('derived', ``share_key`` naming the derived row), the whole counts a printed share fits
    (``count_min``/``count_max``, ``count_status`` 'inferred', ``count_rule`` half_up or truncate, from ``counts``,
    the percent_counts table), the fewest people «hơn X%» stands for and the most it can be (``share_max``). A
    printed share beside its count that the count does not give when rounded half up keeps the share the count
    gives in ``share_computed``. Bounds are in ``*_bound`` (:data:`~articlefacts.vocab.BOUNDS`).
    """
    values = [row_values(r, facts, derived, counts) if r["status"] == "reported" else {} for _, r in grid.iterrows()]
    return pd.concat([grid, pd.DataFrame(values, index=grid.index, columns=list(VALUE_COLUMNS))], axis=1)


def comparability(a: pd.Series, b: pd.Series, head_a: pd.Series, head_b: pd.Series) -> tuple[bool, str]:
    """Whether two years' figures for one measure can be compared, and the reason in English: the groups must be
    defined alike and the measure worded alike. A count in one year and a percentage in the other is not a
    reason: the count is turned into a share of its year's headcount."""
    reasons = []
    if not same_groups(a, b, head_a, head_b):
        reasons.append(f"the groups are defined differently ({a['period']}: {head_a['gloss_en']}; "
                       f"{b['period']}: {head_b['gloss_en']})")
    if a["term_vi"] != b["term_vi"]:
        reasons.append(f"the measure is worded differently («{a['term_vi']}» / «{b['term_vi']}»)")
    if reasons:
        return False, "Not comparable: " + "; ".join(reasons) + "."
    return True, "Same population, same wording."


def same_groups(a: pd.Series, b: pd.Series, head_a: pd.Series, head_b: pd.Series) -> bool:
    """Whether two years' facts count the same group: same population, and headcounts in the same words."""
    return a["population"] == b["population"] and head_a["term_vi"] == head_b["term_vi"]


def add_comparability(values: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """``values`` (from :func:`add_values`) with what can be compared, for each measure two or more years report:
    ``same_groups`` (same population, headcounts in the same words), ``same_words`` (the measure in the same
    words), ``comparable`` (both), ``comparability_note`` (the reasons, in English) and ``change_pp`` (percentage
    points, last year minus first, only where comparable and both shares exact; never for the headcount). Rows of
    a measure only one year reports keep these empty. In: the facts table, indexed by key."""
    frame = values.assign(same_groups=pd.NA, same_words=pd.NA, comparable=pd.NA, change_pp=pd.NA,
                          comparability_note="")
    for measure, reported in frame[frame["status"] == "reported"].groupby("measure", sort=False):
        if len(reported) < 2 or reported["period"].duplicated().any():  # populations of one year: never compared
            continue
        first, last = reported.index[0], reported.index[-1]
        a, b = facts.loc[reported.loc[first, "source_key"]], facts.loc[reported.loc[last, "source_key"]]
        head_a, head_b = facts.loc[reported.loc[first, "headcount_key"]], facts.loc[reported.loc[last, "headcount_key"]]
        same, note = comparability(a, b, head_a, head_b)
        frame.loc[reported.index, ["same_groups", "same_words", "comparable", "comparability_note"]] = [
            same_groups(a, b, head_a, head_b), a["term_vi"] == b["term_vi"], same, note]
        exact = reported["share_bound"].eq("eq").all() and reported["share_pct"].notna().all()
        if same and exact and measure != HEADCOUNT:
            frame.loc[last, "change_pp"] = frame.loc[last, "share_pct"] - frame.loc[first, "share_pct"]
    return frame


def profile_table(facts: pd.DataFrame, derived: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """One row per profile measure and population (columns ``PROFILE_COLUMNS``), headcounts last; empty without a
    profile. A population is a headcount (``headcount_key``); one year may count several, each with its own splits,
    and a fact belongs to the headcount above it (:func:`population_of`).

    The steps notebook 02 shows one by one: :func:`profile_facts`, :func:`year_headcounts`,
    :func:`measures_by_year`, :func:`add_values`, :func:`add_comparability`. A measure reported in one of several
    years gets a 'not reported' row for the others (a year with one population). ``change_pp`` (percentage points,
    later minus earlier) is filled only where two years, each with one population reporting the measure, are
    comparable; populations of one year are never compared.
    """
    grid = measures_by_year(profile_facts(facts), year_headcounts(facts), facts)
    return add_comparability(add_values(grid, facts, derived, counts), facts)[list(PROFILE_COLUMNS)]
