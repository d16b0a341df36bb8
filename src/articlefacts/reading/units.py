"""The unit of a fact: people, communes, percent and year have rules of their own; any other unit is the English
noun of what the article counts (``departments``, ``job positions``, ``months``), never people."""

from __future__ import annotations

import difflib
import re

import pandas as pd

from articlefacts.errors import ArticleFactsError
from articlefacts.vocab import DURATION_UNITS, OPEN_UNIT_PATTERN, PEOPLE_WORDS, UNITS


def unit_problem(unit: str) -> tuple[str, str] | None:
    """What is wrong with a unit, as (problem, fix), or None: a word for people other than ``people``, a near
    miss of a unit with rules of its own (``peple``), or a unit that is not lower-case English words."""
    if not unit or unit in UNITS or unit in DURATION_UNITS:
        return None
    if unit in PEOPLE_WORDS:
        return (f"unit '{unit}' counts people",
                "write 'people' (people keep their own rules: whole counts, shares of a headcount); the article's "
                "words for who they are go in term_vi and gloss_en.")
    near = difflib.get_close_matches(unit, UNITS, n=1, cutoff=0.8)
    if near:
        return f"unknown unit '{unit}'", f"did you mean '{near[0]}'?"
    if not re.fullmatch(OPEN_UNIT_PATTERN, unit):
        return (f"unit '{unit}' is not the English noun of what is counted",
                "write people, communes, percent or year, or what the article counts as lower-case English words "
                "(departments, job positions, months); the Vietnamese words go in term_vi.")
    return None


def check_units(facts: pd.DataFrame, label: str) -> None:
    """Refuse the first fact whose unit :func:`unit_problem` finds wrong, naming the file, the fact and the fix.

    ``facts`` is the facts file as read (strings); ``label`` names the file. Raises :class:`ArticleFactsError`.
    """
    for _, row in facts.iterrows():
        problem = unit_problem(row["unit"])
        if problem:
            raise ArticleFactsError(f"{label}, fact '{row['key']}': {problem[0]}", problem[1])
