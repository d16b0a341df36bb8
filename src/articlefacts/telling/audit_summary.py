"""The sentences of notebook 01 (in English): what was taken from the article and what the audit found."""

from __future__ import annotations

import pandas as pd

from articlefacts.reading.inventory import token_counts
from articlefacts.telling.story import join, source_person
from articlefacts.vocab import ARTICLE_ITSELF


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """'1 flag', '3 flags', 'no flags' (English)."""
    many = nouns or noun + "s"
    return f"no {many}" if n == 0 else f"{n} {noun if n == 1 else many}"


def audit_counts(checks: pd.DataFrame) -> str:
    """'66 checks: 59 passed, 3 flagged, 3 notes, 1 skipped and none failed'."""
    st = checks["status"].value_counts()
    parts = [f"{st.get('pass', 0)} passed", f"{st.get('flag', 0)} flagged", plural(st.get("note", 0), "note"),
             f"{st.get('skipped', 0)} skipped"]
    failed = st.get("fail", 0)
    return f"{plural(len(checks), 'check')}: {', '.join(parts)} and {failed or 'none'} failed"


def audit_summary(tables, language: str = "en") -> dict[str, str]:
    """The title, the summary and the section headings of notebook 01, each a finding with this article's counts
    (English: notebook 01 is in English)."""
    inv, checks, facts, meta = tables.inventory, tables.checks, tables.facts, tables.meta
    by = token_counts(inv)
    tokens = (f"all {plural(by['tokens'], 'number token')} of the article are accounted for: "
              f"{plural(by['fact'], 'fact')}, {plural(by['repeat'], 'repeat')} and {by['not_data']} not data"
              + (f" ({by['fact']} tokens give {by['facts']} facts)" if by["shared"] else "")
              + (f"; {plural(by['words'], 'fact')} read from a number written in words" if by["words"] else ""))
    labels = checks[checks["kind"] == "label"]["status"]
    flagged, common = int((labels == "flag").sum()), int((labels == "note").sum())
    found = ("each with its label found in the same sentence" if not flagged else
             f"{len(facts) - flagged} with the label found in the same sentence and {flagged} without "
             "(flagged in the audit, check kind 'label')")
    if common:
        found += f"; {common} of those labels use words found all through the article (a note)"
    named = sorted({source_person(fact, language) for _, fact in facts.iterrows()} - {""})
    who = (f"; {sum(facts['attribution'] != ARTICLE_ITSELF)} of them are attributed to {join(named, language)}"
           if named else "")
    parts = tables.structure["part"].value_counts()
    shape = join([plural(int(parts[p]), PART_WORDS[p][0], PART_WORDS[p][1]) for p in PART_WORDS if p in parts],
                 "en")
    audit = audit_counts(checks)
    return {
        "title": f"01 · The numbers of «{meta['headline_vi']}», each traced to its quote",
        "structure": f"The article has {len(tables.structure)} lines: {shape}",
        "tokens": tokens[:1].upper() + tokens[1:],
        "facts": f"{len(facts)} facts, each quoted once, {found}{who}",
        "derived": f"{plural(len(tables.derived), 'value')} derived from the facts, each a formula over fact keys",
        "audit": f"The audit ran {audit}",
        "summary": (f"{len(facts)} numbers are taken from «{meta['headline_vi']}» ({meta['outlet']}, "
                    f"{meta['date']}), each parsed from a quote found in the text; {tokens}. "
                    f"{plural(len(tables.derived), 'value')} are derived by formula, and the audit ran {audit}."),
        "outputs": f"{len(tables.outputs())} tables are written, each checked against its schema first",
    }


# The English words for the parts of an article (vocab.PARTS), singular and plural.
PART_WORDS = {"date_line": ("date line", "date lines"), "headline": ("headline", "headlines"),
              "lead": ("lead", "leads"), "body": ("body paragraph", "body paragraphs"),
              "caption": ("photo caption", "photo captions"),
              "lead_repeat": ("repeat of the lead", "repeats of the lead"), "byline": ("byline", "bylines")}
