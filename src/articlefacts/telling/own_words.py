"""Facts the story has no shape for, told in the article's own words: always faithful, never beyond the quote.

A fact outside the profile and rotation shapes (staff seconded «biệt phái» or transferred «điều động», a
shortage of staff, anything the facts file codes as ``staffing`` or ``context``) is stated with its number as
this edition writes it, the facts file's words for what it counts (``label_vi``/``term_vi`` in Vietnamese,
``gloss_en`` in English) and the article's quote that holds it, in «…». Nothing is derived but the share of a
subset in its own whole, which the checks derive from the two printed counts. Counts of one split with no
printed total are stated together and never added up; a subset is stated with its whole; the rest one by one.
"""

from __future__ import annotations

import pandas as pd

from articlefacts.checking.derive import derived_for
from articlefacts.telling.story import Finding, Story, join, source_person


def quoted(story: Story, key: str) -> str:
    """A fact in its own words: its number as this edition prints it, what it counts, and the article's quote
    («…») with its notes (the headline that repeats it, a reading) in the same bracket."""
    fact = story.facts.loc[key]
    notes = "".join(f"; {n}" for n in story.notes(key))
    return story.t("own.item", value=story.fact_count(key), label=story.counted_words(key) if fact["unit"] in (
        "people", "communes") else story.words(key), quote=fact["quote"], notes=notes)


def child_text(story: Story, key: str, of: str = "") -> str:
    """A subset stated after its whole: 'of them, 58 short in … (…), 35.6% of the whole', the share derived from
    the two counts; 'of the 163, …' when ``of`` (the whole's number) is given, as after several facts."""
    row = derived_for(story.derived, "share", key) if "kind" in story.derived.columns else None
    share = story.share(row["value"], row["decimals"], row["bound"]) if row is not None else ""
    kind = ("own.child.of" if of else "own.child") + (".share" if share else "")
    return story.t(kind, item=quoted(story, key), share=share, n=of)


def sourced(story: Story, items: str, fact: pd.Series, side_by_side: bool = False) -> str:
    """The sentence of ``items``, with the source the article names for them said once, up front ("The article
    reports, according to …: …" / «Bài báo dẫn số liệu của …: …»); counts of one split with no printed total
    say so."""
    who = source_person(fact, story.language)
    key = "own.side_by_side" if side_by_side else "own.facts"
    return story.t(f"{key}.source" if who else key, items=items, who=who)


def own_words_findings(story: Story, keys: list[str]) -> list[Finding]:
    """One finding per group of ``keys``: the counts of one split without a printed total together (never
    summed); each other fact with the subsets counted within it, and with the other such facts of its sentence
    and source (163 short «ở 39 xã, phường»), in the facts file's order."""
    facts = story.facts.loc[[k for k in keys if k in story.facts.index]]
    out, said = [], set()
    loose = facts[(facts["relation"] == "part") & facts["parent_key"].eq("") & facts["split"].ne("")]
    for _split, group in loose.groupby("split", sort=False):
        items = [quoted(story, k) for k in group.index]
        one_source = group["attribution"].nunique() == 1
        out.append(Finding(sourced(story, join(items, story.language), group.iloc[0] if one_source else
                                   group.iloc[0].drop("attribution"), side_by_side=True), tuple(group.index)))
        said |= set(group.index)
    for key, fact in facts.iterrows():
        if key in said or (fact["parent_key"] in facts.index and fact["parent_key"] not in said):
            continue
        together = [k for k, f in facts.iterrows() if k not in said and (k == key or (
            f["context"] == fact["context"] and f["attribution"] == fact["attribution"]
            and f["parent_key"] not in facts.index and f["split"] == ""))]
        children = [k for k in facts.index if facts.loc[k, "parent_key"] in together and k not in said]
        parts = [join([quoted(story, k) for k in together], story.language)]
        parts += [child_text(story, k, of=story.fact_count(facts.loc[k, "parent_key"]) if len(together) > 1 else "")
                  for k in children]
        out.append(Finding(sourced(story, "; ".join(parts), fact), (*together, *children)))
        said |= {*together, *children}
    return out


def own_words_title(story: Story, keys: list[str]) -> str:
    """What facts outside the profile and rotation shapes are about, in the article's words: the built-in
    labels of their measures (``measure.<name>``: «biệt phái», «điều động»), side-by-side counts first; when
    none has one, what each counts."""
    facts = story.facts.loc[keys]
    tops = facts[~facts["parent_key"].isin(keys)]
    tops = tops.assign(_alone=tops["split"].eq("")).sort_values("_alone", kind="stable")  # as the findings
    named = [f"measure.{m}" for m in tops["measure"] if story.has(f"measure.{m}")]
    labels = [story.t(k) for k in named] or [story.words(k) for k in tops.index]
    return join(list(dict.fromkeys(labels)), story.language)


def staffing_keys(facts: pd.DataFrame) -> list[str]:
    """The facts of topic ``staffing`` (staff moved other than by rotation, or missing), in the file's order."""
    return list(facts.index[facts["topic"] == "staffing"])
