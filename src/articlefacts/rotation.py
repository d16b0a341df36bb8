"""The rotation flows: each reported split on its own, never crossed with another."""

from __future__ import annotations

import pandas as pd

from articlefacts.audit import COUNT_UNITS


def rotation_flows(facts: pd.DataFrame, derived: pd.DataFrame) -> pd.DataFrame:
    """One row per part of each split of the rotation facts, reported or derived (the rest)."""
    values = dict(zip(facts["key"], facts["value"], strict=True))
    rest = derived.set_index("key")
    parts = facts[(facts["topic"] == "rotation") & facts["unit"].isin(COUNT_UNITS) & (facts["split"] != "")]
    rows = []
    for (parent, split), group in parts.groupby(["parent_key", "split"], sort=False):
        whole = values[parent]
        for _, row in group.iterrows():
            rows.append({"split": split, "parent_key": parent, "key": row["key"], "label_en": row["gloss_en"],
                         "count": int(row["value"]), "unit": row["unit"], "parent_count": int(whole),
                         "share_of_parent_pct": round(100 * row["value"] / whole, 4),
                         "status": "reported", "formula": ""})
        key = f"rest_{split}"
        if key in rest.index:
            rows.append({"split": split, "parent_key": parent, "key": key,
                         "label_en": f"not reported as: {group['gloss_en'].iloc[0]}",
                         "count": int(rest.loc[key, "value"]), "unit": rest.loc[key, "unit"],
                         "parent_count": int(whole),
                         "share_of_parent_pct": round(100 * rest.loc[key, "value"] / whole, 4),
                         "status": "derived", "formula": rest.loc[key, "formula"]})
    frame = pd.DataFrame(rows)
    frame.insert(0, "flow_id", range(1, len(frame) + 1))
    return frame


def split_counts(flows: pd.DataFrame, split: str) -> dict[str, int]:
    """key → count for one split."""
    part = flows[flows["split"] == split]
    return dict(zip(part["key"], part["count"], strict=True))
