"""The sentences of notebook 01 (in English): what was taken from the article and what the audit found."""

from __future__ import annotations

import pandas as pd

from articlefacts.claims.story import join, source_person
from articlefacts.i18n import t
from articlefacts.vocab import ARTICLE_ITSELF, HEADCOUNT


def plural(n: int, noun: str) -> str:
    """'1 flag', '3 flags' (English)."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def table_heading(table: pd.DataFrame, language: str) -> str:
    """The heading over the profiles or flows table, a claim with its counts."""
    if "measure" in table:
        reported = table["status"].eq("reported") & table["measure"].ne(HEADCOUNT)
        return t("head.profiles", language, n=int(reported.sum()), m=int((~table["status"].eq("reported")).sum()),
                 k=table["measure"].nunique() - (HEADCOUNT in set(table["measure"])), y=table["period"].nunique())
    splits = table.loc[table["relation"] == "part", "group"].nunique()
    subsets = table.loc[table["relation"] == "subset", "group"].nunique()
    return t("head.flows", language, s=splits, b=subsets)


def audit_summary(tables, language: str = "en") -> dict[str, str]:
    """Headings and the summary of notebook 01, with this article's counts (English: notebook 01 is in English)."""
    inv, checks, facts = tables.inventory, tables.checks, tables.facts
    by = inv["status"].value_counts()
    st = checks["status"].value_counts()
    tokens = (f"all {plural(len(inv), 'number token')} are accounted for: {plural(by.get('fact', 0), 'fact')}, "
              f"{plural(by.get('repeat', 0), 'repeat')} and {by.get('not_data', 0)} not data")
    audit = (f"the audit ran {plural(len(checks), 'check')}: {st.get('pass', 0)} pass, "
             f"{plural(st.get('flag', 0), 'flag')}, {plural(st.get('note', 0), 'note')}, "
             f"{st.get('skipped', 0)} skipped, {st.get('fail', 0)} fail")
    unproved = int((checks.loc[checks["kind"] == "label", "status"] != "pass").sum())
    labels = ("its label found in the same sentence" if not unproved else
              f"{len(facts) - unproved} with the label found in the same sentence and {unproved} without "
              "(flagged in the audit, check kind 'label')")
    named = sorted({source_person(fact, language) for _, fact in facts.iterrows()} - {""})
    who = (f"; {sum(facts['attribution'] != ARTICLE_ITSELF)} of them are attributed to {join(named, language)}"
           if named else "")
    return {
        "tokens": f"Finding: {tokens}",
        "facts": f"Finding: {len(facts)} facts, each quoted once, {labels}{who}",
        "derived": f"Finding: {len(tables.derived)} derived values, each a formula over fact keys",
        "audit": f"Finding: {audit}",
        "summary": (f"{len(facts)} numbers are taken from «{tables.meta['headline_vi']}» ({tables.meta['outlet']}, "
                    f"{tables.meta['date']}), each parsed from a quote found in the text; {tokens}. "
                    f"{len(tables.derived)} values are derived by formula, and {audit}."),
    }

