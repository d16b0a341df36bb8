"""Find and parse Vietnamese number tokens: comma decimals, dot thousands, per cent signs, a word multiplier
after the digits («1,2 nghìn» is 1.200), and small numbers written as words («hai đồng chí» is 2)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import NumberFormatError, parse_decimal

from articlefacts.errors import ArticleFactsError
from articlefacts.vocab import MULTIPLIERS, NUMBER_WORDS, QUALIFIERS

# One number token: a date (22/01/2021), a time of day (05:09), or a number with Vietnamese separators
# and an optional per cent sign («phần trăm» written out too), or a word multiplier («1,2 nghìn», «3 ngàn»,
# «2 triệu»): the multiplier is part of the token, so the value is never read without it. "x/y"
# ("2.813/3.050": x of y) is two tokens, since it is two numbers.
DATE_RE = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}")
TIME_RE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
MULTIPLIER_RE = "|".join(sorted(MULTIPLIERS, key=len, reverse=True))
PERCENT_RE = r"\s?%|\sphần trăm(?!\w)"
TOKEN_RE = re.compile(rf"{DATE_RE.pattern}|{TIME_RE.pattern}"
                      rf"|\d+(?:[.,]\d+)*(?:{PERCENT_RE}|\s(?:{MULTIPLIER_RE})(?!\w))?", re.IGNORECASE)
# A number written in words: «hai», «mười hai», «hai mươi lăm», optionally with a multiplier («hai nghìn»).
# Words are not tokens of the inventory (most are not data: «hai xã», «một số»); a fact may read one.
_ONES = "|".join(w for w in NUMBER_WORDS if w != "mười")
_FIRST = "|".join(w for w in NUMBER_WORDS if w not in ("mười", "mốt", "lăm", "tư"))  # «tư», «lăm» only after tens
WORD_NUMBER_RE = re.compile(
    rf"(?<!\w)(?:mười(?:\s(?:{_ONES}))?|(?:{_FIRST})(?:\s(?:mươi|chục)(?:\s(?:{_ONES}))?)?)"
    rf"(?:\s(?:{MULTIPLIER_RE}))?(?!\w)", re.IGNORECASE)
# A year as the article prints it (1900–2099), alone or inside a token.
YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass(frozen=True)
class ParsedNumber:
    """A number read from text: its value, whether it is a percentage, and its printed decimals."""

    token: str
    value: Decimal
    is_percent: bool
    decimals: int
    multiplier: int = 1
    in_words: bool = False


def find_number_tokens(text: str) -> list[re.Match]:
    """All number tokens in ``text``, as regex matches (offsets are string positions)."""
    return list(TOKEN_RE.finditer(text))


def find_word_numbers(text: str, include_one: bool = False) -> list[re.Match]:
    """The numbers written as words in ``text`` («hai», «mười hai», «hai nghìn»), as regex matches.

    «một» (one) alone is left out unless ``include_one``: «một số», «một bộ phận» are not numbers.
    """
    return [m for m in WORD_NUMBER_RE.finditer(text)
            if (include_one or m.group().lower() != "một")
            and not (m.group().lower() == "năm" and re.match(r"\s*\d", text[m.end():]))]  # «năm 2025»: a year


def word_value(phrase: str) -> int:
    """The value of a number in words: ``"hai"`` → 2, ``"mười lăm"`` → 15, ``"hai mươi tư"`` → 24,
    ``"ba nghìn"`` → 3000. Raises :class:`ArticleFactsError` for words that are not such a number."""
    words = phrase.lower().split()
    multiplier = MULTIPLIERS.get(words[-1], 1) if len(words) > 1 or words[-1] not in NUMBER_WORDS else 1
    if multiplier != 1:
        words = words[:-1]
    if not words or not WORD_NUMBER_RE.fullmatch(" ".join(words)):
        raise ArticleFactsError(f"«{phrase}» is not a number written in words",
                                "name the number as printed in the 'number' column («hai», «mười hai», «2»).")
    if words[0] == "mười":
        value = 10 + (NUMBER_WORDS[words[1]] if len(words) > 1 else 0)
    elif len(words) > 1:  # «hai mươi lăm», «ba chục»
        value = 10 * NUMBER_WORDS[words[0]] + (NUMBER_WORDS[words[2]] if len(words) > 2 else 0)
    else:
        value = NUMBER_WORDS[words[0]]
    return value * multiplier


def split_multiplier(token: str) -> tuple[str, int]:
    """A token's digits and its word multiplier: ``"1,2 nghìn"`` → (``"1,2"``, 1000); ``"89,62%"`` → (same, 1)."""
    parts = token.split()
    if len(parts) == 2 and parts[1].lower() in MULTIPLIERS:
        return parts[0], MULTIPLIERS[parts[1].lower()]
    return token, 1


def parse_vi_number(token: str, where: str = "") -> ParsedNumber:
    """Parse one token as Vietnamese writes it: ``"89,62%"`` → 89.62, per cent, 2 decimals; ``"1,2 nghìn"``
    → 1200 (the multiplier word is part of the token); ``"hai"`` → 2 (a number in words).

    Uses babel in strict mode, so ``"89.62"`` and ``"89,6,2"`` raise :class:`ArticleFactsError` rather than
    becoming silently wrong numbers. Dates (``22/01/2021``) and times (``05:09``) are not numbers and are refused.
    """
    if not any(c.isdigit() for c in token):
        return ParsedNumber(token, Decimal(word_value(token.strip())), False, 0, in_words=True)
    digits, multiplier = split_multiplier(token.strip())
    is_percent = digits.endswith("%") or digits.lower().endswith("phần trăm")
    body = re.sub(r"(?i)\s*(%|phần trăm)$", "", digits).strip()
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
    if multiplier != 1:  # «1,2 nghìn» is 1.200: the decimals belong to the thousands
        value, decimals = value * multiplier, max(0, decimals - len(str(multiplier)) + 1)
    return ParsedNumber(token, value, is_percent, decimals, multiplier)


def english_reading(token: str) -> str:
    """How an English reader reads ``token`` (',' thousands, '.' decimal), for messages."""
    digits, multiplier = split_multiplier(token.replace("%", "").strip())
    english = digits.replace(",", "")
    return english if multiplier == 1 else f"{english} × {multiplier:,}"


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
    """The bound the words just before a number set, and those words: ``"hơn "`` → ``("gt", "hơn")``;
    ``"gần "`` → ``("lt", "gần")`` (worded "nearly", see :func:`qualifier_key`).

    Without a qualifier (:data:`articlefacts.vocab.QUALIFIERS`) it is ``("eq", "")``.
    """
    words = text_before.lower().split()
    for n in (2, 1):
        phrase = " ".join(words[-n:])
        if len(words) >= n and phrase in QUALIFIERS:
            return QUALIFIERS[phrase][0], phrase
    return "eq", ""


def qualifier_key(qualifier: str, bound: str) -> str:
    """The translations.csv key that words a bound as the article's qualifier does: ``"gần"`` →
    ``"qualifier.gan"`` ("nearly {x}" / «gần {x}»); without a qualifier, the bound's own (``"bound.gt"``)."""
    known = QUALIFIERS.get(qualifier.lower().strip())
    return f"qualifier.{known[1]}" if known else f"bound.{bound or 'eq'}"


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
