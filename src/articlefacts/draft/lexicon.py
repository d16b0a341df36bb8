"""The tables of ``draft/tables/`` read once, as the patterns the rules of ``make draft`` search with.

``names.csv`` (numbers that are names), ``time_words.csv`` (time phrases), ``units.csv`` (the noun after a
number), ``connectives.csv`` (the words that place a number within a count) and ``terms.csv`` (the article's
words for what is counted); ``political_levels.csv`` is read by :func:`articlefacts.draft.terms.term_row`.
Each reader returns the rows or patterns of one table, cached.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from pathlib import Path

from articlefacts.vocab import QUALIFIERS

TABLES = Path(__file__).with_name("tables")


@cache
def table(name: str) -> tuple[dict, ...]:
    """The rows of ``draft/tables/<name>.csv`` as dicts of strings."""
    with (TABLES / f"{name}.csv").open(newline="", encoding="utf-8") as fh:
        return tuple({k: unicodedata.normalize("NFC", v) for k, v in row.items()} for row in csv.DictReader(fh))


def words_re(phrases) -> re.Pattern:
    """A case-insensitive pattern matching any of ``phrases`` as whole words, longest first."""
    alternatives = sorted({re.escape(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


@cache
def connective_patterns() -> dict[str, re.Pattern]:
    """role → a pattern matching the connectives of that role."""
    roles: dict[str, list[str]] = {}
    for row in table("connectives"):
        roles.setdefault(row["role"], []).append(row["phrase"])
    return {role: words_re(phrases) if role != "printed_share" else
            re.compile("|".join(sorted((re.escape(p) if p == "(" else rf"(?<!\w){re.escape(p)}(?!\w)"
                                        for p in phrases), key=len, reverse=True)), re.IGNORECASE)
            for role, phrases in roles.items()}


@cache
def time_patterns() -> tuple[tuple[re.Pattern, str, str], ...]:
    """(pattern, kind, meaning) for each row of ``time_words.csv``, {Y1} {Y2} {N} filled in."""
    year = r"(?:19|20)\d\d"
    out = []
    for row in table("time_words"):
        pattern = (row["pattern"].replace("{Y1}", f"(?P<y1>{year})").replace("{Y2}", f"(?P<y2>{year})")
                   .replace("{N}", r"(?P<n>\d{1,2})"))
        out.append((re.compile(pattern, re.IGNORECASE | re.MULTILINE), row["kind"], row["meaning"]))
    return tuple(out)


@cache
def unit_nouns() -> tuple[re.Pattern, dict[str, dict]]:
    """A pattern for the nouns of ``units.csv`` right after a number, past a word multiplier of
    ``multipliers.csv`` («1,2 nghìn công chức»: group ``multiplier``), and noun → row."""
    rows = {r["noun"].lower(): r for r in table("units")}
    nouns = sorted(rows, key=len, reverse=True)
    words = "|".join(re.escape(r["word"]) for r in table("multipliers"))
    pattern = re.compile(rf"\s?(?:(?P<multiplier>{words})\s)?(?P<noun>" + "|".join(re.escape(n) for n in nouns)
                         + r")(?!\w)", re.IGNORECASE)
    return pattern, rows


@cache
def multipliers() -> dict[str, int]:
    """word → the number it multiplies by («nghìn» → 1000), from ``multipliers.csv``."""
    return {r["word"]: int(r["times"]) for r in table("multipliers")}


@cache
def name_rules() -> dict[str, list[dict]]:
    """kind → rows of ``names.csv`` (document, code, ordinal, after)."""
    kinds: dict[str, list[dict]] = {}
    for row in table("names"):
        kinds.setdefault(row["kind"], []).append(row)
    return kinds


def qualifiers() -> str:
    """A pattern alternation of the qualifiers of :data:`articlefacts.vocab.QUALIFIERS` («hơn», «gần», «khoảng»,
    «xấp xỉ», …), longest first, for the rules that skip the qualifier between a word and its number."""
    return "(?:" + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True)) + ")"


@cache
def masked_phrases() -> re.Pattern:
    """The phrases of ``terms.csv`` that hold a comma («cán bộ, công chức»): their commas join, not separate."""
    return words_re([r["phrase"] for r in table("terms") if "," in r["phrase"]])
