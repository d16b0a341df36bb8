"""Facts the story has no shape for, told in the article's own words: always faithful, never beyond the quote.

A fact outside the profile and rotation shapes (staff seconded «biệt phái» or transferred «điều động», a
shortage of staff, anything the facts file codes as ``staffing`` or ``context``) is stated with its number as
this edition writes it, the facts file's words for what it counts (``label_vi``/``term_vi`` in Vietnamese,
``gloss_en`` in English) and the article's quote that holds it, in «…». Nothing is derived but the share of a
subset in its own whole, which the checks derive from the two printed counts. Counts of one split with no
printed total are stated together and never added up; a subset is stated with its whole, and the parts of a
split of a whole together, with that whole named and the count of places they went to; the rest one by one.
"""

from __future__ import annotations

import pandas as pd

from articlefacts.checking.derive import derived_for
from articlefacts.telling.story import Finding, Story, join, source_person


def quoted(story: Story, key: str, extra: tuple[str, ...] = (), bare: bool = False, run: tuple[str, ...] = ()) -> str:
    """A fact in its own words: its number as this edition prints it, what it counts, and the article's quote
    («…») with its notes (the headline that repeats it, a reading, ``extra``) in the same bracket; ``bare``:
    the number and words only, for a count whose quote the next one gives; ``run``: the facts that number gives
    (:func:`token_runs`), whose notes are said once, here."""
    fact = story.facts.loc[key]
    label = story.counted_words(key)
    if bare:
        return story.t("own.bare", value=story.fact_count(key), label=label)
    said = dict.fromkeys(n for k in (run or (key,)) for n in story.notes(k))
    notes = "".join(f"; {n}" for n in [*said, *extra])
    return story.t("own.item", value=story.fact_count(key), label=label, quote=fact["quote"], notes=notes)


def token_runs(facts: pd.DataFrame, keys: list[str]) -> list[tuple[str, ...]]:
    """``keys`` in order, cut into runs of facts that one printed number gives («mỗi xã 4 người», «hai xã … cùng
    thiếu 8»: the same token of the same quote), so that its quote and reading are said once, after the run."""
    runs: list[list[str]] = []
    same = [c for c in ("quote", "token_start") if c in facts.columns]
    for key in keys:
        last = runs[-1][-1] if runs else None
        if last and all(facts.loc[last, c] == facts.loc[key, c] for c in same):
            runs[-1].append(key)
        else:
            runs.append([key])
    return [tuple(run) for run in runs]


def quoted_runs(story: Story, keys: list[str]) -> list[str]:
    """Each fact of ``keys`` in its own words, the facts one printed number gives told with one quote and one
    reading after the last of them (:func:`token_runs`): '8 short in Khe Mây and 8 short in Nà Khoang
    («cùng thiếu 8 cán bộ»; by our reading, …)'."""
    return [quoted(story, k, bare=k != run[-1], run=run) for run in token_runs(story.facts, keys) for k in run]


def share_of_whole(story: Story, key: str) -> str:
    """The share of subset or part ``key`` in its whole as this edition prints it ('' when none is derived)."""
    row = derived_for(story.derived, "share", key) if "kind" in story.derived.columns else None
    return story.share(row["value"], row["decimals"], row["bound"]) if row is not None else ""


def child_text(story: Story, key: str, of: str = "") -> str:
    """A subset stated after its whole: 'of them, 58 short in … (…), 35.6% of the 163', the share derived from
    the two counts; 'of the 163, …' when ``of`` (the whole's number) is given, as after several facts."""
    share = share_of_whole(story, key)
    kind = ("own.child.of" if of else "own.child") + (".share" if share else "")
    whole = story.fact_count(story.facts.loc[key, "parent_key"]) if share else ""  # the share's whole, named
    return story.t(kind, item=quoted(story, key), share=share, n=of, whole=whole)


def parts_text(story: Story, keys: list[str]) -> str:
    """The parts of one split, in order, each with its share of the whole; parts that one printed number gives
    («mỗi xã 4 người») share one bracket: the quote, the reading and the share said once, after the last."""
    items = []
    for run in token_runs(story.facts, keys):
        share = share_of_whole(story, run[-1])
        extra = (story.t("own.share.each" if len(run) > 1 else "own.share", share=share),) if share else ()
        items += [quoted(story, k, bare=True) for k in run[:-1]] + [quoted(story, run[-1], extra, run=run)]
    return join(items, story.language)


def place_count(story: Story, key: str) -> str:
    """A count of places in the words of its unit, with its quote: '7 communes («7 xã»)' / «7 xã (“7 xã”)»."""
    fact = story.facts.loc[key]
    notes = "".join(f"; {n}" for n in story.notes(key))
    return story.t("own.item", value=story.fact_count(key), label=story.unit(fact["unit"]), quote=fact["quote"],
                   notes=notes)


def split_clause(story: Story, parts: list[str], whole: str, places: list[str], of: str = "") -> str:
    """The parts of one split of fact ``whole`` in one clause: 'of them, according to …, 10 …' (the source said
    when the parts have one other than the whole's); 'of the 353 placed …, …' when ``of``. A count of the places
    the parts went to is where they went, never a subset of the people: ', across 7 communes («7 xã»): 10 …' /
    «, về 7 xã (…): 10 …» (a clause that opens with a comma, joined to the whole's words); when the parts have a
    source the whole has not, that source opens a clause of its own: 'according to …, they went to 7 communes …',
    so it is never read as the whole's."""
    items = parts_text(story, parts)
    who = source_person(story.facts.loc[parts[0]], story.language)
    own = who and who != source_person(story.facts.loc[whole], story.language) and not of
    if places and not of:
        where = join([place_count(story, k) for k in places], story.language)
        return story.t("own.split.places" + (".source" if own else ""), items=items, who=who, places=where)
    if places:
        items = f"{join([quoted(story, k) for k in places], story.language)}: {items}"
    kind = ("own.split.named" if of else "own.split") + (".source" if own else "")
    return story.t(kind, items=items, who=who, n=of)


def clauses(texts: list[str]) -> str:
    """Clauses joined with «; », but one that opens with a comma (:func:`split_clause`) follows on."""
    return "".join(t if i == 0 or t.startswith(",") else f"; {t}" for i, t in enumerate(texts))


def places_of(facts: pd.DataFrame, parts: pd.DataFrame, said: set[str]) -> list[str]:
    """The counts of places printed with a split's parts (the 7 communes the 33 recruits went to): facts in
    communes of the parts' sentence and source, in no whole and no split."""
    first = parts.iloc[0]
    return [k for k, f in facts.iterrows() if k not in said and f["unit"] == "communes" and f["parent_key"] == ""
            and f["split"] == "" and f["relation"] == "" and f["context"] == first["context"]
            and f["attribution"] == first["attribution"]]


def sourced(story: Story, items: str, fact: pd.Series, side_by_side: bool = False) -> str:
    """The sentence of ``items``, with the source the article names for them said once, up front ("The article
    reports, according to …: …" / «Bài báo dẫn số liệu của …: …»); counts of one split with no printed total
    say so."""
    who = source_person(fact, story.language)
    key = "own.side_by_side" if side_by_side else "own.facts"
    return story.t(f"{key}.source" if who else key, items=items, who=who)


def children_texts(story: Story, facts: pd.DataFrame, children: list[str], said: set[str],
                   named: bool = False) -> list[str]:
    """What is counted within the facts just stated: each subset on its own ('of the 163, …' when ``named``, as
    after several facts), the parts of each split together (:func:`split_clause`); the keys said are added to
    ``said``."""
    out = []
    for key in children:
        fact = facts.loc[key]
        if key in said:
            continue
        if fact["relation"] != "part" or fact["split"] == "":
            out.append(child_text(story, key, of=story.fact_count(fact["parent_key"]) if named else ""))
            said.add(key)
            continue
        group = facts[(facts["parent_key"] == fact["parent_key"]) & (facts["split"] == fact["split"])]
        parts = [k for k in group.index if k not in said]
        places = places_of(facts, group, said)
        out.append(split_clause(story, parts, fact["parent_key"], places))
        said |= {*parts, *places}
    return out


def own_words_findings(story: Story, keys: list[str]) -> list[Finding]:
    """One finding per group of ``keys``: the counts of one split without a printed total together (never
    summed); each other fact with the subsets counted within it and the parts of each split of it together,
    and with the other such facts of its sentence and source (163 short «ở 39 xã, phường»); the parts of a
    split of a fact already stated together, naming it ('of the 353 placed …, more than 200 … and about 90 …');
    in the facts file's order."""
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
        if fact["relation"] == "part" and fact["split"] and fact["parent_key"] in facts.index:
            parent = fact["parent_key"]
            group = facts[(facts["parent_key"] == parent) & (facts["split"] == fact["split"])]
            parts = [k for k in group.index if k not in said]
            places = places_of(facts, group, said)
            said |= {*parts, *places}
            grand = [k for k in facts.index if facts.loc[k, "parent_key"] in parts]
            of = f"{story.fact_count(parent)} {story.counted_words(parent)}"
            texts = [split_clause(story, parts, parent, places, of=of), *children_texts(story, facts, grand, said)]
            out.append(Finding(sourced(story, clauses(texts), fact), (*places, *parts, *grand)))
            continue
        together = [k for k, f in facts.iterrows() if k not in said and (k == key or (
            f["context"] == fact["context"] and f["attribution"] == fact["attribution"]
            and f["parent_key"] not in facts.index and f["split"] == ""))]
        said |= set(together)
        children = [k for k in facts.index if facts.loc[k, "parent_key"] in together and k not in said]
        before = set(said)
        parts = [join(quoted_runs(story, together), story.language)]
        parts += children_texts(story, facts, children, said, named=len(together) > 1)
        out.append(Finding(sourced(story, clauses(parts), fact), (*together, *sorted(said - before, key=list(
            facts.index).index))))
    return out


def own_words_title(story: Story, keys: list[str]) -> str:
    """What facts outside the profile and rotation shapes are about, in the article's words: for each count of
    people at the top (side-by-side counts first) the built-in label of its measure (``measure.<name>``: «biệt
    phái», «tuyển dụng», «thiếu cán bộ») or else what it counts, so that a heading names everything its section
    holds («Tuyển dụng và thiếu cán bộ», not «Thiếu cán bộ» over a section mostly of recruitment)."""
    facts = story.facts.loc[keys]
    tops = facts[~facts["parent_key"].isin(keys)]
    tops = tops.assign(_alone=tops["split"].eq("")).sort_values("_alone", kind="stable")  # as the findings
    people = tops[tops["unit"] == "people"]  # a count of the places they went to is no heading of its own
    tops = people if len(people) else tops
    labels = [story.t(f"measure.{m}") if story.has(f"measure.{m}") else story.words(k)
              for k, m in zip(tops.index, tops["measure"], strict=True)]
    return join(list(dict.fromkeys(labels)), story.language)


def staffing_keys(facts: pd.DataFrame) -> list[str]:
    """The facts of topic ``staffing`` (staff moved other than by rotation, or missing), in the file's order."""
    return list(facts.index[facts["topic"] == "staffing"])
