"""Find and parse Vietnamese number tokens (comma decimals, dot thousands, per cent signs)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import NumberFormatError, parse_decimal

from articlefacts.errors import ArticleFactsError

# One number token: a date (22/01/2021), a time of day (05:09), or a number with Vietnamese separators
# and an optional per cent sign. "x/y" ("2.813/3.050": x of y) is two tokens, since it is two numbers.
TOKEN_RE = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}:\d{2}(?::\d{2})?|\d+(?:[.,]\d+)*(?:\s?%)?")

# Words just before a number that make it a bound rather than an exact value.
QUALIFIERS = {
    "hơn": "gt",
    "trên": "gt",
    "ít nhất": "ge",
    "gần": "lt",
    "dưới": "lt",
    "tối đa": "le",
    "khoảng": "approx",
    "xấp xỉ": "approx",
}
BOUND_SYMBOLS = {"eq": "=", "gt": ">", "ge": "≥", "lt": "<", "le": "≤", "approx": "≈"}


@dataclass(frozen=True)
class ParsedNumber:
    """A number read from text: its value, whether it is a percentage, and its printed decimals."""

    token: str
    value: Decimal
    is_percent: bool
    decimals: int


def find_number_tokens(text: str) -> list[re.Match]:
    """All number tokens in ``text``, as regex matches (offsets are string positions)."""
    return list(TOKEN_RE.finditer(text))


def parse_vi_number(token: str, where: str = "") -> ParsedNumber:
    """Parse one token as Vietnamese writes it: ``"89,62%"`` → 89.62, per cent, 2 decimals.

    Uses babel in strict mode, so ``"89.62"`` and ``"89,6,2"`` are errors rather than silently
    wrong numbers. Dates (``22/01/2021``) are not numbers and are refused.
    """
    body = token.replace("%", "").strip()
    if "/" in body:
        raise ArticleFactsError(
            f"{where}'{token}' is a date or a fraction, not a number",
            "quote a passage whose number is a count or a percentage, or list the token as not-data.",
        )
    try:
        value = parse_decimal(body, locale="vi", strict=True)
    except NumberFormatError as err:
        raise ArticleFactsError(
            f"{where}malformed number '{token}': {err}",
            "Vietnamese numbers use ',' for decimals and '.' for thousands, e.g. 89,62% or 1.234; "
            "copy the quote again from the article.",
        ) from None
    decimals = len(body.split(",")[1]) if "," in body else 0
    return ParsedNumber(token, value, token.endswith("%"), decimals)


def read_bound(text_before: str) -> str:
    """The bound implied by the words just before a number: ``"hơn "`` → ``"gt"``, else ``"eq"``."""
    words = text_before.lower().split()
    for n in (2, 1):
        phrase = " ".join(words[-n:])
        if len(words) >= n and phrase in QUALIFIERS:
            return QUALIFIERS[phrase]
    return "eq"
