"""Rule 2 of ``make draft``: what each number measures (its unit), its value and the bound its words set.

The unit comes from the noun after the number (% first, then ``units.csv``; people when no noun follows); the
bound from the qualifier before it («hơn 80%»: more than). The arithmetic the later rules need on such values
is here too: whether a value fits a printed bound, and whether counts add up to a printed total.
"""

from __future__ import annotations

import re
from decimal import Decimal

from articlefacts.draft.lexicon import multipliers, table, unit_nouns
from articlefacts.draft.tokens import HIGH, LOW, MEDIUM, Article, Token
from articlefacts.errors import ArticleFactsError
from articlefacts.reading.article import line_span
from articlefacts.reading.numbers import parse_vi_number, read_qualifier


def guess_unit(art: Article, tok: Token) -> None:
    """Rule 2: the unit from the noun after the number."""
    if tok.text.endswith("%"):
        tok.set("unit", "percent", HIGH, "a per cent sign")
        return
    pattern, rows = unit_nouns()
    found = pattern.match(art.text, tok.end)
    if found:
        row = rows[found.group("noun").lower()]
        why = f"«{found.group('noun')}» after the number" + (f" ({row['note']})" if row["note"] else "")
        tok.set("unit", row["unit"], HIGH if not row["note"] else MEDIUM, why)
        return
    tok.set("unit", "people", LOW, "no counted noun after the number: people assumed")


def number_words_in(text: str) -> list[re.Match]:
    """«có hai đồng chí»: numbers written as a word (``number_words.csv``; «một» is left out, since «một số», «một
    bộ phận» are no numbers) right before a noun of people of ``units.csv``. A number in words before a commune
    or a month («hai xã», «hai tháng») only says how many names or how long, and is no fact."""
    people = [r["noun"] for r in table("units") if r["unit"] == "people"]
    words = "|".join(re.escape(r["word"]) for r in table("number_words"))
    nouns = "|".join(re.escape(n) for n in sorted(people, key=len, reverse=True))
    # «mười hai người», «hai mươi người»: numbers of several words are left to the coder
    return [m for m in re.finditer(rf"(?<!\w)(?:{words})(?=\s(?:{nouns})(?!\w))", text)
            if not re.search(rf"(?<!\w)(?:{words}|mươi|mốt|lăm)\s$", text[max(0, m.start() - 8):m.start()])]


def parse_token(art: Article, tok: Token) -> None:
    """The token's value and the bound the words before it set («hơn 80%»: more than)."""
    try:
        tok.value = parse_vi_number(tok.text).value
    except ArticleFactsError:  # a token babel cannot read stays a fact without a value
        words = {r["word"]: r["value"] for r in table("number_words")}
        tok.value = Decimal(words[tok.text.lower()]) if tok.text.lower() in words else None
    noun = unit_nouns()[0].match(art.text, tok.end) if tok.unit != "percent" else None
    if tok.value is not None and noun and noun.group("multiplier"):  # «1,2 nghìn công chức»: 1.200
        tok.value *= multipliers()[noun.group("multiplier").lower()]
    line_start, _ = line_span(art.text, tok.start)
    tok.bound = read_qualifier(art.text[line_start:tok.start])[0]


def fits_bound(value: Decimal, bound: str, printed: Decimal) -> bool:
    """Whether ``value`` is consistent with a printed bound «hơn 200» (gt 200), within a quarter of it."""
    if bound in ("gt", "ge"):
        return printed < value <= printed * Decimal("1.25") or (bound == "ge" and value == printed)
    if bound in ("lt", "le"):
        return printed * Decimal("0.75") <= value < printed or (bound == "le" and value == printed)
    if bound == "approx":
        return abs(value - printed) <= printed * Decimal("0.1")
    return False


def sum_of(tokens: list[Token]) -> Decimal:
    return sum((t.value * t.times for t in tokens if t.value is not None), Decimal(0))


def adds_up(parts: list[Token], whole: Token) -> bool:
    """Whether counts add up to a printed total, given its bound («hơn 11» takes parts adding up to 12)."""
    if len(parts) < 2 or whole.value is None or any(t.value is None for t in parts):
        return False
    total = sum_of(parts)
    if whole.bound == "eq" or all(t.bound == whole.bound for t in parts):  # «hơn 1.800» + «hơn 1.700» of «hơn 3.500»
        return total == whole.value
    return fits_bound(total, whole.bound, whole.value)
