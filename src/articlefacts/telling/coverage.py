"""The whole story of a notebook: its sentences in order, with every fact it owns stated somewhere.

Notebook 02 owns the profile and context facts, notebook 03 the rotation and staffing facts and the context
facts that are only wholes of rotation facts (the count of communes the rotated leaders went to is out of).
Each notebook states its shapes (profiles or splits, then changes and shares of wholes the article does not
print); staffing facts (moves other than rotation, shortages) are told in the article's own words
(:mod:`articlefacts.telling.own_words`); a fact it owns that no sentence stated goes into one last sentence,
«also reported», each with its number, its words and the article's quote. A year fact
(«Cuối năm 2002») is stated by the periods of the facts it dates. What the headline and lead report comes
first (:func:`lead_first`).
"""

from __future__ import annotations

import re

import pandas as pd

from articlefacts.shaping.profiles import headcounts
from articlefacts.telling.change_findings import change_findings, changes
from articlefacts.telling.own_words import own_words_findings, own_words_title, quoted, staffing_keys, token_runs
from articlefacts.telling.profile_findings import once_on_its_own, profile_findings
from articlefacts.telling.rotation_findings import rotation_findings
from articlefacts.telling.share_findings import (
    no_count_text,
    no_headcount_whole,
    unprinted_whole_findings,
    unprinted_wholes,
)
from articlefacts.telling.story import LEAD_PARTS, Finding, Story, join
from articlefacts.telling.target_findings import target_findings, targets

PROFILES, ROTATION = "02-compare-qualifications", "03-rotation-outcomes"


def owner(facts: pd.DataFrame, key: str) -> str:
    """The notebook that states fact ``key``: 03 for rotation facts and for context facts whose children are
    all rotation facts, 02 for the rest."""
    fact = facts.loc[key]
    if fact["topic"] in ("rotation", "staffing"):
        return ROTATION
    children = facts[facts["parent_key"] == key]
    if fact["topic"] == "context" and len(children) and children["topic"].eq("rotation").all():
        return ROTATION
    return PROFILES


def owned(facts: pd.DataFrame, notebook: str) -> list[str]:
    """Keys of the facts ``notebook`` states, in the facts file's order."""
    return [k for k in facts.index if owner(facts, k) == notebook]


def stated_keys(findings: list[Finding], facts: pd.DataFrame) -> set[str]:
    """The facts the findings state: their keys, each percentage printed beside a stated count (it is shown with
    the count), and each year fact whose year is in the period of a stated fact (it is printed as that period)."""
    keys = {k for f in findings for k in f.keys}
    printed = facts[(facts["relation"] == "printed_share") & facts["parent_key"].isin(keys)]
    keys |= set(printed.index)  # a percentage printed beside its count is stated with the count
    years = {y for k in keys if k in facts.index for y in re.findall(r"\d{4}", facts.loc[k, "period"])}
    dated = facts[(facts["unit"] == "year") & facts["value"].map(lambda v: f"{v:.0f}" in years)]
    return keys | set(dated.index)


def also_reported(story: Story, findings: list[Finding], keys: list[str], first: bool = False) -> list[Finding]:
    """One sentence for the facts in ``keys`` that no finding states: each with its value, words and period, the
    facts one printed number gives with one bracket after the last («mỗi xã 4 người», «cùng thiếu 8»);
    ``first``: it opens the story (it holds the headline's figure), so it says "reports", not "also reports"."""
    said = stated_keys(findings, story.facts)
    rest = [k for k in keys if k not in said]
    if not rest:
        return []
    items = []
    for run in token_runs(story.facts, rest):  # the facts one printed number gives: one quote, one reading
        key = run[-1]
        fact = story.facts.loc[key]
        notes = "".join(f"{note}; " for note in dict.fromkeys(n for k in run for n in story.notes(k)))
        last = story.t("also.item", value=story.fact_count(key), label=story.counted_words(key),
                       notes=notes, period=fact["period"], quote=fact["quote"])  # notes after the words
        items.append(join([*(quoted(story, k, bare=True) for k in run[:-1]), last], story.language))
    return [Finding(story.t("also.first" if first else "also", items="; ".join(items)), tuple(rest))]


def lead_first(findings: list[Finding], story: Story) -> list[Finding]:
    """The findings that state what the headline or lead reports first, in the order those print them, each
    with the rest of its block (a profile year moves with its headcount); the others after, in their own order."""
    order = {key: i for i, key in enumerate(story.lead)}

    def rank(finding: Finding) -> int:
        repeated = [story.lead_key(k) for k in finding.keys if k in story.facts.index]
        return min((order[k] for k in repeated if k), default=len(order))

    blocks: dict[str, int] = {}
    for i, finding in enumerate(findings):
        block = finding.block or f"#{i}"
        blocks[block] = min(blocks.get(block, len(order)), rank(finding))
    return sorted(findings, key=lambda f: blocks[f.block or f"#{findings.index(f)}"])


def tell(notebook: str, story: Story, table: pd.DataFrame) -> list[Finding]:
    """Every finding of ``notebook`` (02 with its profiles table, 03 with its flows table), lead first, each
    fact it owns stated at least once, sentences capitalised."""
    keys = owned(story.facts, notebook)
    staffing = [k for k in staffing_keys(story.facts) if k in keys]
    shares = [k for k in unprinted_wholes(story.facts) if k in keys]
    told = no_headcount_whole(story, table, shares) if notebook == PROFILES else ""  # said first, once
    if notebook == PROFILES:
        # no headcount, shares of one whole: that the article does not print how many there are, said first
        shaped = ([Finding(no_count_text(story, shares, "p.none.headcount.whole"))] if told
                  else profile_findings(story, table))
    elif staffing and not (story.facts["topic"] == "rotation").any():  # moves of another kind: not "no rotation"
        shaped = []
    else:
        shaped = rotation_findings(story, table)
    shaped += own_words_findings(story, staffing)
    shaped += change_findings(story, [k for k in changes(story.facts) if k in keys])
    shaped += unprinted_whole_findings(story, shares, told)
    shaped += target_findings(story, [k for k in targets(story.facts) if k in keys])
    also = also_reported(story, shaped, keys)
    ordered = lead_first(shaped + also, story)
    if also and ordered[0] is also[0]:  # the headline's figure is among them: what the story states first
        ordered[0] = also_reported(story, shaped, keys, first=True)[0]
    findings = once_on_its_own(period_notes(ordered, story), story)
    return [Finding(story.capital(lead_notes_once(f.text, story)), f.keys, f.block) for f in findings]


def lead_notes_once(text: str, story: Story) -> str:
    """``text`` with the note that the headline or lead prints a figure said once when it follows several of its
    numbers: '43 …, 16 … and 27 …' under one '(figures of the lead)', before the colon that opens the list (at
    the end when there is none), not '(the lead's figure)' after each."""
    for part in LEAD_PARTS:
        bracket = f" ({story.t(f'lead.{part}')})"
        if text.count(bracket) < 2:
            continue
        text = text.replace(bracket, "")
        many = f" ({story.t(f'lead.{part}.many')})"
        colon = text.find(": ")
        text = text[:colon] + many + text[colon:] if colon >= 0 else text.removesuffix(".") + many + "."
    return text


def period_notes(findings: list[Finding], story: Story) -> list[Finding]:
    """The findings, the first that states facts of a period the audit found read rather than printed (the facts
    table's ``period_read``: from the article's date, from another paragraph, or printed nowhere) followed by one
    sentence saying so: "By our reading, these figures are of 2021: …" / «Theo cách hiểu của nhóm biên soạn, …»
    ("the figures 1,200 and fewer than 150 are …" when the finding states figures of other periods too); once per
    period, not after every number (targets keep the year they are set for). When the next findings state more
    figures of that reading, the sentence covers them and names how many points it covers: "these figures, and
    those given without a year in the next two points, are of 2021" (never "all those below": a README sets the
    next notebook's findings below)."""
    if "period_read" not in story.facts.columns:
        return findings

    def read_facts(finding: Finding) -> pd.DataFrame:
        facts = story.facts.loc[[k for k in finding.keys if k in story.facts.index]]
        return facts[facts["period_read"].fillna("").ne("") & facts["relation"].ne("target")]

    readings = [read_facts(f) for f in findings]
    said: set[tuple[str, str]] = set()
    out = []
    for i, finding in enumerate(findings):
        facts = story.facts.loc[[k for k in finding.keys if k in story.facts.index]]
        notes = []
        for (period, how), group in readings[i].groupby(["period", "period_read"], sort=False):
            if (period, how) in said:
                continue
            said.add((period, how))
            these, one = None, len(group) == 1
            later = [j for j in range(i + 1, len(findings))  # the points below that state more figures it dates
                     if ((readings[j]["period"] == period) & (readings[j]["period_read"] == how)).any()]
            if len(group) < int(facts["relation"].ne("target").sum()):  # the finding states figures of other periods
                values = join([story.fact_count(k) for k in group.index], story.language)
                these = story.t("these.named" + (".one" if one else ""), values=values)
            elif later:  # scoped to the points it covers: a README sets another notebook's points below
                n = later[-1] - i
                these = story.t(("these.one" if one else "these.many") + (".next" if n == 1 else ".next.many"),
                                n=story.t(f"word.{n}") if story.has(f"word.{n}") else n)
            notes.append(period_sentence(story, period, how, these, one=one and not later))
        out.append(Finding(" ".join([finding.text, *notes]), finding.keys, finding.block) if notes else finding)
    return out


def period_sentence(story: Story, period: str, how: str, these: str | None = None, one: bool | None = None) -> str:
    """The sentence that says a period was read, not printed (``how``: the facts table's ``period_read``, 'date',
    'elsewhere' or 'unprinted'): "By our reading, these figures are of 2021: …"; ``these`` names the figures
    where the sentence follows figures of other periods too ("the figures 1,200 and fewer than 150")."""
    if one is None:
        one = int(((story.facts["period"] == period) & (story.facts["period_read"] == how)).sum()) == 1
    years = re.findall(r"\d{4}", period)
    return story.t(f"reading.period.{how}", period=story.t("period.year" if len(years) == 1 else "period.span",
                                                           period=period), year=years[-1] if years else "",
                   these=these or story.t("these.one" if one else "these"),
                   them=story.t("them.one" if one else "them"))


def period_footnote(story: Story, keys) -> list[str]:
    """For a chart that rests on the facts ``keys``: the sentence saying its period was read, not printed, once
    ([] when every period is printed beside its facts, or the facts table has no ``period_read``)."""
    if "period_read" not in story.facts.columns:
        return []
    facts = story.facts.loc[[k for k in keys if k in story.facts.index]]
    read = facts[facts["period_read"].fillna("").ne("") & facts["relation"].ne("target")]
    pairs = list(dict.fromkeys(zip(read["period"], read["period_read"], strict=True)))
    out = []
    for period, how in pairs[:1]:  # naming the figures it dates, since a chart's notes may date others ("the 23")
        dated = read[(read["period"] == period) & (read["period_read"] == how)].index
        values = join([story.fact_count(k) for k in dated], story.language)
        out.append(period_sentence(story, period, how,
                                   story.t("these.named" + (".one" if len(dated) == 1 else ""), values=values),
                                   one=len(dated) == 1))
    return out


def lead_texts(findings: list[Finding], story: Story) -> list[str]:
    """The sentences of ``findings`` that state a fact the headline or lead repeats."""
    return [f.text for f in findings if any(k in story.facts.index and story.lead_key(k) for k in f.keys)]


def title(notebook: str, story: Story) -> str:
    """The notebook's title in the article's own words for whom it counts: 02 names the population of each
    profile year («công chức cấp xã», with the year when the years name different groups); 03 names the
    rotated leaders by the article's words for the top-level rotation total, or says the article reports none."""
    facts = story.facts
    if notebook == PROFILES:
        heads = headcounts(facts).sort_values("period")
        named = list(dict.fromkeys(story.words(k) for k in heads.index))
        if len(named) > 1 and heads["period"].nunique() > 1:
            named = [f"{story.words(k)} ({heads.loc[k, 'period']})" for k in heads.index]
        and_word = f" {story.t('and')} "
        if len(named) > 2 and any(and_word in n for n in named):  # «cadres and civil servants» is one item
            who = "; ".join(named[:-1]) + f";{and_word}" + named[-1]
        else:
            who = join(named, story.language)
        printed = (facts["topic"] == "profile").any()
        return story.t("nb02.title" if named else "nb02.title.printed" if printed else "nb02.title.none", who=who)
    totals = facts[(facts["topic"] == "rotation") & facts["parent_key"].eq("") & facts["split"].eq("")
                   & facts["unit"].eq("people")]
    if len(totals):
        return story.t("nb03.title", who=story.words(totals.index[0]))
    rotated = facts[facts["topic"] == "rotation"]
    if not len(rotated) and staffing_keys(facts):
        return story.t("nb03.title.staffing", what=story.capital(own_words_title(story, staffing_keys(facts))))
    return story.t("nb03.title.other" if len(rotated) else "nb03.title.none")


def intro(notebook: str, story: Story, table: pd.DataFrame) -> str:
    """The paragraph under a notebook's title: what it shows, when the article reports anything for it ('' when
    the article reports nothing: the findings say so)."""
    return "" if table.empty else story.t("nb02.intro" if notebook == PROFILES else "nb03.intro")
