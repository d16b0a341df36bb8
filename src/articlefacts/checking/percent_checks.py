"""The audit's checks of percentages: each within 0–100, a bounded share within its whole, the whole counts an
exact share of an exact count can stand for under each rounding rule, a percentage printed beside a count
against that count over its whole, and a share of a whole the article does not print (a note).

Rounding: a printed share is flagged only when no whole count fits it under the usual half-up rounding; one that
fits only when truncated gets a note.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pandas as pd

from articlefacts.checking.check_rows import check_row, shown
from articlefacts.checking.derive import derived_for
from articlefacts.i18n import number
from articlefacts.vocab import ROUNDING_RULES, is_count

RULE_NAMES = {"half_up": "rounded half up", "truncate": "truncated"}


def printed_percent(count: int, whole: int, decimals: int, rule: str) -> Fraction:
    """count/whole as a percentage printed with ``decimals`` places under ``rule``."""
    scaled = Fraction(100 * count, whole) * 10**decimals
    printed = math.floor(scaled + Fraction(1, 2)) if rule == "half_up" else math.floor(scaled)
    return Fraction(printed, 10**decimals)


def percent_counts(facts: pd.DataFrame) -> pd.DataFrame:
    """For each exact share of an exact count: the whole counts it can stand for, per rounding rule.

    One row per share and rule: fact_key, percent, decimals, denominator_key, denominator, rule, n_candidates,
    count_min, count_max, candidates, nearest. An article without such a share gives an empty table.
    """
    rows = []
    shares = facts[(facts["relation"] == "share") & (facts["bound"] == "eq") & facts["parent_key"].ne("")]
    for key, row in shares.iterrows():
        parent = facts.loc[row["parent_key"]]
        if not is_count(parent["unit"]) or parent["bound"] != "eq":
            continue
        whole, percent, decimals = int(parent["value"]), Fraction(str(row["value"])), int(row["decimals"])
        for rule in ROUNDING_RULES:
            hits = [c for c in range(whole + 1) if printed_percent(c, whole, decimals, rule) == percent]
            low = math.floor(percent * whole / 100)
            nearest = "" if hits else "; ".join(
                f"{c} → {float(printed_percent(c, whole, decimals, rule)):.{decimals}f}%" for c in (low, low + 1))
            rows.append({"fact_key": key, "percent": row["value"], "decimals": decimals,
                         "denominator_key": row["parent_key"], "denominator": whole, "rule": rule,
                         "n_candidates": len(hits), "count_min": min(hits) if hits else pd.NA,
                         "count_max": max(hits) if hits else pd.NA, "candidates": ";".join(map(str, hits)),
                         "nearest": nearest})
    columns = ["fact_key", "percent", "decimals", "denominator_key", "denominator", "rule", "n_candidates",
               "count_min", "count_max", "candidates", "nearest"]
    return pd.DataFrame(rows, columns=columns).astype({"count_min": "Int64", "count_max": "Int64"})


def whole_rule(counts: pd.DataFrame, fact_key: str) -> str:
    """The one rounding rule (of :data:`~articlefacts.vocab.ROUNDING_RULES`) under which every exact share of
    the same whole as ``fact_key`` is turned into people, so that one chart never mixes two rules.

    In: ``counts`` from :func:`percent_counts`. The rule is the first of half_up, truncate under which every
    share of that whole fits some whole count: 46% and 89.62% of 405 are read alike, both cut off (187–190
    and 363), since 89.62% fits no count rounded. When no rule fits them all, half_up, and a share no count
    fits under it gets none. half_up for a share ``counts`` does not hold.
    """
    mine = counts[counts["fact_key"] == fact_key]
    if mine.empty:
        return ROUNDING_RULES[0]
    same = counts[counts["denominator_key"] == mine["denominator_key"].iloc[0]]
    shares = same["fact_key"].nunique()
    fitting = same[same["n_candidates"] > 0].groupby("rule")["fact_key"].nunique()
    return next((rule for rule in ROUNDING_RULES if fitting.get(rule, 0) == shares), ROUNDING_RULES[0])


def printed_share_checks(facts: pd.DataFrame) -> list[dict]:
    """Each percentage printed beside a count against that count over its whole, rounded as printed; and each
    share whose whole the article does not print, said to be uncheckable (a note, not a failure)."""
    rows = []
    for key, row in facts[facts["relation"] == "printed_share"].iterrows():
        count = facts.loc[row["parent_key"]]
        if not count["parent_key"] or count["bound"] != "eq" or facts.loc[count["parent_key"], "bound"] != "eq":
            rows.append(check_row(f"printed_share:{key}", "printed_share", "note",
                                  f"{shown(row)} is printed beside {row['parent_key']} = {shown(count)}, whose "
                                  "whole is not printed exactly: the pair cannot be checked"))
            continue
        whole = int(facts.loc[count["parent_key"], "value"])
        fits = {rule: printed_percent(int(count["value"]), whole, int(row["decimals"]), rule)
                for rule in ROUNDING_RULES}
        printed = Fraction(str(row["value"]))
        exact = f"{float(100 * Fraction(int(count['value']), whole)):.{int(row['decimals']) + 1}f}%"
        detail = (f"{row['parent_key']} = {shown(count)} of {count['parent_key']} = {number(whole, 'en')} is "
                  f"{exact}; printed {shown(row)}")
        status = "pass" if fits["half_up"] == printed else "note" if fits["truncate"] == printed else "flag"
        detail += {"pass": ", which agrees (rounded half up)", "note": ", which agrees only if truncated",
                   "flag": f", which disagrees: rounded as printed it is "
                           f"{float(fits['half_up']):.{int(row['decimals'])}f}%"}[status]
        rows.append(check_row(f"printed_share:{key}", "printed_share", status, detail))
    unprinted = facts[(facts["relation"] == "share") & facts["parent_key"].eq("")]
    for (whole_vi, whole_en), group in unprinted.groupby(["whole_vi", "whole_en"], sort=False):  # once per whole
        listed = ", ".join(f"{shown(r)} ({r['period']})" for _, r in group.iterrows())
        rows.append(check_row(f"whole:{group.index[0]}", "whole", "note",
                              f"{listed} {'is a share' if len(group) == 1 else 'are shares'} of «{whole_vi}» "
                              f"({whole_en}), which the article does not print: no count is derived from "
                              f"{'it' if len(group) == 1 else 'them'}, and none can be checked"))
    return rows


def share_checks(facts: pd.DataFrame, derived: pd.DataFrame, counts: pd.DataFrame) -> list[dict]:
    """Range of every percentage, bounded shares against their whole, and the whole counts behind each share."""
    rows = []
    for key, row in facts[facts["relation"].isin(("share", "printed_share"))].iterrows():
        ok = 0 <= row["value"] <= 100
        rows.append(check_row(f"range:{key}", "range", "pass" if ok else "fail",
                              f"{shown(row)} lies {'within' if ok else 'outside'} 0–100%"))
        fewest = derived_for(derived, "min_count", key)
        if fewest is not None:
            least, whole = fewest["value"], facts.loc[row["parent_key"], "value"]
            rows.append(check_row(
                f"bound:{key}", "bound", "pass" if least <= whole else "fail",
                f"'{shown(row)}' of {row['parent_key']} = {whole:g}: at least {least:g} "
                f"{facts.loc[row['parent_key'], 'unit']}"
                f", read as a share of all {whole:g}" + (f" ({row['note']})" if row["note"] else "")))
    for key, group in counts.groupby("fact_key", sort=False):
        by_rule = group.set_index("rule")
        half, trunc = by_rule.loc["half_up"], by_rule.loc["truncate"]
        status = ("pass" if half["n_candidates"] and trunc["n_candidates"]
                  else "note" if half["n_candidates"] else "flag")
        detail = "; ".join(
            f"{RULE_NAMES[rule]}: "
            + (f"{r['candidates'].replace(';', ', ')} of {r['denominator']}" if r["n_candidates"]
               else f"no whole number of {r['denominator']} (nearest {r['nearest']})")
            for rule, r in by_rule.iterrows())
        places = int(group["decimals"].iloc[0])
        rows.append(check_row(f"whole_count:{key}", "whole_count", status,
                              f"{group['percent'].iloc[0]:g}% of {number(group['denominator'].iloc[0], 'en')} "
                              f"printed to {places} decimal{'' if places == 1 else 's'}; {detail}"))
    return rows
