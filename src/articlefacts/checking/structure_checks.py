"""The audit's checks of how facts relate: a part or subset within its parent, the parts of a split against the
whole, and a measure two profile years report compared only when population and wording agree."""

from __future__ import annotations

import pandas as pd

from articlefacts.checking.check_rows import check_row, shown
from articlefacts.checking.intervals import count_interval, interval
from articlefacts.vocab import HEADCOUNT, NOT_LEVELS, is_count


def relation_checks(facts: pd.DataFrame) -> list[dict]:
    """Each counted part or subset against its parent, and each split's parts (counts, or shares of the whole
    printed as parts) against the whole. Parts whose total the article does not print have nothing to add up to."""
    rows = []
    counted = facts[facts["unit"].map(is_count) & facts["relation"].isin(("part", "subset"))
                    & facts["parent_key"].ne("")]
    for key, row in counted.iterrows():
        parent = facts.loc[row["parent_key"]]
        ok = interval(row["value"], row["bound"], row["unit"])[0] <= interval(parent["value"], parent["bound"],
                                                                              parent["unit"])[1]
        rows.append(check_row(f"subset:{key}", "subset", "pass" if ok else "fail",
                              f"{key} = {shown(row)} {'fits within' if ok else 'exceeds'} {row['parent_key']} = "
                              f"{shown(parent)}"))
    in_splits = facts[facts["split"].ne("") & facts["parent_key"].ne("")]
    for (parent_key, split), parts in in_splits.groupby(["parent_key", "split"], sort=False):
        parent = facts.loc[parent_key]
        spans = [count_interval(r, facts) for _, r in parts.iterrows()]
        low, high = sum(s[0] for s in spans), sum(s[1] for s in spans)
        p_low, p_high = interval(parent["value"], parent["bound"], parent["unit"])
        printed = [shown(r) + (f" (of {parent['value']:g}: {s[0]:g}" + (" or more" if r["bound"] != "eq" else
                                                                           "" if s[0] == s[1] else f"–{s[1]:g}") + ")"
                               if r["unit"] == "percent" else "")
                   for (_, r), s in zip(parts.iterrows(), spans, strict=True)]
        detail = (f"{' + '.join(parts.index)} = {' + '.join(printed)}"
                  + (f" = {low:g}{'' if low == high else ' or more'}" if len(parts) > 1 else ", the one part given")
                  + f"; {parent_key} = {shown(parent)}")
        if low > p_high:
            status = "fail"
        elif high < p_low:
            status, detail = "note", detail + "; the parts do not cover the whole, the rest is derived"
        else:
            status = "pass"
            if parent["bound"] != "eq":
                detail += f"; {low:g} is consistent with '{shown(parent)}'"
        rows.append(check_row(f"sum:{parent_key}:{split}", "parts_sum", status, detail))
    return rows


def comparability_checks(facts: pd.DataFrame) -> list[dict]:
    """For each measure two profile years report: same population, same wording? Else a flag. (A count in one
    year and a percentage in the other compare as shares of each year's headcount.)"""
    rows = []
    profile = facts[(facts["topic"] == "profile") & ~facts["relation"].isin(NOT_LEVELS)]
    heads = profile[profile["measure"] == HEADCOUNT].sort_values("period")
    for measure, group in profile.groupby("measure", sort=False):
        if group["period"].nunique() < 2:
            continue
        group = group.sort_values("period")
        a, b = group.iloc[0], group.iloc[-1]
        reasons = []
        if measure == HEADCOUNT:
            if a["term_vi"] != b["term_vi"] or a["population"] != b["population"]:
                reasons.append(f"{a['period']}: {a['value']:g} {a['gloss_en']} («{a['term_vi']}»); "
                               f"{b['period']}: {b['value']:g} {b['gloss_en']} («{b['term_vi']}»)")
        else:
            if a["population"] != b["population"]:
                reasons.append(f"population differs ({a['population']} / {b['population']})")
            if a["term_vi"] != b["term_vi"]:
                reasons.append(f"wording differs («{a['term_vi']}» / «{b['term_vi']}»)")
        rows.append(check_row(f"comparability:{measure}", "comparability", "flag" if reasons else "pass",
                              "; ".join(reasons) or "same measure and population"))
    if len(heads) < 2:
        rows = rows or []
    return rows
