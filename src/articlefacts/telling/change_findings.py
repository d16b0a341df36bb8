"""Sentences for changes the article prints («giảm 21 người», «tăng 21% so với năm 2015»).

A change is stated as printed, with the level it compares with where the article gives it; it is never
turned into a count of people or a level.
"""

from __future__ import annotations

import pandas as pd

from articlefacts.telling.story import Finding, Story, words
from articlefacts.vocab import CHANGE_DIRECTIONS


def change_findings(story: Story, keys: list[str]) -> list[Finding]:
    """One sentence per change in ``keys``: what changed, the article's own words for the change, its direction
    and value in this language, the period, and the level it compares with (when the article prints it). A
    percentage change of a percentage («tăng 21%» of a share) says it may be points or a relative rise."""
    out = []
    for key in keys:
        fact = story.facts.loc[key]
        parent = story.facts.loc[fact["parent_key"]] if fact["parent_key"] else None
        extra = ([story.t("c.points_or_relative")] if fact["unit"] == "percent" and parent is not None
                 and parent["unit"] == "percent" else [])
        notes = story.notes(key)
        if extra and story.reading(key):  # the coder's reading is this ambiguity: one note says both
            notes = [f"{story.reading(key)}: {extra[0]}" if n == story.reading(key) else n for n in notes]
        else:
            notes = extra + notes
        value = direction(story, fact) + " " + story.fact_count(key) + (
            "" if fact["unit"] == "percent" else " " + story.unit(fact["unit"]))
        value += f" ({'; '.join(notes)})" if notes else ""
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


def direction(story: Story, fact: pd.Series) -> str:
    """'up' / 'down' (or the Vietnamese) from the change's own words («tăng», «giảm»), else 'a change of'."""
    words_before = fact["quote"].lower()
    for word, way in CHANGE_DIRECTIONS.items():
        if word in words_before:
            return story.t(f"c.{way}")
    return story.t("c.change_of")


def changes(facts: pd.DataFrame) -> list[str]:
    """Keys of the changes the article prints, in the facts file's order."""
    return list(facts.index[facts["relation"] == "change"])
