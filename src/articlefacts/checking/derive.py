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
Each row names what it is by relation, not by its key: ``kind`` (one of :data:`~articlefacts.vocab.DERIVED_KINDS`)
and ``of_key``, the fact it is derived for (the part or subset whose share it is, the share whose count it
implies, the subset whose rest it is, the bounded part whose upper limit it is; for the rest of a split, the
split's parent, with the split named in ``split``). Find a value with :func:`derived_for`, never by
rebuilding its key.
A derived share is printed to the fewest decimals at which one unit more changes it (:func:`share_decimals`);
a share that rests on a bound («hơn 1.800» of «hơn 3.500») gets none, since the bound says nothing finer, and
is rounded outward so that it stays true (:func:`bounded_share`): 353 of «gần 500» is at least 353/499 = 70.7%,
"more than 70%", never "more than 71%"; «dưới 150» of 1.200 is at most 149/1.200 = 12.4%, "fewer than 13%".
"""

from __future__ import annotations

import math

import pandas as pd

from articlefacts.i18n import t
from articlefacts.reading.numbers import qualifier_key
from articlefacts.vocab import is_count

DERIVED_COLUMNS = ("key", "kind", "of_key", "split", "value", "bound", "decimals", "unit", "formula", "inputs",
                   "period", "description")
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


def count_span(value: float, bound: str) -> tuple[float, float]:
    """The whole counts a count with a bound can be: «hơn 200» is [201, ∞), «gần 500» [0, 499]."""
    return {"eq": (value, value), "gt": (value + 1, math.inf), "ge": (value, math.inf), "lt": (0.0, value - 1),
            "le": (0.0, value), "approx": (value, value)}[bound]


def bounded_share(part: float, part_bound: str, whole: float, whole_bound: str) -> tuple[float, str, int]:
    """(value, bound, decimals) of the share part/whole × 100 of two counts, true whatever counts the bounds
    allow: a lower bound is the least share they allow, rounded down (and "at least" where it is reached
    exactly), to whole per cent, or to the fewest decimals that keep it above 0 (2 of «gần 500» is "more than
    0.4%", never "more than 0%"); an upper bound the greatest, rounded up; approximate counts give an
    approximate share.

    Exact counts give the exact share to :func:`share_decimals`. ``whole`` must be above 0.
    """
    bound = combine_bounds(part_bound, whole_bound)
    if bound == "eq":
        return 100 * part / whole, "eq", share_decimals(whole)
    (p_low, p_high), (w_low, w_high) = count_span(part, part_bound), count_span(whole, whole_bound)
    if bound in ("gt", "ge") and w_high < math.inf:
        least = 100 * p_low / w_high
        for decimals in range(4):
            shown = math.floor(least * 10**decimals) / 10**decimals
            if shown > 0:
                return shown, "ge" if bound == "gt" and shown == least else bound, decimals
    if bound in ("lt", "le") and w_low > 0 and p_high < math.inf:
        most = 100 * p_high / w_low
        shown = math.ceil(most)
        return shown, "le" if bound == "lt" and shown == most else bound, 0
    return round(100 * part / whole), "approx", 0


def derived_row(key, kind, of_key, value, bound, decimals, unit, formula, inputs, period, description,
                split="") -> dict:
    """One row of the derived table (value rounded to ``decimals``, at most 4)."""
    return {"key": key, "kind": kind, "of_key": of_key, "split": split, "value": round(float(value), min(decimals, 4)),
            "bound": bound, "decimals": decimals,
            "unit": unit, "formula": formula, "inputs": ";".join(inputs), "period": period,
            "description": description}


def share_rows(facts: pd.DataFrame) -> list[dict]:
    """Shares of every counted part or subset of a count."""
    rows = []
    counts = facts[facts["unit"].map(is_count) & facts["relation"].isin(("part", "subset"))
                   & facts["parent_key"].ne("")]
    for key, row in counts.iterrows():
        parent = facts.loc[row["parent_key"]]
        if not is_count(parent["unit"]) or parent["value"] == 0:
            continue
        value, bound, decimals = bounded_share(row["value"], row["bound"], parent["value"], parent["bound"])
        whole = t(qualifier_key(parent.get("qualifier", ""), parent["bound"]), "en", x=f"{parent['value']:,.0f}")
        rows.append(derived_row(
            f"share_{key}", "share", key, value, bound, decimals, "percent",
            f"{key} / {row['parent_key']} × 100", [key, row["parent_key"]], row["period"],
            f"{row['gloss_en']}: its share of the {whole} counted as '{parent['gloss_en']}'"
            + ("" if parent["period"] == row["period"] else f" (the count in {parent['period']})")
            + ("" if bound == "eq" else " (a bound: one of the two numbers is a bound)")))
    return rows


def rest_rows(facts: pd.DataFrame) -> list[dict]:
    """The rest of each split whose parts fall short of the parent, and of each parent's only subset."""
    rows = []
    exact = facts[facts["bound"].eq("eq") & facts["unit"].map(is_count)]
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
            key, "split_rest", parent_key, rest, "eq", 0, parent["unit"],
            f"{parent_key} − " + " − ".join(group.index), [parent_key, *group.index], parent["period"],
            f"the others of the {parent['value']:,.0f} counted as '{parent['gloss_en']}': in none of the parts the "
            f"article gives for the split '{split}'", split=split))
    subsets = facts[facts["relation"] == "subset"]
    for parent_key, group in subsets.groupby("parent_key", sort=False):
        row = group.iloc[0]
        parent = facts.loc[parent_key]
        if len(group) != 1 or row["bound"] != "eq" or parent["bound"] != "eq" or parent["unit"] != row["unit"]:
            continue
        key = group.index[0]
        rows.append(derived_row(
            f"rest_{key}", "subset_rest", key, parent["value"] - row["value"], "eq", 0, row["unit"],
            f"{parent_key} − {key}", [parent_key, key], row["period"],
            f"the others of the {parent['value']:,.0f} counted as '{parent['gloss_en']}': not reported as "
            f"'{row['gloss_en']}'"))
    return rows


def implied_count_rows(facts: pd.DataFrame) -> list[dict]:
    """The count each share of a count implies (people), with the reading of a bounded share stated."""
    rows = []
    for key, row in facts[(facts["relation"] == "share") & facts["parent_key"].ne("")].iterrows():
        parent = facts.loc[row["parent_key"]]
        if not is_count(parent["unit"]):
            continue
        exact = row["value"] * parent["value"] / 100
        bound = combine_bounds(row["bound"], FLIP[parent["bound"]])
        if row["bound"] == "gt":
            rows.append(derived_row(
                f"min_count_{key}", "min_count", key, math.floor(exact) + 1,
                "ge" if parent["bound"] == "eq" else "approx", 0, parent["unit"],
                f"⌊{key} × {row['parent_key']} / 100⌋ + 1", [key, row["parent_key"]], row["period"],
                f"fewest {parent['unit']} consistent with 'more than {row['token']}' of all {parent['value']:g} "
                f"({row['parent_key']})"))
        else:
            rows.append(derived_row(
                f"count_{key}", "implied_count", key, exact, bound, exact_decimals(exact), parent["unit"],
                f"{key} × {row['parent_key']} / 100", [key, row["parent_key"]], row["period"],
                f"{row['gloss_en']}: the unrounded count the percentage implies"))
    return rows


def exact_decimals(value: float) -> int:
    """The decimals a product of printed numbers needs, at most 4: 362.961 → 3, 186.3 → 1, 363.0 → 0."""
    return len(f"{value:.4f}".rstrip("0").split(".")[1])


def least_of_share(share: pd.Series, whole: float) -> float:
    """The fewest of ``whole`` a part printed as a percentage can be: «hơn 50%» of 100 is 51 people, «ít nhất 50%»
    50; an exact or approximate share is its product (a whole number or not)."""
    exact = share["value"] * whole / 100
    return {"gt": math.floor(exact) + 1, "ge": math.ceil(exact)}.get(share["bound"], exact)


def upper_limit_rows(facts: pd.DataFrame) -> list[dict]:
    """For each part of a split printed as «more than» or «at least» (a count or a share of the split's whole):
    the most it can be, the whole's most less the least of the split's other parts, as a count and (for an exact
    whole) as a share of the whole, so that no range is drawn wider than the facts allow.

    The seed's «hơn 80%» of 230 beside 24 who completed upper secondary gives ``max_count`` 206 (people) and
    ``max_share`` 89.6 (percent). Beside an approximate part («khoảng 90») the most is itself approximate; a
    whole with no upper end («hơn 300») gives none.
    """
    rows = []
    in_splits = facts[facts["split"].ne("") & facts["parent_key"].ne("") & facts["bound"].isin(("gt", "ge"))]
    for key, row in in_splits.iterrows():
        parent = facts.loc[row["parent_key"]]
        others = facts[(facts["split"] == row["split"]) & (facts.index != key)]
        top = count_span(parent["value"], parent["bound"])[1] if parent["bound"] != "approx" else math.inf
        if top == math.inf or not is_count(parent["unit"]) or (others["bound"].isin(("lt", "le"))).any():
            continue
        if parent["bound"] != "eq" and (others["unit"] == "percent").any():
            continue  # a percentage of a bounded whole is no count
        about = (others["bound"] == "approx").any()  # «khoảng 90» beside it: the most is itself about
        others_count = [count_span(o["value"], o["bound"])[0] if o["unit"] != "percent"
                        else least_of_share(o, parent["value"]) for _, o in others.iterrows()]
        if any(c != int(c) for c in others_count):
            continue
        most = top - sum(others_count)
        formula = f"{row['parent_key']} − " + " − ".join(others.index) if len(others) else row["parent_key"]
        described = (f"at most{' about' if about else ''}: {row['gloss_en']}, given {row['parent_key']} and the other "
                     f"parts of '{row['split']}'")
        limit = "approx" if about else "le"
        rows.append(derived_row(f"max_count_{key}", "max_count", key, most, limit, 0, parent["unit"], formula,
                                [row["parent_key"], *others.index], row["period"], described))
        if parent["bound"] == "eq":
            rows.append(derived_row(f"max_share_{key}", "max_share", key, 100 * most / parent["value"], limit,
                                    share_decimals(parent["value"]), "percent",
                                    f"({formula}) / {row['parent_key']} × 100", [row["parent_key"], *others.index],
                                    row["period"], described + ", as a share of the whole"))
    return rows


def derive_values(facts: pd.DataFrame) -> pd.DataFrame:
    """All derived values of ``facts`` (indexed by key); a frame indexed by ``key`` with DERIVED_COLUMNS."""
    rows = share_rows(facts) + rest_rows(facts) + implied_count_rows(facts) + upper_limit_rows(facts)
    return pd.DataFrame(rows, columns=list(DERIVED_COLUMNS)).set_index("key")


def derived_for(derived: pd.DataFrame, kind: str, of_key: str, split: str = "") -> pd.Series | None:
    """The derived value of ``kind`` for the fact ``of_key`` (and, for a split's rest, the split ``split``), as a
    row of ``derived`` (a frame indexed by key with :data:`DERIVED_COLUMNS`, its name the key); None if there is
    none. Raises ``ValueError`` if two rows match (the derived table would be ambiguous)."""
    rows = derived[(derived["kind"] == kind) & (derived["of_key"] == of_key) & (derived["split"] == split)]
    if len(rows) > 1:
        raise ValueError(f"two derived values of kind {kind} for {of_key!r}: {', '.join(rows.index)}")
    return rows.iloc[0] if len(rows) else None
