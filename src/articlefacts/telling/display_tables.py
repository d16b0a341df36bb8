"""The tables of notebooks 02 and 03 for reading: labels in the notebook's language, numbers as printed.

One rounding rule per column: a share is shown at the decimals the article prints, or at the decimals one
person justifies when it is derived, and a column says which. A count inferred from a share is the only
number marked «≈».
"""

from __future__ import annotations

import math
import re

import pandas as pd

from articlefacts.i18n import number
from articlefacts.telling.profile_findings import in_article_order, split_label
from articlefacts.telling.rotation_findings import flow_label
from articlefacts.telling.story import Story, words
from articlefacts.vocab import HEADCOUNT


def people_text(story: Story, r: pd.Series) -> str:
    """How many people a row of the profiles table stands for: '24 people' (printed), '185–206 people' (a share
    printed as a bound, limited by the other facts), '≈ 187–190 people' (every whole count a printed share fits
    under the one rounding rule of its whole, ``count_rule``: :func:`articlefacts.checking.audit.whole_rule`;
    a chart or table that shows it states the rule once), 'no whole number of people fits'; '' for a row with
    neither count nor share."""
    lang = story.language
    if pd.notna(r["count"]) and r["count_status"] == "printed":
        one = r["count"] == 1 and r["count_bound"] == "eq"
        return story.count(r["count"], r["count_bound"]) + " " + story.unit("people" + (".one" if one else ""))
    if r["count_bound"] == "ge":
        if pd.notna(r["count_max"]):
            return story.t("fig.people_between", lo=number(r["count"], lang), hi=number(r["count_max"], lang))
        return story.t("fig.people_least", n=number(r["count"], lang))
    if pd.notna(r["count_min"]) and r["count_min"] != r["count_max"]:
        return story.t("fig.people_range", lo=number(r["count_min"], lang), hi=number(r["count_max"], lang))
    if pd.isna(r["share_pct"]):
        return ""
    if r["share_status"] == "printed" and r["share_bound"] == "eq" and pd.isna(r["count_min"]) \
            and r["reported_as"] == "percent" and r["headcount_key"] == r["parent_key"]:
        return story.t("fig.people_none")
    whole = story.facts.loc[r["parent_key"], "value"] if r["parent_key"] else r["headcount"]
    return story.t("fig.people_about", n=number(math.floor(r["share_pct"] * whole / 100 + 0.5), lang))


def profile_display(story: Story, profiles: pd.DataFrame) -> pd.DataFrame:
    """The profiles table for reading, the measures in the article's order (as the charts show them), the
    headcount last: label, year, split, status, share, where the share comes from (printed or derived), people,
    fact key."""
    rows = []
    measures = in_article_order(story, profiles[profiles["measure"] != HEADCOUNT])  # the order the charts use
    for _, r in pd.concat([measures, profiles[profiles["measure"] == HEADCOUNT]]).iterrows():
        named = (story.facts.loc[r["source_key"]] if r["source_key"]
                 else story.facts[story.facts["measure"] == r["measure"]].iloc[0])
        share = "" if pd.isna(r["share_pct"]) else story.share(r["share_pct"], r["share_decimals"], r["share_bound"])
        source = r["share_status"] or ""
        if source == "derived":  # the shares the project computes show their counts: 24 / 230
            parent = story.facts.loc[r["parent_key"]] if r["parent_key"] else None
            source = story.t("value.derived_from", formula=f"{story.count(r['count'])} / "
                             f"{story.count(parent['value'] if parent is not None else r['headcount'])}")
        label = words(named, story.language)
        if r["source_key"] and story.reading(r["source_key"]):
            label += " " + story.t("fig.reading_mark")
        rows.append({"label": label, "period": r["period"],
                     "split": split_label(story, r["split"]) if r["split"] else "",
                     "status": r["status"], "share": share, "share_status": source,
                     "people": people_text(story, r) if r["status"] == "reported" else "",
                     "source_key": r["source_key"]})
    frame = pd.DataFrame(rows)
    if frame["status"].eq("reported").all():  # a column that would say «reported» on every row says nothing
        frame = frame.drop(columns="status")
    return frame.drop(columns="source_key") if story.language == "vi" else frame


def formula_text(story: Story, formula: str) -> str:
    """A formula as a reader's table shows it, over the facts' numbers (``21 − 8``, not ``rotated_returned −
    rotated_promoted``: the keys are the steps' words), in both editions, as the shares' «13 / 23» are."""
    if not formula:
        return formula
    return re.sub(r"[a-z][a-z0-9_]*", lambda m: story.fact_count(m.group()) if m.group() in story.facts.index
                  else m.group(), formula)


def flow_group(story: Story, r: pd.Series) -> str:
    """The split a flows row belongs to ("bloc"), or for a subset the whole it is taken from, with that whole's
    year when it is counted in another period ("of the 23 (2002)"), rather than the subset's own words again."""
    if r["relation"] in ("part", "rest"):
        return split_label(story, r["group"]) or "—"
    parent = story.facts.loc[r["parent_key"]] if r["parent_key"] in story.facts.index else None
    period = parent["period"] if parent is not None and parent["period"] != (
        story.facts.loc[r["group"], "period"] if r["group"] in story.facts.index else parent["period"]) else ""
    return story.t("table.subset_of.period" if period else "table.subset_of",
                   n=story.count(r["parent_count"], r["parent_bound"] or "eq"), period=period)


def flows_display(story: Story, flows: pd.DataFrame) -> pd.DataFrame:
    """The rotation flows for reading: split (or the whole of a subset), part (marked when it rests on our reading),
    count, share of the whole, where the share comes from and where the count comes from. A value the project
    derives says so with its formula beside it, in the column of that value: the share's (count / whole: «10 / 26»),
    the count's (:func:`formula_text`: «23 − 13»); a printed value says it is the article's. So the two columns
    never disagree about which value is derived."""
    rows = []
    for _, r in flows.iterrows():
        reading = r["key"] if r["key"] in story.facts.index else r["group"] if r["relation"] == "subset_rest" else ""
        label = flow_label(story, r)
        if reading and story.reading(reading):
            label += " " + story.t("fig.reading_mark")
        share_from = r["share_status"] or ""
        if share_from == "derived":
            share_from = story.t("value.derived_from", formula=f"{story.count(r['count'])} / "
                                 f"{story.count(r['parent_count'])}")
        count_from = r["status"]
        if count_from == "derived" and r["formula"]:
            count_from = story.t("value.derived_from", formula=formula_text(story, r["formula"]))
        rows.append({"group": flow_group(story, r), "part": label, "count": story.count(r["count"], r["bound"]),
                     "share": "" if pd.isna(r["share_pct"]) else story.share(r["share_pct"], r["share_decimals"],
                                                                             r["share_bound"]),
                     "share_status": share_from, "count_from": count_from})
    return pd.DataFrame(rows, columns=["group", "part", "count", "share", "share_status", "count_from"])
