"""Sentences for changes the article prints («giảm 21 người», «tăng 21% so với năm 2015»).

A change is stated as printed, with the level it compares with where the article gives it; it is never
turned into a count of people or a level.
"""

from __future__ import annotations

import pandas as pd

from articlefacts.claims.story import Finding, Story, words


def change_findings(story: Story, keys: list[str]) -> list[Finding]:
    """One sentence per change in ``keys``: what changed, the article's own words for the change, the value
    in this language, the period, and the level it compares with (when the article prints it)."""
    out = []
    for key in keys:
        fact = story.facts.loc[key]
        value = story.noted(story.fact_count(key) + ("" if fact["unit"] == "percent"
                                                     else " " + story.unit(fact["unit"])), key)
        if fact["parent_key"]:
            parent = story.facts.loc[fact["parent_key"]]
            text = story.t("c.change", what=words(parent, story.language), quote=fact["quote"], value=value,
                           label=story.words(key), period=fact["period"], y0=parent["period"],
                           n0=story.fact_count(fact["parent_key"]))
            out.append(Finding(text, (key, fact["parent_key"])))
        else:
            text = story.t("c.change.alone", quote=fact["quote"], value=value, label=story.words(key),
                           period=fact["period"])
            out.append(Finding(text, (key,)))
    return out


def changes(facts: pd.DataFrame) -> list[str]:
    """Keys of the changes the article prints, in the facts file's order."""
    return list(facts.index[facts["relation"] == "change"])
