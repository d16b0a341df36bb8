"""How much of a hand coding ``make draft`` gets right: agreement, number token by number token.

``make draft-score`` runs ``python -m articlefacts.draft.score``. For each article of
``benchmarks/draft-fixtures.csv`` it drafts the article into a temporary folder (as ``make draft`` does) and
compares the draft with the article's final, hand-checked facts and not-data files. Each number token of the
article is scored on the cells a coder writes for it:

- ``status``: fact, repeat or not data (a token the draft leaves unaccounted is wrong);
- for a fact of the coding: ``topic``, ``unit``, ``relation`` (as the pipeline reads it: an empty cell is
  read from the other columns, :func:`articlefacts.reading.facts.infer_relation`), ``parent`` (the token the
  parent fact stands for, so keys need not agree) and ``period`` (hyphen and en dash alike);
- for a repeat of the coding: ``repeat_of`` (the token of the fact it repeats);
- ``facts``: how many facts the token gives («mỗi xã 4 người» after three communes: three), scored only where
  the coding or the draft gives it more than one.

A number written in words that a coding row names in ``number`` («có hai đồng chí», number ``hai``) is scored as
a token of its own, at the word; the draft gets it right only with a row of its own for that word.

A token is "no edit" when every one of its cells is right. The draft's own ``confidence`` of each token
(review.csv) is checked too: the share of tokens needing no edit among those it is sure, fairly sure and
unsure of. Figures: % of cells right and % of
tokens needing no edit, per article and pooled over the articles of a group (cells and tokens summed).
``benchmarks/draft-alternatives.csv`` lists values that are right as well as the coding's own, where the
person who checked the coding said so (fixture, key, column, value).

Both files are read leniently (no required cells), so that a draft with empty cells can be scored; a row
whose quote is not found once in the article counts for nothing.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from articlefacts.draft import propose as drafting
from articlefacts.draft.score_tables import confidence_table, table
from articlefacts.paths import ROOT
from articlefacts.reading.article import split_article
from articlefacts.reading.facts import infer_relation
from articlefacts.reading.inputs import normalise_text
from articlefacts.reading.numbers import find_number_tokens

FIXTURES_FILE = ROOT / "benchmarks" / "draft-fixtures.csv"
ALTERNATIVES_FILE = ROOT / "benchmarks" / "draft-alternatives.csv"
FACT_CELLS = ("topic", "unit", "relation", "parent", "period")
CELLS = ("status", *FACT_CELLS, "repeat_of", "facts")
STATUSES = ("fact", "repeat", "not_data")


@dataclass(frozen=True)
class Fixture:
    """One scored article: its id, group (development or held out) and its four files."""

    name: str
    group: str
    article: Path
    facts: Path
    not_data: Path
    meta: Path


@dataclass
class Coding:
    """What a coding says of each number token: token start → cells (status, topic, …, repeat_of, key)."""

    tokens: dict[int, dict] = field(default_factory=dict)


@dataclass
class Score:
    """The agreement of one draft with one coding."""

    name: str
    group: str
    n_tokens: int = 0
    n_no_edit: int = 0
    cells: Counter = field(default_factory=Counter)
    right: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    by_level: Counter = field(default_factory=Counter)  # confidence → tokens
    no_edit_by_level: Counter = field(default_factory=Counter)  # confidence → tokens needing no edit

    @property
    def n_cells(self) -> int:
        return sum(self.cells.values())

    @property
    def n_right(self) -> int:
        return sum(self.right.values())


def read_text(path: Path) -> str:
    """The article as the pipeline and the draft read it."""
    text = normalise_text(path.read_bytes().decode("utf-8-sig"))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_rows(path: Path) -> list[dict]:
    """A CSV file as stripped, normalised strings (an empty list when the file is missing)."""
    if not path.is_file():
        return []
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return [{k: normalise_text(v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(fh)]


def quote_starts(text: str, quote: str, lead_repeat: tuple[int, int] | None) -> list[int]:
    """Where ``quote`` starts in ``text``, leaving out matches inside a repeated lead."""
    starts, at = [], text.find(quote) if quote else -1
    while at != -1:
        if not (lead_repeat and lead_repeat[0] <= at < lead_repeat[1]):
            starts.append(at)
        at = text.find(quote, at + 1)
    return starts


def row_token(text: str, row: dict, lead_repeat) -> int | None:
    """The start offset of the number token a facts row stands for (or of the number in words its ``number``
    names, «hai»), or None when it cannot be located."""
    starts = quote_starts(text, row.get("quote", ""), lead_repeat)
    if len(starts) != 1:
        return None
    tokens = find_number_tokens(row["quote"])
    if row.get("number"):
        tokens = [t for t in tokens if t.group() == row["number"]]
        if not tokens and not re.search(r"\d", row["number"]):
            words = list(re.finditer(rf"(?<!\w){re.escape(row['number'])}(?!\w)", row["quote"], re.IGNORECASE))
            return starts[0] + words[0].start() if len(words) == 1 else None
    return starts[0] + tokens[0].start() if len(tokens) == 1 else None


def normalise_period(period: str) -> str:
    """``2016-2021``, ``2016 - 2021`` and ``2016–2021`` alike."""
    return "–".join(p.strip() for p in period.replace("—", "–").replace("-", "–").split("–"))


def read_coding(text: str, meta: dict, facts: Path, not_data: Path) -> Coding:
    """The cells a facts and a not-data file give each number token of ``text`` (leniently: see the module)."""
    structure = split_article(text, meta)
    repeated = structure[structure["part"] == "lead_repeat"]
    lead_repeat = (int(repeated["start"].iloc[0]), int(repeated["end"].iloc[0])) if len(repeated) else None
    coding = Coding()
    for row in read_rows(not_data):
        starts = quote_starts(text, row.get("quote", ""), lead_repeat)
        if len(starts) == 1:
            for token in find_number_tokens(row["quote"]):
                coding.tokens.setdefault(starts[0] + token.start(), {"status": "not_data"})
    rows = read_rows(facts)
    where = {}
    for row in rows:
        for column in ("relation", "parent_key", "split", "whole_vi", "unit", "repeat_of"):
            row.setdefault(column, "")
        start = row_token(text, row, lead_repeat)
        if start is not None:
            where[row["key"]] = start
    for row in rows:
        start = where.get(row["key"])
        if start is None:
            continue
        if start in coding.tokens and coding.tokens[start]["status"] != "not_data":  # one token, several facts
            coding.tokens[start]["facts"] += 1
            continue
        coding.tokens[start] = {"facts": 1,
            "status": "repeat" if row["repeat_of"] else "fact", "key": row["key"],
            "topic": row.get("topic", ""), "unit": row["unit"], "relation": infer_relation(row),
            "parent": where.get(row["parent_key"], row["parent_key"] or None),
            "period": normalise_period(row.get("period", "")),
            "repeat_of": where.get(row["repeat_of"], row["repeat_of"] or None)}
    return coding


def read_alternatives(path: Path = ALTERNATIVES_FILE) -> dict[tuple[str, str, str], set[str]]:
    """(fixture, key, cell) → the values that are right besides the coding's own."""
    found: dict[tuple[str, str, str], set[str]] = {}
    for row in read_rows(path):
        value = normalise_period(row["value"]) if row["column"] == "period" else row["value"]
        found.setdefault((row["fixture"], row["key"], row["column"]), set()).add(value)
    return found


def score_coding(name: str, group: str, text: str, gold: Coding, draft: Coding,
                 alternatives: dict | None = None, confidence: dict[int, str] | None = None) -> Score:
    """Compare the draft's cells with the coding's, token by token (see the module); ``confidence`` (token
    start → the draft's confidence) counts the tokens needing no edit by confidence."""
    alternatives, confidence = alternatives or {}, confidence or {}
    score = Score(name, group)
    printed = {m.start(): m.group() for m in find_number_tokens(text)}
    in_words = {at: re.match(r"\w+", text[at:]).group() for at in gold.tokens if at not in printed}
    for start, token in sorted({**printed, **in_words}.items()):
        want = gold.tokens.get(start)
        if want is None:  # a token the coding leaves out (a repeated lead): nothing to score
            continue
        got = draft.tokens.get(start, {"status": "unaccounted"})
        several = want["status"] == "fact" and max(want.get("facts", 1), got.get("facts", 1)) > 1
        cells = ["status"] + (list(FACT_CELLS) if want["status"] == "fact" else []) + (
            ["repeat_of"] if want["status"] == "repeat" else []) + (["facts"] if several else [])
        wrong = []
        for cell in cells:
            ok_values = {want[cell]} | alternatives.get((name, want.get("key", ""), cell), set())
            score.cells[cell] += 1
            if got.get(cell) in ok_values:
                score.right[cell] += 1
            else:
                wrong.append(f"{cell} {got.get(cell)!r}≠{want[cell]!r}")
        score.n_tokens += 1
        level = confidence.get(start, "none")
        score.by_level[level] += 1
        score.no_edit_by_level[level] += not wrong
        if wrong:
            score.misses.append(f"{token} @{start} ({want.get('key') or want['status']}): "
                                + "; ".join(wrong))
        else:
            score.n_no_edit += 1
    return score


def read_fixtures(path: Path = FIXTURES_FILE) -> list[Fixture]:
    """The scored articles of ``benchmarks/draft-fixtures.csv`` (columns name, group, folder or the four paths)."""
    fixtures = []
    for row in read_rows(path):
        folder = ROOT / row["folder"] if row.get("folder") else None
        paths = [ROOT / row[c] if row.get(c) else folder / f for c, f in
                 (("article", "article.txt"), ("facts", "facts.csv"), ("not_data", "not-data.csv"),
                  ("meta", "meta.json"))]
        fixtures.append(Fixture(row["name"], row["group"], *paths))
    return fixtures


def score_fixture(fixture: Fixture, alternatives: dict | None = None) -> Score:
    """Draft one fixture's article into a temporary folder and score it against the fixture's coding."""
    text = read_text(fixture.article)
    meta = json.loads(fixture.meta.read_text(encoding="utf-8"))
    meta = {k: normalise_text(v).strip() if isinstance(v, str) else v for k, v in meta.items()}
    gold = read_coding(text, meta, fixture.facts, fixture.not_data)
    with tempfile.TemporaryDirectory() as tmp:
        result, paths = drafting.write_drafts(fixture.article, Path(tmp) / "draft")
        draft = read_coding(text, meta, paths[0], paths[1])
    return score_coding(fixture.name, fixture.group, text, gold, draft, alternatives,
                        getattr(result, "confidence", None))


def main(argv: list[str]) -> int:
    """``python -m articlefacts.draft.score [--misses] [NAME …]``: print the table (and each wrong cell)."""
    show_misses = "--misses" in argv
    names = [a for a in argv if not a.startswith("--")]
    alternatives = read_alternatives()
    fixtures = [f for f in read_fixtures() if not names or f.name in names]
    scores = [score_fixture(f, alternatives) for f in fixtures]
    print(table(scores, CELLS))
    print("\nBy the draft's own confidence (review.csv):\n")
    print(confidence_table(scores))
    if show_misses:
        for s in scores:
            print(f"\n{s.name}: {len(s.misses)} tokens to edit")
            print("\n".join(f"  {m}" for m in s.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
