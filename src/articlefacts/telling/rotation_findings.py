"""Notebook 03's sentences: each split of the rotated leaders on its own, counts given side by side without a
total, and each subset beside its whole.

A split with a printed total says how its parts divide that total; counts with no printed total are stated
together and no total is made of them; a subset is stated with its whole. Splits are never crossed.
"""

from __future__ import annotations

import pandas as pd

from articlefacts.i18n import number
from articlefacts.telling.headlines import is_noun, people_done_to, predicate, subject_and_rest
from articlefacts.telling.profile_findings import split_label
from articlefacts.telling.story import Finding, Story, join, words
from articlefacts.vocab import ROTATION_VI


def flow_label(story: Story, row: pd.Series) -> str:
    """The label of a row of the flows table: the article's words, or the rest's description."""
    if row["relation"] == "rest":
        return story.t("r.rest_split")
    if row["relation"] == "subset_rest":
        return story.t("r.rest_subset", total=story.count(row["parent_count"]))
    return story.words(row["key"])


def part_text(story: Story, r: pd.Series) -> str:
    """One part of a split with its count, the number first, as a clause: '10 were from the government bloc',
    '43 cadres were rotated from the district …' (:func:`articlefacts.telling.headlines.people_done_to`) /
    '10 người thuộc khối chính quyền' (:func:`articlefacts.telling.headlines.predicate`); a percentage the article
    prints beside the count goes with it, and so do the fact's notes."""
    share = (story.share(r["share_pct"], r["share_decimals"], r["share_bound"])
             if r["share_status"] == "printed" else "")
    label = flow_label(story, r)
    one = r["count"] == 1 and r["bound"] == "eq"
    what = label if r["relation"] in ("rest", "subset_rest") else predicate(label, story.language, one)
    done_to = people_done_to(label) if story.language == "en" and not one and r["relation"] == "part" else None
    if done_to:  # "43 cadres were rotated from the district …", the people the subject
        what = f"{done_to[0]} were {done_to[1]}"
    text = story.t("r.part.share" if share else "r.part", n=story.count(r["count"], r["bound"]),
                   unit=story.counted(r["unit"], label), label=label, what=what, share=share)
    return story.noted(text, r["key"]) if r["relation"] == "part" else text


def whole_words(story: Story, parent: pd.Series) -> str:
    """The words for the whole a rotation split divides. A top-level rotation total whose Vietnamese words
    do not name the rotation (:data:`articlefacts.vocab.ROTATION_VI`) gets ``r.whole_rotated`` («… được luân
    chuyển»; the English gloss already says 'rotated')."""
    who = words(parent, story.language)
    if parent["topic"] == "rotation" and not parent["parent_key"] and ROTATION_VI not in words(parent, "vi"):
        who = story.t("r.whole_rotated", who=who)
    return who


def period_caveat(story: Story, whole: pd.Series, period: str) -> str:
    """The sentence that says a whole is counted in another period than its parts ('' when it is not)."""
    if whole["period"] == period:
        return ""
    return story.t("r.period_caveat", total=number(whole["value"], story.language), period=whole["period"],
                   period2=period)


def whole_notes(story: Story, key: str) -> str:
    """' (the headline: «Hơn 200»)': the notes of a whole, as a bracket after its words ('' when none)."""
    notes = story.notes(key)
    return f" ({'; '.join(notes)})" if notes else ""


def split_findings(story: Story, flows: pd.DataFrame) -> list[Finding]:
    """Each split with a printed total, and each set of counts the article gives side by side without one."""
    out, named = [], set()
    splits = flows[flows["relation"].isin(("part", "rest"))]
    for split, group in splits.groupby("group", sort=False):
        parts = [part_text(story, r) for _, r in group.iterrows()]
        listed = "; ".join(parts) if story.language == "vi" else join(parts, story.language)
        name = split_label(story, split)
        first = story.facts.loc[group["key"].iloc[0]]
        keys = tuple(k for k in group["key"] if k in story.facts.index)
        if not group["parent_key"].iloc[0]:
            text = story.t("r.side_by_side" if name else "r.side_by_side.unnamed", split=name,
                           period=first["period"], parts=listed)
            out.append(Finding(text, keys))
            continue
        parent_key = group["parent_key"].iloc[0]
        parent = story.facts.loc[parent_key]
        again = ".again" if parent_key in named else ""  # a group is named in full once, then "the 26"
        named.add(parent_key)
        text = story.t(("r.split" if name else "r.split.unnamed") + again, split=name, who=whole_words(story, parent),
                       total=story.row_count(parent), notes=whole_notes(story, parent_key),
                       parts=listed)
        out.append(Finding(" ".join(filter(None, (text, period_caveat(story, parent, first["period"])))),
                           (parent_key, *keys), f"split:{split}"))
    return out


def subset_findings(story: Story, flows: pd.DataFrame, told: tuple[str, ...] = ()) -> list[Finding]:
    """Each subset stated with its whole: 'Of the 21 who returned …, 8 were in a higher post (38%; by our
    reading, …)' / «Trong số 21 người …, 8 người được giữ chức vụ cao hơn (38%; …)»; a whole of people among
    ``told`` (the parts the sentence just before states in full) is named short: 'Of these 21, 8 …' / «Trong
    số 21 người này, 8 người …»."""
    out = []
    for key, group in flows[flows["relation"] == "subset"].groupby("group", sort=False):
        r = group.iloc[0]
        parent, sub = story.facts.loc[r["parent_key"]], story.facts.loc[key]
        share = story.share(r["share_pct"], r["share_decimals"], r["share_bound"])
        label, parent_words = story.words(key), story.words(r["parent_key"])
        own = subject_and_rest(label, story.language)
        what = own[1] if own else predicate(label, story.language, r["count"] == 1 and r["bound"] == "eq")
        noun = is_noun(parent_words, story.language)
        parent_said = story.counted_words(r["parent_key"])
        same = story.language == "vi" and own and own[0] == parent_said  # «13 trong số 23 xã, thị trấn nhận …»
        these = r["parent_key"] in told and parent["unit"] == "people"
        text = story.t("r.subset.these" if these else "r.subset.same" if same else "r.subset" if noun
                       else "r.subset.who",
                       n=story.count(r["count"], r["bound"]), what=what,
                       unit=(" " + own[0]) if own and story.language == "vi" else story.counted(r["unit"], what),
                       total=story.row_count(parent),
                       parent=(parent_said if noun or story.language == "vi"
                               else predicate(parent_words, story.language)),
                       share="; ".join([share, *story.notes(key, True)]))
        out.append(Finding(" ".join(filter(None, (text, period_caveat(story, parent, sub["period"])))),
                           (key, r["parent_key"])))
    return out


def rotation_findings(story: Story, flows: pd.DataFrame) -> list[Finding]:
    """The rotation sentences of notebook 03: each split on its own, then each subset beside its whole, then
    the reminder that splits are not crossed; one sentence saying so when the article reports no rotation."""
    if flows.empty:
        return [Finding(story.t("r.none"))]
    out, placed = [], set()
    subsets = flows[flows["relation"].eq("subset")]
    for finding in split_findings(story, flows):  # a subset of a part follows the sentence that states the part
        out.append(finding)
        parted = flows[flows["relation"].eq("part") & flows["parent_key"].ne("")]  # counts side by side: named in full
        told = tuple(k for k in finding.keys if k in set(parted["key"]))
        after = subset_findings(story, subsets[subsets["parent_key"].isin(told)], told)
        out += [Finding(f.text, f.keys, finding.block) for f in after]
        placed |= {f.keys[0] for f in after}
    out += subset_findings(story, subsets[~subsets["group"].isin(placed)])
    if flows.loc[flows["relation"] == "part", "group"].nunique() > 1:
        out.append(Finding(story.t("r.uncrossed")))
    return out
