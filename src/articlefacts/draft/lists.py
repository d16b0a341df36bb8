"""Rule 5 of ``make draft``, lists: the count that the numbers of a sentence are within.

After «trong đó», «gồm», «trong số này» a number is within the count just before the connective; after
«trong số <words>», or in a paragraph opened by «Đối với <words>,», within the earlier count whose words match
best. Outside any connective: a list that adds up to an earlier count (or the rest of the list to its first
count) is within it; a second list as long as an earlier split with no total is read item by item; a list in
the paragraph of a total (or under «Về …») is within that total; a list closed by «và» without a total is a
split with no parent; else each number stands on its own. A subset is never larger than its whole.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from articlefacts.draft.clauses import clause_words, content_words, introduced_as_total, own_words, paragraph_of
from articlefacts.draft.lexicon import connective_patterns, qualifiers
from articlefacts.draft.quantities import adds_up
from articlefacts.draft.shares import attach_lone_share
from articlefacts.draft.tokens import HIGH, LOW, MEDIUM, Token, listing
from articlefacts.draft.topics import staffing_word

if TYPE_CHECKING:
    from articlefacts.draft.relations import Relations, Scope


def attach_in_scope(rel: Relations, scope: Scope, members: list[Token], toks: list[Token],
                    span: tuple[int, int]) -> list[Token]:
    """Numbers after «trong đó», «gồm», «trong số …», «Đối với …»: within a count before the connective.
    Returns the counts larger than that count (a subset is never larger than its whole): they are read
    as if no connective stood before them."""
    art = rel.art
    group = rel.new_group()
    counts = [t for t in members if t.is_count]
    first_unit = counts[0].unit if counts else None
    candidates = rel.earlier_counts(scope.at, first_unit, toks)
    if scope.role == "whole_before" and re.match(r"g[ồo]m", art.text[scope.at:scope.end], re.IGNORECASE):
        in_sentence = [t for t in candidates if t.start >= span[0]]
        if not in_sentence:  # «gồm có 2.281 người»: gồm introduces the total itself
            return members
    word = art.text[scope.at:scope.end]
    summed = [t for t in reversed(candidates) if adds_up(counts, t)] if len(counts) >= 2 else []
    if summed:
        parent, level, why = summed[0], HIGH, f"after «{word}»; {listing(counts)} add up to {summed[0].text}"
    elif scope.role == "whole_named":
        words = content_words(scope.phrase)
        largest = max((t.value for t in counts if t.value is not None), default=None)
        scored = [(len(words & own_words(art, t)) / max(1, len(own_words(art, t))),
                   len(words & clause_words(art, t)), t.parent is None, -t.start, t)
                  for t in candidates if largest is None or t.value is None or t.value >= largest]
        if scored and max(scored, key=lambda s: s[:4])[1] > 0:
            best = max(scored, key=lambda s: s[:4])
            parent, level = best[4], MEDIUM
            why = f"«{word} {scope.phrase.strip()}»: the earlier count whose words match best ({best[4].text})"
        else:
            parent, level, why = None, LOW, f"«{word} {scope.phrase.strip()}»: no earlier count matches"
    else:
        same_sentence = [t for t in candidates if t.start >= span[0]]
        pool = same_sentence or candidates
        if members and members[0].unit == "percent":
            pool = [t for t in (same_sentence or rel.earlier_counts(scope.at, None, toks))]
        parent = pool[-1] if pool else None
        level = MEDIUM if parent is not None else LOW
        why = (f"«{word}» after {parent.text}: within the count just before" if parent is not None
               else f"«{word}» with no count before it")
        if parent is not None and len([t for t in same_sentence if t.unit == parent.unit]) >= 2:
            level = LOW
            for t in members:
                t.set("reading", word.lower(), LOW, f"«{word}» after two counts: read as within {parent.text}")
    larger = [t for t in members if parent is not None and t.is_count and t.value is not None and
              parent.value is not None and t.value > parent.value]
    for tok in members:
        if tok in larger:
            continue
        if parent is not None and tok.is_count and parent.unit != tok.unit:
            rel.attach(tok, None, LOW, f"after «{word}» but counts {tok.unit}, the count before {parent.unit}",
                       group)
            continue
        rel.attach(tok, parent, level, why, group)
        if parent is None and tok.unit == "percent":
            attach_lone_share(rel.art, tok)
    return larger


def parallel(art, counts: list[Token]) -> bool:
    """Whether counts closed by «và» stand side by side, each with words of its own after a shared noun («43 cán bộ
    từ huyện về xã, 16 cán bộ từ xã lên huyện và 27 cán bộ giữa các xã»), rather than a total and its parts."""
    if not connective_patterns()["list_and"].search(art.text[counts[-2].end:counts[-1].start]):
        return False
    words = [own_words(art, t) for t in counts]
    common = set.intersection(*words)
    return bool(common) and all(w - common for w in words)


def profiled_within(rel: Relations, root: Token | None, span: tuple[int, int], first: Token) -> Token | None:
    """The count a list is a breakdown of: ``root`` (the total counted last), or the subset of it the list's words
    name («356 … Trong số này, 140 đồng chí là ủy viên … các xã, thị trấn» then «cấp ủy viên các xã, thị trấn …
    có 31 …»: the 140), which later lists of the article keep as their whole."""
    if root is None:
        return None
    if id(root) in rel.profiled:
        return rel.profiled[id(root)]
    words = content_words(rel.art.text[span[0]:first.start])
    subsets = [t for t in rel.seen if t.parent is root and t.relation == "subset" and t.unit == root.unit]
    scored = [(len(words & own_words(rel.art, t)), t.start, t) for t in subsets]
    if scored and max(scored, key=lambda s: s[:2])[0] >= max(3, len(words & own_words(rel.art, root)) + 2):
        rel.profiled[id(root)] = max(scored, key=lambda s: s[:2])[2]
        return rel.profiled[id(root)]
    return root


def attach_free_list(rel: Relations, free: list[Token], toks: list[Token], span: tuple[int, int], header: str,
                     new_set: str) -> None:
    """Numbers of a sentence outside any connective: a list, within a total, beside each other, or alone."""
    art = rel.art
    group = rel.new_group()
    counts = [t for t in free if t.is_count]
    first = free[0]
    unit = counts[0].unit if counts else None
    para = paragraph_of(art.text, span[0])
    # «phân về 7 xã: xã A nhận 10 người, xã B 5 người, …»: a count of another unit opens the list of the rest
    if len(counts) >= 3 and len(counts) == len(free) and counts[0].unit != counts[1].unit and all(
            t.unit == counts[1].unit for t in counts[1:]):
        rel.attach(counts[0], None, MEDIUM, f"counts {counts[0].unit}; the list after it counts {counts[1].unit}",
                   rel.new_group())
        attach_free_list(rel, free[1:], toks, span, header, new_set)
        return
    # (a) the list adds up to an earlier count, or the rest of the list to its first count
    if len(counts) >= 3 and adds_up(counts[1:], counts[0]) and all(t.unit == unit for t in counts) and \
            not parallel(art, counts):
        rel.attach(counts[0], None, MEDIUM, "the total its own sentence breaks down", rel.new_group())
        for t in free[1:]:
            rel.attach(t, counts[0], HIGH, f"{listing(counts[1:])} add up to {counts[0].text}", group)
        return
    if not new_set and len(counts) >= 2 and all(t.unit == unit for t in counts):
        totals = [t for t in reversed(rel.earlier_counts(first.start, unit, toks)) if adds_up(counts, t)]
        if totals:
            for t in free:
                rel.attach(t, totals[0], HIGH, f"{listing(counts)} add up to {totals[0].text}", group)
            return
        # (b) as long as an earlier list read as a split with no total: item by item
        for earlier in reversed(rel.free_splits):
            if len(earlier) == len(counts) and all(c.unit == e.unit and c.value is not None and e.value
                                                   is not None and c.value <= e.value
                                                   for c, e in zip(counts, earlier, strict=True)):
                for c, e in zip(counts, earlier, strict=True):
                    rel.attach(c, e, LOW, f"a list as long as the earlier {listing(earlier)}: read item by "
                                          f"item, {c.text} within {e.text}", rel.new_group())
                return
    # «Qua rà soát 268 công chức, có 19 người chưa đáp ứng …»: the smaller count after «, có» is within the first
    if len(counts) == 2 == len(free) and counts[0].unit == counts[1].unit and None not in (
            counts[0].value, counts[1].value) and counts[1].value < counts[0].value and re.fullmatch(
            rf"[^\d,;:()]*,\s*có\s+(?:{qualifiers()}\s+)?", art.text[counts[0].end:counts[1].start]):
        why = f"«{counts[0].text} …, có {counts[1].text}»: the smaller count within the first"
        rel.attach(counts[0], None, MEDIUM, "a count its sentence goes on to break down", rel.new_group())
        rel.attach(counts[1], counts[0], MEDIUM, why, group)
        return
    # (c) within the total counted last: under «Về …», or in its paragraph and period
    root = profiled_within(rel, rel.root(first.start, unit if counts else None), span, first)
    if root is not None and staffing_word(art, first) and not staffing_word(art, root):
        root = None  # «… cùng thiếu 8 cán bộ»: a shortage is not within the recruits counted before it
    if root is not None and not new_set and first.period == root.period and all(
            t.value is None or root.value is None or t.value < root.value or t.unit == "percent" for t in free):
        same_para = paragraph_of(art.text, root.start) == para
        if header or same_para or not introduced_as_total(art, first):
            level = MEDIUM if header or same_para else LOW
            why = (f"«{header}»: a breakdown of {root.text}, the total counted last" if header else
                   f"in the {'paragraph' if same_para else 'wake'} of {root.text}, the total counted last, "
                   "and of its period")
            for t in free:
                if t.is_count and t.unit != root.unit:
                    rel.attach(t, None, LOW, f"counts {t.unit}, not {root.unit}", rel.new_group())
                else:
                    rel.attach(t, root, level, why, group)
            return
    # (d) a list closed by «và» with no total: a split with no parent
    if len(counts) >= 2 and all(t.unit == unit for t in counts) and len(counts) == len(free):
        between = art.text[counts[-2].end:counts[-1].start]
        listed = art.text[counts[0].start:counts[-1].end]
        if connective_patterns()["list_and"].search(between) and ";" not in listed:
            summed = adds_up(counts[1:], counts[0])  # «43 …, 16 … và 27 …»: 16 + 27 = 43 as well
            level = LOW if summed else MEDIUM
            why = f"{listing(counts)}: counts side by side, closed by «và», with no printed total" + (
                f" (though {listing(counts[1:])} add up to {counts[0].text}: check it is not their total)"
                if summed else "")
            for t in counts:
                rel.attach(t, None, level, why, group)
                t.set("relation", "part", level, "a list closed by «và» with no printed total: a split with "
                                                 "no parent")
            rel.free_splits.append(counts)
            return
    # (e) on their own; communes within an earlier total of communes
    for t in free:
        g = rel.new_group()
        if t.unit == "communes" and not new_set:
            total = next((c for c in reversed(rel.earlier_counts(t.start, "communes", toks))
                          if c.parent is None and introduced_as_total(art, c) or
                          re.search(r"(?<!\w)của\s+$", art.text[c.start - 6:c.start])), None)
            if total is not None and total.value is not None and t.value is not None and t.value < total.value:
                rel.attach(t, total, LOW, f"communes within the {total.text} counted earlier", g)
                continue
        if t.unit == "percent":
            whole = rel.root(t.start)
            if whole is not None and not new_set:
                rel.attach(t, whole, LOW, f"a percentage of the total counted last ({whole.text})", g)
            else:
                rel.attach(t, None, LOW, "no count before it: a share of a whole the article does not print", g)
                attach_lone_share(rel.art, t)
            continue
        level = MEDIUM if (introduced_as_total(art, t) or new_set or t is first) else LOW
        rel.attach(t, None, level, ("«" + new_set + "»: on its own") if new_set else
                   "no connective, no total before it: on its own", g)
