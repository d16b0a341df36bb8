"""What every sentence builder shares: the article's tables, the language, and the words for one number.

A :class:`Story` holds the facts, the derived values and what the headline and lead repeat, for one
language. Its methods give a fact's words, a count or share as the article prints it, and the notes that go
with a number wherever it is used: the headline that repeats it and the coder's reading it rests on. A
:class:`Finding` is one sentence with the keys of the facts it states, so that the story can put first what
the headline reports and can say every fact no other sentence stated (:mod:`articlefacts.telling.coverage`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from articlefacts.i18n import capital, has, number, percent, t
from articlefacts.reading.numbers import qualifier_key
from articlefacts.telling.headlines import is_noun, predicate
from articlefacts.vocab import COUNTED_NOUNS_VI, PLACE_NOUNS_VI

# Parts of the article whose numbers the story leads with (docs/input-format.md: a number repeated there is a
# repeat of the body's fact).
LEAD_PARTS = ("headline", "lead")


@dataclass(frozen=True)
class Finding:
    """One sentence of the story, the keys of the facts it states (in the order it states them), and the block
    it belongs to: sentences of one block (one profile year) stay together when the story is reordered."""

    text: str
    keys: tuple[str, ...] = ()
    block: str = ""


def join(items: list[str], language: str) -> str:
    """'a, b and c' / 'a, b và c'; items that hold commas themselves are kept apart with semicolons ('a, x; b;
    and c' / 'a, x; b và c'), so that three items never read as four."""
    items = [i for i in items if i]
    if len(items) < 2:
        return "".join(items)
    if len(items) > 2 and any("," in i for i in items):
        return "; ".join(items[:-1]) + ("; " if language == "en" else " ") + t("and", language) + " " + items[-1]
    return ", ".join(items[:-1]) + f" {t('and', language)} " + items[-1]


def bounded(text: str, bound: str, language: str, qualifier: str = "") -> str:
    """``text`` with its bound in words: 'more than 80%' / 'hơn 80%'; with the article's ``qualifier`` (a fact's
    own), in that word's meaning: «gần» 'nearly 500' / «gần 500», «trên» 'more than 200' / «trên 200»."""
    return t(qualifier_key(qualifier, bound), language, x=text)


def share_text(value: float, decimals: int, bound: str, language: str, qualifier: str = "") -> str:
    """A share (0–100) at the given decimals, with its bound in words: exactly the decimals given, so a share
    printed as «15%» stays 15% and one printed as «2,0%» stays 2.0%."""
    return bounded(percent(value, language, int(decimals)), bound, language, qualifier)


def count_text(value: float, bound: str, language: str, qualifier: str = "") -> str:
    """A count with its bound in words (the article's ``qualifier``, where it is a fact's own)."""
    return bounded(number(value, language), bound, language, qualifier)


def words(fact: pd.Series, language: str) -> str:
    """What a fact counts, in the language: in vi the facts file's ``label_vi`` where given, else the
    article's words (``term_vi``); in en their English gloss."""
    if language == "vi":
        return fact.get("label_vi") or fact["term_vi"]
    return fact["gloss_en"]


def open_unit_words(fact: pd.Series, label: str, language: str) -> str:
    """The words of a count in an open unit (months, offices, job positions) with its unit noun first, unless
    the label already holds it: en the facts file's ``unit`` ('9 months the review took'), vi the word the
    article prints right after the number in the quote («trong 9 tháng»: «9 tháng …»). A percentage or a year
    has no noun."""
    if fact["unit"] in ("percent", "year", ""):
        return label
    if language == "en":
        unit = fact["unit"]
        held = re.search(rf"\b{re.escape(unit.rstrip('s').lower())}", label.lower())
    else:
        after = re.search(r"\d[\d.,]*\s+(\w+)", fact["quote"])
        unit = after.group(1) if after else ""
        held = not unit or label.lower().startswith(unit.lower())
    return label if held else f"{unit} {label}"


def whole_words(fact: pd.Series, language: str) -> str:
    """The words of the whole a share is of, when the article does not print it (``whole_vi`` / ``whole_en``)."""
    return fact["whole_vi"] if language == "vi" else fact["whole_en"]


def source_person(fact: pd.Series, language: str) -> str:
    """Who gives a fact, as a sentence in ``language`` names them ('' for the article's own voice, an empty
    ``attribution``: the article is never named as a source of its own numbers): in en, the
    facts file's ``attribution_en`` where given; in vi, a title such as «Ông» is lower-cased mid-sentence."""
    who = fact.get("attribution", "")
    if not who:
        return ""
    if language == "en" and fact.get("attribution_en"):
        return fact["attribution_en"]
    if language == "vi" and who.split(" ", 1)[0] in ("Ông", "Bà", "Anh", "Chị", "Đồng"):
        who = who[:1].lower() + who[1:]
    return who


def attribution_text(fact: pd.Series, language: str) -> str:
    """' (according to …)' when a named source gives the fact, else ''; ', according to …' when the source's
    name holds brackets of its own («the provincial Department of Home Affairs (Sở Nội vụ)»), so that brackets
    never nest."""
    who = source_person(fact, language)
    if not who:
        return ""
    return t("attributed.comma" if "(" in who else "attributed", language, who=who)


def lead_repeats(tokens: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """fact key → (part, the number as printed there with its qualifier, «Hơn 200») for every fact the headline
    or lead prints (as a repeat of the body's number, or as a fact of its own), in the order they print them.
    ``tokens`` is notebook 01's number_tokens table."""
    if tokens is None or tokens.empty:
        return {}
    rows = tokens[tokens["status"].isin(("repeat", "fact")) & tokens["part"].isin(LEAD_PARTS)
                  & tokens["fact_key"].ne("")]
    rows = rows.assign(order=rows["part"].map(LEAD_PARTS.index)).sort_values(["order", "start"])
    out: dict[str, tuple[str, str]] = {}
    for _, r in rows.iterrows():
        for key in r["fact_key"].split(";"):  # one token may give several facts
            out.setdefault(key, (r["part"], " ".join(filter(None, (r["qualifier"], r["token"])))))
    return out


@dataclass
class Story:
    """The tables one language's story is written from: facts and derived values (indexed by key) and the
    facts the headline or lead repeats (:func:`lead_repeats`)."""

    facts: pd.DataFrame
    language: str
    derived: pd.DataFrame = field(default_factory=pd.DataFrame)
    lead: dict[str, tuple[str, str]] = field(default_factory=dict)

    def t(self, key: str, **values) -> str:
        """The translation of ``key`` in this story's language."""
        return t(key, self.language, **values)

    def has(self, key: str) -> bool:
        """Whether the translation table has ``key``."""
        return has(key)

    def words(self, key: str) -> str:
        """What the fact ``key`` counts, in this language (:func:`words`)."""
        return words(self.facts.loc[key], self.language)

    def count(self, value: float, bound: str = "eq", qualifier: str = "") -> str:
        """A count in this language with its bound in words (a fact's own ``qualifier``: «gần» is 'nearly')."""
        return count_text(value, bound, self.language, qualifier)

    def row_count(self, row: pd.Series) -> str:
        """A fact row's count (value, bound) with its bound in the article's own words (its ``qualifier``)."""
        return self.count(row["value"], row["bound"], row.get("qualifier", "") or "")

    def fact_count(self, key: str) -> str:
        """The fact's own number as this language prints it, with its bound in the article's words: '1,200' /
        '1.200', 'more than 11', 'nearly 500' / «gần 500»."""
        fact = self.facts.loc[key]
        qualifier = fact.get("qualifier", "") or ""
        if fact["unit"] == "percent":
            return share_text(fact["value"], fact["decimals"], fact["bound"], self.language, qualifier)
        return self.count(fact["value"], fact["bound"], qualifier)

    def share(self, value: float, decimals: int, bound: str = "eq", qualifier: str = "") -> str:
        """A share in this language at exactly ``decimals`` places, with its bound in words."""
        return share_text(value, decimals, bound, self.language, qualifier)

    def unit(self, unit: str) -> str:
        """The unit's word ('people' / 'người')."""
        return self.t(f"unit.{unit}")

    def counted(self, unit: str, label: str) -> str:
        """The unit's word to put between a count and its label, with its leading space: in Vietnamese « người»
        or « xã», unless the label already starts with a noun for what is counted («120 cán bộ …», not «120
        người cán bộ …»; a commune's name is no noun for people);
        English needs none."""
        nouns = COUNTED_NOUNS_VI if unit != "people" else tuple(n for n in COUNTED_NOUNS_VI if n not in PLACE_NOUNS_VI)
        if self.language != "vi" or label.lower().startswith(nouns):
            return ""  # but people «về xã Đồng Tâm» are «10 người xã Đồng Tâm», never «10 xã Đồng Tâm»
        return " " + self.unit(unit)

    def counted_pair(self, unit: str, label: str) -> tuple[str, str]:
        """(the unit's word, the label) for 'count unit (share) label': as :meth:`counted`, but in Vietnamese a
        label that opens with the noun counted gives that noun up to stand by its count, before a share:
        («người chưa đáp ứng …») → « người», «chưa đáp ứng …», so «19 người (7,1%) chưa đáp ứng …», never «19
        (7,1%) người chưa đáp ứng …»."""
        word = self.counted(unit, label)
        noun = next((n for n in COUNTED_NOUNS_VI if label.lower().startswith(n + " ")), "")
        if self.language != "vi" or word or not noun or (unit == "people" and noun in PLACE_NOUNS_VI):
            return word, label
        return " " + label[:len(noun)], label[len(noun):].strip()

    def lead_key(self, key: str) -> str | None:
        """The key the headline or lead repeats for fact ``key``: the fact itself, or the percentage printed
        beside it; None when neither is repeated there."""
        if key in self.lead:
            return key
        shares = self.facts[(self.facts["relation"] == "printed_share") & (self.facts["parent_key"] == key)]
        return next((k for k in shares.index if k in self.lead), None)

    def counted_words(self, key: str) -> str:
        """A count fact's words with the Vietnamese unit word where they need one: «người về công tác ở huyện»,
        but «cán bộ, công chức cấp xã» (:meth:`counted`); English: the words."""
        fact = self.facts.loc[key]
        label = words(fact, self.language)
        if fact["unit"] not in ("people", "communes"):
            return open_unit_words(fact, label, self.language)
        unit = self.counted(fact["unit"], label)
        return f"{unit.strip()} {label}" if unit else label

    def notes(self, key: str, near: bool = False) -> list[str]:
        """The notes that go with fact ``key`` wherever its number is used: the headline or lead that repeats it
        or the percentage printed beside it (with its words as printed when they differ, «Hơn 200»), and the
        coder's reading it rests on."""
        out = []
        repeated = self.lead_key(key) if key in self.facts.index else None
        if repeated:
            part, printed = self.lead[repeated]
            same = printed == self.facts.loc[repeated, "token"]
            out.append(self.t(f"lead.{part}" if same else f"lead.{part}.printed", printed=printed))
        reading = self.reading(key, near)
        if reading:
            out.append(reading)
        return out

    def reading(self, key: str, near: bool = False) -> str:
        """The coder's reading of fact ``key`` in words ('' when there is none): the article's words and what
        they were read as, in the coder's own words where the facts file gives them (``read_as_en``,
        ``read_as_vi``); else what they were taken to refer to (the parent fact, the whole the article does
        not print, or the period); for a change, only that its words were read one way (the note says how).
        ``near``: the parent was just named in the same sentence, so the reading says 'these 21' instead of
        naming it again."""
        fact = self.facts.loc[key]
        if not fact.get("reading"):
            return ""
        read_as = fact.get(f"read_as_{self.language}")
        if read_as:  # the coder says what the words were read as («mỗi»: per commune; «cùng»: each of them)
            return self.t("reading.as", words=fact["reading"], read_as=read_as)
        if fact["relation"] == "change":
            return self.t("reading.words", words=fact["reading"])
        if fact["parent_key"] and fact["parent_key"] in self.facts.index:
            parent = self.words(fact["parent_key"])
            clause = self.language == "en" and not is_noun(parent, "en")  # "the 21 who returned …"
            whole = (self.t("reading.whole.near", n=self.fact_count(fact["parent_key"])) if near else
                     self.t("reading.whole.who" if clause else "reading.whole", n=self.fact_count(fact["parent_key"]),
                            who=predicate(parent, "en") if clause else self.counted_words(fact["parent_key"])))
        elif fact.get("whole_vi"):
            whole = whole_words(fact, self.language)
        else:
            return self.t("reading.period", words=fact["reading"], period=fact["period"])
        return self.t("reading.parent", words=fact["reading"], whole=whole)

    def marked(self, text: str, key: str) -> str:
        """``text`` with «(our interpretation)» after it when fact ``key`` rests on our reading of the article's
        words: for a title or a table label, too short for the reading itself, whose caveat then says it in full."""
        return f"{text} {self.t('fig.reading_mark')}" if key in self.facts.index and self.reading(key) else text

    def starred(self, text: str, key: str) -> str:
        """``text`` with «*» after it when fact ``key`` rests on our reading: for a bar or a legend, whose chart's
        footnote (:meth:`footnote`) then says it in full."""
        return f"{text} {self.t('fig.reading_star')}" if key in self.facts.index and self.reading(key) else text

    def footnote(self, key: str, near: bool = False) -> str:
        """The chart footnote for a number marked «*»: '* By our reading, «còn lại» refers to …' ('' when fact
        ``key`` rests on no reading); ``near``: the chart shows the parent just above ('… refers to these 21')."""
        reading = self.reading(key, near)
        return f"{self.t('fig.reading_star')} {capital(reading)}" if reading else ""

    def noted(self, text: str, key: str, extra: list[str] | None = None, near: bool = False) -> str:
        """``text`` followed by the notes of fact ``key`` (and ``extra`` notes) in one bracket."""
        notes = [*(extra or []), *self.notes(key, near)]
        return f"{text} ({'; '.join(notes)})" if notes else text

    def capital(self, text: str) -> str:
        """``text`` with its first letter upper-cased."""
        return capital(text)
