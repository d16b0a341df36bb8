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
import sys
from pathlib import Path

from articlefacts.draft.rows import FACTS_COLUMNS, NOT_DATA_COLUMNS, REVIEW_COLUMNS, Draft, draft_rows
from articlefacts.draft.tokens import HIGH, LEVELS, LOW
from articlefacts.errors import ArticleFactsError
from articlefacts.paths import BUILD_DIR, relative, resolve
from articlefacts.reading.inputs import normalise_text

DRAFT_DIR = f"{BUILD_DIR}/draft"
FILES = ("facts.csv", "not-data.csv", "review.csv")


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
