"""The rotation flows: each split of the rotated leaders on its own, and each subset beside its whole.

Splits are never crossed: no row pairs a part of one split with a part of another.
"""

from __future__ import annotations

import pandas as pd

from articlefacts.vocab import COUNT_UNITS

FLOW_COLUMNS = ("flow_id", "group", "relation", "parent_key", "key", "term_vi", "gloss_en", "count", "bound", "unit",
                "parent_count", "parent_bound", "share_pct", "share_bound", "share_decimals", "status", "formula")


def flow_row(group, relation, parent_key, parent, key, source, derived) -> dict:
    """One row: a reported fact or a derived rest, with its share of the parent."""
    share = derived.loc[f"share_{key}"] if f"share_{key}" in derived.index else None
    reported = "formula" not in source
    return {"group": group, "relation": relation, "parent_key": parent_key, "key": key,
            "term_vi": source.get("term_vi", ""), "gloss_en": source.get("gloss_en", ""),
            "count": source["value"], "bound": source["bound"], "unit": source["unit"],
            "parent_count": parent["value"], "parent_bound": parent["bound"],
            "share_pct": share["value"] if share is not None else round(100 * source["value"] / parent["value"]),
            "share_bound": share["bound"] if share is not None else "eq",
            "share_decimals": share["decimals"] if share is not None else 0,
            "status": "reported" if reported else "derived", "formula": "" if reported else source["formula"]}


def rotation_flows(facts: pd.DataFrame, derived: pd.DataFrame) -> pd.DataFrame:
    """Every split of the rotation facts and every rotation subset, one row per part (columns ``FLOW_COLUMNS``).

    ``group`` is the split's name, or the subset's key; derived rests (``rest_<split>``, ``rest_<subset>``) follow
    their group with ``status`` 'derived' and their formula. Empty when the article reports no rotation.
    """
    rotation = facts[(facts["topic"] == "rotation") & facts["unit"].isin(COUNT_UNITS)]
    rows = []
    for (parent_key, split), parts in rotation[rotation["relation"] == "part"].groupby(["parent_key", "split"],
                                                                                       sort=False):
        parent = facts.loc[parent_key]
        rows += [flow_row(split, "part", parent_key, parent, key, part.to_dict(), derived)
                 for key, part in parts.iterrows()]
        if f"rest_{split}" in derived.index:
            rest = {**derived.loc[f"rest_{split}"].to_dict(), "term_vi": "", "gloss_en": "not in the reported parts"}
            rows.append(flow_row(split, "rest", parent_key, parent, f"rest_{split}", rest, derived))
    for key, sub in rotation[rotation["relation"] == "subset"].iterrows():
        parent = facts.loc[sub["parent_key"]]
        rows.append(flow_row(key, "subset", sub["parent_key"], parent, key, sub.to_dict(), derived))
        if f"rest_{key}" in derived.index:
            rest = {**derived.loc[f"rest_{key}"].to_dict(), "term_vi": "", "gloss_en": "the others"}
            rows.append(flow_row(key, "subset_rest", sub["parent_key"], parent, f"rest_{key}", rest, derived))
    frame = pd.DataFrame(rows, columns=list(FLOW_COLUMNS)[1:])
    frame.insert(0, "flow_id", range(1, len(frame) + 1))
    return frame
