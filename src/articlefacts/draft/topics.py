"""Rule 6 of ``make draft``: the topic of each fact (rotation, staffing, profile or context).

``rotation`` where the number's clause (or a count of its sentence) speaks of «luân chuyển»; ``staffing`` where
its clause speaks of a secondment, a transfer or a shortage («biệt phái», «điều động», «thiếu») and it stands
alone or within a staffing count; ``context`` for communes, other counted things (months, offices) and the
whole of an «x/y» whose x is no qualification; ``profile`` for a count with qualifications below it (then its
measure is ``headcount``), for words that name a population or a qualification (``terms.csv``); else its
parent's topic, else ``context``. It runs after rule 7 has given each fact its words
(:func:`articlefacts.draft.terms.assign_terms`).
"""

from __future__ import annotations

import re

from articlefacts.draft.changes import level_risen_from
from articlefacts.draft.clauses import text_of
from articlefacts.draft.lexicon import table
from articlefacts.draft.terms import term_row
from articlefacts.draft.tokens import HIGH, LOW, MEDIUM, Article, Token

ROTATION_WORD = "luân chuyển"
# Moves of staff other than rotation, and shortages (topic ``staffing`` of docs/input-format.md): secondment,
# transfer, a shortage of staff against the quota.
STAFFING_WORDS = ("biệt phái", "điều động", "thiếu")


def assign_topics(art: Article) -> None:
    """Rule 6: the topic of every fact, and the measure ``headcount`` of a profile's population."""
    facts = art.facts()
    children: dict[int, list[Token]] = {}
    for t in facts:
        if t.parent is not None:
            children.setdefault(id(t.parent), []).append(t)
    rotation = set()
    for t in facts:
        if ROTATION_WORD in text_of(art, t).lower():
            rotation.add(id(t))
    for t in facts:
        if id(t) not in rotation and any(id(o) in rotation and o.sentence == t.sentence and o.unit == "people"
                                         for o in facts):
            rotation.add(id(t))

    def descendants(tok: Token) -> list[Token]:
        found, queue = [], list(children.get(id(tok), []))
        while queue:
            child = queue.pop()
            found.append(child)
            queue += children.get(id(child), [])
        return found

    for t in sorted(facts, key=lambda t: depth(t)):
        x_of_y_whole = t.start > 0 and art.text[t.start - 1] == "/" and any(
            c.end == t.start - 1 for c in children.get(id(t), []))
        if id(t) in rotation:
            t.set("topic", "rotation", HIGH if ROTATION_WORD in text_of(art, t).lower() else MEDIUM,
                  f"«{ROTATION_WORD}» in its " + ("clause" if ROTATION_WORD in text_of(art, t).lower() else "sentence"))
        elif level_risen_from(art.text, t, facts) is not None:
            risen = level_risen_from(art.text, t, facts)
            t.set("topic", risen.topic, MEDIUM, f"the topic of {risen.text}, the level it rises from")
        elif staffing_word(art, t) and (t.parent is None or t.parent.topic == "staffing"):
            t.set("topic", "staffing", MEDIUM, f"«{staffing_word(art, t)}» in its clause: staff moved other than by "
                                               "rotation, or short (not rotation)")
        elif t.unit not in ("people", "communes", "percent", ""):
            t.set("topic", "context", MEDIUM, f"a count of {t.unit}, not of people: context")
        elif t.unit == "communes" and t.parent is None:
            t.set("topic", "context", MEDIUM, "communes: context")
        elif profiled_part(art, t, children, descendants) is not None:
            part = profiled_part(art, t, children, descendants)
            t.set("topic", "context", MEDIUM, f"the total that the profiled {part.text} is counted within")
        elif x_of_y_whole and not any(term_topic(art, c) == "profile" for c in children.get(id(t), [])):
            t.set("topic", "context", LOW, "the whole of an «x/y» pair, what x is counted against: context")
        elif t.is_count and any(term_topic(art, c) == "profile" for c in descendants(t)):
            t.set("topic", "profile", MEDIUM, "its parts, subsets or shares are qualifications of a population")
            if t.unit == "people" and (t.parent is None or t.parent.topic == "context"):
                t.set("measure", "headcount", MEDIUM, "the population of a profile: its headcount")
        elif t.parent is not None:
            t.set("topic", t.parent.topic, MEDIUM, f"the topic of {t.parent.text}, its parent")
        elif t.unit == "people" and not children.get(id(t)) and is_population(t.term_vi):
            t.set("topic", "profile", LOW, "its words name a population (terms.csv): a headcount")
            t.set("measure", "headcount", LOW, "its words name a population (terms.csv)")
        elif term_topic(art, t) == "profile" and t.relation != "change":
            t.set("topic", "profile", LOW, "its words are those of a qualification")
        else:
            t.set("topic", "context", LOW, "neither rotation nor a qualification: context")


def profiled_part(art: Article, tok: Token, children: dict, descendants) -> Token | None:
    """The one subset of a count that is profiled in its stead («356 … Trong số này, 140 …», the qualifications
    under the 140): the count's only child, a count whose own children are qualifications; else None."""
    mine = children.get(id(tok), [])
    if len(mine) != 1 or not mine[0].is_count or mine[0].relation != "subset":
        return None
    below = descendants(mine[0])
    return mine[0] if below and any(term_topic(art, c) == "profile" for c in below) else None


def staffing_word(art: Article, tok: Token) -> str:
    """The word of :data:`STAFFING_WORDS` in the number's clause («biệt phái 74 công chức»), or ""."""
    found = re.search(r"(?<!\w)(?:" + "|".join(STAFFING_WORDS) + r")(?!\w)", text_of(art, tok).lower())
    return found.group() if found else ""


def depth(tok: Token) -> int:
    n, t = 0, tok
    while t.parent is not None and n < 20:
        n, t = n + 1, t.parent
    return n


def is_population(words: str) -> bool:
    """Whether ``words`` are a headcount's words of terms.csv and little else («đội ngũ cán bộ, công chức cấp xã»)."""
    row = term_row(words)
    if row is None or row["measure"] != "headcount":
        return False
    return len(words.split()) - len(row["phrase"].split()) <= 2


def term_topic(art: Article, tok: Token) -> str:
    """``profile`` when the number's words hold a qualification of terms.csv (a headcount's words do not count),
    else the topic of the longest other phrase of terms.csv they hold, else ""."""
    words = f"{tok.term_vi} {text_of(art, tok)}".lower()
    for phrase in sorted((r["phrase"].lower() for r in table("terms") if r["measure"] == "headcount"), key=len,
                         reverse=True):  # «công chức» inside «cán bộ, công chức cấp xã» names no staff type
        words = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", words)
    rows = [r for r in table("terms") if r["measure"] != "headcount" and
            re.search(rf"(?<!\w){re.escape(r['phrase'].lower())}(?!\w)", words)]
    if any(r["topic"] == "profile" for r in rows):
        return "profile"
    return max(rows, key=lambda r: len(r["phrase"]))["topic"] if rows else ""
