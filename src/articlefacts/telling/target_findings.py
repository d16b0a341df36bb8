"""Sentences for the goals an article sets («phấn đấu đến năm 2020 đạt 100%»).

A target is a fact of its own kind (relation ``target``): it is told as a goal, with the article's words and
the period it is set for, and never as a level, a change or a bar.
"""

from __future__ import annotations

import pandas as pd

from articlefacts.telling.headlines import predicate
from articlefacts.telling.story import Finding, Story, source_person, whole_words


def target_findings(story: Story, keys: list[str]) -> list[Finding]:
    """One sentence per target in ``keys``: its value as printed, what it is for (the words of the whole, when
    the facts file gives them), the period it is set for and the article's quote, with the fact's notes and the
    source the article names for it."""
    out = []
    for key in keys:
        fact = story.facts.loc[key]
        label = story.words(key)
        if fact.get("whole_vi"):  # "100% of commune cadres … with a university degree" / «100% cán bộ … có trình độ …»
            whole = whole_words(fact, story.language)
            label = (f"of {whole} {label}" if label.lower().startswith("with ") else f"of {whole} ({label})"
                     ) if story.language == "en" else f"{whole} {predicate(label, 'vi')}"
        text = story.t("target", value=story.noted(story.fact_count(key), key), label=label,
                       period=fact["period"], quote=fact["quote"])
        who = source_person(fact, story.language)  # the source that sets the goal, once
        text = f"{text[:-1]}{story.t('attributed.comma', who=who)}." if who and text.endswith(".") else text
        out.append(Finding(text, (key,)))
    return out


def targets(facts: pd.DataFrame) -> list[str]:
    """Keys of the targets the article sets, in the facts file's order."""
    return list(facts.index[facts["relation"] == "target"])
