"""The period check: each fact's years against the years the article prints, its date, and its source."""

from __future__ import annotations

import re

import pandas as pd

from articlefacts.draft.time_phrases import find_time_phrases
from articlefacts.reading.article import sentence_span
from articlefacts.reading.numbers import YEAR_RE


def source_period(fact: pd.Series) -> str:
    """The years the fact's source covers when its words print another period than the fact's («báo cáo …
    giai đoạn 2016-2020» for a fact of 2016–2021): '2016–2020'; '' when they print no year, or when the fact's
    period lies within the source's years (a resolution «nhiệm kỳ 2020-2025» covers a target for 2025)."""
    source = sorted(int(y) for y in YEAR_RE.findall(fact["attribution"]))
    own = sorted(int(y) for y in re.findall(r"\d{4}", fact["period"]))
    if not source or not own or source[0] <= own[0] <= own[-1] <= source[-1]:
        return ""
    return f"{source[0]}–{source[-1]}"


def paragraph(text: str, at: int) -> tuple[int, int]:
    """The start and end offsets of the line (paragraph) of ``text`` that holds offset ``at``."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def says_now(fact: pd.Series, text: str) -> bool:
    """Whether the fact's own sentence dates it to now («Hiện toàn tỉnh có …», «hiện nay», «đến nay» alone; a
    «từ năm 2002 đến nay» prints its start and is not «now»): the time phrases of ``time_words.csv``."""
    start = int(fact["quote_start"])
    first, last = sentence_span(text, start, int(fact.get("quote_end", start + 1)))
    return any(p.kind == "now" for p in find_time_phrases(text[first:last], None))


def years_beside(fact: pd.Series, inventory: pd.DataFrame, text: str) -> set[int]:
    """The years printed beside a fact: in its own paragraph, or in the headline or lead, which frame the whole
    article (the date line is the article's date, not a printed period), unless its own sentence dates it to now
    (:func:`says_now`): then a year of the headline or lead («giai đoạn 2023-2025») is about another thing, and
    only its paragraph counts. Without ``text``, every year printed outside the date line."""
    tokens = inventory[inventory["part"] != "date_line"]
    if text and pd.notna(fact.get("quote_start")):
        start, end = paragraph(text, int(fact["quote_start"]))
        frame = () if says_now(fact, text) else ("headline", "lead")
        tokens = tokens[tokens["part"].isin(frame) | tokens["start"].between(start, end)]
    return {int(y) for token in tokens["token"] for y in YEAR_RE.findall(token)}


def period_readings(facts: pd.DataFrame, inventory: pd.DataFrame, meta: dict, text: str = "") -> pd.Series:
    """How each fact's period was read, by key: '' when its years are printed beside it (:func:`years_beside`);
    'unprinted' when a year is printed nowhere in the article (a reading such as «5 năm qua»); 'date' when a year
    is the article's date's, printed nowhere beside it («hiện», «vừa hoàn thành», or «quý IV/2025» in another
    paragraph); 'elsewhere' when a year is printed only in another paragraph. ``text`` is the article as read,
    whose lines are its paragraphs; the date may be ``unknown``."""
    anywhere = {int(y) for token in inventory.loc[inventory["part"] != "date_line", "token"]
                for y in YEAR_RE.findall(token)}
    year = int(meta["date"][:4]) if meta["date"][:4].isdigit() else None
    out = {}
    for key, row in facts.iterrows():
        missing = {int(y) for y in re.findall(r"\d{4}", row["period"])} - years_beside(row, inventory, text)
        out[key] = ("unprinted" if missing - {year} - anywhere else "date" if year in missing
                    else "elsewhere" if missing else "")
    return pd.Series(out, dtype=object)


def period_checks(facts: pd.DataFrame, inventory: pd.DataFrame, meta: dict, text: str = "") -> list[dict]:
    """One row of the checks table (check_id, kind 'period', status, detail) per fact: pass when its years are
    printed beside it (:func:`years_beside`: its paragraph, the headline or the lead); flag when a year comes
    only from the article's date («vừa hoàn thành», «hiện», a date line's year), is printed only in another
    paragraph («quý IV/2025» below counts that print no year), or is not printed at all (a reading such as
    «5 năm qua»): :func:`period_readings`; flag too when its source covers another period
    (:func:`source_period`), except for a target (relation ``target``), a goal set for its year rather than a
    measurement of it; fail when the period holds no year."""
    rows = []
    read = period_readings(facts, inventory, meta, text)
    for key, row in facts.iterrows():
        stated = sorted(int(y) for y in re.findall(r"\d{4}", row["period"]))
        printed_years = {
            "unprinted": "uses a year the article does not print, counted from its words and its date: a reading, "
                         "which the findings and charts say",
            "date": f"uses {meta['date'][:4]}, the year of the article's date, which the article does not print "
                    "beside it: a reading, which the findings and charts say",
            "elsewhere": "uses a year printed only in another paragraph: a reading, which the findings and charts say",
            "": "uses years the article prints beside it"}[read[key]]
        other = "" if row.get("relation") == "target" else source_period(row)
        source = f"; its source («{row['attribution']}») covers {other}, another period" if other else ""
        rows.append({"check_id": f"period:{key}", "kind": "period", "status":
                     "fail" if not stated else "flag" if read[key] or other else "pass",
                     "detail": f"period '{row['period']}' {printed_years}{source}"})
    return rows
