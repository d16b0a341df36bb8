"""Figures of staff moved other than by rotation, and of shortages (topic ``staffing``), in the article's words.

These shapes are drawn, and only these, because only these can be drawn honestly from the counts alone: the kinds of
move the article prints side by side (one bar or mark group each, no total), one number printed for several places
(«cùng thiếu 8», split or not: one group each), a count split into parts, and a count with a count inside it (a shortage
of 163 with the 58 in one field; its share of a bounded whole is rounded to stay true). A single number with nothing
beside it is stated, not drawn. Labels are the facts file's words, with the measure's built-in name (secondment,
transfer) where it has one; no figure text says rotation.
"""

from __future__ import annotations

import re

import pandas as pd

from articlefacts.checking.derive import derived_for
from articlefacts.drawing.captions import caption
from articlefacts.drawing.plots import draw_marks
from articlefacts.drawing.rotation_charts import mark_table, printed
from articlefacts.drawing.style import SERIES, legend_text
from articlefacts.i18n import number
from articlefacts.telling.own_words import staffing_keys
from articlefacts.telling.story import Story, join, source_person

PLACE_NOUNS_VI = ("xã", "phường", "thị trấn", "huyện", "quận", "thị xã", "thành phố", "tỉnh", "thôn", "bản")


def staffing_figures(facts: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(file name, chart kind, subject) of every staffing figure: one per split printed side by side without a
    total (subject ``split:<name>``), one per split of a staffing count into parts (``parts:<name>``), one per
    count with a subset counted within it (subject ``fact:<key>``)."""
    own = facts.loc[staffing_keys(facts)]
    counts = own[own["unit"].isin(("people", "communes"))]
    out = []
    loose = counts[(counts["relation"] == "part") & counts["parent_key"].eq("") & counts["split"].ne("")]
    for split in dict.fromkeys(loose["split"]):
        out.append((f"staffing-{split.replace('_', '-')}", "staffing", f"split:{split}"))
    for measure in shared_counts(counts):  # one printed number for several places («cùng thiếu 8»), no split named
        if measure not in set(loose["split"]):
            out.append((f"staffing-{measure.replace('_', '-')}", "staffing", f"split:{measure}"))
    nested = counts[(counts["relation"] == "part") & counts["parent_key"].isin(counts.index) & counts["split"].ne("")]
    for split in dict.fromkeys(nested["split"]):  # a staffing count split into parts (33 recruits by commune)
        out.append((f"staffing-{split.replace('_', '-')}", "staffing", f"parts:{split}"))
    for key in counts.index:
        inner = counts[(counts["parent_key"] == key) & (counts["relation"] == "subset")]
        if len(inner) and key not in loose.index:
            out.append((f"staffing-{key.replace('_', '-')}", "staffing", f"fact:{key}"))
    return out


def shared_counts(facts: pd.DataFrame) -> dict[str, list[str]]:
    """Counts of topic staffing that one printed number gives for several places («hai xã Khe Mây và Nà Khoang
    cùng thiếu 8»: two facts with one quote and one number, 8 each), coded with no parent and no split: measure →
    their keys, in the file's order. They are drawn as a split with no whole named by the measure (side by side,
    never added up); the first such number of a measure is the one drawn."""
    own = facts.loc[[k for k in staffing_keys(facts) if k in facts.index]]
    free = own[own["unit"].isin(("people", "communes")) & own["parent_key"].eq("") & own["split"].eq("")
               & own["relation"].isin(("", "part"))]
    if "repeat_of" in free:
        free = free[free["repeat_of"].fillna("").eq("")]
    number = free["number"].fillna("") if "number" in free else pd.Series("", index=free.index)
    out: dict[str, list[str]] = {}
    for (measure, _quote, _number), group in free.groupby([free["measure"], free["quote"], number], sort=False):
        if len(group) > 1 and measure not in out:
            out[measure] = list(group.index)
    return out


def split_keys(facts: pd.DataFrame, name: str) -> list[str]:
    """The keys of the staffing split with no whole ``name``: its parts, else the counts one printed number gives
    for several places whose measure is ``name`` (:func:`shared_counts`)."""
    keys = list(facts.index[(facts["topic"] == "staffing") & (facts["split"] == name) & (facts["relation"] == "part")
                            & facts["parent_key"].eq("")])
    return keys or shared_counts(facts).get(name, [])


def kind_name(story: Story, key: str) -> str:
    """A move's name in the article's verb: the measure's built-in label («biệt phái»), else the fact's words."""
    measure = story.facts.loc[key, "measure"]
    return story.t(f"measure.{measure}") if story.has(f"measure.{measure}") else story.words(key)


def group_item(story: Story, key: str, colour: str, inner: str = "") -> dict:
    """One drawable group: the fact's words and count, and the count of ``inner`` (a subset) inside it."""
    fact = story.facts.loc[key]
    shown = story.fact_count(key)  # with its bound in the article's words: «khoảng 90» is "about 90"
    name = story.words(key)
    mark = " ≈" if fact["bound"] == "approx" else ""  # «khoảng 90»: "about 90 ≈", drawn in open marks
    item = {"label": f"{name} ({shown}{mark})", "name": name, "shown": f"{shown}{mark}", "count": int(fact["value"]),
            "colour": colour, "inner": 0, "inner_label": "", "key": key, "approx": fact["bound"] != "eq"}
    if inner:
        item["inner"] = int(story.facts.loc[inner, "value"])
        item["inner_label"] = story.t("fig.split.inner", label=story.words(inner), n=inner_count(story, inner))
        item["inner_key"] = inner
    return item


def inner_count(story: Story, key: str) -> str:
    """The count of a subset with its share of the whole beside it ("353 (more than 70%)"), the share as derived
    (:func:`~articlefacts.checking.derive.bounded_share`: 353 of «gần 500» is at least 353/499, more than 70%,
    never more than 71%); the count alone where no share is derived."""
    share = derived_for(story.derived, "share", key) if len(story.derived) else None
    if share is None:
        return story.fact_count(key)
    return f"{story.fact_count(key)} ({story.share(share['value'], int(share['decimals']), share['bound'])})"


def staffing_parts(story: Story, subject: str) -> tuple[list[str], list[dict]]:
    """The fact keys one staffing subject (:func:`staffing_figures`) rests on, and its drawable groups."""
    facts = story.facts
    what, name = subject.split(":", 1)
    if what == "split":
        keys = split_keys(facts, name)
        return keys, [{**group_item(story, k, SERIES[i % len(SERIES)]), "apart": True} for i, k in enumerate(keys)]
    if what == "parts":
        keys = list(facts.index[(facts["split"] == name) & (facts["relation"] == "part")
                                & facts["parent_key"].isin(staffing_keys(facts))])
        parent = facts.loc[facts.loc[keys[0], "parent_key"]]
        groups = [group_item(story, k, SERIES[i % len(SERIES)]) for i, k in enumerate(keys)]
        rest = parent["value"] - facts.loc[keys, "value"].sum()
        if rest > 0 and parent["bound"] == "eq" and (facts.loc[keys, "bound"] == "eq").all():
            label = story.t("fig.own.rest")  # the rest of an exact whole the article does not account for
            groups.append({**group_item(story, keys[0], "grey"), "label": f"{label} ({number(rest, story.language)})",
                           "name": label, "shown": number(rest, story.language), "count": int(rest), "key": ""})
        return [parent.name, *keys], groups
    inner = facts.index[(facts["parent_key"] == name) & (facts["relation"] == "subset")][0]
    return [name, inner], [group_item(story, name, SERIES[0], inner)]


def staffing_marks(story: Story, subject: str) -> pd.DataFrame:
    """The groups of one staffing subject's chart, one row per kind of move or per count (columns
    :data:`~articlefacts.drawing.rotation_charts.MARK_COLUMNS`, as :func:`~articlefacts.drawing.plots.draw_marks`
    takes)."""
    return mark_table(staffing_parts(story, subject)[1])


def staffing_caption(story: Story, meta: dict, subject: str) -> dict:
    """The caption of one staffing subject's chart: the counts in the article's words, no total, no rotation."""
    facts = story.facts
    what, name = subject.split(":", 1)
    keys, groups = staffing_parts(story, subject)
    if what == "split" and facts.loc[keys, "measure"].nunique() > 1:  # kinds of move: secondment, transfer
        items = [story.t("fig.own.kind", n=g["shown"], kind=kind_name(story, g["key"])) for g in groups]
        title = story.capital(story.t("fig.own.side_by_side.title", items=join(items, story.language)))
        subtitle = story.t("fig.own.subtitle", period=facts.loc[keys[0], "period"])
        caveats = [story.t("fig.own.side_by_side.caveat")]
    elif what == "split":  # one thing counted in several places (8 short in each of two communes)
        title = counts_title(story, keys)
        subtitle = story.t("fig.own.subtitle", period=facts.loc[keys[0], "period"])
        caveats = [story.t("fig.own.apart.caveat")]
    elif what == "parts":
        parent, parts = keys[0], keys[1:]
        who = story.counted_words(parent) if story.language == "en" else story.capital(story.words(parent))
        top = max(parts, key=lambda k: facts.loc[k, "value"])  # the first of the largest, in the article's order
        if all(facts.loc[k, "term_vi"][:1].isupper() for k in parts):  # places, named: "the most (10) in Đồng Tâm"
            title = story.t("fig.own.parts.title", total=story.fact_count(parent), who=who,
                            n=story.fact_count(top), top=facts.loc[top, "term_vi"])
        else:  # kinds of outcome: each with its bound in words ("more than 200 placed …, about 90 retired …")
            items = [story.t("fig.own.part", n=story.fact_count(k), what=story.words(k).removeprefix("người "))
                     for k in parts]  # «người» once, when a label begins with it («người được bố trí …»)
            title = story.t("fig.own.parts.title.items", total=story.fact_count(parent), who=who,
                            items=join(items, story.language))
        subtitle = story.t("fig.own.parts.subtitle", total=story.fact_count(parent), who=who,
                           period=facts.loc[parent, "period"])
        exact = facts.loc[keys, "bound"].eq("eq").all()
        short = facts.loc[parent, "value"] > facts.loc[parts, "value"].sum()
        caveats = [] if exact or not short else [story.t("fig.own.rest.bounded", total=story.fact_count(parent))]
    else:
        inner = keys[1]
        title = story.t("fig.own.inner.title", n=story.fact_count(name), who=story.words(name),
                        m=number(facts.loc[inner, "value"], story.language), inner=story.words(inner))
        subtitle = story.t("fig.own.subtitle", period=facts.loc[name, "period"])
        places = facts[(facts["topic"] == "staffing") & (facts["unit"] == "communes") & facts["parent_key"].eq("")
                       & facts["split"].eq("") & (facts["attribution"] == facts.loc[name, "attribution"])
                       & (facts["period"] == facts.loc[name, "period"])]
        if len(places):  # where the article says the count is (39 communes and wards), from the same source
            subtitle += "; " + join([f"{number(v, story.language)} {story.words(k)}"
                                     for k, v in places["value"].items()], story.language)
            keys += list(places.index)
        caveats = []
    caveats += list(dict.fromkeys(story.reading(k) for k in keys if story.reading(k)))  # a shared token: once
    bounded = [f"«{printed(facts.loc[g['key']])}»" for g in groups if g["approx"] and g["key"]]
    if bounded:  # the key to the open marks and hatched bars
        caveats.insert(0, story.t("fig.marks.bounded", tokens=join(bounded, story.language)))
    sources = sorted({source_person(facts.loc[k], story.language) for k in keys} - {""})
    caveats += [story.t("fig.profile.caveat.attributed", who=w) for w in sources]
    shown = [g["label"] + (f" — {g['inner_label']}" if g["inner"] else "") for g in groups]
    return caption(story, title, subtitle, caveats, meta, shown)


def place_name(story: Story, key: str) -> str:
    """Where a count is, as the article names it: in Vietnamese the name with the noun before it in the fact's
    own words («xã Khe Mây», from a label «xã Khe Mây» or «người còn thiếu ở xã Khe Mây so với …»), else the
    name alone; the article's term (the name, «Khe Mây») in English."""
    name = story.facts.loc[key, "term_vi"]
    if story.language != "vi":
        return name
    own = re.search(rf"\b(?:{'|'.join(PLACE_NOUNS_VI)}) {re.escape(name)}", story.words(key))
    return own.group(0) if own else name  # «người còn thiếu ở xã Khe Mây so với …» → «xã Khe Mây»


def place_items(story: Story, keys: list[str], short: bool = False) -> list[str]:
    """Each count and where it is ("10 in Đồng Tâm"), counts that share one printed number («mỗi xã 4 người»)
    together ("4 each in Hưng Đạo, Thanh Xuân and Phú Thịnh"), in the article's order."""
    facts, out = story.facts, []
    for (_quote, _value), group in facts.loc[keys].groupby(["quote", "value"], sort=False):
        n = story.fact_count(group.index[0])
        names = [place_name(story, k) for k in group.index]
        if len(names) > 1:
            out.append(story.t("fig.own.item.each", n=n, names=join(names, story.language)))
        else:
            out.append(story.t("fig.own.item.short" if short else "fig.own.item", n=n, name=names[0]))
    return out


def counts_title(story: Story, keys: list[str]) -> str:
    """The title of one thing counted side by side in several places, as a headline: "Khe Mây and Nà Khoang are
    each 8 staff short" (a shortage, «thiếu»), "A and B: 4 each", else each count with its place."""
    facts = story.facts.loc[keys]
    short = facts["quote"].str.contains("thiếu").all()
    if facts["value"].nunique() == 1:
        names = join([place_name(story, k) for k in keys], story.language)
        return story.t("fig.own.each.short.title" if short else "fig.own.each.title", names=names,
                       n=story.fact_count(keys[0]))
    return story.capital(join(place_items(story, keys, short), story.language))


def staffing_chart(story: Story, meta: dict, subject: str):
    """The figure of one staffing subject (:func:`staffing_figures`): returns (fig, caption)."""
    marks = staffing_marks(story, subject)
    cap = staffing_caption(story, meta, subject)
    return place_legend(draw_marks(marks, cap), len(marks)), cap


def place_legend(fig, groups: int):
    """``fig`` (from :func:`~articlefacts.drawing.plots.draw_marks`) with the legend of its one group, if
    ``groups`` is 1, moved under the axis labels rather than on them; returns the figure."""
    legend = fig.axes[0].get_legend() if fig.axes else None
    if legend is not None and groups == 1:
        box = fig.axes[0].get_position()
        legend.set_bbox_to_anchor((box.x0, box.y0 - 0.36 / fig.get_figheight()), transform=fig.transFigure)
        room = (1 - box.x0) * fig.get_figwidth() - 0.7  # the legend's key and margins take the rest
        for text in legend.get_texts():  # wrapped again to the narrower room it now has
            text.set_text(legend_text(" ".join(text.get_text().split()), room))
    return fig
