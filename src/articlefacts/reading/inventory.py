"""Every number token of the article and what it is: a fact, a repeat of a fact, or not data."""

from __future__ import annotations

import pandas as pd

from articlefacts.errors import ArticleFactsError
from articlefacts.paths import relative, resolve
from articlefacts.reading.article import part_at
from articlefacts.reading.facts import locate_quote
from articlefacts.reading.inputs import read_csv_table
from articlefacts.reading.numbers import find_number_tokens, printed_qualifier
from articlefacts.reading.schemas import check_input

NOT_DATA_COLUMNS = ("quote", "reason")


def read_not_data(path, text: str, structure: pd.DataFrame) -> pd.DataFrame:
    """Locate the not-data passages (dates, times, resolution numbers).

    Returns one row per number token inside each passage: columns token_start, reason. Raises
    :class:`ArticleFactsError` for a passage that is not found, occurs twice, or holds no number.
    """
    table = read_csv_table(path, "Not-data file", NOT_DATA_COLUMNS, ())
    check_input(table, "not_data_file", f"Not-data file {relative(resolve(path))}")
    rows = []
    for i, row in table.iterrows():
        label = f"not-data row {i + 2}"
        start = locate_quote(text, structure, label, row["quote"])
        tokens = find_number_tokens(row["quote"])
        if not tokens:
            raise ArticleFactsError(f"{label}: the passage «{row['quote']}» holds no number",
                                    "quote the passage around the number that is not data, or delete the row.")
        rows += [{"token_start": start + t.start(), "reason": row["reason"]} for t in tokens]
    return pd.DataFrame(rows, columns=["token_start", "reason"])


def inventory_numbers(text: str, structure: pd.DataFrame, facts: pd.DataFrame, repeats: pd.DataFrame,
                      not_data: pd.DataFrame) -> pd.DataFrame:
    """Every number token in the article with its class: fact, repeat, not_data or unaccounted.

    ``facts`` and ``repeats`` are indexed by key (from :func:`articlefacts.reading.facts.build_facts`). A token in a
    repeated lead is a repeat of the lead's token. A token that gives several facts («mỗi xã 4 người») has their
    keys joined by ';' in fact_key. A number written in words that a fact reads («hai đồng chí») is listed too,
    as a fact whose reason says it has no number token; other number words are not tokens. Columns: token_id,
    token, qualifier, start, end, part, status, fact_key, reason.
    """
    by_fact: dict[int, list[str]] = {}
    for key, start in zip(facts.index, facts["token_start"], strict=True):
        by_fact.setdefault(int(start), []).append(key)
    by_repeat = dict(zip(repeats["token_start"], repeats["repeat_of"], strict=True))
    by_reason = dict(zip(not_data["token_start"], not_data["reason"], strict=False))
    rows = []

    def row(token: str, start: int, end: int, status: str, fact_key: str, reason: str) -> dict:
        line_start = text.rfind("\n", 0, start) + 1
        return {"token": token, "qualifier": printed_qualifier(text[line_start:start]), "start": start, "end": end,
                "part": part_at(structure, start)["part"], "status": status, "fact_key": fact_key, "reason": reason}

    printed = set()
    for match in find_number_tokens(text):
        printed.add(match.start())
        part = part_at(structure, match.start())["part"]
        status, fact_key, reason = "unaccounted", "", ""
        if match.start() in by_fact:
            keys = by_fact[match.start()]
            status, fact_key = "fact", ";".join(keys)
            reason = f"one number, {len(keys)} facts" if len(keys) > 1 else ""
        elif match.start() in by_repeat:
            status, fact_key, reason = "repeat", by_repeat[match.start()], "repeats a fact stated elsewhere"
        elif match.start() in by_reason:
            status, reason = "not_data", by_reason[match.start()]
        elif part == "lead_repeat":
            status, reason = "repeat", "in the repeated lead; counted once, at the lead"
        rows.append(row(match.group(), match.start(), match.end(), status, fact_key, reason))
    for start, keys in by_fact.items():
        if start not in printed:  # a number in words («hai đồng chí»)
            first = facts.loc[keys[0]]
            rows.append(row(first["token"], start, int(first["token_end"]), "fact", ";".join(keys),
                            WORDS_REASON))
    rows.sort(key=lambda r: r["start"])
    frame = pd.DataFrame(rows, columns=["token", "qualifier", "start", "end", "part", "status", "fact_key", "reason"])
    frame.insert(0, "token_id", range(1, len(frame) + 1))
    return frame


WORDS_REASON = "a number written in words: a fact with no number token"


def token_counts(inventory: pd.DataFrame) -> dict[str, int]:
    """The inventory's accounting: printed number ``tokens`` (numbers in words are not tokens), of which
    ``fact`` give facts, ``repeat`` repeat one and ``not_data`` are not data; ``facts`` those tokens give (one
    token may give several), ``shared`` tokens that give more than one, and ``words`` facts read from a number
    written in words."""
    words = inventory["reason"] == WORDS_REASON
    printed = inventory[~words]
    fact_keys = printed.loc[printed["status"] == "fact", "fact_key"].str.split(";")
    return {"tokens": len(printed), "fact": int((printed["status"] == "fact").sum()),
            "repeat": int((printed["status"] == "repeat").sum()),
            "not_data": int((printed["status"] == "not_data").sum()),
            "facts": int(fact_keys.str.len().sum()) if len(fact_keys) else 0,
            "shared": int((fact_keys.str.len() > 1).sum()) if len(fact_keys) else 0, "words": int(words.sum())}


def facts_per_token(inventory: pd.DataFrame) -> int:
    """How many facts the inventory's fact tokens give (a token with keys 'a;b;c' gives three)."""
    keys = inventory.loc[inventory["status"] == "fact", "fact_key"]
    return int(keys.str.split(";").str.len().sum()) if len(keys) else 0


def check_accounted(text: str, inventory: pd.DataFrame) -> None:
    """Stop when a number token is neither a fact, a repeat nor not-data, listing each one in its context.

    Raises :class:`ArticleFactsError`.
    """
    missing = inventory[inventory["status"] == "unaccounted"]
    if len(missing):
        shown = "; ".join(f"'{r.token}' in «…{text[max(0, r.start - 30):r.end + 20]}…»" for r in missing.itertuples())
        raise ArticleFactsError(f"{len(missing)} number tokens are unaccounted for: {shown}",
                                "add each to the facts file (a quote around it) or to the not-data file with a reason.")
