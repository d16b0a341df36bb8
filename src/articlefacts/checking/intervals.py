"""The values a bounded number can stand for, as the audit compares them: «hơn 11» people is 12 or more; a
printed share of a whole stands for the whole counts that round to it."""

from __future__ import annotations

import math

import pandas as pd

from articlefacts.vocab import is_count


def interval(value: float, bound: str, unit: str) -> tuple[float, float]:
    """The values a number with a bound can stand for: «hơn 11» people is [12, ∞); a percentage stays in 0–100."""
    step = 1 if is_count(unit) else 0
    top = 100.0 if unit == "percent" else math.inf
    return {"eq": (value, value), "gt": (value + step, top), "ge": (value, top), "lt": (0.0, value - step),
            "le": (0.0, value), "approx": (0.0, top)}[bound]


def count_interval(row: pd.Series, facts: pd.DataFrame) -> tuple[float, float]:
    """The counts a part of a split can stand for: its own interval, or for a share printed as a part, the
    counts of the whole it implies: «hơn 80%» of 230 is 185 or more; «6,3%» of 143 is the whole counts that
    round to it (9), or the two nearest when none does."""
    if row["unit"] != "percent":
        return interval(row["value"], row["bound"], row["unit"])
    whole = facts.loc[row["parent_key"], "value"]
    if row["bound"] == "eq":  # a printed share stands for the whole counts that round to it
        half = 0.5 / 10 ** int(row["decimals"])
        low, high = math.ceil((row["value"] - half) * whole / 100), math.floor((row["value"] + half) * whole / 100)
        exact = row["value"] * whole / 100
        return (low, high) if low <= high else (math.floor(exact), math.ceil(exact))
    low, high = interval(row["value"], row["bound"], "percent")
    least = math.floor(low * whole / 100) + 1 if row["bound"] == "gt" else math.ceil(low * whole / 100)
    return least, high * whole / 100
