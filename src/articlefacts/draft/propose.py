"""Draft the facts and not-data files of a new article, with how sure the draft is of each cell.

``make draft ARTICLE=path [META=meta.json] [OUT=folder]`` runs ``python -m articlefacts.draft.propose ARTICLE [OUT]
[--meta META]``. It reads the article (UTF-8, normalised as the pipeline normalises it) and its meta.json
(given, or found beside the article: ``meta.json`` or ``<article stem>.meta.json``; without one the headline,
date line and byline are guessed), applies the rules of :mod:`articlefacts.draft.rules` to every number
token and writes three files into OUT (default ``build/draft/<article file stem>/``):

- ``facts.csv``: one row per fact or repeat, every column a coder writes filled in (key, topic, measure,
  period, unit, parent_key, relation, split, the shortest quote that occurs once, term_vi, gloss_en, …);
  the pipeline accepts it as written;
- ``not-data.csv``: dates, times, the numbers of documents, ordinals, ages and years that label a period,
  each with a reason;
- ``review.csv``: one row per number token, the least sure first: its key (or not-data quote), the
  ``confidence`` of the cells that decide the figures (status, unit, period, parent_key, relation, topic,
  repeat_of) and, in ``check``, each of those cells that is not sure, with the draft's reason; ``words``
  names the words to translate or read again (measure, term_vi, gloss_en, whole_vi, whole_en).

Every cell is a proposal: read the article, check the review file's rows from the top, and correct the facts
file before using it (docs/draft.md says how). The command never overwrites a file and never writes next to
the article.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from articlefacts.draft.clauses import sentence_of
from articlefacts.draft.lexicon import unit_nouns
from articlefacts.draft.quote_search import TRAILING_PUNCTUATION, count_occurrences, shortest_quote
from articlefacts.draft.rules import draft_article
from articlefacts.draft.tokens import HIGH, LEVELS, LOW, Article, Token
from articlefacts.errors import ArticleFactsError
from articlefacts.paths import BUILD_DIR, relative, resolve
from articlefacts.reading.codebook import INPUT_TABLES_FILE, columns
from articlefacts.reading.inputs import normalise_text
from articlefacts.reading.numbers import find_number_tokens

FACTS_COLUMNS = tuple(columns("facts_file", INPUT_TABLES_FILE))
NOT_DATA_COLUMNS = ("quote", "reason")
REVIEW_COLUMNS = ("key", "token", "line", "status", "confidence", "check", "words")
DRAFT_DIR = f"{BUILD_DIR}/draft"
FILES = ("facts.csv", "not-data.csv", "review.csv")
# The cells that decide the figures, as the review file names them (the scorer scores these).
DECIDING = (("status", "status"), ("unit", "unit"), ("period", "period"), ("parent", "parent_key"),
            ("relation", "relation"), ("topic", "topic"), ("repeat_of", "repeat_of"), ("split", "split"))
WORDS = (("measure", "measure"), ("term_vi", "term_vi"), ("gloss_en", "gloss_en"), ("whole_vi", "whole_vi"),
         ("whole_en", "whole_en"), ("reading", "reading"), ("attribution", "attribution"))


@dataclass
class Draft:
    """The drafted rows of one article: facts, not-data and review rows, and how many tokens went where."""

    facts: list[dict] = field(default_factory=list)
    not_data: list[dict] = field(default_factory=list)
    review: list[dict] = field(default_factory=list)
    n_tokens: int = 0
    n_fact_tokens: int = 0
    n_not_data_tokens: int = 0
    n_repeat_tokens: int = 0
    meta_path: Path | None = None
    confidence: dict[int, str] = field(default_factory=dict)  # token start → the review row's confidence


def quote_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The shortest passage of whole words around ``text[start:end]`` that occurs once in its sentence's
    words, growing to the left first («đảng viên chiếm tỷ lệ 89,62%» reads better than «89,62%, học»); else
    :func:`articlefacts.draft.quote_search.shortest_quote` (which takes the whole line when nothing is unique)."""
    first, last = sentence_of(text, start)
    words = [(first + m.start(), first + m.end()) for m in re.finditer(r"\S+", text[first:last])]
    inner = [i for i, (s, e) in enumerate(words) if s < end and start < e]
    if inner:
        left, right = inner[0], inner[-1]
        for _ in range(len(words)):
            q_start, q_end = words[left][0], words[right][1]
            q_start = max(q_start, start) if left == inner[0] and text[q_start] in "(«\"" else q_start
            while q_end > end and text[q_end - 1] in TRAILING_PUNCTUATION + ")»":
                q_end -= 1
            if count_occurrences(text, text[q_start:q_end]) == 1:
                return q_start, q_end
            if left > 0:
                left -= 1
            elif right < len(words) - 1:
                right += 1
            else:
                break
            if right < len(words) - 1 and right - inner[-1] < inner[0] - left - 1:
                right += 1
    return shortest_quote(text, start, end)


def fact_row(art: Article, tok: Token) -> dict:
    """The facts-file row of a fact or repeat token."""
    text = art.text
    noun = unit_nouns()[0].match(text, tok.end) if tok.unit != "percent" else None
    q_start, q_end = quote_of(text, tok.start, noun.end() if noun else tok.end)
    inside = [m for m in find_number_tokens(text[q_start:q_end])]
    row = dict.fromkeys(FACTS_COLUMNS, "")
    row |= {"key": tok.key, "topic": tok.topic, "measure": tok.measure, "period": tok.period, "unit": tok.unit,
            "parent_key": tok.parent.key if tok.parent is not None else "", "relation": tok.relation,
            "split": tok.split, "quote": text[q_start:q_end], "number": tok.text if len(inside) > 1 else "",
            "term_vi": tok.term_vi, "gloss_en": tok.gloss_en, "attribution": tok.attribution,
            "repeat_of": tok.repeat_of.key if tok.repeat_of is not None else "",
            "whole_vi": tok.whole_vi if tok.relation == "share" and tok.parent is None else "",
            "whole_en": tok.whole_en if tok.relation == "share" and tok.parent is None else "",
            "reading": tok.reading}
    return row


def not_data_rows(art: Article) -> tuple[list[dict], dict[int, str]]:
    """The not-data rows (a token inside an earlier row's quote adds only its reason), and token → quote."""
    text = art.text
    facts = [t for t in art.tokens if t.status in ("fact", "repeat")]
    rows: list[dict] = []
    spans: list[tuple[int, int]] = []
    quote_at: dict[int, str] = {}
    for tok in art.tokens:
        if tok.status != "not_data":
            continue
        holder = next((i for i, (s, e) in enumerate(spans) if s <= tok.start and tok.end <= e), None)
        if holder is not None:
            if tok.reason not in rows[holder]["reason"].split("; "):
                rows[holder]["reason"] += f"; {tok.reason}"
            quote_at[tok.start] = rows[holder]["quote"]
            continue
        if tok.part == "date_line":
            line = text[slice(*line_bounds(text, tok.start))]
            q_start = text.find(line.strip(), line_bounds(text, tok.start)[0])
            span = (q_start, q_start + len(line.strip()))
            if count_occurrences(text, line.strip()) != 1:
                span = quote_of(text, tok.start, tok.end)
        else:
            span = quote_of(text, tok.start, phrase_end(art, tok))
        if any(span[0] <= f.start < span[1] for f in facts):
            span = quote_of(text, tok.start, tok.end)
        spans.append(span)
        rows.append({"quote": text[slice(*span)], "reason": tok.reason})
        quote_at[tok.start] = rows[-1]["quote"]
    return rows, quote_at


def line_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def phrase_end(art: Article, tok: Token) -> int:
    """Where the not-data phrase of a token ends: past the second year of «2016-2021», past a date's time."""
    text = art.text
    following = [t for t in art.tokens if t.start >= tok.end and t.status == "not_data"]
    end = tok.end
    code = re.match(r"\s?[-/]\s?[A-ZĐ][\w/-]*\w", text[end:end + 30])
    if code:  # «11- NQ/TW»: the document's whole number
        end += code.end()
    for t in following:
        if t.start - end <= 3 and text[end:t.start].strip() in ("-", "–", "", "/"):
            end = t.end
        else:
            break
    return end


def review_row(tok: Token, key: str, line: int) -> dict:
    """The review-file row of a token: the confidence of its deciding cells and what to check."""
    cells = [(name, tok.confidence[cell]) for cell, name in DECIDING if cell in tok.confidence]
    if tok.status == "not_data":
        cells = [("status", tok.confidence["status"])]
    level = max((LEVELS.index(c[1][0]) for c in cells), default=0)
    check = "; ".join(f"{name} ({conf[0]}): {conf[1]}" for name, conf in cells if conf[0] != HIGH)
    words = "; ".join(f"{name}: {tok.confidence[cell][1]}" for cell, name in WORDS
                      if tok.status != "not_data" and cell in tok.confidence and (
                          str(getattr(tok, cell)).startswith("[") or "no entry" in tok.confidence[cell][1]))
    return {"key": key, "token": tok.text, "line": line, "status": tok.status, "confidence": LEVELS[level],
            "check": check, "words": words}


def draft_rows(text: str, meta: dict | None = None) -> Draft:
    """Draft the facts, not-data and review rows of an article.

    In: the normalised article text and its metadata (a dict as in meta.json, or None). Out: a :class:`Draft`
    whose ``facts`` rows have every column of :data:`FACTS_COLUMNS`, ``not_data`` rows a quote and a reason,
    and ``review`` rows (:data:`REVIEW_COLUMNS`) one per token, the least sure first.
    """
    art = draft_article(text, meta)
    draft = Draft(n_tokens=len(art.tokens))
    draft.not_data, quote_at = not_data_rows(art)
    for tok in art.tokens:
        line = text.count("\n", 0, tok.start) + 1
        if tok.status in ("fact", "repeat"):
            draft.facts.append(fact_row(art, tok))
            draft.review.append(review_row(tok, tok.key, line))
            draft.confidence[tok.start] = draft.review[-1]["confidence"]
            if tok.status == "fact":
                draft.n_fact_tokens += 1
            else:
                draft.n_repeat_tokens += 1
        elif tok.status == "not_data":
            draft.n_not_data_tokens += 1
            draft.review.append(review_row(tok, quote_at[tok.start], line))
            draft.confidence[tok.start] = draft.review[-1]["confidence"]
    order = {level: i for i, level in enumerate(reversed(LEVELS))}
    draft.review.sort(key=lambda r: order[r["confidence"]])
    return draft


def to_csv(rows: list[dict], columns: tuple[str, ...]) -> str:
    """Rows as CSV text (UTF-8 ready, LF line endings, header first)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def default_out_dir(article: str | Path) -> Path:
    """Where the drafts of ``article`` go by default: ``build/draft/<article file stem>/`` in the project."""
    return resolve(DRAFT_DIR) / Path(article).stem


def find_meta(article: Path) -> Path | None:
    """The meta.json beside an article: ``meta.json`` (naming this article, or none) or ``<stem>.meta.json``."""
    for candidate in (article.with_name(f"{article.stem}.meta.json"), article.with_name("meta.json")):
        if candidate.is_file():
            try:
                named = json.loads(candidate.read_text(encoding="utf-8-sig")).get("article_file", article.name)
            except (ValueError, UnicodeDecodeError):
                continue
            if named in ("", article.name):
                return candidate
    return None


def read_meta_loosely(path: Path) -> dict:
    """A meta.json as a dict of normalised strings (no field required: the draft only needs some of them)."""
    try:
        meta = json.loads(path.read_text(encoding="utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as err:
        raise ArticleFactsError(f"The metadata file {relative(path)} is not valid UTF-8 JSON: {err}",
                                "fix the JSON, or leave META= out to draft from the article alone.") from None
    return {k: normalise_text(v).strip() if isinstance(v, str) else v for k, v in meta.items()}


def write_drafts(article: str | Path, out_dir: str | Path | None = None,
                 meta: str | Path | None = None) -> tuple[Draft, list[Path]]:
    """Draft the files of ``article`` and write them into ``out_dir``.

    In: the article's path, the output folder (default :func:`default_out_dir`) and its meta.json (default:
    :func:`find_meta`); relative paths are relative to the project root. Out: the :class:`Draft` and the three
    paths written (facts.csv, not-data.csv, review.csv). Raises :class:`ArticleFactsError` when the article or
    a given meta.json is missing or unreadable, when the output folder is the article's own folder, or when any
    of the files already exists (nothing is written).
    """
    source = resolve(article)
    if not source.is_file():
        raise ArticleFactsError(f"Article not found: {relative(source)}",
                                "pass the path of the article's text file, e.g. make draft ARTICLE=path/article.txt.")
    target = resolve(out_dir) if out_dir else default_out_dir(source)
    if target.resolve() == source.parent.resolve():
        raise ArticleFactsError(
            f"Refusing to write drafts next to the article, in {relative(target)}",
            "choose another folder with OUT=folder (the default is build/draft/<article name>/); copy the files "
            "beside the article yourself once they are checked.")
    paths = [target / name for name in FILES]
    existing = [p for p in paths if p.exists()]
    if existing:
        raise ArticleFactsError(
            f"Refusing to overwrite {', '.join(relative(p) for p in existing)}",
            "move or delete the existing file(s) first, or choose another folder with OUT=folder.")
    meta_path = resolve(meta) if meta else find_meta(source)
    if meta and not meta_path.is_file():
        raise ArticleFactsError(f"Metadata file not found: {relative(meta_path)}",
                                "pass the article's meta.json with META=, or leave META= out.")
    info = read_meta_loosely(meta_path) if meta_path else None
    try:
        text = normalise_text(source.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise ArticleFactsError(f"The article {relative(source)} is not UTF-8 (byte {err.start}: {err.reason})",
                                "save the article as UTF-8 text.") from None
    draft = draft_rows(text.replace("\r\n", "\n").replace("\r", "\n"), info)
    draft.meta_path = meta_path
    target.mkdir(parents=True, exist_ok=True)
    contents = [to_csv(draft.facts, FACTS_COLUMNS), to_csv(draft.not_data, NOT_DATA_COLUMNS),
                to_csv(draft.review, REVIEW_COLUMNS)]
    for path, content in zip(paths, contents, strict=True):
        with path.open("x", encoding="utf-8", newline="") as fh:
            fh.write(content)
    return draft, paths


def summary(draft: Draft, paths: list[Path]) -> str:
    """A short report for the person running the command: counts, where the files went, what to do next."""
    levels = {level: sum(r["confidence"] == level for r in draft.review) for level in LEVELS}
    meta_path = draft.meta_path
    return "\n".join([
        f"{draft.n_tokens} number tokens: {draft.n_fact_tokens} facts, {draft.n_repeat_tokens} repeats, "
        f"{draft.n_not_data_tokens} not data ({len(draft.not_data)} rows).",
        f"Sure of {levels[HIGH]} tokens, fairly sure of {levels['medium']}, unsure of {levels[LOW]}"
        + (f" (dates and structure from {relative(meta_path)})." if meta_path else
           " (no meta.json found: headline, date line and byline guessed; pass META= to use one)."),
        f"Wrote {relative(paths[0])}, {relative(paths[1])} and {relative(paths[2])}.",
        f"Next: read {paths[2].name} from the top (the least sure first) and correct those cells in "
        f"{paths[0].name}; then rename keys, check term_vi and gloss_en (any «[to translate]»), and add label_vi, "
        "attribution_en and notes where they help. docs/draft.md explains the review.",
    ])


def main(argv: list[str]) -> int:
    """Command line: ``python -m articlefacts.draft.propose ARTICLE [OUT] [--meta META]``; prints the summary."""
    args = list(argv)
    meta = None
    if "--meta" in args:
        at = args.index("--meta")
        if at + 1 >= len(args):
            print("error: --meta needs a path\nHow to fix: --meta path/meta.json", file=sys.stderr)
            return 2
        meta = args[at + 1] or None
        del args[at:at + 2]
    if not args or len(args) > 2 or args[0] in ("-h", "--help"):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        draft, paths = write_drafts(args[0], args[1] if len(args) > 1 else None, meta)
    except ArticleFactsError as err:
        print(f"error: {err.what}\nHow to fix: {err.fix}", file=sys.stderr)
        return 1
    print(summary(draft, paths))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
