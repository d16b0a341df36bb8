"""Sentences for percentages whose whole the article does not print («96,5% số vị trí việc làm»).

Such a share is stated as printed, with the article's words for its whole (``whole_vi`` / ``whole_en``), and
nothing is derived from it: no count, and no figure that implies a denominator.
"""

from __future__ import annotations

import pandas as pd

from articlefacts.telling.story import Finding, Story, join, whole_words


def unprinted_whole_findings(story: Story, keys: list[str]) -> list[Finding]:
    """One sentence per share in ``keys`` whose whole is not printed: its label, the share as printed, the
    words of the whole and its period, with the fact's notes; and that no count is derived from it."""
    out = []
    facts = story.facts.loc[keys]
    for _, group in facts.groupby(["measure", "whole_vi"], sort=False):
        if group["period"].nunique() > 1:  # one measure of one whole in several years: its levels together
            out.append(levels_finding(story, group.sort_values("period", kind="stable")))
            continue
        for key, fact in group.iterrows():
            share = story.share(fact["value"], fact["decimals"], fact["bound"], fact.get("qualifier", ""))
            text = story.t("s.unprinted_whole", label=story.words(key), share=share,
                           whole=whole_words(fact, story.language),
                           period="; ".join([fact["period"], *story.notes(key)]))
            out.append(Finding(text, (key,)))
    return sorted(out, key=lambda f: keys.index(f.keys[0]))


def levels_finding(story: Story, group: pd.DataFrame) -> Finding:
    """The levels one measure of one unprinted whole takes in several years («đã tăng 48% (năm 2011) lên
    78,44%»: 48% is the earlier level, not a rise), each as printed with its year, and the article's quotes;
    no change is computed, since the wholes behind the two shares are not printed."""
    items = [story.noted(story.t("s.level", share=story.share(f["value"], f["decimals"], f["bound"],
                                                                    f.get("qualifier", "")),
                                 period=f["period"]), k) for k, f in group.iterrows()]
    quotes = "; ".join(f"«{q}»" for q in dict.fromkeys(group["quote"]))
    first = group.iloc[0]
    text = story.t("s.unprinted_whole.levels", label=story.words(group.index[0]), items=join(items, story.language),
                   whole=whole_words(first, story.language), quotes=quotes)
    return Finding(text, tuple(group.index))


def unprinted_wholes(facts: pd.DataFrame) -> list[str]:
    """Keys of the shares whose whole the article does not print, in the facts file's order."""
    return list(facts.index[(facts["relation"] == "share") & facts["parent_key"].eq("")])
