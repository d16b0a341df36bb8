"""Sentences for percentages whose whole the article does not print («96,5% số vị trí việc làm»).

Such a share is stated as printed, with the article's words for its whole (``whole_vi`` / ``whole_en``), and
nothing is derived from it: no count, and no figure that implies a denominator.
"""

from __future__ import annotations

import pandas as pd

from articlefacts.telling.story import Finding, Story, whole_words


def unprinted_whole_findings(story: Story, keys: list[str]) -> list[Finding]:
    """One sentence per share in ``keys`` whose whole is not printed: its label, the share as printed, the
    words of the whole and its period, with the fact's notes; and that no count is derived from it."""
    out = []
    for key in keys:
        fact = story.facts.loc[key]
        share = story.share(fact["value"], fact["decimals"], fact["bound"], fact.get("qualifier", ""))
        text = story.t("s.unprinted_whole", label=story.words(key), share=share,
                       whole=whole_words(fact, story.language), period="; ".join([fact["period"], *story.notes(key)]))
        out.append(Finding(text, (key,)))
    return out


def unprinted_wholes(facts: pd.DataFrame) -> list[str]:
    """Keys of the shares whose whole the article does not print, in the facts file's order."""
    return list(facts.index[(facts["relation"] == "share") & facts["parent_key"].eq("")])
