"""Labels in English and Vietnamese from one table (``translations.csv``), and numbers via babel."""

from __future__ import annotations

import csv
import unicodedata
from datetime import date
from functools import cache
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_decimal

from articlefacts.errors import ArticleFactsError

TRANSLATIONS = Path(__file__).with_name("translations.csv")
from articlefacts.vocab import LOCALES  # noqa: E402  (one place for the languages)


@cache
def table() -> dict[str, dict[str, str]]:
    """The translation table: key → {language: text}."""
    with TRANSLATIONS.open(encoding="utf-8", newline="") as fh:
        return {row["key"]: {k: v for k, v in row.items() if k != "key"} for row in csv.DictReader(fh)}


def check_language(language: str) -> str:
    """Return ``language`` if the table has it, else raise an error listing the choices."""
    if language not in LOCALES:
        raise ArticleFactsError(
            f"Parameter 'language': unknown value {language!r}",
            f"use one of: {', '.join(LOCALES)}.")
    return language


def t(key: str, language: str, **values) -> str:
    """The ``key`` text in ``language`` (NFC), with ``{placeholders}`` filled from ``values``."""
    check_language(language)
    try:
        text = table()[key][language]
    except KeyError:
        raise ArticleFactsError(f"No translation for '{key}' in translations.csv",
                                f"add a row for '{key}' with en and vi columns.") from None
    return unicodedata.normalize("NFC", text.format(**values))


def capital(text: str) -> str:
    """``text`` with its first letter upper-cased, as a sentence or title starts."""
    return text[:1].upper() + text[1:]


def has(key: str) -> bool:
    """Whether the translation table has ``key``."""
    return key in table()


def number(value: float, language: str, decimals: int = 0) -> str:
    """A number as the language writes it, with exactly ``decimals`` places: ``10,4`` in vi, ``10.4`` in en."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALES[check_language(language)])


def percent(value: float, language: str, decimals: int = 0) -> str:
    """A share given in per cent (0–100) as text: ``89,62%`` in vi, ``89.62%`` in en."""
    return number(value, language, decimals) + "%"


def long_date(iso: str, language: str) -> str:
    """An ISO date as the language writes it: ``22 Jan 2021`` / ``22/01/2021``; the metadata's ``unknown`` (a page
    that does not show when it was published) as 'date unknown' / «không rõ ngày»."""
    if iso == "unknown":
        return t("date.unknown", language)
    day = date.fromisoformat(iso)
    return format_date(day, "d MMM y", locale="en_GB") if language == "en" else day.strftime("%d/%m/%Y")
