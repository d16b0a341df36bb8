"""Hand-coded facts: each row is a verbatim quote; its value is parsed from the quote, never typed."""

from __future__ import annotations

import difflib
import io

import pandas as pd

from articlefacts.article import part_at, read_bytes
from articlefacts.errors import ArticleFactsError
from articlefacts.numbers import find_number_tokens, parse_vi_number, read_bound
from articlefacts.paths import relative, resolve

FACT_COLUMNS = (
    "key", "topic", "measure", "period", "unit", "parent_key", "split", "quote", "term_vi",
    "gloss_en", "population", "note",
)
REQUIRED = ("key", "topic", "measure", "period", "unit", "quote", "term_vi", "gloss_en")
UNITS = ("people", "communes", "percent", "year")
TOPICS = ("context", "profile", "rotation")
NOT_DATA_COLUMNS = ("quote", "reason")


def read_table(path, what: str, columns: tuple[str, ...], required: tuple[str, ...]) -> pd.DataFrame:
    """Read a hand-coded CSV as strings, with its header and required cells checked."""
    raw = read_bytes(path, what)
    name = relative(resolve(path))
    try:
        frame = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError) as err:
        raise ArticleFactsError(f"{what} {name} cannot be read as UTF-8 CSV: {err}",
                                "fix the CSV syntax; quote cells that contain commas.") from None
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ArticleFactsError(f"{what} {name} lacks the columns: {', '.join(missing)}",
                                f"its header must be: {','.join(columns)}")
    frame = frame[list(columns)].apply(lambda col: col.str.strip())
    for column in required:
        empty = frame.index[frame[column] == ""]
        if len(empty):
            row = empty[0]
            raise ArticleFactsError(
                f"{what} {name}, row {row + 2}: the '{column}' cell is empty",
                f"fill in '{column}' for every row.")
    return frame


def read_facts(path) -> pd.DataFrame:
    """Read and check the facts file: unique keys, known units and topics, denominators present."""
    facts = read_table(path, "Facts file", FACT_COLUMNS, REQUIRED)
    name = relative(resolve(path))
    dupes = facts.loc[facts["key"].duplicated(), "key"].tolist()
    if dupes:
        raise ArticleFactsError(f"Facts file {name}: duplicate key '{dupes[0]}'",
                                "every fact needs its own key; rename or delete the second row.")
    for column, allowed in (("unit", UNITS), ("topic", TOPICS)):
        bad = facts[~facts[column].isin(allowed)]
        if len(bad):
            row = bad.iloc[0]
            raise ArticleFactsError(
                f"Facts file {name}, fact '{row['key']}': unknown {column} '{row[column]}'",
                f"use one of: {', '.join(allowed)}.")
    keys = set(facts["key"])
    for _, row in facts.iterrows():
        parent = row["parent_key"]
        if row["unit"] == "percent" and not parent:
            raise ArticleFactsError(
                f"Facts file {name}, fact '{row['key']}': a share needs its denominator, but parent_key is empty",
                "set parent_key to the key of the fact that counts the whole population.")
        if parent and parent not in keys:
            raise ArticleFactsError(
                f"Facts file {name}, fact '{row['key']}': its denominator fact '{parent}' is missing",
                "add the fact that counts the whole, or correct parent_key.")
    return facts


def closest_passage(text: str, quote: str) -> str:
    """The passage of ``text`` most like ``quote``, for error messages (difflib over word windows)."""
    words = text.split()
    width = max(1, len(quote.split()))
    windows = [" ".join(words[i:i + width]) for i in range(max(1, len(words) - width + 1))]
    best = difflib.get_close_matches(quote, windows, n=1, cutoff=0.0)
    return best[0] if best else ""


def locate_quote(text: str, structure: pd.DataFrame, key: str, quote: str) -> int:
    """Start offset of ``quote`` in ``text``; matches inside a repeated lead do not count again."""
    starts, at = [], text.find(quote)
    while at != -1:
        if part_at(structure, at)["part"] != "lead_repeat":
            starts.append(at)
        at = text.find(quote, at + 1)
    if not starts:
        raise ArticleFactsError(
            f"Fact '{key}': quote not found in the article: «{quote}»",
            f"the closest passage in the article is «{closest_passage(text, quote)}»; copy the quote again, "
            "character for character, from the article.")
    if len(starts) > 1:
        raise ArticleFactsError(
            f"Fact '{key}': quote «{quote}» occurs {len(starts)} times (offsets {starts})",
            "lengthen the quote with neighbouring words until it occurs once.")
    return starts[0]


def quote_token(key: str, quote: str):
    """The single number token of a quote; none or several is an error naming the fact."""
    tokens = find_number_tokens(quote)
    if len(tokens) != 1:
        found = ", ".join(repr(t.group()) for t in tokens) or "none"
        raise ArticleFactsError(
            f"Fact '{key}': the quote must hold exactly one number, found {len(tokens)} ({found}): «{quote}»",
            "shorten or lengthen the quote so that it holds just the number this fact reports.")
    return tokens[0]


def build_facts(facts: pd.DataFrame, text: str, structure: pd.DataFrame) -> pd.DataFrame:
    """Locate every quote, parse its number and bound, and return the typed facts table."""
    rows = []
    for _, fact in facts.iterrows():
        key = fact["key"]
        token = quote_token(key, fact["quote"])
        number = parse_vi_number(token.group(), where=f"Fact '{key}': ")
        start = locate_quote(text, structure, key, fact["quote"])
        if number.is_percent != (fact["unit"] == "percent"):
            raise ArticleFactsError(
                f"Fact '{key}': unit is '{fact['unit']}' but the quoted number is '{token.group()}'",
                "a per cent sign goes with unit 'percent', and only with it.")
        rows.append({
            **fact.to_dict(),
            "value": float(number.value),
            "decimals": number.decimals,
            "bound": read_bound(fact["quote"][:token.start()]),
            "token": token.group(),
            "quote_start": start,
            "quote_end": start + len(fact["quote"]),
            "token_start": start + token.start(),
            "token_end": start + token.end(),
            "part": part_at(structure, start)["part"],
        })
    return pd.DataFrame(rows)


def read_not_data(path, text: str, structure: pd.DataFrame) -> pd.DataFrame:
    """Locate the not-data passages (dates, resolution numbers): token offsets and reasons."""
    table = read_table(path, "Not-data file", NOT_DATA_COLUMNS, NOT_DATA_COLUMNS)
    rows = []
    for i, row in table.iterrows():
        label = f"not-data row {i + 2}"
        start = locate_quote(text, structure, label, row["quote"])
        token = quote_token(label, row["quote"])
        rows.append({"token_start": start + token.start(), "reason": row["reason"]})
    return pd.DataFrame(rows, columns=["token_start", "reason"])


def inventory_numbers(text: str, structure: pd.DataFrame, facts: pd.DataFrame,
                      not_data: pd.DataFrame) -> pd.DataFrame:
    """Every number token in the article with its class: fact, not_data, repeat or unaccounted."""
    by_fact = dict(zip(facts["token_start"], facts["key"], strict=True))
    by_reason = dict(zip(not_data["token_start"], not_data["reason"], strict=True))
    rows = []
    for i, match in enumerate(find_number_tokens(text), start=1):
        part = part_at(structure, match.start())["part"]
        status, fact_key, reason = "unaccounted", "", ""
        if match.start() in by_fact:
            status, fact_key = "fact", by_fact[match.start()]
        elif match.start() in by_reason:
            status, reason = "not_data", by_reason[match.start()]
        elif part == "lead_repeat":
            status, reason = "repeat", "in the repeated lead; counted once, at the lead"
        rows.append({"token_id": i, "token": match.group(), "start": match.start(),
                     "end": match.end(), "part": part, "status": status,
                     "fact_key": fact_key, "reason": reason})
    return pd.DataFrame(rows)
