"""The sentences of notebook 01 (in English): what was taken from the article and what the audit found."""

from __future__ import annotations

import re

import pandas as pd

from articlefacts.i18n import capital
from articlefacts.reading.inventory import token_counts
from articlefacts.telling.story import join, source_person


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
    labels = checks[checks["kind"] == "label"]
    flagged = int((labels["status"] == "flag").sum())
    found = f"; {flagged} without its label in the same sentence (check kind 'label')" if flagged else ""
    note = facts_note(facts, labels, language)
    parts = tables.structure["part"].value_counts()
    shape = join([plural(int(parts[p]), PART_WORDS[p][0], PART_WORDS[p][1]) for p in PART_WORDS if p in parts],
                 "en")
    audit = audit_counts(checks)
    return {
        "title": f"The numbers of «{meta['headline_vi']}», each traced to its quote",
        "structure": f"The article has {len(tables.structure)} lines: {shape}",
        "tokens": tokens[:1].upper() + tokens[1:],
        "facts": capital(f"{plural(len(facts), 'fact')}, {'' if len(facts) == 1 else 'each '}traced to one "
                         f"quote{found}") + (f"\n\n{note}" if note else ""),
        "derived": capital(f"{plural(len(tables.derived), 'value')} derived from the facts")
                   + (", each a formula over fact keys" if len(tables.derived) > 1 else
                      ", a formula over fact keys" if len(tables.derived) else ""),
        "audit": f"The audit ran {audit}",
        "summary": methods_note(tables, meta, by, checks),
        "outputs": f"{len(tables.outputs())} tables are written, each checked against its schema first",
    }


def verb(n: int, one: str, many: str) -> str:
    """The verb that agrees with a count ``n``: ``one`` for 1, else ``many`` ('1 is', '3 are', '0 are')."""
    return one if n == 1 else many


def methods_note(tables, meta: dict, by: dict, checks: pd.DataFrame) -> str:
    """The methods note under notebook 01's title, for a reader: every number of the article accounted for, what
    is derived, and what the audit found ('All 24 numbers … are accounted for: 20 are data and 4 are not …');
    each verb agrees with its count ('1 is not data', '1 of them flags'), each sentence starts with a capital."""
    st = checks["status"].value_counts()
    n_data, n_not = by.get("fact", 0), by.get("not_data", 0)
    data = f"{n_data} {verb(n_data, 'is', 'are')} data"
    goals = int((tables.facts["relation"] == "target").sum()) if "relation" in tables.facts else 0
    if goals:  # a target is a goal the article sets, not a level it reports
        data += f" ({goals} of them {verb(goals, 'a target', 'targets')}, a goal rather than a level)"
    n_repeat = by.get("repeat", 0)
    repeats = f", {n_repeat} {verb(n_repeat, 'repeats a fact', 'repeat facts')}" if n_repeat else ""
    failed = st.get("fail", 0)
    found = "found no error" if not failed else f"found {plural(failed, 'error')}"
    flagged = int(st.get("flag", 0) + st.get("note", 0))
    shared = f" ({by['fact']} of them give {by['facts']} facts)" if by.get("shared") else ""
    words = f"; {plural(by['words'], 'fact')} read from a number written in words" if by.get("words") else ""
    n_derived = len(tables.derived)
    derived = ("No value is derived" if not n_derived else
               f"{plural(n_derived, 'value')} {verb(n_derived, 'is', 'are')} derived")
    told = ("none of them flags or notes anything a reader should know" if not flagged else
            f"{flagged} of them {verb(flagged, 'flags or notes', 'flag or note')} something a reader should know, "
            f"said where {verb(flagged, 'the figure it concerns is', 'the figures they concern are')} told")
    return (f"All {plural(by['tokens'], 'number')} printed in «{meta['headline_vi']}» ({meta['outlet']}, "
            f"{meta['date']}) {verb(by['tokens'], 'is', 'are')} accounted for: {data}{shared}{repeats} and "
            f"{n_not} {verb(n_not, 'is', 'are')} not data, each with its reason{words}. {derived} from the data "
            f"by formula. Our {plural(len(checks), 'consistency check')} {found}; {told}.")


def facts_note(facts: pd.DataFrame, labels: pd.DataFrame, language: str = "en") -> str:
    """The sentence under notebook 01's facts heading: who gives the facts ("5 are attributed to …, 4 to …; the
    other 11 are the newspaper's own") and the labels that occur all through the article, so that finding
    them proves little ('' when there is nothing to say)."""
    who = pd.Series([source_person(fact, language) for _, fact in facts.iterrows()], dtype=object)
    counts = who[who != ""].value_counts(sort=False)
    parts = [f"{n} {'is' if n == 1 else 'are'} attributed to {w}" if i == 0 else f"{n} to {w}"
             for i, (w, n) in enumerate(counts.items())]
    own = int((who == "").sum())
    note = ""
    if parts:
        rest = f"; the other {own} {'is' if own == 1 else 'are'} the newspaper's own" if own else ""
        note = ("; " if any("," in p for p in parts) else ", ").join(parts) + rest + "."
    common = [m.group(0) for d in labels.loc[labels["status"] == "note", "detail"] if (m := re.match(r"«[^»]*»", d))]
    if common:
        verb = "occurs" if len(common) == 1 else "occur"
        count = "One label" if len(common) == 1 else plural(len(common), "label")
        note += (" " if note else "") + (f"{count}, {join(common, language)}, {verb} all through the article, so "
                                         "finding it beside its number proves little.")
    return note[:1].upper() + note[1:]


# The English words for the parts of an article (vocab.PARTS), singular and plural.
PART_WORDS = {"date_line": ("date line", "date lines"), "headline": ("headline", "headlines"),
              "lead": ("lead", "leads"), "body": ("body paragraph", "body paragraphs"),
              "caption": ("photo caption", "photo captions"),
              "lead_repeat": ("repeat of the lead", "repeats of the lead"), "byline": ("byline", "bylines")}
