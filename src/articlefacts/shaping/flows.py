"""The rotation flows: each split of the rotated leaders on its own, and each subset beside its whole.

Splits are never crossed: no row pairs a part of one split with a part of another. Counts the article gives
side by side without a printed total (a split with no parent) keep an empty parent and no share.
"""

from __future__ import annotations

import pandas as pd

from articlefacts.checking.derive import share_decimals
from articlefacts.shaping.profiles import printed_shares
from articlefacts.vocab import COUNT_UNITS

FLOW_COLUMNS = ("flow_id", "group", "relation", "parent_key", "key", "term_vi", "gloss_en", "count", "bound", "unit",
                "parent_count", "parent_bound", "share_pct", "share_bound", "share_decimals", "share_status",
                "status", "formula")


def flow_share(key: str, source: dict, parent: pd.Series | None, facts: pd.DataFrame, derived: pd.DataFrame) -> dict:
    """The share columns of one row: the percentage the article prints beside the count, else the derived share
    (``share_<key>``), else count / parent at the decimals the parent justifies; empty without a parent."""
    printed = printed_shares(facts).get(key)
    if printed:
        pct = facts.loc[printed]
        return {"share_pct": pct["value"], "share_bound": pct["bound"], "share_decimals": pct["decimals"],
                "share_status": "printed"}
    if parent is None:
        return {"share_pct": pd.NA, "share_bound": "", "share_decimals": pd.NA, "share_status": ""}
    if f"share_{key}" in derived.index:
        share = derived.loc[f"share_{key}"]
        return {"share_pct": share["value"], "share_bound": share["bound"], "share_decimals": share["decimals"],
                "share_status": "derived"}
    decimals = share_decimals(parent["value"])
    return {"share_pct": round(100 * source["value"] / parent["value"], decimals), "share_bound": "eq",
            "share_decimals": decimals, "share_status": "derived"}


def flow_row(group, relation, parent_key, parent, key, source, facts, derived) -> dict:
    """One row: a reported fact or a derived rest, with its share of the parent (none without a parent)."""
    reported = "formula" not in source
    return {"group": group, "relation": relation, "parent_key": parent_key, "key": key,
            "term_vi": source.get("term_vi", ""), "gloss_en": source.get("gloss_en", ""),
            "count": source["value"], "bound": source["bound"], "unit": source["unit"],
            "parent_count": pd.NA if parent is None else parent["value"],
            "parent_bound": "" if parent is None else parent["bound"],
            **flow_share(key, source, parent, facts, derived),
            "status": "reported" if reported else "derived", "formula": "" if reported else source["formula"]}


def rotation_flows(facts: pd.DataFrame, derived: pd.DataFrame) -> pd.DataFrame:
    """Every split of the rotation facts and every rotation subset, one row per part (columns ``FLOW_COLUMNS``).

    ``group`` is the split's name, or the subset's key; derived rests (``rest_<split>``, ``rest_<subset>``) follow
    their group with ``status`` 'derived' and their formula. Parts with no parent are counts the article gives
    side by side without a total: their ``parent_key`` is empty and they have no share. Empty when the article
    reports no rotation.
    """
    rotation = facts[(facts["topic"] == "rotation") & facts["unit"].isin(COUNT_UNITS)]
    rows = []
    for (parent_key, split), parts in rotation[rotation["relation"] == "part"].groupby(["parent_key", "split"],
                                                                                       sort=False):
        parent = facts.loc[parent_key] if parent_key else None
        rows += [flow_row(split, "part", parent_key, parent, key, part.to_dict(), facts, derived)
                 for key, part in parts.iterrows()]
        if f"rest_{split}" in derived.index:
            rest = {**derived.loc[f"rest_{split}"].to_dict(), "term_vi": "", "gloss_en": "not in the reported parts"}
            rows.append(flow_row(split, "rest", parent_key, parent, f"rest_{split}", rest, facts, derived))
    for key, sub in rotation[rotation["relation"] == "subset"].iterrows():
        parent = facts.loc[sub["parent_key"]]
        rows.append(flow_row(key, "subset", sub["parent_key"], parent, key, sub.to_dict(), facts, derived))
        if f"rest_{key}" in derived.index:
            rest = {**derived.loc[f"rest_{key}"].to_dict(), "term_vi": "", "gloss_en": "the others"}
            rows.append(flow_row(key, "subset_rest", sub["parent_key"], parent, f"rest_{key}", rest, facts, derived))
    frame = pd.DataFrame(rows, columns=list(FLOW_COLUMNS)[1:])
    frame.insert(0, "flow_id", range(1, len(frame) + 1))
    return frame
