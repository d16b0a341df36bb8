"""Rule 5 of ``make draft``: the parent and relation of each fact, read sentence by sentence.

:class:`Relations` keeps what the rule has read so far (the facts before, the lists read as a split with no
total, the whole a paragraph opened by «Đối với …» names) and sends each number of a sentence to the rule that
decides it: a change (:mod:`~articlefacts.draft.changes`), a share or an «x/y» pair
(:mod:`~articlefacts.draft.shares`), a list under a connective or outside one (:mod:`~articlefacts.draft.lists`);
then it marks the splits (:mod:`~articlefacts.draft.splits`). The connectives are those of ``connectives.csv``.
:func:`mark_rest_readings` marks, once every fact has its words, a number whose clause says «còn lại» (the rest)
as a reading: it rests on what the rest is of.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from articlefacts.draft.changes import attach_change, is_change
from articlefacts.draft.clauses import paragraph_of, text_of
from articlefacts.draft.lexicon import connective_patterns, qualifiers
from articlefacts.draft.lists import attach_free_list, attach_in_scope
from articlefacts.draft.shares import attach_printed_share, attach_x_of_y
from articlefacts.draft.splits import mark_splits
from articlefacts.draft.tokens import HIGH, LOW, Article, Token


@dataclass
class Scope:
    """A connective of a sentence: its role, where it ends and, for «trong số <words>», the words."""

    role: str
    at: int
    end: int
    phrase: str = ""


def sentence_scopes(art: Article, span: tuple[int, int]) -> list[Scope]:
    """The connectives of a sentence that place what follows within a count, in order."""
    text = art.text
    patterns = connective_patterns()
    scopes = []
    for role in ("whole_before", "whole_named"):
        for m in patterns[role].finditer(text, *span):
            if role == "whole_named" and any(s.at == m.start() for s in scopes):
                continue
            phrase = ""
            if role == "whole_named":
                tail = text[m.end():span[1]]
                phrase = re.split(r"[,;:]|\d|(?<!\w)có(?!\w)", tail, maxsplit=1)[0]
            scopes.append(Scope(role, m.start(), m.end(), phrase))
    return sorted(scopes, key=lambda s: s.at)


def opens_with(art: Article, span: tuple[int, int], role: str) -> str:
    """The connective of ``role`` that opens the sentence («Về trình độ chuyên môn,», «Ngoài ra,»), or ""."""
    head = art.text[span[0]:span[1]]
    found = connective_patterns()[role].match(head)
    if not found:
        return ""
    if role == "breakdown":
        clause = re.split(r"[,:]", head, maxsplit=1)[0]
        return clause if len(clause.split()) <= 8 else ""
    return found.group()


class Relations:
    """Rule 5, sentence by sentence: the parent and relation of each fact (see the module docstring)."""

    def __init__(self, art: Article):
        self.art = art
        self.seen: list[Token] = []  # facts already read, in order
        self.groups = 0
        self.free_splits: list[list[Token]] = []  # lists read as a split with no printed total
        self.profiled: dict[int, Token] = {}  # id of a total → the subset of it the article goes on to break down
        self.para_scope: tuple[int, Scope] | None = None  # «Đối với X, …»: the paragraph's whole, by its words

    def run(self) -> None:
        facts = [t for t in self.art.tokens if t.status == "fact"]
        by_sentence: dict[tuple[int, int], list[Token]] = {}
        for t in facts:
            by_sentence.setdefault(t.sentence, []).append(t)
        for span in sorted(by_sentence):
            self.sentence(span, by_sentence[span])
            self.seen += by_sentence[span]
        mark_splits(self)

    # helpers
    def root(self, before: int, unit: str | None = None) -> Token | None:
        """The last count without a parent read before offset ``before`` (of ``unit`` if given)."""
        for t in reversed(self.seen):
            if t.start < before and t.is_count and t.parent is None and t.relation != "change" and \
                    t.part != "headline" and \
                    (unit is None or t.unit == unit) and not (t.relation == "part" and t.split):
                return t
        return None

    def earlier_counts(self, before: int, unit: str | None, sentence_toks: list[Token]) -> list[Token]:
        pool = self.seen + [t for t in sentence_toks if t.start < before]
        return [t for t in pool if t.start < before and t.is_count and t.relation != "change"
                and (unit is None or t.unit == unit)]

    def new_group(self) -> int:
        self.groups += 1
        return self.groups

    def attach(self, tok: Token, parent: Token | None, level: str, why: str, group: int) -> None:
        """Give ``tok`` its parent (a share for a percentage, a subset for a count; parts come later)."""
        tok.group = group
        if parent is None:
            tok.set("parent", None, level, why)
            tok.set("relation", "", level, why)
            return
        tok.set("parent", parent, level, why)
        tok.set("relation", "share" if tok.unit == "percent" else "subset", level, why)

    # one sentence
    def sentence(self, span: tuple[int, int], toks: list[Token]) -> None:
        art, text = self.art, self.art.text
        scopes = sentence_scopes(art, span)
        para = paragraph_of(text, span[0])
        opener = opens_with(art, span, "whole_para")
        if opener:
            phrase = re.split(r"[,;:]", text[span[0] + len(opener):span[1]], maxsplit=1)[0]
            self.para_scope = (para, Scope("whole_named", span[0], span[0] + len(opener), phrase))
        elif self.para_scope is not None and self.para_scope[0] != para:
            self.para_scope = None
        header = opens_with(art, span, "breakdown")
        new_set = opens_with(art, span, "new_set")
        for t in toks:
            t.header = header
        # «89% (360 người)»: the count in brackets stands where the percentage is read, which is printed beside it
        bracketed = {p: c for p, c in zip(toks, toks[1:], strict=False) if p.unit == "percent" and c.is_count
                     and re.fullmatch(rf"\s*\(\s*(?:gồm|với|tương đương|tức|{qualifiers()})?\s*",
                                      text[p.end:c.start], re.IGNORECASE)}
        pending: list[Token] = []
        for tok in toks:
            if tok in bracketed.values():
                continue
            if tok in bracketed:
                pending.append(bracketed[tok])
                continue
            if is_change(text, tok):
                attach_change(self, tok, toks)
                continue
            if attach_x_of_y(self, tok, toks):
                continue
            if tok.unit == "percent" and attach_printed_share(self, tok, toks):
                continue
            pending.append(tok)
        # tokens under a connective, by the connective's scope
        free: list[Token] = []
        by_scope: dict[int, list[Token]] = {}
        if self.para_scope is not None:
            scopes = [self.para_scope[1], *scopes]
        for tok in pending:
            scope = next((s for s in reversed(scopes) if s.end <= tok.start), None)
            if scope is None:
                free.append(tok)
            else:
                by_scope.setdefault(scopes.index(scope), []).append(tok)
        for index, members in by_scope.items():
            free += attach_in_scope(self, scopes[index], members, toks, span)
        free.sort(key=lambda t: t.start)
        if free:
            attach_free_list(self, free, toks, span, header, new_set)
        for share, count in bracketed.items():
            share.group = count.group
            why = f"{count.text} in brackets right after it: the percentage printed beside that count"
            share.set("parent", count, HIGH, why)
            share.set("relation", "printed_share", HIGH, why)


def mark_rest_readings(art: Article) -> None:
    """«còn lại» (the rest) in a fact's clause: its number rests on what it refers to, a reading (unless the
    fact already carries one)."""
    for t in art.facts():
        rest = connective_patterns()["rest"].search(text_of(art, t))
        if rest and not t.reading:
            t.set("reading", rest.group(), LOW, f"«{rest.group()}» (the rest): the number rests on what it refers to")
