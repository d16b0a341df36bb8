"""The audit's checks of facts against the article's text: every number token accounted for, a repeat equal to
its fact (or a bound that holds it), a label's words in the quote's sentence, our interpretation of the
article's words, and a period of years the article prints (and the same as its source's)."""

from __future__ import annotations

import pandas as pd

from articlefacts.checking.check_rows import check_row, shown
from articlefacts.checking.intervals import interval
from articlefacts.checking.periods import period_checks, source_period  # noqa: F401  (audit re-exports it)
from articlefacts.reading.article import sentence_span
from articlefacts.reading.inventory import token_counts


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
    readings, and known years (:func:`articlefacts.checking.periods.period_checks`)."""
    missing = inventory[inventory["status"] == "unaccounted"]
    n = token_counts(inventory)
    extra = (f"; {n['fact']} tokens give {n['facts']} facts ({n['shared']} of them several)" if n["shared"] else "")
    extra += (f"; {n['words']} more {'fact is' if n['words'] == 1 else 'facts are'} read from a number written in "
              "words, with no token" if n["words"] else "")
    rows = [check_row("inventory:coverage", "inventory", "fail" if len(missing) else "pass",
                      f"{n['tokens'] - len(missing)} of {n['tokens']} number tokens are a fact, a repeat or "
                      "not data" + (f"; unaccounted: {', '.join(missing['token'])}" if len(missing) else "") + extra)]
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
                              f"our interpretation of «{row['reading']}»: shown with the number wherever it is used"
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
    return rows + period_checks(facts, inventory, meta, text)
