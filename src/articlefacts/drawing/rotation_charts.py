"""The charts of notebook 03: each split of the rotated leaders as marks, one per person or commune, and each subset
beside its whole. :func:`split_marks` and :func:`subset_marks` return the small table a helper of
:mod:`articlefacts.drawing.plots` draws in the notebook's cell, the ``*_caption`` functions its caption; counts
side by side without a printed total are drawn without one.
"""

from __future__ import annotations

import pandas as pd

from articlefacts.checking.periods import source_period
from articlefacts.drawing.captions import caption
from articlefacts.drawing.plots import draw_marks
from articlefacts.drawing.style import SERIES
from articlefacts.i18n import number
from articlefacts.telling.coverage import period_footnote
from articlefacts.telling.headlines import part_title, predicate
from articlefacts.telling.profile_findings import (
    split_label,
)
from articlefacts.telling.rotation_findings import flow_label, period_caveat, whole_words
from articlefacts.telling.story import Story, count_text, join, source_person, words


def printed(fact: pd.Series) -> str:
    """A count as the article prints it, its qualifier with it («khoảng 90», «trên 200», «gần 500»)."""
    return count_text(fact["value"], fact["bound"], "vi", fact.get("qualifier", "") or "")


def split_groups(story: Story, flows: pd.DataFrame, group: pd.DataFrame, colours: list[str]) -> list[dict]:
    """The parts of one split as drawable groups: name (marked when it rests on a reading), the count as shown
    (with a printed share), label (the two together, for a legend), count, colour, and the reported subset of
    the part (count and legend text), if any."""
    subsets = flows[flows["relation"] == "subset"]
    out = []
    for colour, (_, r) in zip(colours, group.iterrows(), strict=False):
        share = (f", {story.share(r['share_pct'], r['share_decimals'], r['share_bound'])}"
                 if r["share_status"] == "printed" else "")
        rest = r["relation"] == "rest"  # the rest of an exact whole the article does not account for
        name = story.t("fig.own.rest") if rest else story.starred(flow_label(story, r), r["key"])
        said = story.fact_count(r["key"]) if r["key"] in story.facts.index else number(r["count"], story.language)
        shown = f"{said}{' ≈' if r['bound'] == 'approx' else ''}{share}"  # «khoảng 90»: "about 90 ≈"
        item = {"label": f"{name} ({shown})", "name": name, "shown": shown, "count": int(r["count"]),
                "colour": "grey" if rest else colour, "inner": 0, "inner_label": "", "key": r["key"],
                "approx": r["bound"] not in ("eq", ""), "apart": not r["parent_key"], "said": said}
        inner = subsets[subsets["parent_key"] == r["key"]]
        if len(inner):
            sub = inner.iloc[0]
            item["inner"] = int(sub["count"])
            item["inner_label"] = story.starred(story.t("fig.split.inner", label=story.words(sub["key"]),
                                                       n=story.fact_count(sub["key"])), sub["key"])
            item["inner_key"] = sub["key"]
        out.append(item)
    return out


# "said": the count in words with its bound (for titles), not a drawn column
MARK_COLUMNS = ["label", "name", "shown", "count", "colour", "inner", "inner_label", "key", "inner_key", "approx",
                "apart"]
MARK_DEFAULTS = {"inner_key": "", "approx": False, "apart": False}


def mark_table(groups: list[dict]) -> pd.DataFrame:
    """Drawable groups as a table of :data:`MARK_COLUMNS`, a column a group lacks filled from
    :data:`MARK_DEFAULTS` (no subset, an exact count, part of a whole)."""
    return pd.DataFrame([{**MARK_DEFAULTS, **g} for g in groups], columns=MARK_COLUMNS)


def split_marks(story: Story, flows: pd.DataFrame, split: str, colours: list[str]) -> pd.DataFrame:
    """The groups of one split's chart, one row per part (and its rest, in grey), with the columns of
    :func:`split_groups` (:data:`MARK_COLUMNS`; ``inner_key`` empty for a part without a reported subset)."""
    group = flows[(flows["group"] == split) & flows["relation"].isin(("part", "rest"))]
    return mark_table(split_groups(story, flows, group, colours))


def split_caption(story: Story, flows: pd.DataFrame, meta: dict, split: str, colours: list[str],
                  name: str = "") -> dict:
    """The caption of one split's chart: the title states the part the headline repeats (or the largest)."""
    meta = {**meta, "_figure": name} if name else meta  # the coder's title for this figure, if any
    group = flows[(flows["group"] == split) & flows["relation"].isin(("part", "rest"))]
    groups = split_groups(story, flows, group, colours)
    first = story.facts.loc[group["key"].iloc[0]]
    period, unit = first["period"], first["unit"]
    lead = next((g for g in groups if g["key"] in story.lead or g.get("inner_key") in story.lead), None)
    top = lead or max(groups, key=lambda g: g["count"])
    name = split_label(story, split)
    caveats = [story.footnote(k) for k in group["key"] if k in story.facts.index and story.reading(k)]
    caveats += [story.footnote(g["inner_key"], near=True)  # its whole is the group it is starred in
                for g in groups if g.get("inner_key") and story.reading(g["inner_key"])]
    inner = [g["inner_key"] for g in groups if g.get("inner_key")]  # the starred subset is drawn too
    caveats += period_footnote(story, [*group["key"], *inner])  # a year read from the article's date, said so
    parent_key = group["parent_key"].iloc[0]
    if flows.loc[flows["relation"] == "part", "group"].nunique() > 1:
        parts = flows[flows["relation"].eq("part") & flows["group"].ne(split)]
        others = [split_label(story, g) for g in parts.loc[parts["parent_key"].eq(parent_key), "group"].unique()]
        if parent_key and others and all(others):  # the breakdown the reader of this one chart does not see, named
            caveats.insert(0, story.t("fig.split.caveat.other", total=story.row_count(story.facts.loc[parent_key]),
                                      others=join(others, story.language)))
        else:
            caveats.insert(0, story.t("fig.split.caveat"))
    if parent_key:
        parent = story.facts.loc[parent_key]
        total = story.row_count(parent)
        title = story.marked(part_title(story, top["said"], total,
                                        flow_label(story, flows[flows["key"] == top["key"]].iloc[0]), unit), top["key"])
        if top["inner"] and top.get("inner_key") in story.lead:
            title += story.marked(story.t("fig.split.title.inner", m=number(top["inner"], story.language),
                                          inner=predicate(story.words(top["inner_key"]), story.language)),
                                  top["inner_key"])
        subtitle = story.t("fig.split.subtitle" if name else "fig.split.subtitle.unnamed", total=total,
                           who=whole_words(story, parent), split=name, period=period,
                           unit=story.t(f"unit.{unit}.one"))
        if parent["bound"] != "eq":
            caveats.append(story.t("fig.split.caveat.bounded", token=f"{parent['token']}",
                                   printed=story.fact_count(parent_key), sum=number(group["count"].sum(),
                                                                                       story.language)))
        caveats.append(period_caveat(story, parent, period))
        caveats += story.notes(parent_key)[:1] if parent_key in story.lead else []
    else:
        title = story.t("fig.side_by_side.title", n=top["said"], label=top["name"],
                        k=len(groups))
        subtitle = story.t("fig.side_by_side.subtitle" if name else "fig.side_by_side.subtitle.unnamed",
                           k=len(groups), split=name, period=period)
        caveats.append(story.t("fig.side_by_side.caveat"))
    attributed = {source_person(story.facts.loc[k], story.language) for k in group["key"] if k in story.facts.index}
    caveats += [story.t("fig.profile.caveat.attributed", who=w) for w in sorted(attributed - {""})]
    caveats += period_notes(story, group)
    bounded = [f"«{printed(story.facts.loc[g['key']])}»" for g in groups
               if g["approx"] and g["key"] in story.facts.index]
    caveats += [story.t("fig.marks.bounded", tokens=join(bounded, story.language))] if bounded else []
    shown = [g["label"] + (f" — {g['inner_label']}" if g["inner"] else "") for g in groups]
    return caption(story, title, subtitle, caveats, meta, shown)


def split_chart(story: Story, flows: pd.DataFrame, meta: dict, split: str, colours: list[str]):
    """The parts of one split, one mark per person (or bars for large counts), each part in its own rows or bar;
    a reported subset of a part is starred. Counts the article gives without a total are drawn without one.
    Returns (fig, caption)."""
    cap = split_caption(story, flows, meta, split, colours)
    return draw_marks(split_marks(story, flows, split, colours), cap), cap


def period_notes(story: Story, group: pd.DataFrame) -> list[str]:
    """A note when the source a split's facts are attributed to covers another period than the facts
    (:func:`articlefacts.checking.periods.source_period`, which the audit flags)."""
    for key in (k for k in group["key"] if k in story.facts.index):
        other = source_period(story.facts.loc[key])
        if other:
            return [story.t("fig.source_period", period=story.facts.loc[key, "period"], source=other)]
    return []


def group_item(name: str, count: int, colour: str, key: str, language: str) -> dict:
    """A drawable group with no subset of its own (see :func:`split_groups`)."""
    shown = number(count, language)
    return {"label": f"{name} ({shown})", "name": name, "shown": shown, "count": count, "colour": colour,
            "inner": 0, "inner_label": "", "key": key}


def subset_groups(story: Story, flows: pd.DataFrame, key: str, colours: list[str]) -> list[dict]:
    """The groups of a subset's chart: the subset in colour, then the others of its whole in grey."""
    rows = flows[flows["group"] == key]
    sub, parent = story.facts.loc[key], story.facts.loc[rows["parent_key"].iloc[0]]
    groups = [group_item(story.starred(flow_label(story, r), r["key"]), int(r["count"]),
                         colours[0] if r["relation"] == "subset" else "grey", r["key"], story.language)
              for _, r in rows.iterrows()]
    others = parent["value"] - sub["value"]
    if len(groups) == 1 and sub["bound"] == parent["bound"] == "eq" and others > 0:
        groups.append(group_item(story.t("r.rest_subset", total=story.count(parent["value"])), int(others), "grey",
                                 "", story.language))
    return groups


def subset_marks(story: Story, flows: pd.DataFrame, key: str, colours: list[str]) -> pd.DataFrame:
    """The groups of a subset's chart as a table (:data:`MARK_COLUMNS`), the subset first."""
    return mark_table(subset_groups(story, flows, key, colours))


def subset_caption(story: Story, flows: pd.DataFrame, meta: dict, key: str, colours: list[str],
                   name: str = "") -> dict:
    """The caption of a subset's chart: how many of the whole the subset is."""
    meta = {**meta, "_figure": name} if name else meta  # the coder's title for this figure, if any
    sub, parent = story.facts.loc[key], story.facts.loc[flows.loc[flows["group"] == key, "parent_key"].iloc[0]]
    groups = subset_groups(story, flows, key, colours)
    caveats = [story.t("fig.subset.caveat")] if sub["unit"] == "communes" else []
    caveats += [story.footnote(key), period_caveat(story, parent, sub["period"]), *period_footnote(story, [key])]
    total = story.row_count(parent)
    cap = caption(story, story.marked(part_title(story, story.row_count(sub), total,
                                                 story.words(key), sub["unit"]), key),
                  story.t("fig.subset.subtitle" if parent["period"] == sub["period"] else "fig.subset.subtitle.periods",
                          total=total, parent=words(parent, story.language), unit=story.t(f"unit.{sub['unit']}.one"),
                          period=sub["period"], y0=parent["period"]),
                  caveats, meta, [g["label"] for g in groups])
    return cap


def subset_chart(story: Story, flows: pd.DataFrame, meta: dict, key: str, colours: list[str]):
    """A whole as marks, the reported subset in colour (for a subset that is not part of a split). Returns
    (fig, caption)."""
    cap = subset_caption(story, flows, meta, key, colours)
    return draw_marks(subset_marks(story, flows, key, colours), cap, marker="s"), cap


def rotation_figures(flows: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(file name, chart kind, subject) of every rotation figure: one per split, one per subset not in a split."""
    out = [(f"rotation-{s.replace('_', '-')}", "split", s)
           for s in dict.fromkeys(flows.loc[flows["relation"] == "part", "group"])]
    part_keys = set(flows.loc[flows["relation"] == "part", "key"])
    for key, group in flows[flows["relation"] == "subset"].groupby("group", sort=False):
        if group["parent_key"].iloc[0] not in part_keys:
            name = key if key.startswith("rotation") else f"rotation_{key}"
            out.append((name.replace("_", "-"), "subset", key))
    return out


def series_colours(figures: list[tuple[str, str, str]], table: pd.DataFrame) -> dict[str, list[str]]:
    """Subject → the colours its chart uses: each rotation split and subset takes the next colours of
    :data:`~articlefacts.drawing.style.SERIES`, so that two charts never use one colour for different things."""
    out, at = {}, 0
    for _name, kind, subject in figures:
        if kind == "split":
            n = int((table["group"] == subject).sum())
        elif kind == "subset":
            n = 1
        else:
            continue
        out[subject] = [SERIES[(at + i) % len(SERIES)] for i in range(n)]
        at += n
    return out
