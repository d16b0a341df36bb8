"""Read the raw article, verify it, normalise it in memory and split it into its parts.

The raw file is only ever read. Offsets everywhere in the project are Python string positions in the
*normalised* text returned by :func:`normalise_text`.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from articlefacts.errors import ArticleFactsError
from articlefacts.paths import relative, resolve

META_FIELDS = (
    "article_file", "sha256", "outlet", "date", "date_line", "headline_vi", "headline_en",
    "byline", "place_vi", "place_en", "district_vi", "district_en", "licence",
)
SENTENCE_END = tuple('.!?:;"”…')
CAPTION_MAX_CHARS = 200


class ChecksumWarning(UserWarning):
    """The raw bytes differ from the recorded checksum only in encoding details."""


@dataclass(frozen=True)
class Article:
    """The article as the pipeline uses it: normalised text plus where it came from."""

    path: str
    sha256: str
    text: str
    encoding_notes: tuple[str, ...]


def read_bytes(path: str | Path, what: str) -> bytes:
    """Read a raw input file, or raise an error that names the missing file."""
    full = resolve(path)
    if not full.is_file():
        raise ArticleFactsError(
            f"{what} not found: {relative(full)}",
            "restore it with `git checkout -- data/raw`, or pass the right path as a parameter.",
        )
    return full.read_bytes()


def read_meta(path: str | Path) -> dict:
    """Read the article's metadata JSON (plain data, never executed) and check its fields."""
    raw = read_bytes(path, "Article metadata file")
    try:
        meta = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ArticleFactsError(
            f"Article metadata file {relative(resolve(path))} is not valid UTF-8 JSON: {err}",
            "fix the JSON syntax (a JSON linter shows the line).",
        ) from None
    missing = [f for f in META_FIELDS if not meta.get(f)]
    if missing:
        raise ArticleFactsError(
            f"Article metadata file {relative(resolve(path))} lacks the fields: {', '.join(missing)}",
            "add them; README.md, 'Analysing another article', lists every field.",
        )
    return meta


def repair_encoding(raw: bytes) -> tuple[bytes, tuple[str, ...]]:
    """Undo the encoding accidents a copied article picks up: BOM, CRLF/CR line ends, NFD.

    Returns the repaired bytes and a note per repair. Repairing never changes the words, so a copy
    that differs from the recorded checksum only in these ways gives identical results.
    """
    notes = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        notes.append("a UTF-8 byte-order mark was removed")
    if b"\r" in raw:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        notes.append("CRLF/CR line endings were turned into LF")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ArticleFactsError(
            f"The raw article is not UTF-8 (byte {err.start}: {err.reason})",
            "save the article as UTF-8 text.",
        ) from None
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        notes.append("the text was in Unicode NFD and was recomposed to NFC")
    return nfc.encode("utf-8"), tuple(notes)


def read_article(path: str | Path, expected_sha256: str) -> Article:
    """Read the raw article, verify its checksum and return its normalised text.

    A copy whose bytes differ only by a BOM, CRLF line endings or NFD is accepted with a
    :class:`ChecksumWarning` that says why; any other difference stops the run.
    """
    raw = read_bytes(path, "Raw article")
    found = hashlib.sha256(raw).hexdigest()
    notes: tuple[str, ...] = ()
    if found != expected_sha256:
        repaired, notes = repair_encoding(raw)
        if not notes or hashlib.sha256(repaired).hexdigest() != expected_sha256:
            raise ArticleFactsError(
                f"The raw article changed: {relative(resolve(path))} has sha256 {found}, "
                f"the metadata file expects {expected_sha256}",
                "restore the original with `git checkout -- data/raw`. If the article really is a "
                "new one, record its sha256 in its metadata file and re-check every quote.",
            )
        warnings.warn(
            f"{relative(resolve(path))}: checksum differs from the metadata only because "
            + "; ".join(notes) + ". The repaired text matches the recorded checksum.",
            ChecksumWarning,
            stacklevel=2,
        )
        raw = repaired
    return Article(relative(resolve(path)), expected_sha256, normalise_text(raw.decode("utf-8")), notes)


def normalise_text(text: str) -> str:
    """NFC, no-break spaces as plain spaces, and runs of spaces inside a line folded to one."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    return re.sub(r" {2,}", " ", text)


def split_article(text: str) -> pd.DataFrame:
    """Split normalised text into its parts, one row per non-empty line.

    The first line is the date line, the second the headline, the third the lead (sapo); the last is
    the byline. A later line identical to the lead is its repeat. A short line without a closing
    punctuation mark between body paragraphs is a photo caption. Columns: part_id, part, start, end,
    n_chars, repeat_of, text.
    """
    rows = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group().strip()
        if line:
            rows.append({"start": match.start(), "end": match.end(), "text": line})
    if len(rows) < 4:
        raise ArticleFactsError(
            f"The article has {len(rows)} non-empty lines; expected a date line, a headline, a lead, "
            "body paragraphs and a byline",
            "check that the raw file is the whole article with one paragraph per line.",
        )
    lead = rows[2]["text"]
    for i, row in enumerate(rows):
        row["repeat_of"] = ""
        if i == 0:
            row["part"] = "date_line"
        elif i == 1:
            row["part"] = "headline"
        elif i == 2:
            row["part"] = "lead"
        elif i == len(rows) - 1:
            row["part"] = "byline"
        elif row["text"] == lead:
            row["part"], row["repeat_of"] = "lead_repeat", "lead"
        elif len(row["text"]) <= CAPTION_MAX_CHARS and not row["text"].endswith(SENTENCE_END):
            row["part"] = "caption"
        else:
            row["part"] = "body"
    frame = pd.DataFrame(rows)
    frame.insert(0, "part_id", range(1, len(frame) + 1))
    frame["n_chars"] = frame["end"] - frame["start"]
    return frame[["part_id", "part", "start", "end", "n_chars", "repeat_of", "text"]]


def part_at(structure: pd.DataFrame, offset: int) -> pd.Series:
    """The row of ``structure`` whose span holds the character ``offset``."""
    hit = structure[(structure["start"] <= offset) & (offset < structure["end"])]
    return hit.iloc[0]
