"""The tokens ``make draft`` proposes cells for, the article that holds them, and how sure a proposal is.

A :class:`Token` is one number of the article with every cell the draft proposes for it; each cell set through
:meth:`Token.set` carries a confidence (``high``, ``medium``, ``low``) and its reason, for the review file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

HIGH, MEDIUM, LOW = "high", "medium", "low"
# Units of time: a duration («trong 9 tháng») counts no people or things, and nothing is within it.
DURATIONS = ("days", "weeks", "months", "years")
LEVELS = (HIGH, MEDIUM, LOW)


@dataclass(eq=False)
class Token:
    """One number token of the article and every cell the draft proposes for it."""

    match: re.Match
    part: str
    para: int
    sentence: tuple[int, int]
    status: str = "fact"
    reason: str = ""
    unit: str = ""
    value: Decimal | None = None
    bound: str = "eq"
    period: str = ""
    parent: Token | None = None
    relation: str = ""
    split: str = ""
    topic: str = ""
    measure: str = ""
    term_vi: str = ""
    gloss_en: str = ""
    whole_vi: str = ""
    whole_en: str = ""
    reading: str = ""
    attribution: str = ""
    repeat_of: Token | None = None
    key: str = ""
    group: int = -1  # the list (sentence or scope) the token was read in, for splits
    header: str = ""  # the «Về …» breakdown the token's sentence opens with
    names: tuple[str, ...] = ()  # «ba xã A, B, C, mỗi xã 4 người»: the names the number is given for, one fact each
    confidence: dict = field(default_factory=dict)

    @property
    def start(self) -> int:
        return self.match.start()

    @property
    def end(self) -> int:
        return self.match.end()

    @property
    def text(self) -> str:
        return self.match.group()

    @property
    def times(self) -> int:
        """How many facts the number gives (one per name after «mỗi», «cùng»; else one)."""
        return max(1, len(self.names))

    @property
    def is_count(self) -> bool:
        """People, communes or any other counted thing (offices, job positions); not a percentage, a year or a
        duration."""
        return bool(self.unit) and self.unit not in ("percent", "year", *DURATIONS)

    def set(self, cell: str, value, level: str, why: str) -> None:
        """Propose ``value`` for ``cell`` with a confidence and its reason."""
        setattr(self, cell, value)
        self.confidence[cell] = (level, why)


@dataclass
class Article:
    """The text, its structure, the article's year and every token."""

    text: str
    structure: pd.DataFrame
    year: int | None
    tokens: list[Token]
    year_why: str = ""

    def facts(self) -> list[Token]:
        return [t for t in self.tokens if t.status == "fact"]

    def sentence_text(self, token: Token) -> str:
        return self.text[slice(*token.sentence)]


def listing(toks: list[Token]) -> str:
    """The tokens as printed, joined by « + » («12 + 5 + 3»), for the reasons the rules give."""
    return " + ".join(t.text for t in toks)
