"""Notebook 02's sentences: each profile year, its splits and its groups, then what two years share.

A year is told in three kinds of sentence: its headcount; each split of it (parts that divide the headcount,
said to add up to it only when they do); and the groups counted on their own (subsets and shares, which may
overlap and are never ranked or summed). Every share is shown as the article prints it, or as derived to
the decimals one person justifies, never both.
"""

from __future__ import annotations

import pandas as pd

from articlefacts.i18n import number
from articlefacts.telling.headlines import predicate
from articlefacts.telling.story import Finding, Story, attribution_text, join, source_person, words
from articlefacts.vocab import HEADCOUNT


def split_label(story: Story, split: str) -> str:
    """A split's name in the story's language: built in (``split.<name>``), else the facts file's name in
    English and nothing in Vietnamese (the sentence then names no split)."""
    if story.has(f"split.{split}"):
        return story.t(f"split.{split}")
    return split.replace("_", " ") if story.language == "en" else ""


def row_notes(story: Story, r: pd.Series) -> list[str]:
    """The notes a profile row's number needs: the counts a printed share stands for, a printed share that
    disagrees with its count, and the whole when it is not the year's headcount."""
    notes = []
    if r["count_status"] == "inferred" and r["share_bound"] != "eq" and pd.notna(r["count_max"]):
        low = r["count"] if pd.notna(r["count"]) else r["count_min"]
        if low != r["count_max"]:
            notes.append(story.t("p.people_range", lo=number(low, story.language),
                                 hi=number(r["count_max"], story.language)))
    if pd.notna(r["share_computed"]):
        notes.append(story.t("p.share_disagrees", count=story.count(r["count"]), whole=story.count(r["headcount"]),
                             computed=story.share(r["share_computed"], r["share_decimals"])))
    if r["parent_key"] and r["parent_key"] != r["headcount_key"]:
        parent = story.facts.loc[r["parent_key"]]
        notes.append(story.t("p.of_parent", n=story.row_count(parent),
                             who=words(parent, story.language)))
    return notes


def row_item(story: Story, r: pd.Series) -> str:
    """One measure of a year as a list item, the number first, in English as a clause ('2 (0.9%) had a
    university degree', :func:`articlefacts.telling.headlines.predicate`) / '24 người (10,4%) tốt nghiệp THPT', with
    its notes (:meth:`Story.notes`, :func:`row_notes`); a share printed alone gets a verb in Vietnamese too
    ('89,62% là đảng viên')."""
    label = story.words(r["source_key"])
    one = r["reported_as"] != "percent" and r["count"] == 1 and r["count_bound"] == "eq"
    what = predicate(label, story.language, one) if story.language == "en" or r["reported_as"] == "percent" else label
    share = story.share(r["share_pct"], r["share_decimals"], r["share_bound"]) if pd.notna(r["share_pct"]) else ""
    if r["reported_as"] != "percent":
        count = story.count(r["count"], r["count_bound"])
        unit, shown = story.counted_pair("people", label)  # «19 người (7,1%) chưa …», the noun by its count
        text = story.t("p.item_count" if share else "p.item_count_only", count=count, share=share, label=shown,
                       what=what, unit=unit)
    else:
        text = story.t("p.item_share", share=share, label=label, what=what)
    return story.noted(text, r["source_key"], row_notes(story, r))


def split_coverage(rows: pd.DataFrame, head: pd.Series, facts: pd.DataFrame | None = None) -> tuple[str, float]:
    """Whether a split's parts add up to the headcount: ('complete', sum), ('partial', sum) or ('', 0) when a
    bound leaves it open. Parts printed as percentages add up when their sum is 100 within their rounding
    (2% + 55,2% + 6,3% + 36,5%); the sum is then given in people. A split of another whole than the headcount
    (its parts' parent, looked up in ``facts``) is measured against that whole."""
    parent = rows["parent_key"].iloc[0]
    if facts is not None and parent and parent != head.name and parent in facts.index:
        head = facts.loc[parent]
    if rows["reported_as"].eq("percent").all() and rows["share_bound"].eq("eq").all():
        slack = sum(0.5 / 10 ** int(d) for d in rows["share_decimals"])  # each printed share is rounded
        total = float(rows["share_pct"].sum())
        return ("complete" if abs(total - 100) <= slack + 1e-9 else "partial" if total < 100 else ""), \
            round(total * head["value"] / 100)
    exact = rows["count_status"].eq("printed").all() and rows["count_bound"].eq("eq").all()
    if not exact or head["bound"] != "eq":
        return "", 0.0
    total = float(rows["count"].sum())
    return ("complete" if total == head["value"] else "partial" if total < head["value"] else ""), total


def printed_to_full(story: Story, group: pd.DataFrame, total: float, whole: pd.Series) -> str:
    """For a split whose counts cover only part of the whole while the percentages printed beside them add up to
    100% (within their rounding): a sentence saying so, naming the printed share that is what the others leave
    of 100% when one is; '' otherwise."""
    printed = group[group["share_status"].eq("printed") & group["reported_as"].ne("percent")]
    if len(printed) != len(group) or not len(group) or not group["share_bound"].eq("eq").all():
        return ""
    slack = sum(0.5 / 10 ** int(d) for d in printed["share_decimals"])
    if abs(float(printed["share_pct"].sum()) - 100) > slack + 1e-9:
        return ""
    text = " " + story.t("p.printed_full", total=story.share(float(printed["share_pct"].sum()),
                                                               int(printed["share_decimals"].max())),
                         sum=story.count(total), n=story.count(whole["value"], whole["bound"]))
    for _, r in printed[printed["share_computed"].notna()].iterrows():
        rest = 100 - float(printed.loc[printed.index != r.name, "share_pct"].sum())
        if abs(rest - r["share_pct"]) < 1e-9:
            text += " " + story.t("p.printed_rest", share=story.share(r["share_pct"], r["share_decimals"]))
    return text


def in_article_order(story: Story, rows: pd.DataFrame) -> pd.DataFrame:
    """Profile rows in the order the article prints their facts (rows without a fact last)."""
    where = rows["source_key"].map(lambda k: story.facts.loc[k, "token_start"] if k in story.facts.index else 1e12)
    return rows.assign(_at=where).sort_values("_at", kind="stable").drop(columns="_at")


def own_source(story: Story, text: str, rows: pd.DataFrame, head: pd.Series, said: set[str]) -> str:
    """``text`` followed by the source of its facts, when they all have one source of their own, other than the
    headcount's («Qua khảo sát thống kê chất lượng»: a survey, not the article's own count) and not already
    named in ``said`` (the sources this year's sentences named; updated)."""
    sources = {story.facts.loc[k, "attribution"] for k in rows["source_key"]}
    if len(sources) != 1 or sources == {head["attribution"]} or sources <= said:
        return text
    said |= sources
    who = source_person(story.facts.loc[rows["source_key"].iloc[0]], story.language)
    return f"{text} {story.t('p.source', who=who)}"


def whole_of_population(story: Story, head: pd.Series) -> tuple[str, tuple[str, ...]]:
    """When a population's headcount is counted within a larger total the article prints (the 140 committee
    members of the 356 elected), the words that tie it to that total ('' otherwise) and the total's key."""
    parent = head["parent_key"]
    if not parent or parent not in story.facts.index:
        return "", ()
    whole = story.facts.loc[parent]
    return story.noted(story.t("p.year.of_total", n=story.count(whole["value"], whole["bound"]),
                               who=story.words(parent)), parent), (parent,)


def year_findings(story: Story, profiles: pd.DataFrame, head_key: str) -> list[Finding]:
    """One population (one headcount, of one year): its headcount, tied to the total it is counted within, each
    of its splits, and its groups counted on their own."""
    rows = in_article_order(story, profiles[(profiles["headcount_key"] == head_key)
                                            & (profiles["status"] == "reported")])
    head = story.facts.loc[head_key]
    year = head["period"]
    measures = rows[rows["measure"] != HEADCOUNT]
    n = story.row_count(head)
    total, total_keys = whole_of_population(story, head)
    who = story.words(head_key)
    if total:  # each number's notes right after it: the headcount's before the total's
        who = f"{story.noted(who, head_key)}, {total}"
    read = ".read" if str(head.get("period_read", "") or "") else ""  # the year follows, as our reading
    intro = story.t(("p.year" if len(measures) else "p.year_bare") + read, year=year, n=n, who=who,
                    attribution=attribution_text(head, story.language))
    block, said = f"year:{year}:{head_key}", set()
    intro = intro if total else story.noted(intro.rstrip("."), head_key) + "."
    out = [Finding(intro, (head_key, *total_keys), block)]
    for split, group in measures[measures["split"] != ""].groupby("split", sort=False):
        coverage, total = split_coverage(group, head, story.facts)
        whole = story.facts.loc[group["parent_key"].iloc[0]] if group["parent_key"].iloc[0] else head
        items = [row_item(story, r) for _, r in group.iterrows()]
        name = split_label(story, split)
        cover = story.t(f"p.cover.{coverage}", n=story.row_count(whole),
                        sum=story.count(total)) if coverage else ""
        key = "p.split" if name else "p.split.unnamed"
        text = story.t(key + (".covered" if cover else ""), split=name, cover=cover, items="; ".join(items))
        text = own_source(story, text, group, head, said)
        if coverage == "partial":
            text += printed_to_full(story, group, total, whole)
        out.append(Finding(text, tuple(group["source_key"]), block))
    alone = measures[measures["split"] == ""]
    if len(alone):
        items = [row_item(story, r) for _, r in alone.iterrows()]
        text = own_source(story, story.t("p.groups" if len(items) > 1 else "p.group", n=n, items="; ".join(items)),
                          alone, head, said)
        together = alone["source_key"].map(lambda k: story.facts.loc[k, "quote"] == head["quote"]).all()
        if together and len(out) == 1:  # printed in one quote with the headcount («2.231/2.520»): told with it
            text = own_source(story, story.t("p.group.of", items="; ".join(items)), alone, head, said)
            out[0] = Finding(f"{out[0].text} {text}", (*out[0].keys, *alone["source_key"]), block)
        else:
            out.append(Finding(text, tuple(alone["source_key"]), block))
    return out


def reasons(story: Story, a: pd.Series, b: pd.Series, head_a: pd.Series, head_b: pd.Series) -> list[str]:
    """Why two years' figures for a measure cannot be compared, in the language (empty if they can): the groups
    differ, or the measure is worded differently."""
    out = []
    if a["population"] != b["population"] or head_a["term_vi"] != head_b["term_vi"]:
        out.append(story.t("p.reason.population", y0=a["period"], y1=b["period"], who0=words(head_a, story.language),
                           who1=words(head_b, story.language)))
    if a["term_vi"] != b["term_vi"]:
        out.append(story.t("p.reason.wording", a=a["term_vi"], b=b["term_vi"]))
    return out


def measure_label(story: Story, measure: str, fact: pd.Series) -> str:
    """A measure's label: the built-in one, else what the fact counts."""
    if story.has(f"measure.{measure}"):
        return story.t(f"measure.{measure}")
    return words(fact, story.language)


def pair_values(story: Story, profiles: pd.DataFrame, measure: str) -> dict:
    """The first and last reported year of a measure: values as text, headcounts, reasons, comparability."""
    rows = profiles[(profiles["measure"] == measure) & (profiles["status"] == "reported")]
    r0, r1 = rows.iloc[0], rows.iloc[-1]
    facts = story.facts
    a, b = facts.loc[r0["source_key"]], facts.loc[r1["source_key"]]
    h0, h1 = facts.loc[r0["headcount_key"]], facts.loc[r1["headcount_key"]]
    lang = story.language
    return {"label": measure_label(story, measure, a), "y0": r0["period"], "y1": r1["period"],
            "v0": story.share(r0["share_pct"], r0["share_decimals"], r0["share_bound"]),
            "v1": story.share(r1["share_pct"], r1["share_decimals"], r1["share_bound"]),
            "n0": story.row_count(h0), "n1": story.row_count(h1),
            "who0": words(h0, lang), "who1": words(h1, lang), "w0": words(a, lang), "w1": words(b, lang),
            "s0": r0["share_pct"], "s1": r1["share_pct"], "k0": r0["source_key"], "k1": r1["source_key"],
            "decimals": int(min(r0["share_decimals"], r1["share_decimals"])),
            "comparable": bool(r1["comparable"]) if pd.notna(r1["comparable"]) else False,
            "change": r1["change_pp"], "reasons": reasons(story, a, b, h0, h1),
            **{f"g{i}": given(story, r, "p.given") for i, r in ((0, r0), (1, r1))},
            **{f"gw{i}": given(story, r, "p.given.who", who=words(h, lang)) for i, r, h in ((0, r0, h0), (1, r1, h1))}}


def given(story: Story, row: pd.Series, key: str, **extra) -> str:
    """What the article gives for one year of a measure, from its profiles ``row``: a printed share with its whole
    ("70.12% of the 405"), or, where the share is ours, the count it prints with the share labelled as our
    calculation ("24 of the 230 (10.4%, our calculation)"), so a derived share is never credited to the article.
    ``key``: the translation key ('p.given', or 'p.given.who' with ``who``, the group's words)."""
    share = story.share(row["share_pct"], row["share_decimals"], row["share_bound"])
    n = story.count(row["headcount"])
    if row["share_status"] == "derived" and pd.notna(row["count"]):
        return story.t(f"{key}.derived", count=story.count(row["count"]), share=share, n=n, **extra)
    return story.t(key, share=share, n=n, **extra)


def change_sentence(story: Story, v: dict) -> str:
    """How a comparable share moved between two years ('rose from … to …, N percentage points'), from
    :func:`pair_values`; the difference carries the decimals of the less precise of the two shares."""
    kind = "p.rose" if v["change"] > 0 else "p.fell" if v["change"] < 0 else "p.same"
    return story.t(kind, **v, diff=number(abs(v["change"]), story.language, v["decimals"]))


def paired_measures(profiles: pd.DataFrame) -> list[str]:
    """Measures (not the headcount) with a share reported in two or more years."""
    rep = profiles[(profiles["status"] == "reported") & profiles["share_pct"].notna()
                   & (profiles["measure"] != HEADCOUNT)]
    counts = rep.groupby("measure", sort=False)["period"].nunique()
    return [m for m, n in counts.items() if n >= 2]


def pair_findings(story: Story, profiles: pd.DataFrame) -> list[Finding]:
    """Each measure two years report: a change where comparable, else both figures side by side with why not."""
    out = []
    for measure in paired_measures(profiles):
        v = pair_values(story, profiles, measure)
        if v["comparable"] and pd.notna(v["change"]):
            text = change_sentence(story, v)
        else:
            text = story.t("p.not_comparable", **{**v, "reasons": "; ".join(v["reasons"])})
        out.append(Finding(text, (v["k0"], v["k1"])))
    return out


def only_year_findings(story: Story, profiles: pd.DataFrame, years: list[str]) -> list[Finding]:
    """For two or more years: the measures only one year reports."""
    out = []
    reported = profiles[profiles["status"] == "reported"]
    for year in years:
        only = reported[(reported["period"] == year) & (reported["measure"] != HEADCOUNT)
                        & reported["measure"].map(reported.groupby("measure")["period"].nunique()).eq(1)]
        if len(only) and len(years) > 1:
            labels = [measure_label(story, m, story.facts.loc[k]) for m, k in zip(only["measure"], only["source_key"],
                                                                                   strict=True)]
            out.append(Finding(story.t("p.only_year", year=year, labels=join(labels, story.language))))
    return out


def once_on_its_own(findings: list[Finding], story: Story) -> list[Finding]:
    """``findings`` with the explanation that groups counted on their own may overlap said in full once: the next
    such list opens 'Also each counted on its own: …' / «Các nhóm sau cũng được nêu riêng: …»."""
    full, again = (story.t(key, items="\0").split("\0")[0] for key in ("p.groups", "p.groups.again"))
    out, said = [], False
    for f in findings:
        if f.text.startswith(full):
            f = Finding(again + f.text[len(full):], f.keys, f.block) if said else f
            said = True
        out.append(f)
    return out


def profile_findings(story: Story, profiles: pd.DataFrame) -> list[Finding]:
    """The profile sentences of notebook 02: each year (:func:`year_findings`), then each measure two years
    report, then the measures one year alone reports; one sentence saying so when there is no profile."""
    years = list(dict.fromkeys(profiles["period"]))
    if not years:  # no headcount: figures on qualifications, if any, are stated as printed by the other findings
        return [Finding(story.t("p.none.headcount" if (story.facts["topic"] == "profile").any() else "p.none"))]
    heads = list(dict.fromkeys(profiles["headcount_key"]))
    out = [f for h in heads for f in year_findings(story, profiles, h)]
    if len(years) == 1:
        printed = story.facts[(story.facts["topic"] == "profile") & (story.facts["relation"] == "change")]
        kind = "p.one_year.changes" if len(printed) else "p.one_year.populations" if len(heads) > 1 else "p.one_year"
        return out + [Finding(story.t(kind, year=years[0]), block=f"year:{years[0]}:{heads[-1]}")]
    return out + pair_findings(story, profiles) + only_year_findings(story, profiles, years)
