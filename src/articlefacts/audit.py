"""Derived values (each with its formula) and the consistency checks run over the facts."""

from __future__ import annotations

import math
import re
from fractions import Fraction

import pandas as pd

COUNT_UNITS = ("people", "communes")
# Measures whose groups cannot overlap: nobody both left school unfinished and completed it.
EXCLUSIVE_MEASURES = (("incomplete_schooling", "upper_secondary"),)
# Measures that add up to "holds a diploma" when the article lists them side by side.
DIPLOMA_MEASURES = ("university_degree", "professional_secondary")
ROUNDING_RULES = ("half_up", "truncate")
RULE_NAMES = {"half_up": "rounded half up", "truncate": "truncated"}


def fact(facts: pd.DataFrame, key: str) -> pd.Series:
    """The row of the facts table with this key."""
    return facts.set_index("key").loc[key]


def derived_row(key, value, unit, formula, inputs, period, description) -> dict:
    """One row of the derived table."""
    return {"key": key, "value": round(float(value), 4), "unit": unit, "formula": formula,
            "inputs": ";".join(inputs), "period": period, "description": description}


def derive_values(facts: pd.DataFrame) -> pd.DataFrame:
    """Shares, rests, sums and bounds implied by the facts, each with its formula and inputs."""
    rows = []
    values = dict(zip(facts["key"], facts["value"], strict=True))
    counts = facts[facts["unit"].isin(COUNT_UNITS)]
    for _, row in counts[counts["parent_key"] != ""].iterrows():
        parent = row["parent_key"]
        rows.append(derived_row(
            f"share_{row['key']}", 100 * row["value"] / values[parent], "percent",
            f"{row['key']} / {parent} × 100", [row["key"], parent], row["period"],
            f"{row['gloss_en']}, as a share of {fact(facts, parent)['gloss_en']}"))
    for (parent, split), parts in counts[counts["split"] != ""].groupby(["parent_key", "split"], sort=False):
        rest = values[parent] - parts["value"].sum()
        if len(parts) == 1 and rest > 0:
            keys = parts["key"].tolist()
            rows.append(derived_row(
                f"rest_{split}", rest, parts["unit"].iloc[0], f"{parent} − {keys[0]}",
                [parent, *keys], parts["period"].iloc[0],
                f"{fact(facts, parent)['gloss_en']}: not reported as '{parts['gloss_en'].iloc[0]}'"))
            rows.append(derived_row(
                f"share_rest_{split}", 100 * rest / values[parent], "percent",
                f"rest_{split} / {parent} × 100", [f"rest_{split}", parent], parts["period"].iloc[0],
                f"share not reported as '{parts['gloss_en'].iloc[0]}'"))
    for period, group in facts[facts["topic"] == "profile"].groupby("period", sort=False):
        diplomas = group[group["measure"].isin(DIPLOMA_MEASURES) & group["unit"].isin(COUNT_UNITS)]
        if len(diplomas) == len(DIPLOMA_MEASURES):
            keys = diplomas["key"].tolist()
            parent = diplomas["parent_key"].iloc[0]
            total = diplomas["value"].sum()
            rows.append(derived_row(
                f"diplomas_{period}", total, "people", " + ".join(keys), keys, period,
                "holders of a university degree or a professional secondary diploma "
                "(assumes nobody is counted in both)"))
            rows.append(derived_row(
                f"share_diplomas_{period}", 100 * total / values[parent], "percent",
                f"diplomas_{period} / {parent} × 100", [f"diplomas_{period}", parent], period,
                "diploma holders as a share of the headcount"))
        heads = group[group["measure"] == "headcount"]
        units = facts[(facts["measure"] == "communes") & (facts["period"] == period)]
        if len(heads) == 1 and len(units) == 1:
            head, unit = heads.iloc[0], units.iloc[0]
            rows.append(derived_row(
                f"per_commune_{period}", head["value"] / unit["value"], "people per commune",
                f"{head['key']} / {unit['key']}", [head["key"], unit["key"]], period,
                "average headcount per commune-level unit"))
    for _, row in facts[(facts["unit"] == "percent")].iterrows():
        parent = row["parent_key"]
        exact = row["value"] * values[parent] / 100
        if row["bound"] == "gt":
            rows.append(derived_row(
                f"min_count_{row['key']}", math.floor(exact) + 1, "people",
                f"⌊{row['key']} × {parent} / 100⌋ + 1", [row["key"], parent], row["period"],
                f"fewest people consistent with 'more than {row['token']}' of {parent}"))
        else:
            rows.append(derived_row(
                f"count_{row['key']}", exact, "people", f"{row['key']} × {parent} / 100",
                [row["key"], parent], row["period"],
                f"{row['gloss_en']}: unrounded count implied by the percentage"))
    return pd.DataFrame(rows)


def printed_percent(count: int, whole: int, decimals: int, rule: str) -> Fraction:
    """count/whole as a percentage printed with ``decimals`` places under ``rule``."""
    scaled = Fraction(100 * count, whole) * 10**decimals
    printed = math.floor(scaled + Fraction(1, 2)) if rule == "half_up" else math.floor(scaled)
    return Fraction(printed, 10**decimals)


def percent_counts(facts: pd.DataFrame) -> pd.DataFrame:
    """For each exact percentage: the whole counts of people it can stand for, per rounding rule."""
    values = dict(zip(facts["key"], facts["value"], strict=True))
    rows = []
    for _, row in facts[(facts["unit"] == "percent") & (facts["bound"] == "eq")].iterrows():
        whole = int(values[row["parent_key"]])
        percent = Fraction(str(row["value"]))
        decimals = int(row["decimals"])
        for rule in ROUNDING_RULES:
            hits = [c for c in range(whole + 1) if printed_percent(c, whole, decimals, rule) == percent]
            nearest = ""
            if not hits:
                low = math.floor(percent * whole / 100)
                nearest = "; ".join(
                    f"{c} → {float(printed_percent(c, whole, decimals, rule)):.{decimals}f}%"
                    for c in (low, low + 1))
            rows.append({
                "fact_key": row["key"], "percent": row["value"], "decimals": decimals,
                "denominator_key": row["parent_key"], "denominator": whole, "rule": rule,
                "n_candidates": len(hits),
                "count_min": min(hits) if hits else pd.NA, "count_max": max(hits) if hits else pd.NA,
                "candidates": ";".join(map(str, hits)), "nearest": nearest,
            })
    frame = pd.DataFrame(rows)
    return frame.astype({"count_min": "Int64", "count_max": "Int64"})


def check_row(check_id, kind, status, detail) -> dict:
    """One row of the checks table."""
    return {"check_id": check_id, "kind": kind, "status": status, "detail": detail}


def run_checks(facts, derived, counts, inventory, structure, meta) -> pd.DataFrame:
    """The consistency audit: one row per check, status pass / flag / fail, and a detail."""
    rows = []
    values = dict(zip(facts["key"], facts["value"], strict=True))
    unaccounted = inventory[inventory["status"] == "unaccounted"]
    rows.append(check_row(
        "inventory:coverage", "inventory", "fail" if len(unaccounted) else "pass",
        f"{len(inventory) - len(unaccounted)} of {len(inventory)} number tokens are a fact, not-data "
        "or a repeat" + (f"; unaccounted: {', '.join(unaccounted['token'])}" if len(unaccounted) else "")))
    repeats = structure[structure["part"] == "lead_repeat"]
    if len(repeats):
        n = int((inventory["part"] == "lead_repeat").sum())
        rows.append(check_row(
            "structure:lead_repeat", "structure", "pass",
            f"the lead is repeated as part {repeats['part_id'].iloc[0]}; its {n} number tokens are not counted again"))
    counts_only = facts[facts["unit"].isin(COUNT_UNITS)]
    for _, row in counts_only[counts_only["parent_key"] != ""].iterrows():
        parent = values[row["parent_key"]]
        ok = row["value"] <= parent
        rows.append(check_row(
            f"subset:{row['key']}", "subset", "pass" if ok else "fail",
            f"{row['key']} = {row['value']:g} {'≤' if ok else '>'} {row['parent_key']} = {parent:g}"))
    for (parent, split), parts in counts_only[counts_only["split"] != ""].groupby(["parent_key", "split"], sort=False):
        if len(parts) < 2:
            continue
        total, whole = parts["value"].sum(), values[parent]
        status = "pass" if total == whole else ("fail" if total > whole else "flag")
        rows.append(check_row(
            f"sum:{split}", "parts_sum", status,
            f"{' + '.join(parts['key'])} = {' + '.join(f'{v:g}' for v in parts['value'])} = {total:g}; "
            f"{parent} = {whole:g}"))
    for _, row in facts[facts["unit"] == "percent"].iterrows():
        ok = 0 <= row["value"] <= 100
        rows.append(check_row(f"range:{row['key']}", "range", "pass" if ok else "fail",
                              f"{row['token']} lies {'within' if ok else 'outside'} 0–100%"))
    rows += bound_checks(facts, derived, values)
    for key, group in counts.groupby("fact_key", sort=False):
        empty = group[group["n_candidates"] == 0]
        detail = "; ".join(
            f"{RULE_NAMES[r.rule]}: " + (f"{r.candidates.replace(';', ', ')} of {r.denominator}" if r.n_candidates
                             else f"no whole number of {r.denominator} (nearest {r.nearest})")
            for r in group.itertuples())
        rows.append(check_row(f"whole_count:{key}", "whole_count", "flag" if len(empty) else "pass",
                              f"{group['percent'].iloc[0]:g}% of {group['denominator'].iloc[0]} printed to "
                              f"{group['decimals'].iloc[0]} decimals; {detail}"))
    years = set(facts.loc[facts["unit"] == "year", "value"].astype(int)) | {int(meta["date"][:4])}
    for _, row in facts.iterrows():
        stated = {int(y) for y in re.findall(r"\d{4}", row["period"])}
        unknown = stated - years
        rows.append(check_row(
            f"period:{row['key']}", "period", "fail" if unknown or not stated else "pass",
            f"period '{row['period']}' " + (f"uses years the article does not give: {sorted(unknown)}"
                                            if unknown else "uses years from the article's facts or date")))
    rows += comparability_checks(facts)
    return pd.DataFrame(rows)


def bound_checks(facts, derived, values) -> list[dict]:
    """A bounded share ("hơn 80%") against the counts it must fit beside, under each reading."""
    rows = []
    lookup = dict(zip(derived["key"], derived["value"], strict=True))
    for _, row in facts[(facts["unit"] == "percent") & (facts["bound"] != "eq")].iterrows():
        whole = values[row["parent_key"]]
        least = lookup.get(f"min_count_{row['key']}")
        for measure, other in EXCLUSIVE_MEASURES:
            if row["measure"] != measure:
                continue
            peers = facts[(facts["measure"] == other) & (facts["period"] == row["period"])
                          & (facts["parent_key"] == row["parent_key"])]
            for _, peer in peers.iterrows():
                room = whole - peer["value"]
                ok = least <= room
                rows.append(check_row(
                    f"bound:{row['key']}:of_all", "bound", "pass" if ok else "fail",
                    f"reading '{row['token']} of all {whole:g}': at least {least:g} people; with "
                    f"{peer['key']} = {peer['value']:g}, at most {room:g} can remain "
                    f"({100 * least / whole:.1f}%–{100 * room / whole:.1f}% of {whole:g})"))
                rest_least = math.floor(row["value"] * room / 100) + 1
                rows.append(check_row(
                    f"bound:{row['key']}:of_rest", "bound", "pass",
                    f"reading '{row['token']} of the {room:g} remaining ({row['parent_key']} − "
                    f"{peer['key']})': at least {rest_least} people ({100 * rest_least / whole:.1f}% of {whole:g}); "
                    "the article does not say which reading it means"))
    return rows


def comparability_checks(facts) -> list[dict]:
    """A flag for each measure that two profile years report over different populations or words."""
    rows = []
    profile = facts[facts["topic"] == "profile"]
    heads = profile[profile["measure"] == "headcount"].sort_values("period")
    if len(heads) == 2:
        a, b = heads.iloc[0], heads.iloc[1]
        rows.append(check_row(
            "comparability:population", "comparability",
            "flag" if a["term_vi"] != b["term_vi"] else "pass",
            f"{a['period']}: {a['value']:g} {a['gloss_en']} («{a['term_vi']}»); "
            f"{b['period']}: {b['value']:g} {b['gloss_en']} («{b['term_vi']}»)"))
    for measure, group in profile[profile["measure"] != "headcount"].groupby("measure", sort=False):
        if group["period"].nunique() < 2:
            continue
        a, b = group.sort_values("period").iloc[0], group.sort_values("period").iloc[-1]
        reasons = []
        if a["population"] != b["population"]:
            reasons.append(f"population differs ({a['population']} / {b['population']})")
        if a["term_vi"] != b["term_vi"]:
            reasons.append(f"wording differs («{a['term_vi']}» / «{b['term_vi']}»)")
        if a["unit"] != b["unit"]:
            reasons.append(f"reported as {a['unit']} in {a['period']} and {b['unit']} in {b['period']}")
        rows.append(check_row(f"comparability:{measure}", "comparability",
                              "flag" if reasons else "pass", "; ".join(reasons) or "same measure and population"))
    return rows
