"""Notebook 01's work in one call: from the four input files to every table of the audit."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from articlefacts.checking.audit import run_checks
from articlefacts.checking.derive import derive_values
from articlefacts.checking.percent_checks import percent_counts
from articlefacts.checking.periods import period_readings
from articlefacts.reading.article import read_article, split_article
from articlefacts.reading.facts import build_facts, read_facts
from articlefacts.reading.inputs import read_meta
from articlefacts.reading.inventory import check_accounted, inventory_numbers, read_not_data


@dataclass
class ArticleTables:
    """Everything notebook 01 writes, plus the text and metadata it read.

    ``facts``, ``repeats`` and ``derived`` are indexed by key; the others have the columns of their
    schema in ``tables.json``.
    """

    meta: dict
    text: str
    encoding_notes: tuple[str, ...]
    structure: pd.DataFrame
    facts: pd.DataFrame
    repeats: pd.DataFrame
    inventory: pd.DataFrame
    derived: pd.DataFrame
    percent_counts: pd.DataFrame
    checks: pd.DataFrame

    def derived_shown(self) -> pd.DataFrame:
        """The derived table for display: the key as a column and each value as text to its own decimals
        (``70``, ``12.42``); an article with nothing derived gives an empty table with the same columns."""
        frame = self.derived.reset_index()
        shown = [f"{v:.{min(int(d), 4)}f}" for v, d in zip(frame["value"], frame["decimals"], strict=True)]
        return frame.assign(value=pd.Series(shown, index=frame.index, dtype=object))

    def outputs(self) -> dict[str, pd.DataFrame]:
        """table name → frame, for every table notebook 01 writes."""
        return {"structure": self.structure, "number_tokens": self.inventory, "facts": self.facts,
                "derived": self.derived, "percent_counts": self.percent_counts, "checks": self.checks}


def build_tables(article: str, facts: str, not_data: str, meta: str) -> ArticleTables:
    """Read, verify and audit one article from the paths of its four input files.

    Raises :class:`ArticleFactsError` for any input that cannot be read or located, and for a number token
    that is neither a fact, a repeat nor not data. Checks that fail are in ``checks`` (status 'fail').
    """
    info = read_meta(meta)
    source = read_article(article, info["sha256"])
    structure = split_article(source.text, info)
    fact_table, repeats = build_facts(read_facts(facts), source.text, structure)
    inventory = inventory_numbers(source.text, structure, fact_table, repeats,
                                  read_not_data(not_data, source.text, structure))
    check_accounted(source.text, inventory)
    derived = derive_values(fact_table)
    counts = percent_counts(fact_table)
    checks = run_checks(fact_table, repeats, derived, counts, inventory, info, source.text)
    fact_table = fact_table.assign(period_read=period_readings(fact_table, inventory, info, source.text))
    return ArticleTables(info, source.text, source.encoding_notes, structure, fact_table, repeats, inventory,
                         derived, counts, checks)
