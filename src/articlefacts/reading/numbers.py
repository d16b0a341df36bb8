"""Find and parse Vietnamese number tokens (comma decimals, dot thousands, per cent signs)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import NumberFormatError, parse_decimal

from articlefacts.errors import ArticleFactsError
from articlefacts.vocab import QUALIFIERS

# One number token: a date (22/01/2021), a time of day (05:09), or a number with Vietnamese separators
# and an optional per cent sign. "x/y" ("2.813/3.050": x of y) is two tokens, since it is two numbers.
DATE_RE = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}")
TIME_RE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
TOKEN_RE = re.compile(rf"{DATE_RE.pattern}|{TIME_RE.pattern}|\d+(?:[.,]\d+)*(?:\s?%)?")
# A year as the article prints it (1900–2099), alone or inside a token.
YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


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

    Uses babel in strict mode, so ``"89.62"`` and ``"89,6,2"`` raise :class:`ArticleFactsError` rather than
    becoming silently wrong numbers. Dates (``22/01/2021``) and times (``05:09``) are not numbers and are refused.
    """
    body = token.replace("%", "").strip()
    if "/" in body or ":" in body:
        raise ArticleFactsError(f"{where}'{token}' is a date or a time of day, not a number",
                                "quote a count or a percentage, or list the token as not-data.")
    try:
        value = parse_decimal(body, locale="vi", strict=True)
    except NumberFormatError as err:
        raise ArticleFactsError(
            f"{where}malformed number '{token}': {err}",
            "Vietnamese numbers use ',' for decimals and '.' for thousands, e.g. 89,62% or 1.234; "
            "copy the quote again from the article.") from None
    decimals = len(body.split(",")[1]) if "," in body else 0
    return ParsedNumber(token, value, token.endswith("%"), decimals)


def english_reading(token: str) -> str:
    """How an English reader reads ``token`` (',' thousands, '.' decimal), for messages."""
    return token.replace("%", "").strip().replace(",", "")


def check_whole_count(number: ParsedNumber, where: str = "") -> None:
    """A count of people or communes must be a whole number; otherwise name both readings and refuse.

    ``1,300`` is 1.3 to a Vietnamese reader and 1300 to an English one: neither can be assumed.
    Raises :class:`ArticleFactsError`.
    """
    if number.value != number.value.to_integral_value():
        raise ArticleFactsError(
            f"{where}'{number.token}' is not a whole number: read the Vietnamese way it is "
            f"{number.value.normalize()}, read the English way it is {english_reading(number.token)}; "
            "a count of people or communes must be whole",
            "if the article means thousands, it writes them with '.' (1.300); if it is a decimal, the fact is "
            "not a count: check the quote and the unit.")


def read_qualifier(text_before: str) -> tuple[str, str]:
    """The bound the words just before a number set, and those words: ``"hơn "`` → ``("gt", "hơn")``.

    Without a qualifier (:data:`articlefacts.vocab.QUALIFIERS`) it is ``("eq", "")``.
    """
    words = text_before.lower().split()
    for n in (2, 1):
        phrase = " ".join(words[-n:])
        if len(words) >= n and phrase in QUALIFIERS:
            return QUALIFIERS[phrase], phrase
    return "eq", ""


def printed_qualifier(text_before: str) -> str:
    """The qualifier words just before a number, as the article prints them (``"Hơn "`` → ``"Hơn"``), or ""."""
    phrase = read_qualifier(text_before)[1]
    if not phrase:
        return ""
    words = text_before.split()
    return " ".join(words[-len(phrase.split()):])


def read_bound(text_before: str) -> str:
    """The bound implied by the words just before a number: ``"hơn "`` → ``"gt"``, else ``"eq"``."""
    return read_qualifier(text_before)[0]
