"""Reading the hand-written input files: raw bytes, CSV tables and the metadata JSON.

Every text that enters the project passes through :func:`normalise_text`, the same normalisation as the
article, so that a quote copied from the article (with its no-break space) or saved in NFD is found.
"""

from __future__ import annotations

import difflib
import io
import json
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from articlefacts.errors import ArticleFactsError
from articlefacts.paths import relative, resolve

if TYPE_CHECKING:
    import pandas as pd

META_REQUIRED = ("article_file", "sha256", "outlet", "date", "headline_vi", "headline_en", "licence")
META_OPTIONAL = ("outlet_en", "date_line", "byline", "place_vi", "place_en", "district_vi", "district_en")


def normalise_text(text: str) -> str:
    """NFC, no-break spaces as plain spaces, and runs of spaces folded to one (offsets count code points)."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r" {2,}", " ", text)


def read_bytes(path: str | Path, what: str) -> bytes:
    """The bytes of an input file; raises :class:`ArticleFactsError` naming the file if it is missing."""
    full = resolve(path)
    if not full.is_file():
        raise ArticleFactsError(f"{what} not found: {relative(full)}",
                                "restore it with `git checkout -- data/raw`, or pass the right path as a parameter.")
    return full.read_bytes()


def read_csv_table(path, what: str, columns: tuple[str, ...], required: tuple[str, ...],
                   optional: tuple[str, ...] = ()) -> pd.DataFrame:
    """A hand-written CSV as normalised, stripped strings: ``columns`` + ``optional`` (missing optional → "").

    Raises :class:`ArticleFactsError` for a file that is not UTF-8 CSV, one saved with semicolons, a
    missing or an unknown column (naming the known one it is closest to), or an empty required cell (naming
    the row as a spreadsheet numbers it).
    """
    import pandas as pd  # here, not at the top: read_meta serves the data-package step, which needs no pandas

    raw = read_bytes(path, what)
    name = relative(resolve(path))
    text = raw.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    header = text.split("\n", 1)[0]
    if ";" in header and "," not in header:
        raise ArticleFactsError(
            f"{what} {name} is separated by semicolons (as a spreadsheet saves CSV in a comma-decimal locale)",
            "save it again as 'CSV UTF-8 (comma delimited)', or set the list separator to ',' before exporting.")
    try:
        frame = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError) as err:
        raise ArticleFactsError(f"{what} {name} cannot be read as UTF-8 CSV: {err}",
                                "fix the CSV syntax; quote cells that contain commas.") from None
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ArticleFactsError(f"{what} {name} lacks the columns: {', '.join(missing)}",
                                f"its header must include: {','.join(columns)}")
    known = (*columns, *optional)
    for column in frame.columns:
        if column not in known:  # a misspelt header ('Label_vi ') would otherwise be ignored without a word
            near = difflib.get_close_matches(column.strip().lower(), known, n=1)
            raise ArticleFactsError(f"{what} {name} has an unknown column '{column}'",
                                    f"rename it to '{near[0]}'." if near else
                                    f"remove it, or use one of: {', '.join(known)}.")
    for column in optional:
        if column not in frame.columns:
            frame[column] = ""
    frame = frame[list(columns) + list(optional)].map(lambda cell: normalise_text(cell).strip())
    for column in required:
        empty = frame.index[frame[column] == ""]
        if len(empty):
            raise ArticleFactsError(f"{what} {name}, row {empty[0] + 2}: the '{column}' cell is empty",
                                    f"fill in '{column}' for every row.")
    return frame


def read_meta(path: str | Path) -> dict:
    """The article's metadata (plain JSON, never executed), text normalised, optional fields defaulting to "".

    Raises :class:`ArticleFactsError` for invalid JSON or an empty required field (``META_REQUIRED``).
    """
    raw = read_bytes(path, "Article metadata file")
    try:
        meta = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ArticleFactsError(f"Article metadata file {relative(resolve(path))} is not valid UTF-8 JSON: {err}",
                                "fix the JSON syntax (a JSON linter shows the line).") from None
    missing = [f for f in META_REQUIRED if not meta.get(f)]
    if missing:
        raise ArticleFactsError(
            f"Article metadata file {relative(resolve(path))} lacks the fields: {', '.join(missing)}",
            "add them; docs/input-format.md lists every field and which may be empty.")
    meta = {k: normalise_text(v).strip() if isinstance(v, str) else v for k, v in meta.items()}
    return {**dict.fromkeys(META_OPTIONAL, ""), **meta}
