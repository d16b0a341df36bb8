"""The period check: each fact's years against the years the article prints, its date, and its source."""

from __future__ import annotations

import re

import pandas as pd

from articlefacts.reading.numbers import YEAR_RE


def source_period(fact: pd.Series) -> str:
    """The years the fact's source covers when its words print other years than the fact's period («báo cáo …
    giai đoạn 2016-2020» for a fact of 2016–2021): '2016–2020'; '' when they print none or the same."""
    source = sorted(int(y) for y in YEAR_RE.findall(fact["attribution"]))
    own = sorted(int(y) for y in re.findall(r"\d{4}", fact["period"]))
    if not source or not own or (source[0], source[-1]) == (own[0], own[-1]):
        return ""
    return f"{source[0]}–{source[-1]}"


def period_checks(facts: pd.DataFrame, inventory: pd.DataFrame, meta: dict) -> list[dict]:
    """One row of the checks table (check_id, kind 'period', status, detail) per fact: pass when its years are
    printed in the article; flag when a year comes only from the article's date («vừa hoàn thành», «hiện»), is
    not printed at all (a reading such as «5 năm qua»), or its source covers another period
    (:func:`source_period`); fail when the period holds no year. The date may be ``unknown``."""
    rows = []
    printed = {int(y) for token in inventory["token"] for y in YEAR_RE.findall(token)}
    dated = {int(meta["date"][:4])} - printed if meta["date"][:4].isdigit() else set()  # the date may be unknown
    for key, row in facts.iterrows():
        stated = {int(y) for y in re.findall(r"\d{4}", row["period"])}
        unknown, from_date = stated - printed - dated, stated & dated
        if unknown:
            printed_years = (f"uses years the article does not print: {sorted(unknown)} (a reading, such as «5 năm "
                             "qua» counted back from the article's year; say so in the note)")
        elif from_date:
            printed_years = (f"uses the article's date for {sorted(from_date)[0]}, a year the article does not "
                             "print (a reading, such as «vừa hoàn thành» or «hiện»; say so in the note)")
        else:
            printed_years = "uses years the article prints"
        other = source_period(row)
        source = f"; its source («{row['attribution']}») covers {other}, another period" if other else ""
        rows.append({"check_id": f"period:{key}", "kind": "period", "status":
                     "fail" if not stated else "flag" if unknown or from_date or other else "pass",
                     "detail": f"period '{row['period']}' {printed_years}{source}"})
    return rows
