"""Read the raw article, verify it, normalise it in memory and split it into its parts.

The raw file is only ever read. Offsets everywhere in the project are Python string positions in the
text returned by :func:`articlefacts.reading.inputs.normalise_text`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from articlefacts.errors import ArticleFactsError
from articlefacts.paths import relative, resolve
from articlefacts.reading.inputs import decode_text, normalise_text, note_pasted, read_bytes

SENTENCE_END = tuple('.!?:;"”…')
CAPTION_MAX_CHARS = 200
SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+(?=\S)")


class ChecksumWarning(UserWarning):
    """The raw bytes differ from the recorded checksum only in encoding details."""


@dataclass(frozen=True)
class Article:
    """The article as the pipeline uses it: normalised text plus where it came from."""

    path: str
    sha256: str
    text: str
    encoding_notes: tuple[str, ...]


def repair_encoding(raw: bytes, name: str = "") -> tuple[bytes, tuple[str, ...]]:
    """Undo the encoding accidents a copied article picks up: BOM, CRLF/CR line ends, NFD.

    Returns the repaired bytes and a note per repair. Repairing never changes the words, so a copy
    that differs from the recorded checksum only in these ways gives identical results. Raises
    :class:`ArticleFactsError` if the bytes are not UTF-8 (``name`` names the file in the message).
    """
    notes = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        notes.append("a UTF-8 byte-order mark was removed")
    if b"\r" in raw:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        notes.append("CRLF/CR line endings were turned into LF")
    text = decode_text(raw, "Raw article", name)
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        notes.append("the text was in Unicode NFD and was recomposed to NFC")
    return nfc.encode("utf-8"), tuple(notes)


def read_article(path: str | Path, expected_sha256: str) -> Article:
    """Read the raw article, verify its checksum and return its normalised text.

    A copy whose bytes differ only by a BOM, CRLF line endings or NFD is accepted with a
    :class:`ChecksumWarning` that says why; any other difference raises :class:`ArticleFactsError`, as does
    an article that is not UTF-8 (naming the encoding it looks saved in). What a web page left in the text
    (HTML entities, invisible characters) is read as what it stands for, with a
    :class:`~articlefacts.reading.inputs.PastedTextWarning`; the checksum is always that of the bytes as received.
    """
    raw = read_bytes(path, "Raw article")
    name = relative(resolve(path))
    found = hashlib.sha256(raw).hexdigest()
    notes: tuple[str, ...] = ()
    if found != expected_sha256:
        repaired, notes = repair_encoding(raw, name)
        if not notes or hashlib.sha256(repaired).hexdigest() != expected_sha256:
            raise ArticleFactsError(
                f"The raw article changed: {relative(resolve(path))} has sha256 {found}, "
                f"the metadata file expects {expected_sha256}",
                "restore the original article (for the project's own, `git checkout -- data/raw`). If the article "
                "really is a new text, record its sha256 in its metadata file and re-check every quote.")
        warnings.warn(f"{relative(resolve(path))}: checksum differs from the metadata only because "
                      + "; ".join(notes) + ". The repaired text matches the recorded checksum.",
                      ChecksumWarning, stacklevel=2)
        raw = repaired
    text = decode_text(raw, "Raw article", name)
    note_pasted(text, name)
    return Article(name, expected_sha256, normalise_text(text), notes)


def looks_like_caption(line: str) -> bool:
    """A photo caption: a short line (:data:`CAPTION_MAX_CHARS` characters at most) without closing punctuation."""
    return len(line) <= CAPTION_MAX_CHARS and not line.endswith(SENTENCE_END)


def split_article(text: str, meta: dict) -> pd.DataFrame:
    """Split normalised text into its parts, one row per non-empty line, using the metadata.

    The headline is the line equal to ``meta["headline_vi"]``, the date line the line equal to
    ``meta["date_line"]`` (if given), the byline the last line if it equals ``meta["byline"]``. Of the other
    lines the first that is not a photo caption is the lead when more than one follows it; a later copy of
    the lead is its repeat; a short line without closing punctuation is a photo caption; the rest is body.
    Line order and count do not matter: a three-line article is valid. Columns: part_id, part, start, end,
    n_chars, repeat_of, text. Raises :class:`ArticleFactsError` if the headline is not a line of the article.
    """
    rows = [{"start": m.start(), "end": m.end(), "text": m.group().strip()}
            for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    fixed = {"headline": meta.get("headline_vi", ""), "date_line": meta.get("date_line", "")}
    for part, wanted in fixed.items():
        hits = [r for r in rows if wanted and r["text"] == wanted and "part" not in r]
        if hits:
            hits[0]["part"] = part
        elif part == "headline":
            raise ArticleFactsError(
                f"The headline in the metadata («{wanted}») is not a line of the article",
                "copy headline_vi into meta.json exactly as the article prints it, on a line of its own.")
    if meta.get("byline") and rows[-1]["text"] == meta["byline"] and "part" not in rows[-1]:
        rows[-1]["part"] = "byline"
    rest = [r for r in rows if "part" not in r]
    while len(rest) > 2 and looks_like_caption(rest[0]["text"]):  # a photo caption above the lead («Ảnh minh hoạ»)
        rest[0]["part"], rest[0]["repeat_of"] = "caption", ""
        rest = rest[1:]
    lead = rest[0]["text"] if len(rest) > 1 else None
    for i, row in enumerate(rest):
        row["repeat_of"] = ""
        if i == 0 and lead is not None:
            row["part"] = "lead"
        elif lead is not None and row["text"] == lead:
            row["part"], row["repeat_of"] = "lead_repeat", "lead"
        elif looks_like_caption(row["text"]) and len(rest) > 2:
            row["part"] = "caption"
        else:
            row["part"] = "body"
    frame = pd.DataFrame(rows)
    frame["repeat_of"] = frame["repeat_of"].fillna("") if "repeat_of" in frame else ""
    frame.insert(0, "part_id", range(1, len(frame) + 1))
    frame["n_chars"] = frame["end"] - frame["start"]
    return frame[["part_id", "part", "start", "end", "n_chars", "repeat_of", "text"]]


def part_at(structure: pd.DataFrame, offset: int) -> pd.Series:
    """The row of ``structure`` whose span holds the character ``offset``."""
    hit = structure[(structure["start"] <= offset) & (offset < structure["end"])]
    return hit.iloc[0]


def line_span(text: str, offset: int) -> tuple[int, int]:
    """Start and end offsets of the line of ``text`` that holds ``offset``."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, (len(text) if end < 0 else end)


def sentence_span(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """Start and end offsets of the sentence that holds the span ``start``–``end`` (default: one character).

    Sentences end at «.», «!», «?» or «…» followed by a space, within a line; «2.813» and «85,33%» end none.
    The span excludes the whitespace around the sentence.
    """
    end = start + 1 if end is None else end
    line_start, line_end = line_span(text, start)
    body = text[line_start:line_end]
    cuts = [0] + [m.end() for m in SENTENCE_BREAK.finditer(body)] + [len(body)]
    first = line_start + max(c for c in cuts if c <= start - line_start)
    last = line_start + min(c for c in cuts if c >= end - line_start)
    while last > first and text[last - 1].isspace():
        last -= 1
    return first, last
