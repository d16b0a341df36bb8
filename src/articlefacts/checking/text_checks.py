"""The audit's checks of facts against the article's text: every number token accounted for, a repeat equal to
its fact (or a bound that holds it), a label's words in the quote's sentence, a coder's reading, and a period
of years the article prints (and the same as its source's)."""

from __future__ import annotations

import re

import pandas as pd

from articlefacts.checking.check_rows import check_row, shown
from articlefacts.checking.intervals import interval
from articlefacts.reading.article import sentence_span
from articlefacts.reading.numbers import YEAR_RE


def source_period(fact: pd.Series) -> str:
    """The years the fact's source covers when its words print other years than the fact's period («báo cáo …
    giai đoạn 2016-2020» for a fact of 2016–2021): '2016–2020'; '' when they print none or the same."""
    source = sorted(int(y) for y in YEAR_RE.findall(fact["attribution"]))
    own = sorted(int(y) for y in re.findall(r"\d{4}", fact["period"]))
    if not source or not own or (source[0], source[-1]) == (own[0], own[-1]):
        return ""
    return f"{source[0]}–{source[-1]}"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of ``text`` (:func:`articlefacts.reading.article.sentence_span`, line by line)."""
    spans, at = [], 0
    while at < len(text):
        if text[at].isspace():
            at += 1
            continue
        span = sentence_span(text, at)
        spans.append(span)
        at = max(span[1], at + 1)
    return spans


def text_checks(facts: pd.DataFrame, repeats: pd.DataFrame, inventory: pd.DataFrame, meta: dict,
                text: str = "") -> list[dict]:
    """Every token accounted for, repeats equal to their fact (or a bound that holds it), label words in the quote's
    sentence (a word found in a third or more of the article's sentences, given ``text``, proves little: a note),
    readings, and known years."""
    missing = inventory[inventory["status"] == "unaccounted"]
    rows = [check_row("inventory:coverage", "inventory", "fail" if len(missing) else "pass",
                      f"{len(inventory) - len(missing)} of {len(inventory)} number tokens are a fact, a repeat or "
                      "not data" + (f"; unaccounted: {', '.join(missing['token'])}" if len(missing) else ""))]
    for key, row in repeats.iterrows():
        fact = facts.loc[row["repeat_of"]]
        same = row["value"] == fact["value"] and row["bound"] == fact["bound"]
        low, high = interval(row["value"], row["bound"], row["unit"])
        holds = not same and fact["bound"] == "eq" and row["bound"] != "eq" and low <= fact["value"] <= high
        verb = "repeats" if same else "is consistent with (a bound that holds)" if holds else "differs from"
        rows.append(check_row(f"repeat:{key}", "repeat", "pass" if same or holds else "fail",
                              f"«{row['quote']}» ({row['part']}) {verb} {row['repeat_of']} = {shown(fact)}"))
    for key, row in facts[facts["reading"] != ""].iterrows():
        found = row["reading"].lower() in row["context"].lower()
        rows.append(check_row(f"reading:{key}", "reading", "note" if found else "flag",
                              f"a coder's reading of «{row['reading']}»: shown with the number wherever it is used"
                              + ("" if found else "; the words do not occur in the quote's sentence")))
    sentences = [text[a:b].lower() for a, b in sentence_spans(text)] if text else []
    for key, row in facts.iterrows():
        term = row["term_vi"].lower()
        found = term in row["context"].lower()
        common = sum(term in sentence for sentence in sentences)
        if found and sentences and common >= max(3, len(sentences) / 3):
            rows.append(check_row(f"label:{key}", "label", "note",
                                  f"«{row['term_vi']}» occurs in the quote's sentence, but also in {common} of the "
                                  f"article's {len(sentences)} sentences, so finding it there proves little"
                                  + (f"; the label shown is «{row['label_vi']}»" if row.get("label_vi") else "")))
            continue
        rows.append(check_row(f"label:{key}", "label", "pass" if found else "flag",
                              f"«{row['term_vi']}» occurs in the quote's sentence" if found else
                              f"«{row['term_vi']}» does not occur in the quote's sentence, so the article does not "
                              "show that the number counts what the label says: set term_vi to words of that sentence"))
    printed = {int(y) for token in inventory["token"] for y in YEAR_RE.findall(token)}
    years = printed | {int(meta["date"][:4])}
    for key, row in facts.iterrows():
        stated = {int(y) for y in re.findall(r"\d{4}", row["period"])}
        unknown = stated - years
        printed_years = (f"uses years the article does not print: {sorted(unknown)} (a reading, such as «5 năm "
                         "qua» counted back from the article's year; say so in the note)" if unknown
                         else "uses years the article prints or its date")
        other = source_period(row)
        source = f"; its source («{row['attribution']}») covers {other}, another period" if other else ""
        rows.append(check_row(f"period:{key}", "period",
                              "fail" if not stated else "flag" if unknown or other else "pass",
                              f"period '{row['period']}' {printed_years}{source}"))
    return rows
