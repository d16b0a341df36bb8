"""Reading the hand-written input files: raw bytes, CSV tables and the metadata JSON.

Every text that enters the project passes through :func:`normalise_text`, the same normalisation as the
article, so that a quote copied from the article (with its no-break space) or saved in NFD is found.

Text pasted from a web page brings what the page's HTML held but a reader never sees: HTML entities left
undecoded (``&nbsp;``, ``&#7889;``), soft hyphens, zero-width spaces and joiners, byte-order marks in the
middle of a line, direction marks, other invisible format and control characters, and spaces of other
widths. :func:`clean_pasted` turns each into what it stands for (or nothing), in memory: the files in
``data/raw`` are never changed, and the article's checksum is taken of its bytes as received. Each reader
says what it changed in one :class:`PastedTextWarning` per file, which the runner shows on the console.
"""

from __future__ import annotations

import csv
import difflib
import html
import io
import json
import re
import unicodedata
import warnings
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from articlefacts.errors import ArticleFactsError
from articlefacts.paths import relative, resolve

if TYPE_CHECKING:
    import pandas as pd

META_REQUIRED = ("article_file", "sha256", "outlet", "date", "headline_vi", "headline_en", "licence")
UNKNOWN_DATE = "unknown"  # the metadata's date when the page does not show one
META_OPTIONAL = ("outlet_en", "date_line", "byline", "place_vi", "place_en", "district_vi", "district_en")


ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
NO_BREAK_SPACES = "\u00a0\u202f"  # the article's own typography: read as spaces without a note
LINE_BREAKS = "\u0085\u2028\u2029"
KEPT_CONTROLS = "\t\n\r"


class PastedTextWarning(UserWarning):
    """An input file held characters of a web page (entities, invisible characters), read as what they stand for."""


def clean_pasted(text: str) -> tuple[str, list[str]]:
    """``text`` without what pasting from a web page leaves in it, and a note per kind of change.

    HTML entities, named or numeric, are decoded (:func:`html.unescape`; a name it does not know is left as
    written); invisible characters (Unicode format characters such as U+00AD SOFT HYPHEN, U+200B ZERO WIDTH
    SPACE, U+200D ZERO WIDTH JOINER, U+FEFF BYTE ORDER MARK, and control characters other than tab and line
    ends) are removed; spaces of other widths (U+2009 THIN SPACE, …) become a space, line and paragraph
    separators a line end. No-break spaces are left to :func:`normalise_text`. Returns the text and notes
    such as ``"1 × U+00AD SOFT HYPHEN removed"``; no notes when nothing changed.
    """
    entities: Counter = Counter()

    def decode(match: re.Match) -> str:
        decoded = html.unescape(match.group())
        if decoded != match.group():
            entities[match.group()] += 1
        return decoded

    text = ENTITY.sub(decode, text) if "&" in text else text
    changed: Counter = Counter()
    out = []
    for char in text:
        category = unicodedata.category(char)
        if char in LINE_BREAKS:
            changed[(char, "read as a line end")] += 1
            out.append("\n")
        elif category == "Cf" or (category == "Cc" and char not in KEPT_CONTROLS):
            changed[(char, "removed")] += 1
        elif category == "Zs" and char != " " and char not in NO_BREAK_SPACES:
            changed[(char, "read as a space")] += 1
            out.append(" ")
        else:
            out.append(char)
    notes = []
    if entities:
        listed = ", ".join(f"{entity} ×{n}" if n > 1 else entity for entity, n in sorted(entities.items()))
        notes.append(f"{sum(entities.values())} HTML {'entity' if sum(entities.values()) == 1 else 'entities'} "
                     f"decoded ({listed})")
    notes += [f"{n} × U+{ord(char):04X} {unicodedata.name(char, 'control character')} {what}"
              for (char, what), n in sorted(changed.items())]
    return "".join(out), notes


def note_pasted(text: str, name: str) -> None:
    """Warn (:class:`PastedTextWarning`) once for the file ``name`` if ``text`` holds what :func:`clean_pasted`
    changes, listing each kind of change; the file itself stays as it is."""
    _, notes = clean_pasted(text)
    if notes:
        warnings.warn(f"{name}: read without what a web page left in it: {'; '.join(notes)}. The file is unchanged.",
                      PastedTextWarning, stacklevel=3)


def normalise_text(text: str) -> str:
    """Text as the project reads it (offsets count code points): what a web page left in it decoded or removed
    (:func:`clean_pasted`), NFC, no-break spaces as plain spaces, and runs of spaces folded to one."""
    text = unicodedata.normalize("NFC", clean_pasted(text)[0])
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r" {2,}", " ", text)


def read_bytes(path: str | Path, what: str) -> bytes:
    """The bytes of an input file; raises :class:`ArticleFactsError` naming the file if it is missing."""
    full = resolve(path)
    if not full.is_file():
        raise ArticleFactsError(f"{what} not found: {relative(full)}",
                                "restore it with `git checkout -- data/raw`, or pass the right path as a parameter.")
    return full.read_bytes()


def decode_text(raw: bytes, what: str, name: str) -> str:
    """``raw`` as UTF-8 text, a leading byte-order mark dropped.

    Raises :class:`ArticleFactsError` naming the first byte that is not UTF-8, its line, and the encoding
    the file looks saved in, with the command that converts it: UTF-16 (a spreadsheet's "Unicode Text"),
    or Windows-1258, the Vietnamese Windows code page (older editors, and a spreadsheet's plain "CSV" on
    Vietnamese Windows).
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[:err.start].count(b"\n") + 1
        encoding = legacy_encoding(raw)
        looks = f"; it looks saved in {encoding[1]}" if encoding else ""
        convert = f"convert it: iconv -f {encoding[0]} -t UTF-8 {name} > converted.txt" if encoding else \
            "save it again as UTF-8"
        raise ArticleFactsError(f"{what} {name} is not UTF-8 text (byte 0x{raw[err.start]:02X} on line {line}){looks}",
                                f"{convert}" + (", then record the new file's sha256 in the metadata file"
                                                if what.lower().startswith("raw article") else "")
                                + " (in a spreadsheet: save as 'CSV UTF-8').") from None


def legacy_encoding(raw: bytes) -> tuple[str, str] | None:
    """(iconv name, description) of the encoding that non-UTF-8 bytes most likely are, or None."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "UTF-16", "UTF-16 (a spreadsheet's 'Unicode Text')"
    try:
        text = unicodedata.normalize("NFC", raw.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    # Vietnamese: its own letters (ă đ ơ ư) and its tone marks (grave, acute, tilde, hook above, dot below).
    if re.search("[ăđơưĂĐƠƯ]", text) and re.search("[\u0300\u0301\u0303\u0309\u0323]",
                                                    unicodedata.normalize("NFD", text)):
        return "CP1258", "Windows-1258, the Vietnamese Windows code page"
    return None


def read_csv_table(path, what: str, columns: tuple[str, ...], required: tuple[str, ...],
                   optional: tuple[str, ...] = ()) -> pd.DataFrame:
    """A hand-written CSV as normalised, stripped strings: ``columns`` + ``optional`` (missing optional → "").

    What a spreadsheet adds when it exports is ignored: separators after each line's last cell (a column
    without a name and without values), and rows whose cells are all empty. Row numbers in messages are
    those a spreadsheet shows. Raises :class:`ArticleFactsError` for a file that is not UTF-8 (naming the
    encoding it looks saved in) or not CSV, one saved with semicolons, a value in a column without a name,
    a missing or an unknown column (naming the known one it is closest to), or an empty required cell.
    """
    import pandas as pd  # here, not at the top: read_meta serves the data-package step, which needs no pandas

    raw = read_bytes(path, what)
    name = relative(resolve(path))
    text = decode_text(raw, what, name).replace("\r\n", "\n")
    header = text.split("\n", 1)[0]
    if ";" in header and "," not in header:
        raise ArticleFactsError(
            f"{what} {name} is separated by semicolons (as a spreadsheet saves CSV in a comma-decimal locale)",
            "save it again as 'CSV UTF-8 (comma delimited)', or set the list separator to ',' before exporting.")
    note_pasted(text, name)
    unnamed = unnamed_columns(text, what, name)
    try:
        with warnings.catch_warnings():  # rows longer than the header were checked by unnamed_columns
            warnings.simplefilter("ignore", pd.errors.ParserWarning)
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, index_col=False)
    except pd.errors.ParserError as err:
        raise ArticleFactsError(f"{what} {name} cannot be read as CSV: {err}",
                                "fix the CSV syntax; quote cells that contain commas.") from None
    frame = frame.drop(columns=[frame.columns[i] for i in unnamed if i < len(frame.columns)])
    frame.columns = [normalise_text(c) for c in frame.columns]
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
    frame = frame[(frame != "").any(axis=1)]  # a spreadsheet's empty rows (",,,,"); the index keeps row numbers
    for column in required:
        empty = frame.index[frame[column] == ""]
        if len(empty):
            raise ArticleFactsError(f"{what} {name}, row {empty[0] + 2}: the '{column}' cell is empty",
                                    f"fill in '{column}' for every row.")
    return frame


def unnamed_columns(text: str, what: str, name: str) -> list[int]:
    """Positions of the header's empty cells whose column holds no value (a spreadsheet's separators after
    the last cell), to be dropped.

    Raises :class:`ArticleFactsError` naming the row and the value for a value in a column without a name,
    including one beyond the header's last column.
    """
    rows = [row for row in csv.reader(io.StringIO(text)) if row]
    if not rows:
        return []
    header = rows[0]
    unnamed = [i for i, cell in enumerate(header) if not normalise_text(cell).strip()]
    for number, row in enumerate(rows[1:], start=2):
        for i, cell in enumerate(row):
            if (i >= len(header) or i in unnamed) and normalise_text(cell).strip():
                last = next((h for h in reversed(header) if h.strip()), "")
                raise ArticleFactsError(
                    f"{what} {name}, row {number}: the value «{cell.strip()}» is in a column without a name "
                    f"(column {i + 1}; the last named column is '{last}')",
                    "give the column a name in the header, or move the value into its column.")
    return unnamed


def read_meta(path: str | Path) -> dict:
    """The article's metadata (plain JSON, never executed), text normalised, optional fields defaulting to "".

    Raises :class:`ArticleFactsError` for a file that is not UTF-8 (naming the encoding it looks saved in),
    invalid JSON or an empty required field (``META_REQUIRED``).
    """
    raw = read_bytes(path, "Article metadata file")
    name = relative(resolve(path))
    text = decode_text(raw, "Article metadata file", name)
    try:
        meta = json.loads(text)
    except json.JSONDecodeError as err:
        raise ArticleFactsError(f"Article metadata file {relative(resolve(path))} is not valid JSON: {err}",
                                "fix the JSON syntax (a JSON linter shows the line).") from None
    missing = [f for f in META_REQUIRED if not meta.get(f)]
    if missing:
        raise ArticleFactsError(
            f"Article metadata file {relative(resolve(path))} lacks the fields: {', '.join(missing)}",
            "add them; docs/input-format.md lists every field and which may be empty.")
    note_pasted("\n".join(v for v in meta.values() if isinstance(v, str)), name)
    meta = {k: normalise_text(v).strip() if isinstance(v, str) else v for k, v in meta.items()}
    check_date(meta["date"], name)
    return {**dict.fromkeys(META_OPTIONAL, ""), **meta}


def check_date(value, name: str) -> None:
    """The metadata's ``date``: an ISO date (``2021-01-22``), or ``unknown`` when the page does not show when it
    was published (the notebooks then say so; no date is invented). Raises :class:`ArticleFactsError`."""
    if value == UNKNOWN_DATE:
        return
    try:
        date.fromisoformat(str(value))
    except ValueError:
        raise ArticleFactsError(f"Article metadata file {name}: date '{value}' is not an ISO date",
                                "write it as YYYY-MM-DD (2021-01-22), or 'unknown' if the article does not show "
                                "when it was published.") from None
