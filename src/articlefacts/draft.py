"""Draft the facts and not-data files of a new article, for a person to check and complete.

``make draft ARTICLE=path [OUT=folder]`` runs ``python -m articlefacts.draft ARTICLE [OUT]``. It reads the
article (UTF-8, normalised as the pipeline normalises it), finds every number token and writes two
skeletons into OUT (default ``build/draft/<article file stem>/``):

- ``facts.csv``: one row per number that looks like data, with the shortest quote that occurs once, a
  guessed unit, a guessed relation (change after «tăng»/«giảm», share for other percentages) and any
  bound word noted; the columns that need a
  reader's judgement (topic, measure, period, term_vi, gloss_en, …) are left empty;
- ``not-data.csv``: dates, times of day and the numbers of resolutions, decisions and plans, each with a
  guessed reason.

Every guess is a starting point: read the article and correct the rows before using them
(docs/input-format.md says what each column means). The command never overwrites a file and never
writes next to the article.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from articlefacts.article import line_span
from articlefacts.codebook import INPUT_TABLES_FILE, columns
from articlefacts.errors import ArticleFactsError
from articlefacts.inputs import normalise_text
from articlefacts.numbers import DATE_RE, TIME_RE, YEAR_RE, find_number_tokens, read_qualifier
from articlefacts.paths import BUILD_DIR, relative, resolve
from articlefacts.quote_search import count_occurrences, shortest_quote

FACTS_COLUMNS = tuple(columns("facts_file", INPUT_TABLES_FILE))
NOT_DATA_COLUMNS = ("quote", "reason")
DRAFT_DIR = f"{BUILD_DIR}/draft"

# The kinds of Party and State documents whose numbers are names: «11-NQ/TW», «1234/QĐ-UBND», «45-KH/HU».
DOCUMENT_SUFFIX_RE = re.compile(
    r"\s?[-/]\s?(?:NQ|QĐ|QD|KH|KL|CT|TB|HD|HĐ|NĐ|ND|CP|TTg|TT|UBND|UBTVQH\w*|QH\w*|BNV|BCT|HU|TU)\b")
COMMUNE_WORDS_RE = re.compile(r"\s+(?:xã|thị trấn|phường|đơn vị)\b", re.IGNORECASE)
AFTER_NAM_RE = re.compile(r"\bnăm\s+$", re.IGNORECASE)
# «tăng 21%», «giảm 21 người»: the number is a change, not a level.
CHANGE_WORD_RE = re.compile(r"\b(tăng|giảm)\s+$", re.IGNORECASE)

REASON_DATE = "date"
REASON_TIME = "time of day"
REASON_DOCUMENT = "number of a resolution or decision: a name, not a quantity"


@dataclass
class Draft:
    """The drafted rows of one article: facts and not-data rows, and how many tokens went where."""

    facts: list[dict] = field(default_factory=list)
    not_data: list[dict] = field(default_factory=list)
    n_tokens: int = 0
    n_fact_tokens: int = 0
    n_not_data_tokens: int = 0


def classify_token(text: str, token: re.Match) -> str:
    """Why a number token is not data, or "" when it may be data.

    In: the normalised article text and one match from :func:`find_number_tokens`. Out: ``"date"``,
    ``"time of day"``, the reason for a resolution or decision number (a token followed by «-NQ», «/QĐ»,
    «-KH», …, with or without «số» before it), or ``""``.
    """
    value = token.group()
    if DATE_RE.fullmatch(value):
        return REASON_DATE
    if TIME_RE.fullmatch(value):
        return REASON_TIME
    if DOCUMENT_SUFFIX_RE.match(text, token.end()):
        return REASON_DOCUMENT
    return ""


def guess_unit(text: str, token: re.Match) -> str:
    """The unit a token probably has: ``percent``, ``communes``, ``year`` or ``people``.

    In: the text and a token. Out: ``percent`` when the token ends with %, ``communes`` when the next word
    is «xã», «thị trấn», «phường» or «đơn vị», ``year`` for 19xx/20xx right after «năm», else ``people``.
    """
    value = token.group()
    if value.endswith("%"):
        return "percent"
    if COMMUNE_WORDS_RE.match(text, token.end()):
        return "communes"
    if is_year_label(text, token):
        return "year"
    return "people"


def is_year_label(text: str, token: re.Match) -> bool:
    """Whether a token is a year written after «năm» («năm 2002»)."""
    line_start, _ = line_span(text, token.start())
    return bool(YEAR_RE.fullmatch(token.group())) and bool(AFTER_NAM_RE.search(text[line_start:token.start()]))


def guess_bound(text: str, token: re.Match) -> tuple[str, str]:
    """The bound the words before a token imply on its line, and those words: ``("gt", "hơn")`` or ``("eq", "")``."""
    line_start, _ = line_span(text, token.start())
    return read_qualifier(text[line_start:token.start()])


def draft_rows(text: str) -> Draft:
    """Draft the facts and not-data rows of an article.

    In: the normalised article text. Out: a :class:`Draft` whose ``facts`` rows have every column of
    :data:`FACTS_COLUMNS` (key ``fact_<n>``, quote, number when the quote holds more than one token, unit,
    relation ``change`` after «tăng»/«giảm», else ``share`` for percentages, a note on guessed bounds and
    relations; the rest empty) and whose ``not_data``
    rows have a quote and a reason. A not-data token inside an earlier not-data quote adds no row, only its
    reason to that row's («time of day; date» for «05:09, 08/09/2021»).
    """
    tokens = find_number_tokens(text)
    draft = Draft(n_tokens=len(tokens))
    covered: list[tuple[int, int]] = []
    seen: set[tuple[str, str]] = set()
    for token in tokens:
        reason = classify_token(text, token)
        if reason:
            draft.n_not_data_tokens += 1
            holder = next((i for i, (s, e) in enumerate(covered) if s <= token.start() and token.end() <= e), None)
            if holder is not None:
                row = draft.not_data[holder]
                if reason not in row["reason"].split("; "):
                    row["reason"] += f"; {reason}"
                continue
            q_start, q_end = shortest_quote(text, token.start(), token.end())
            covered.append((q_start, q_end))
            draft.not_data.append({"quote": text[q_start:q_end], "reason": reason})
            continue
        draft.n_fact_tokens += 1
        q_start, q_end = shortest_quote(text, token.start(), token.end())
        quote = text[q_start:q_end]
        inside = [m for m in tokens if q_start <= m.start() and m.end() <= q_end]
        number = token.group() if len(inside) > 1 else ""
        if (quote, number) in seen:
            continue
        seen.add((quote, number))
        unit = guess_unit(text, token)
        notes = []
        bound, words = guess_bound(text, token)
        if bound != "eq":
            notes.append(f"bound guessed: {bound} from «{words}»")
        if unit == "year":
            notes.append("a year after «năm»: keep as a fact with unit year, or move it to not-data if it only "
                         "labels a period")
        if count_occurrences(text, quote) > 1:
            notes.append(f"the quote occurs {count_occurrences(text, quote)} times (a line repeated word for "
                         "word): keep one row, or mark the others with repeat_of")
        relation = "share" if unit == "percent" else ""
        change = CHANGE_WORD_RE.search(text[line_span(text, token.start())[0]:token.start()])
        if change:
            relation = "change"
            notes.append(f"relation guessed: change from «{change.group(1)}»")
        row = dict.fromkeys(FACTS_COLUMNS, "")
        row |= {"key": f"fact_{len(draft.facts) + 1}", "unit": unit, "quote": quote, "number": number,
                "relation": relation, "note": "; ".join(notes)}
        draft.facts.append(row)
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


def write_drafts(article: str | Path, out_dir: str | Path | None = None) -> tuple[Draft, list[Path]]:
    """Draft the files of ``article`` and write them into ``out_dir``.

    In: the article's path and the output folder (default :func:`default_out_dir`); relative paths are
    relative to the project root. Out: the :class:`Draft` and the two paths written (facts.csv,
    not-data.csv). Raises :class:`ArticleFactsError` when the article is missing or not UTF-8, when the
    output folder is the article's own folder, or when either file already exists (nothing is written).
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
    paths = [target / "facts.csv", target / "not-data.csv"]
    existing = [p for p in paths if p.exists()]
    if existing:
        raise ArticleFactsError(
            f"Refusing to overwrite {', '.join(relative(p) for p in existing)}",
            "move or delete the existing file(s) first, or choose another folder with OUT=folder.")
    try:
        text = normalise_text(source.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise ArticleFactsError(f"The article {relative(source)} is not UTF-8 (byte {err.start}: {err.reason})",
                                "save the article as UTF-8 text.") from None
    draft = draft_rows(text.replace("\r\n", "\n").replace("\r", "\n"))
    target.mkdir(parents=True, exist_ok=True)
    contents = [to_csv(draft.facts, FACTS_COLUMNS), to_csv(draft.not_data, NOT_DATA_COLUMNS)]
    for path, content in zip(paths, contents, strict=True):
        with path.open("x", encoding="utf-8", newline="") as fh:
            fh.write(content)
    return draft, paths


def summary(draft: Draft, paths: list[Path]) -> str:
    """A short report for the person running the command: counts, where the files went, what to do next."""
    folder = relative(paths[0].parent)
    return "\n".join([
        f"{draft.n_tokens} number tokens: {draft.n_fact_tokens} drafted as facts ({len(draft.facts)} rows), "
        f"{draft.n_not_data_tokens} as not-data ({len(draft.not_data)} rows).",
        f"Wrote {relative(paths[0])} and {relative(paths[1])}.",
        f"Next: in {folder}/facts.csv rename each key fact_<n>, fill in topic, measure, period, term_vi and "
        "gloss_en (and parent_key, relation, split where a number belongs to another; label_vi where term_vi is "
        "too short to stand alone; attribution and attribution_en where the article names a source), and check "
        "every guessed "
        "unit, relation and bound in the note column; in not-data.csv check each reason, and move years that "
        "only label a period there. docs/input-format.md explains each column.",
    ])


def main(argv: list[str]) -> int:
    """Command line: ``python -m articlefacts.draft ARTICLE [OUT]``; prints the summary, returns the exit code."""
    if not argv or len(argv) > 2 or argv[0] in ("-h", "--help"):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        draft, paths = write_drafts(argv[0], argv[1] if len(argv) > 1 else None)
    except ArticleFactsError as err:
        print(f"error: {err.what}\nHow to fix: {err.fix}", file=sys.stderr)
        return 1
    print(summary(draft, paths))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
