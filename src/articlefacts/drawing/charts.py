"""The project's figures, drawn from the processed tables, with captions written from the same tables.

For each kind of chart, a ``*_caption`` function takes a :class:`~articlefacts.telling.story.Story`, its table,
the article's metadata and its subject, and returns the caption (title, subtitle, caveat, source and alt text,
which the notebook writes to its findings file and the README reads); a function named for what it draws
(:func:`profile_bars`, :func:`pair_points`, :func:`split_marks`, :func:`subset_marks`) returns the small table
a helper of :mod:`articlefacts.drawing.plots` draws in the notebook's cell. The ``*_chart`` functions do both
and return ``(fig, caption)``. A figure is drawn only for what the
article reports: a share whose whole the article does not print is never drawn (a bar would imply a
denominator), and counts side by side without a printed total are drawn without one.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd

from articlefacts.checking.audit import printed_percent, source_period
from articlefacts.drawing.plots import draw_marks, draw_share_panels, draw_year_points
from articlefacts.drawing.style import SERIES, SHARE_COLOUR
from articlefacts.i18n import long_date, number
from articlefacts.telling.display_tables import people_text
from articlefacts.telling.headlines import figure_title, part_title, predicate, profile_title
from articlefacts.telling.profile_findings import (
    change_sentence,
    in_article_order,
    pair_values,
    paired_measures,
    split_coverage,
    split_label,
)
from articlefacts.telling.rotation_findings import flow_label, period_caveat, whole_words
from articlefacts.telling.story import Story, join, source_person, words
from articlefacts.vocab import HEADCOUNT


def caption(story: Story, title: str, subtitle: str, caveats: list[str], meta: dict, shown: list[str],
            values: list[str] | None = None) -> dict:
    """The caption of a figure: title, subtitle, caveat, the source line (outlet, date, headline); ``alt``, the
    full text alternative, which carries every number the figure shows (``shown``: one item per bar, point or
    group) with the subtitle and caveats; and ``short``, a caption of two sentences for under the image (the
    title, then ``values``, the values in brief, default ``shown``), which does not repeat the alt text."""
    source = story.t("source_line", outlet=meta["outlet"], date=long_date(meta["date"], story.language),
                     headline=meta["headline_vi"])
    caveat = " ".join(story.capital(c).rstrip(".") + "." for c in caveats if c)
    shown_text = story.t("fig.alt.shown", items="; ".join(shown)) if shown else ""
    title = figure_title(story, meta, title)
    alt = " ".join(s.rstrip(".") + "." for s in (story.capital(title), subtitle, shown_text, caveat) if s)
    brief = "; ".join(values if values is not None else shown)
    short = " ".join(s.rstrip(".") + "." for s in (story.capital(title), story.capital(brief)) if s)
    return {"title": story.capital(title), "subtitle": subtitle, "caveat": caveat, "source": source, "alt": alt,
            "short": short}


def pair_points(story: Story, profiles: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The two points of a measure two years report: label (year, the measure's words, who is counted), share
    (percent) and text (the share as printed or derived), one row per year, earliest first."""
    v = pair_values(story, profiles, measure)
    return pd.DataFrame([{"label": f"{v[f'y{i}']}: {v[f'w{i}']} ({v[f'n{i}']} {v[f'who{i}']})",
                          "share": v[f"s{i}"], "text": v[f"v{i}"]} for i in (0, 1)])


def pairs_caption(story: Story, profiles: pd.DataFrame, meta: dict, measure: str, name: str = "") -> dict:
    """The caption of the chart of a measure two years report: a change only when they are comparable."""
    meta = {**meta, "_figure": name} if name else meta  # the coder's title for this figure, if any
    v = pair_values(story, profiles, measure)
    shown = [f"{r['label']}: {r['text']}" for _, r in pair_points(story, profiles, measure).iterrows()]
    if v["comparable"] and pd.notna(v["change"]):
        cap = caption(story, change_sentence(story, v).rstrip("."), story.t("fig.pairs.subtitle.same", **v), [],
                      meta, shown)
    else:
        caveat = story.t("fig.pairs.caveat", reasons="; ".join(v["reasons"])) if v["reasons"] else ""
        cap = caption(story, story.t("fig.pairs.title", **v), story.t("fig.pairs.subtitle", **v), [caveat], meta,
                      shown)
    return cap


def pairs_chart(story: Story, profiles: pd.DataFrame, meta: dict, measure: str):
    """One measure two years report, as two separately labelled points; no arrow, no change when not comparable.
    Returns (fig, caption)."""
    cap = pairs_caption(story, profiles, meta, measure)
    return draw_year_points(pair_points(story, profiles, measure), cap, SHARE_COLOUR), cap


def bar_row(story: Story, r: pd.Series) -> dict:
    """One bar of a profile chart: label, share, the hatched range of a bound, and the text beside the bar
    (the share as printed or derived, the people it stands for, a disagreement, a reading); ``value`` is the
    share alone, as the title states it. A printed share that disagrees with its count is drawn at the count's
    share of the whole, with ``printed`` (the article's share) marked on the bar by a dashed tick, and the text
    the count's share, its people and the printed share, so that bar and count never disagree silently."""
    high = r["share_max"] if pd.notna(r["share_max"]) else 100.0
    span = {"gt": (r["share_pct"], high), "ge": (r["share_pct"], high), "lt": (0.0, r["share_pct"]),
            "le": (0.0, r["share_pct"])}.get(r["share_bound"], (r["share_pct"], r["share_pct"]))
    value = story.share(r["share_pct"], r["share_decimals"], r["share_bound"])
    share = r["share_pct"] if r["share_bound"] in ("eq", "gt", "ge", "approx") else 0.0
    printed, text, tick = None, value, ""
    if pd.notna(r["share_computed"]):  # the article's share disagrees with its count: the bar is the count's
        computed = story.share(r["share_computed"], r["share_decimals"])
        of_count = story.t("fig.share_of_count", count=story.count(r["count"]), whole=story.count(r["headcount"]),
                           computed=computed)
        text, tick = computed, story.t("fig.share_printed.tick", share=value)  # the tick's words last: a footnote
        value = f"{story.t('fig.share_printed', share=value)}; {of_count}"     # if the label is too long
        printed, share = r["share_pct"], float(r["share_computed"])  # the count's share, at the printed places
        span = (share, share)
    people = people_text(story, r)
    flag = story.t("fig.reading_star") if story.facts.loc[r["source_key"], "reading"] else ""
    return {"label": story.words(r["source_key"]), "range": span, "key": r["source_key"], "value": value,
            "share": share, "printed": printed, "text": " · ".join(filter(None, (text, people, flag, tick)))}


def profile_panels(story: Story, profiles: pd.DataFrame, head_key: str) -> list[dict]:
    """The panels of one population's chart (``head_key``, its headcount): each split apart (ranked only when its
    parts add up to the whole), then the groups counted on their own, in the article's order. Each: heading,
    rows, ranked."""
    rows = in_article_order(story, profiles[(profiles["headcount_key"] == head_key)
                                            & (profiles["status"] == "reported")
                                            & (profiles["measure"] != HEADCOUNT) & profiles["share_pct"].notna()])
    head = story.facts.loc[head_key]
    n = story.row_count(head)
    panels = []
    for split, group in rows[rows["split"] != ""].groupby("split", sort=False):
        coverage, total = split_coverage(group, head, story.facts)
        ranked = coverage == "complete"
        group = group.sort_values("share_pct", ascending=False, kind="stable") if ranked else group
        name = split_label(story, split) or story.t("fig.profile.split_unnamed")
        whole = group["parent_key"].iloc[0]
        if whole and whole != head.name:
            name += " " + story.t("fig.profile.of", n=story.fact_count(whole), who=story.words(whole))
        cover = story.t(f"p.cover.{coverage}", n=story.fact_count(whole) if whole else n,
                        sum=story.count(total)) if coverage else ""
        panels.append({"heading": story.capital(name) + (f" ({cover})" if cover else ""), "ranked": ranked,
                       "rows": [bar_row(story, r) for _, r in group.iterrows()], "table": group})
    alone = rows[rows["split"] == ""]
    for parent, group in alone.groupby(alone["parent_key"].where(alone["parent_key"] != head.name, ""), sort=False):
        heading = story.t("fig.profile.groups" if len(group) > 1 else "fig.profile.group", n=n)
        if parent:
            heading = story.t("fig.profile.groups_of", n=story.fact_count(parent), who=story.words(parent))
        panels.append({"heading": heading, "ranked": False, "rows": [bar_row(story, r) for _, r in group.iterrows()],
                       "table": group})
    return panels


def title_row(story: Story, panels: list[dict]) -> dict:
    """The bar a profile title states: the fact the headline repeats; else the largest part of a split whose
    parts add up to the whole, or a part of a split printed as half or more (no other part can be larger);
    else the first bar in the article's order."""
    of_all = [p for p in panels if (p["table"]["parent_key"] == p["table"]["headcount_key"]).all()] or panels
    bars = [b for p in of_all for b in p["rows"]]
    for bar in bars:
        if bar["key"] in story.lead:
            return bar
    for panel in of_all:
        if panel["ranked"]:
            return panel["rows"][0]
        for bar, (_, r) in zip(panel["rows"], panel["table"].iterrows(), strict=True):
            if r["split"] and r["share_pct"] >= 50 and r["share_bound"] in ("eq", "gt", "ge"):
                return bar
    return bars[0]


def profile_bars(story: Story, profiles: pd.DataFrame, head_key: str) -> pd.DataFrame:
    """The bars of one population's chart (``head_key``, its headcount), one row each: panel (its heading: a split,
    or the groups counted on their own), label, share (percent), low and high (the range a share printed as a
    bound can lie in), printed (a printed share that disagrees with its count, drawn as a dashed tick while the
    bar is the count's share; empty otherwise), text (the share and the people it stands for), key (the fact).
    Panels as :func:`profile_panels` orders them."""
    return pd.DataFrame([{"panel": p["heading"], "label": b["label"], "share": b["share"], "low": b["range"][0],
                          "high": b["range"][1], "printed": b["printed"], "text": b["text"], "key": b["key"]}
                         for p in profile_panels(story, profiles, head_key) for b in p["rows"]],
                        columns=["panel", "label", "share", "low", "high", "printed", "text", "key"])


def truncation_caveat(story: Story, table: pd.DataFrame) -> list[str]:
    """The rule the people of cut-off shares are worked out under, said once for the chart, naming the printed
    shares that fit no whole count rounded (:func:`articlefacts.checking.audit.whole_rule`); [] when every
    share is read rounded."""
    cut = table[table["count_rule"].eq("truncate")]
    if cut.empty:
        return []
    unfit = []
    for _, r in cut.iterrows():
        whole, places = int(story.facts.loc[r["parent_key"], "value"]), int(r["share_decimals"])
        if not any(printed_percent(c, whole, places, "half_up") == Fraction(str(r["share_pct"]))
                   for c in range(whole + 1)):
            unfit.append(story.share(r["share_pct"], places))
    n = story.fact_count(cut["parent_key"].iloc[0])
    return [story.t("fig.profile.caveat.truncated", n=n, shares=join(unfit, story.language))]


def profile_caption(story: Story, profiles: pd.DataFrame, meta: dict, head_key: str, name: str = "") -> dict:
    """The caption of one population's chart (``head_key``, its headcount): the title states the bar the headline
    repeats (or the largest part), the caveats every bound, reading and disagreement the bars rest on; a population
    counted within a larger total names that total in the subtitle. ``name``, the figure's file name, picks the
    coder's own title from the metadata's ``titles`` where it gives one."""
    meta = {**meta, "_figure": name} if name else meta  # the coder's title for this figure, if any
    panels = profile_panels(story, profiles, head_key)
    head = story.facts.loc[head_key]
    year = head["period"]
    n = story.row_count(head)
    top = title_row(story, panels)
    table = pd.concat([p["table"] for p in panels])
    caveats = []
    if profiles["period"].nunique() == 1:
        caveats.append(story.t("fig.profile.caveat.one_year", year=year))
    for _, r in table[table["share_bound"].isin(("gt", "ge", "lt", "le"))].iterrows():
        printed = story.facts.loc[r["source_key"], "quote"]  # the article's words, never a derived share
        if pd.notna(r["share_max"]):
            caveats.append(story.t("fig.profile.caveat.bounded", printed=printed, hi=story.count(r["count_max"]),
                                   top=story.share(r["share_max"], r["share_decimals"] + 1)))
        else:
            caveats.append(story.t("fig.profile.caveat.bounded.open", printed=printed))
    caveats += [story.footnote(k) for k in table["source_key"] if story.reading(k)]
    caveats += [story.t("fig.share_disagrees", label=story.words(r["source_key"]),
                        share=story.share(story.facts.loc[r["share_key"], "value"], r["share_decimals"]),
                        count=story.count(r["count"]), whole=story.count(r["headcount"]),
                        computed=story.share(r["share_computed"], r["share_decimals"]))
                for _, r in table[table["share_computed"].notna()].iterrows()]
    caveats += truncation_caveat(story, table)
    if source_person(head, story.language):
        caveats.append(story.t("fig.profile.caveat.attributed", who=source_person(head, story.language)))
    inferred = any("≈" in b["text"] for p in panels for b in p["rows"])  # the key only where the sign is drawn
    derived = table["share_status"].eq("derived").any()
    subtitle = story.t("fig.profile.subtitle.derived" if derived else "fig.profile.subtitle", n=n,
                       who=words(head, story.language), year=year) + (
        ". " + story.t("fig.profile.subtitle.inferred") if inferred else "")
    if head["parent_key"] in story.facts.index:  # a population counted within a larger total: named with it
        whole = story.facts.loc[head["parent_key"]]
        subtitle += " (" + story.t("p.year.of_total", n=story.row_count(whole),
                                   who=story.words(head["parent_key"])) + ")"
    shown = [f"{p['heading']}: " + "; ".join(f"{b['label']}: {b['text']}" for b in p["rows"]) for p in panels]
    cap = caption(story, story.marked(profile_title(story, year, top["value"], n, words(head, story.language),
                                                    top["label"]), top["key"]),
                  subtitle, caveats, meta, shown, [f"{b['label']}: {b['value']}" for p in panels for b in p["rows"]])
    return cap


def profile_chart(story: Story, profiles: pd.DataFrame, meta: dict, head_key: str):
    """Every share one population (``head_key``, its headcount) reports or derives from its counts, on a 0–100
    frame, each split in its own panel and the groups counted on their own in another; with the people each
    stands for. Returns (fig, caption)."""
    cap = profile_caption(story, profiles, meta, head_key)
    return draw_share_panels(profile_bars(story, profiles, head_key), cap), cap


def split_groups(story: Story, flows: pd.DataFrame, group: pd.DataFrame, colours: list[str]) -> list[dict]:
    """The parts of one split as drawable groups: name (marked when it rests on a reading), the count as shown
    (with a printed share), label (the two together, for a legend), count, colour, and the reported subset of
    the part (count and legend text), if any."""
    subsets = flows[flows["relation"] == "subset"]
    out = []
    for colour, (_, r) in zip(colours, group.iterrows(), strict=False):
        share = (f", {story.share(r['share_pct'], r['share_decimals'], r['share_bound'])}"
                 if r["share_status"] == "printed" else "")
        name = story.starred(flow_label(story, r), r["key"])
        shown = f"{number(r['count'], story.language)}{share}"
        item = {"label": f"{name} ({shown})", "name": name, "shown": shown, "count": int(r["count"]),
                "colour": "grey" if r["relation"] == "rest" else colour, "inner": 0, "inner_label": "",
                "key": r["key"]}
        inner = subsets[subsets["parent_key"] == r["key"]]
        if len(inner):
            sub = inner.iloc[0]
            item["inner"] = int(sub["count"])
            item["inner_label"] = story.starred(story.t("fig.split.inner", label=story.words(sub["key"]),
                                                       n=number(sub["count"], story.language)), sub["key"])
            item["inner_key"] = sub["key"]
        out.append(item)
    return out


MARK_COLUMNS = ["label", "name", "shown", "count", "colour", "inner", "inner_label", "key", "inner_key"]


def split_marks(story: Story, flows: pd.DataFrame, split: str, colours: list[str]) -> pd.DataFrame:
    """The groups of one split's chart, one row per part (and its rest, in grey), with the columns of
    :func:`split_groups` (:data:`MARK_COLUMNS`; ``inner_key`` empty for a part without a reported subset)."""
    group = flows[(flows["group"] == split) & flows["relation"].isin(("part", "rest"))]
    return pd.DataFrame(split_groups(story, flows, group, colours), columns=MARK_COLUMNS).fillna({"inner_key": ""})


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
    caveats += [story.footnote(g["inner_key"]) for g in groups if g.get("inner_key") and story.reading(g["inner_key"])]
    if flows.loc[flows["relation"] == "part", "group"].nunique() > 1:
        caveats.insert(0, story.t("fig.split.caveat"))
    parent_key = group["parent_key"].iloc[0]
    if parent_key:
        parent = story.facts.loc[parent_key]
        total = story.row_count(parent)
        title = story.marked(part_title(story, number(top["count"], story.language), total,
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
        title = story.t("fig.side_by_side.title", n=number(top["count"], story.language), label=top["name"],
                        k=len(groups))
        subtitle = story.t("fig.side_by_side.subtitle" if name else "fig.side_by_side.subtitle.unnamed",
                           k=len(groups), split=name, period=period)
        caveats.append(story.t("fig.side_by_side.caveat"))
    attributed = {source_person(story.facts.loc[k], story.language) for k in group["key"] if k in story.facts.index}
    caveats += [story.t("fig.profile.caveat.attributed", who=w) for w in sorted(attributed - {""})]
    caveats += period_notes(story, group)
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
    (:func:`articlefacts.checking.audit.source_period`, which the audit flags)."""
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
    return pd.DataFrame(subset_groups(story, flows, key, colours), columns=MARK_COLUMNS).fillna({"inner_key": ""})


def subset_caption(story: Story, flows: pd.DataFrame, meta: dict, key: str, colours: list[str],
                   name: str = "") -> dict:
    """The caption of a subset's chart: how many of the whole the subset is."""
    meta = {**meta, "_figure": name} if name else meta  # the coder's title for this figure, if any
    sub, parent = story.facts.loc[key], story.facts.loc[flows.loc[flows["group"] == key, "parent_key"].iloc[0]]
    groups = subset_groups(story, flows, key, colours)
    caveats = [story.t("fig.subset.caveat")] if sub["unit"] == "communes" else []
    caveats += [story.footnote(key), period_caveat(story, parent, sub["period"])]
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


def profile_figures(profiles: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(file name, chart kind, subject) of every profile figure the article supports."""
    out = [(f"profiles-{m.replace('_', '-')}", "pairs", m) for m in paired_measures(profiles)]
    shares = profiles[(profiles["status"] == "reported") & profiles["share_pct"].notna()
                      & (profiles["measure"] != HEADCOUNT)]
    heads = profiles[(profiles["measure"] == HEADCOUNT) & profiles["headcount_key"].isin(shares["headcount_key"])]
    for head, year in zip(heads["headcount_key"], heads["period"], strict=True):
        alone = (heads["period"] == year).sum() == 1  # one population that year: the file is named by the year
        out.append((f"profile-{year}" if alone else f"profile-{year}-{head.replace('_', '-')}", "profile", head))
    return out


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


def draw(kind: str, story: Story, table: pd.DataFrame, meta: dict, subject: str, colours: list[str] | None = None):
    """Draw one figure of ``kind`` (pairs, profile, split, subset, staffing); returns (fig, caption)."""
    if kind == "pairs":
        return pairs_chart(story, table, meta, subject)
    if kind == "profile":
        return profile_chart(story, table, meta, subject)
    if kind == "staffing":  # facts outside the rotation table, drawn from the facts themselves
        from articlefacts.drawing.staffing_charts import staffing_chart

        return staffing_chart(story, meta, subject)
    chart = split_chart if kind == "split" else subset_chart
    return chart(story, table, meta, subject, colours or list(SERIES))
