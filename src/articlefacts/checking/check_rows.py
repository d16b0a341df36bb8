"""A row of the audit's checks table, and how a fact's value is shown in it (English, bound in words)."""

from __future__ import annotations

import pandas as pd

from articlefacts.i18n import number, percent, t


def check_row(check_id: str, kind: str, status: str, detail: str) -> dict:
    """One row of the checks table."""
    return {"check_id": check_id, "kind": kind, "status": status, "detail": detail}


def shown(row: pd.Series) -> str:
    """A fact's value as English writes it, with its bound in words (the translation table's English): 'more
    than 11', '89.62%', '1,200'; the checks table is in English, so «89,62%» is not shown as printed here."""
    if row["unit"] == "percent":
        value = percent(row["value"], "en", int(row["decimals"]))
    else:
        value = f"{row['value']:.0f}" if row["unit"] == "year" else number(row["value"], "en")
    return t(f"bound.{row['bound']}", "en", x=value)
