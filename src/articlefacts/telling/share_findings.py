"""Sentences for percentages whose whole the article does not print («96,5% số vị trí việc làm»).

Such a share is stated as printed, with the article's words for its whole (``whole_vi`` / ``whole_en``) and
the source the article names for it, and nothing is derived from it: no count, and no figure that implies a
denominator. One measure's levels in two years are stated together; where the article itself prints the move
between them in its own words («tăng từ 41,7% năm 2016 lên 68,3% năm 2020»), it is told as the article says
it, with that passage quoted, and never as a change of our own.
"""

from __future__ import annotations

import re

import pandas as pd

from articlefacts.telling.headlines import predicate
from articlefacts.telling.story import Finding, Story, attribution_text, join, source_person, whole_words
from articlefacts.vocab import CHANGE_DIRECTIONS

# The words that carry a printed move to its later level: «tăng … lên 68,3%», «giảm … xuống 12%».
TO_WORDS = {"up": "lên", "down": "xuống"}


def one_whole(story: Story, keys: list[str]) -> str:
    """The words (this edition) of the one whole the shares ``keys`` are all of ('' when none, or several)."""
    wholes = {whole_words(story.facts.loc[k], story.language) for k in keys}
    return next(iter(wholes)) if len(wholes) == 1 else ""


def no_headcount_whole(story: Story, profiles: pd.DataFrame, shares: list[str]) -> str:
    """The words of the one whole the article's qualification figures are shares of (``shares``), when it prints
    no headcount (``profiles``, the profile table, is empty): '' when there is a profile, no qualification
    figure, or several wholes."""
    return one_whole(story, shares) if profiles.empty and (story.facts["topic"] == "profile").any() else ""


def no_count_text(story: Story, keys: list[str], kind: str = "s.no_count") -> str:
    """That the article does not print how many of the whole of the shares ``keys`` there are, so no count is
    derived ("… in either year …" when they span several years); ``kind``: the sentence's translation key."""
    years = story.facts.loc[list(keys), "period"].nunique() > 1
    return story.t(f"{kind}.years" if years else kind, whole=one_whole(story, keys))


def unprinted_whole_findings(story: Story, keys: list[str], told: str = "") -> list[Finding]:
    """One sentence per share in ``keys`` whose whole is not printed: its label, the share as printed, the
    words of the whole and its period, with the fact's notes and its source; one measure's levels in several
    years together (:func:`levels_finding`). The first sentence about each whole adds, once, that the article
    does not print how many there are, so no count is derived; not for the whole ``told``, of which an earlier
    sentence said so."""
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
            out.append(Finding(with_source(story, text, fact), (key,)))
    out = sorted(out, key=lambda f: keys.index(f.keys[0]))
    said = {told}
    for i, finding in enumerate(out):
        whole = whole_words(story.facts.loc[finding.keys[0]], story.language)
        if whole not in said:
            said.add(whole)
            out[i] = Finding(f"{finding.text} {no_count_text(story, list(finding.keys))}", finding.keys, finding.block)
    return out


def with_source(story: Story, text: str, fact: pd.Series) -> str:
    """``text`` (a sentence ending in a full stop) with the source the article names for ``fact`` before its
    stop, once: "…, according to the Organisation Board …" / «…, theo Ban Tổ chức …»."""
    who = attribution_text(fact, story.language)
    return f"{text[:-1]}{who}." if who and text.endswith(".") else text


def levels_finding(story: Story, group: pd.DataFrame) -> Finding:
    """The levels one measure of one unprinted whole takes in several years («đã tăng 48% (năm 2011) lên
    78,44%»: 48% is the earlier level, not a rise), each as printed with its year, and the article's quotes,
    with their source; told as the move the article prints where it prints one (:func:`printed_move`). No change
    is computed, since the wholes behind the two shares are not printed."""
    move = printed_move(group)
    if move:
        return move_finding(story, group, *move)
    items = [story.noted(story.t("s.level", share=story.share(f["value"], f["decimals"], f["bound"],
                                                                    f.get("qualifier", "")),
                                 period=f["period"]), k) for k, f in group.iterrows()]
    quotes = "; ".join(story.t("quoted", quote=q) for q in dict.fromkeys(group["quote"]))
    first = group.iloc[0]
    text = story.t("s.unprinted_whole.levels", label=story.words(group.index[0]), items=join(items, story.language),
                   whole=whole_words(first, story.language), quotes=quotes)
    return Finding(with_source(story, text, first), tuple(group.index))


def printed_move(group: pd.DataFrame) -> tuple[str, str] | None:
    """(direction 'up' or 'down', the article's passage) when the article prints the move between a measure's
    two levels in its own words: both in one sentence and one clause of one population, «tăng» or «giảm» at or
    just before the earlier level and «lên» or «xuống» before the later one («tăng từ 41,7% năm 2016 lên
    68,3% năm 2020»; «đã tăng 37% (năm 2016) lên 62,5% (năm 2020)»), the passage running to the later level's
    year where it is printed right after it; None otherwise, and when the printed direction does not match
    the two levels."""
    if len(group) != 2:
        return None
    first, last = group.iloc[0], group.iloc[1]
    if first["context"] != last["context"] or first["population"] != last["population"]:
        return None
    text = first["context"]
    a, b = text.find(first["quote"]), text.find(last["quote"])
    if a < 0 or b <= a:
        return None
    head = text[:a + len(first["quote"])]
    verbs = [(m.start(), CHANGE_DIRECTIONS[m.group(1).lower()])
             for m in re.finditer(r"(?<!\w)(tăng|giảm)(?!\w)", head, flags=re.IGNORECASE)]
    if not verbs or re.search(r"[;.]", text[verbs[-1][0]:b]):
        return None
    start, way = verbs[-1]
    start -= len(re.search(r"(?:đã |sẽ |đều )?$", text[:start]).group(0))  # «đã tăng»: the aspect word with it
    if first["token_start"] - first["quote_start"] + a - start > 40:  # the verb is not beside the earlier level
        return None
    between = text[a + len(first["quote"]):b + len(last["quote"])]
    if not re.search(rf"(?<!\w){TO_WORDS[way]}(?!\w)", between):
        return None
    if (last["value"] > first["value"]) != (way == "up") or last["value"] == first["value"]:
        return None
    tail = re.match(r"\s*\(?năm \d{4}\)?", text[b + len(last["quote"]):])
    end = b + len(last["quote"]) + (tail.end() if tail else 0)
    return way, text[start:end]


def move_finding(story: Story, group: pd.DataFrame, way: str, passage: str) -> Finding:
    """The move the article prints between a measure's two levels, told as it prints it and attributed to the
    article and to the source it names: "The article says that, according to …, the share of commune cadres
    and civil servants with a university degree or higher rose from 41.7% in 2016 to 68.3% in 2020 («…»)."."""
    first = group.iloc[0]
    items = []
    for key, fact in group.iterrows():
        share = story.share(fact["value"], fact["decimals"], fact["bound"], fact.get("qualifier", ""))
        notes = story.notes(key)
        items.append(story.t("s.move.level.noted" if notes else "s.move.level", share=share, period=fact["period"],
                             notes="; ".join(notes)))
    label, whole = story.words(group.index[0]), whole_words(first, story.language)
    if story.language == "en":
        subject = f"{whole} {label if label.lower().startswith('with ') else 'who ' + predicate(label, 'en')}"
    else:  # «cán bộ, công chức cấp xã có trình độ …»; a label that names people: «cán bộ nữ trong số cán bộ …»
        said = predicate(label, "vi")
        subject = f"{label} trong số {whole}" if said == f"là {label}" else f"{whole} {said}"
    who = source_person(first, story.language)
    text = story.t(f"s.move.{way}" + (".source" if who else ""), who=who, subject=subject, first=items[0],
                   last=items[1], quote=story.t("quoted", quote=passage))
    return Finding(text, tuple(group.index))


def unprinted_wholes(facts: pd.DataFrame) -> list[str]:
    """Keys of the shares whose whole the article does not print, in the facts file's order."""
    return list(facts.index[(facts["relation"] == "share") & facts["parent_key"].eq("")])
