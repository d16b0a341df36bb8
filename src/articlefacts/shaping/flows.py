"""The rotation flows: each split of the rotated leaders on its own, and each subset beside its whole.

Splits are never crossed: no row pairs a part of one split with a part of another. Counts the article gives
side by side without a printed total (a split with no parent) keep an empty parent and no share.

Notebook 03 builds the table in steps, each shown: :func:`rotation_counts` (the facts), :func:`split_parts` and
:func:`subset_parts` (the rows, with the derived rests), :func:`stack_parts`, :func:`add_parents` (each row's whole),
:func:`add_flow_shares` (each row's share of it) and :func:`number_flows`; :func:`rotation_flows` does all of it.
"""

from __future__ import annotations

import pandas as pd

from articlefacts.checking.derive import derived_for, share_decimals
from articlefacts.shaping.profiles import printed_shares
from articlefacts.vocab import COUNT_UNITS

FLOW_COLUMNS = ("flow_id", "group", "relation", "parent_key", "key", "term_vi", "gloss_en", "count", "bound", "unit",
                "parent_count", "parent_bound", "share_pct", "share_bound", "share_decimals", "share_status",
                "status", "formula")
PART_COLUMNS = ("group", "relation", "parent_key", "key", "term_vi", "gloss_en", "count", "bound", "unit", "status",
                "formula")


def rotation_counts(facts: pd.DataFrame) -> pd.DataFrame:
    """The facts the flows stand on: topic rotation, counted in people or communes (the facts table's rows and
    columns, indexed by key)."""
    return facts[(facts["topic"] == "rotation") & facts["unit"].isin(COUNT_UNITS)]


def part_row(group: str, relation: str, parent_key: str, key: str, source: pd.Series | dict) -> dict:
    """One row of :data:`PART_COLUMNS`: a reported fact, or a derived rest (which has a ``formula``)."""
    derived = bool(source.get("formula", ""))
    return {"group": group, "relation": relation, "parent_key": parent_key, "key": key,
            "term_vi": source.get("term_vi", ""), "gloss_en": source.get("gloss_en", ""), "count": source["value"],
            "bound": source["bound"], "unit": source["unit"], "status": "derived" if derived else "reported",
            "formula": source["formula"] if derived else ""}


def split_parts(rotation: pd.DataFrame, derived: pd.DataFrame) -> pd.DataFrame:
    """One row per part of each split (:data:`PART_COLUMNS`, ``relation`` 'part', ``group`` the split's name), then
    the split's derived rest (``relation`` 'rest', ``status`` 'derived' with its formula) when its parts fall short
    of its whole. In: :func:`rotation_counts` and the derived table (indexed by key); the rest is found by
    relation (kind split_rest of the whole and the split). A split without a printed whole has an empty
    ``parent_key``."""
    rows = []
    parts = rotation[rotation["relation"] == "part"]
    for (parent_key, split), group in parts.groupby(["parent_key", "split"], sort=False):
        rows += [part_row(split, "part", parent_key, key, part) for key, part in group.iterrows()]
        rest = derived_for(derived, "split_rest", parent_key, split) if parent_key else None
        if rest is not None:
            rows.append(part_row(split, "rest", parent_key, str(rest.name),
                                 {**rest, "gloss_en": "not in the reported parts"}))
    return pd.DataFrame(rows, columns=list(PART_COLUMNS))


def subset_parts(rotation: pd.DataFrame, derived: pd.DataFrame) -> pd.DataFrame:
    """One row per subset (:data:`PART_COLUMNS`, ``relation`` 'subset', ``group`` its own key), then its derived
    rest, the others of its whole (``relation`` 'subset_rest'), when the derived table has one (kind
    subset_rest)."""
    rows = []
    for key, sub in rotation[rotation["relation"] == "subset"].iterrows():
        rows.append(part_row(key, "subset", sub["parent_key"], key, sub))
        rest = derived_for(derived, "subset_rest", key)
        if rest is not None:
            rows.append(part_row(key, "subset_rest", sub["parent_key"], rest.name, {**rest, "gloss_en": "the others"}))
    return pd.DataFrame(rows, columns=list(PART_COLUMNS))


def stack_parts(*frames: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``frames`` (each with :data:`PART_COLUMNS`) one after another, numbered from 0; empty frames
    are left out, so that no column changes type."""
    kept = [f for f in frames if len(f)]
    return pd.concat(kept, ignore_index=True) if kept else pd.DataFrame(columns=list(PART_COLUMNS))


def add_parents(parts: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """``parts`` with the count of each row's whole: ``parent_count`` (its unit) and ``parent_bound``; empty for
    counts given side by side without a printed total."""
    has = parts["parent_key"].ne("")
    wholes = facts.reindex(parts["parent_key"].where(has))
    return parts.assign(parent_count=wholes["value"].where(has.to_numpy()).to_numpy(),
                        parent_bound=wholes["bound"].where(has.to_numpy(), "").fillna("").to_numpy())


def flow_share(row: pd.Series, facts: pd.DataFrame, derived: pd.DataFrame) -> dict:
    """The share columns of one row: the percentage the article prints beside the count, else the derived share
    (kind share of the row's key), else count / whole at the decimals the whole justifies; empty without a whole."""
    printed = printed_shares(facts).get(row["key"])
    if printed:
        pct = facts.loc[printed]
        return {"share_pct": pct["value"], "share_bound": pct["bound"], "share_decimals": pct["decimals"],
                "share_status": "printed"}
    if not row["parent_key"]:
        return {"share_pct": pd.NA, "share_bound": "", "share_decimals": pd.NA, "share_status": ""}
    share = derived_for(derived, "share", row["key"])
    if share is not None:
        return {"share_pct": share["value"], "share_bound": share["bound"], "share_decimals": share["decimals"],
                "share_status": "derived"}
    decimals = share_decimals(row["parent_count"])
    return {"share_pct": round(100 * row["count"] / row["parent_count"], decimals), "share_bound": "eq",
            "share_decimals": decimals, "share_status": "derived"}


def add_flow_shares(parts: pd.DataFrame, facts: pd.DataFrame, derived: pd.DataFrame) -> pd.DataFrame:
    """``parts`` (from :func:`add_parents`) with each row's share of its whole: ``share_pct`` (percent),
    ``share_bound``, ``share_decimals`` and ``share_status`` (printed, derived, or empty without a whole)."""
    shares = pd.DataFrame([flow_share(r, facts, derived) for _, r in parts.iterrows()], index=parts.index,
                          columns=["share_pct", "share_bound", "share_decimals", "share_status"])
    return pd.concat([parts, shares], axis=1)


def number_flows(rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` numbered from 1 in ``flow_id``, in the columns and order of :data:`FLOW_COLUMNS`."""
    rows = rows.reset_index(drop=True)
    return rows.assign(flow_id=range(1, len(rows) + 1))[list(FLOW_COLUMNS)]


def rotation_flows(facts: pd.DataFrame, derived: pd.DataFrame) -> pd.DataFrame:
    """Every split of the rotation facts and every rotation subset, one row per part (columns ``FLOW_COLUMNS``).

    ``group`` is the split's name, or the subset's key; derived rests follow their group with ``status``
    'derived' and their formula. Parts with no parent are counts the article gives side by side without a
    total: their ``parent_key`` is empty and they have no share. Empty when the article reports no rotation.
    """
    rotation = rotation_counts(facts)
    parts = stack_parts(split_parts(rotation, derived), subset_parts(rotation, derived))
    return number_flows(add_flow_shares(add_parents(parts, facts), facts, derived))
