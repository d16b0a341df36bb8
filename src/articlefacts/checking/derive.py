"""Values derived from the facts, each with its formula over fact keys, and the precision it justifies.

Rules (docs/input-format.md gives the relations):
- a count that is a part or a subset of a count gets its share of that count;
- a split whose exact parts add up to less than its exact parent gets the rest;
- a parent with exactly one subset gets the rest of it (the others, not reported as in the subset);
- a percentage that is a share of a count gets the count it implies (unrounded; for «hơn», the fewest people);
- a bounded part of a split («hơn 80%») gets the most it can be, given the whole and the split's other parts
  (the seed: at most 230 − 24 = 206 people, 89.6%), so that no range is drawn wider than the facts allow;
- a percentage printed beside a count, or of a whole the article does not print, implies no count;
- a change is never turned into a count.
A derived share is printed to the fewest decimals at which one unit more changes it (:func:`share_decimals`);
a share that rests on a bound («hơn 1.800» of «hơn 3.500») gets none, since the bound says nothing finer.
"""

from __future__ import annotations

import math

import pandas as pd

from articlefacts.vocab import COUNT_UNITS

DERIVED_COLUMNS = ("key", "value", "bound", "decimals", "unit", "formula", "inputs", "period", "description")
FLIP = {"gt": "lt", "ge": "le", "lt": "gt", "le": "ge", "eq": "eq", "approx": "approx"}


def share_decimals(whole: float) -> int:
    """Decimals a share of ``whole`` people justifies: one person is 100/whole points, so 230 → 1, 23 → 0, 3050 → 2."""
    return max(0, math.ceil(math.log10(whole / 100))) if whole > 0 else 0


def combine_bounds(part: str, whole: str) -> str:
    """The bound of part/whole from the bounds of part and whole (exact over «hơn 11» is an upper bound)."""
    flipped = FLIP[whole]
    if part == "eq":
        return flipped
    if flipped in ("eq", part):
        return part
    return "approx"


def derived_row(key, value, bound, decimals, unit, formula, inputs, period, description) -> dict:
    """One row of the derived table (value rounded to ``decimals``, at most 4)."""
    return {"key": key, "value": round(float(value), min(decimals, 4)), "bound": bound, "decimals": decimals,
            "unit": unit, "formula": formula, "inputs": ";".join(inputs), "period": period,
            "description": description}


def share_rows(facts: pd.DataFrame) -> list[dict]:
    """Shares of every counted part or subset of a count."""
    rows = []
    counts = facts[facts["unit"].isin(COUNT_UNITS) & facts["relation"].isin(("part", "subset"))
                   & facts["parent_key"].ne("")]
    for key, row in counts.iterrows():
        parent = facts.loc[row["parent_key"]]
        if parent["unit"] not in COUNT_UNITS or parent["value"] == 0:
            continue
        bound = combine_bounds(row["bound"], parent["bound"])
        decimals = share_decimals(parent["value"]) if bound == "eq" else 0  # a bound justifies no decimals
        rows.append(derived_row(
            f"share_{key}", 100 * row["value"] / parent["value"], bound, decimals, "percent",
            f"{key} / {row['parent_key']} × 100", [key, row["parent_key"]], row["period"],
            f"{row['gloss_en']}: its share of the {parent['value']:,.0f} counted as '{parent['gloss_en']}'"
            + ("" if bound == "eq" else " (a bound: one of the two numbers is a bound)")))
    return rows


def rest_rows(facts: pd.DataFrame) -> list[dict]:
    """The rest of each split whose parts fall short of the parent, and of each parent's only subset."""
    rows = []
    exact = facts[facts["bound"].eq("eq") & facts["unit"].isin(COUNT_UNITS)]
    parts = exact[(exact["relation"] == "part") & exact["parent_key"].ne("")]
    shared = parts.groupby("split")["parent_key"].nunique()  # a split name each population uses for its own split
    for (parent_key, split), group in parts.groupby(["parent_key", "split"], sort=False):
        parent = facts.loc[parent_key]
        all_parts = facts[(facts["parent_key"] == parent_key) & (facts["split"] == split)]
        rest = parent["value"] - group["value"].sum()
        if parent["bound"] != "eq" or len(all_parts) != len(group) or rest <= 0:
            continue
        key = f"rest_{split}" if shared[split] == 1 else f"rest_{split}_{parent_key}"
        rows.append(derived_row(
            key, rest, "eq", 0, parent["unit"], f"{parent_key} − " + " − ".join(group.index),
            [parent_key, *group.index], parent["period"],
            f"the others of the {parent['value']:,.0f} counted as '{parent['gloss_en']}': in none of the parts the "
            f"article gives for the split '{split}'"))
    subsets = facts[facts["relation"] == "subset"]
    for parent_key, group in subsets.groupby("parent_key", sort=False):
        row = group.iloc[0]
        parent = facts.loc[parent_key]
        if len(group) != 1 or row["bound"] != "eq" or parent["bound"] != "eq" or parent["unit"] != row["unit"]:
            continue
        key = group.index[0]
        rows.append(derived_row(
            f"rest_{key}", parent["value"] - row["value"], "eq", 0, row["unit"], f"{parent_key} − {key}",
            [parent_key, key], row["period"],
            f"the others of the {parent['value']:,.0f} counted as '{parent['gloss_en']}': not reported as "
            f"'{row['gloss_en']}'"))
    return rows


def implied_count_rows(facts: pd.DataFrame) -> list[dict]:
    """The count each share of a count implies (people), with the reading of a bounded share stated."""
    rows = []
    for key, row in facts[(facts["relation"] == "share") & facts["parent_key"].ne("")].iterrows():
        parent = facts.loc[row["parent_key"]]
        if parent["unit"] not in COUNT_UNITS:
            continue
        exact = row["value"] * parent["value"] / 100
        bound = combine_bounds(row["bound"], FLIP[parent["bound"]])
        if row["bound"] == "gt":
            rows.append(derived_row(
                f"min_count_{key}", math.floor(exact) + 1, "ge" if parent["bound"] == "eq" else "approx", 0,
                parent["unit"], f"⌊{key} × {row['parent_key']} / 100⌋ + 1", [key, row["parent_key"]], row["period"],
                f"fewest {parent['unit']} consistent with 'more than {row['token']}' of all {parent['value']:g} "
                f"({row['parent_key']})"))
        else:
            rows.append(derived_row(
                f"count_{key}", exact, bound, 4, parent["unit"], f"{key} × {row['parent_key']} / 100",
                [key, row["parent_key"]], row["period"],
                f"{row['gloss_en']}: the unrounded count the percentage implies"))
    return rows


def upper_limit_rows(facts: pd.DataFrame) -> list[dict]:
    """For each part of a split printed as «more than» or «at least» (a count or a share of the split's whole):
    the most it can be, the whole less the split's other parts, as a count and as a share of the whole.

    Only where the whole and every other part are exact. The seed's «hơn 80%» of 230 beside 24 who completed
    upper secondary gives ``max_count`` 206 (people) and ``max_share`` 89.6 (percent).
    """
    rows = []
    in_splits = facts[facts["split"].ne("") & facts["parent_key"].ne("") & facts["bound"].isin(("gt", "ge"))]
    for key, row in in_splits.iterrows():
        parent = facts.loc[row["parent_key"]]
        others = facts[(facts["split"] == row["split"]) & (facts.index != key)]
        if parent["bound"] != "eq" or parent["unit"] not in COUNT_UNITS or (others["bound"] != "eq").any():
            continue
        others_count = [o["value"] if o["unit"] != "percent" else o["value"] * parent["value"] / 100
                        for _, o in others.iterrows()]
        if any(c != int(c) for c in others_count):
            continue
        most = parent["value"] - sum(others_count)
        formula = f"{row['parent_key']} − " + " − ".join(others.index) if len(others) else row["parent_key"]
        described = f"at most: {row['gloss_en']}, given {row['parent_key']} and the other parts of '{row['split']}'"
        rows.append(derived_row(f"max_count_{key}", most, "le", 0, parent["unit"], formula,
                                [row["parent_key"], *others.index], row["period"], described))
        rows.append(derived_row(f"max_share_{key}", 100 * most / parent["value"], "le",
                                share_decimals(parent["value"]), "percent",
                                f"({formula}) / {row['parent_key']} × 100", [row["parent_key"], *others.index],
                                row["period"], described + ", as a share of the whole"))
    return rows


def derive_values(facts: pd.DataFrame) -> pd.DataFrame:
    """All derived values of ``facts`` (indexed by key); a frame indexed by ``key`` with DERIVED_COLUMNS."""
    rows = share_rows(facts) + rest_rows(facts) + implied_count_rows(facts) + upper_limit_rows(facts)
    return pd.DataFrame(rows, columns=list(DERIVED_COLUMNS)).set_index("key")
