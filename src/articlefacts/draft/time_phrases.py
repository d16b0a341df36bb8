"""The time phrases of an article (``time_words.csv``) and the period each gives.

«cuối năm 2002» → 2002; «giai đoạn 2016-2021» → 2016–2021; «từ năm 2002 đến nay» → 2002 to the article's year;
«Qua 5 năm» → the five years to it; «hiện nay» → the article's year. The years inside a phrase are labels (the
not-data rule reads them from here); the period rule gives each fact the period of the phrase nearest to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from articlefacts.draft.lexicon import time_patterns


@dataclass
class TimePhrase:
    """A time phrase of the article: where it is, what kind (``time_words.csv``) and the period it gives."""

    start: int
    end: int
    kind: str
    period: str
    meaning: str
    years: tuple[int, ...] = ()


def find_time_phrases(text: str, year: int | None) -> list[TimePhrase]:
    """Every time phrase of ``text``, the first row of ``time_words.csv`` winning where two overlap."""
    found: list[TimePhrase] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind, meaning in time_patterns():
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            groups = m.groupdict()
            y1, y2, n = (int(groups[g]) if groups.get(g) else None for g in ("y1", "y2", "n"))
            if kind in ("since", "since_term"):
                end = y2 if (y2 and kind == "since") else year
                period = f"{y1}–{end}" if end and end != y1 else str(y1)
            elif kind in ("range", "term"):
                period = f"{y1}–{y2}"
            elif kind in ("point", "compare"):
                period = str(y1)
            elif kind == "span":
                period = f"{year - n}–{year}" if year else ""
            else:  # now
                period = str(year) if year else ""
            years = tuple(m.start(g) for g in ("y1", "y2") if groups.get(g))
            found.append(TimePhrase(m.start(), m.end(), kind, period, meaning, years))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda p: p.start)
