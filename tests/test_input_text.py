"""Reading the input files' text, in process: what a web page leaves in pasted text, the encoding a file
that is not UTF-8 looks saved in, and the metadata's fields of where the article was found."""

from __future__ import annotations

import json
import unicodedata

import pytest

from articlefacts.errors import ArticleFactsError
from articlefacts.reading.codebook import codebook, datapackage
from articlefacts.reading.inputs import clean_pasted, legacy_encoding, read_meta
from conftest import ROOT

SEED_META = ROOT / "data/raw/baolangson-2021-01-22-luan-chuyen-can-bo-cao-loc.meta.json"
SEED_TEXT = (ROOT / "data/raw/baolangson-2021-01-22-luan-chuyen-can-bo-cao-loc.txt").read_text(encoding="utf-8")
HEADLINE = "Công tác luân chuyển cán bộ ở huyện Cao Lộc"


@pytest.mark.parametrize(("pasted", "read"), [
    ("tốt ngh\u00adiệp", "tốt nghiệp"),                 # soft hyphen
    ("Nghị\u200b quyết", "Nghị quyết"),                 # zero-width space
    ("a\u200cb\u200dc\u2060d", "abcd"),                 # non-joiner, joiner, word joiner
    ("Cao\u200e Lộc\u200f", "Cao Lộc"),                 # direction marks
    ("89,62\u2009%", "89,62 %"),                        # thin space
    ("a\u2028b\u0085c", "a\nb\nc"),                     # line separator, next line
    ("&lt;b&gt; 405&nbsp;người <i>", "<b> 405\u00a0người <i>"),  # entities beside markup
    ("“Luân chuyển” – ‘x’ …", "“Luân chuyển” – ‘x’ …"),  # the article's own typography stays
])
def test_pasted_text_is_read_as_a_reader_sees_it(pasted, read):
    """The characters a web page leaves that ftfy (6.3) keeps: soft hyphens, zero-width characters, direction
    marks, other spaces, U+0085 (which it reads as '…'), entities next to markup; and what it would change
    by default that the article prints (curly quotes)."""
    assert clean_pasted(pasted)[0] == read


def test_pasted_text_notes_name_each_kind_of_change():
    assert clean_pasted("tốt ngh\u00adiệp &amp; ngh\u00adề")[1] == [
        "1 HTML entity decoded (&amp;)", "2 × U+00AD SOFT HYPHEN removed"]
    assert clean_pasted(SEED_TEXT) == (SEED_TEXT, [])


def cp1258(text: str) -> bytes:
    """``text`` as Windows-1258 writes Vietnamese: letters it holds whole as one byte, the others as the
    letter without its tone mark, then the tone mark as a combining byte."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for char in text:
        if char.encode("cp1258", "ignore"):
            out.append(char.encode("cp1258"))
            continue
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append((base + "".join(c for c in parts if c in tones)).encode("cp1258"))
    return b"".join(out)


@pytest.mark.parametrize(("raw", "named"), [
    (cp1258(SEED_TEXT), "CP1258"),
    (cp1258(HEADLINE + "\n"), "CP1258"),                # one short line, none of ă đ ơ ư bare
    (SEED_TEXT.encode("utf-16"), "UTF-16"),             # a spreadsheet's "Unicode Text", with its mark
    (SEED_TEXT.encode("utf-16-le"), "UTF-16LE"),        # without the byte-order mark
    (SEED_TEXT.encode("utf-32"), "UTF-32"),
])
def test_the_encoding_of_a_file_that_is_not_utf8_is_named(raw, named):
    assert legacy_encoding(raw)[0] == named


@pytest.mark.parametrize("raw", [
    "Le café était très apprécié, où l'été dure.\n".encode("cp1252"),  # read as Mac Central European
    SEED_TEXT.encode()[:3000] + b"\x96" + SEED_TEXT.encode()[3000:],    # UTF-8 with one stray byte
])
def test_no_encoding_is_named_where_the_guess_would_be_wrong(raw):
    """Rather no guess than an iconv command that turns the file into other wrong letters."""
    assert legacy_encoding(raw) is None


def write_meta(tmp_path, **fields):
    meta = json.loads(SEED_META.read_text(encoding="utf-8")) | fields
    path = tmp_path / "meta.json"
    path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_seeds_metadata_records_where_the_article_was_found():
    """Its web address is not known (the source's notes give none), so it is recorded as empty, not guessed."""
    raw = json.loads(SEED_META.read_text(encoding="utf-8"))
    assert {"url", "retrieved", "archived_url"} <= set(raw)
    assert raw["url"] == ""


def test_a_known_web_page_and_archive_are_sources_of_the_data_package(tmp_path):
    url, archived = "https://baolangson.example/bai-viet.html", "https://web.archive.org/web/2021/https://x.example/a"
    meta = read_meta(write_meta(tmp_path, url=url, retrieved="2021-01-23", archived_url=archived))
    sources = datapackage(meta)["sources"]
    assert [s["path"] for s in sources] == [f"../raw/{meta['article_file']}", url, archived]
    assert "retrieved 2021-01-23" in sources[1]["title"]
    assert f"<{url}>" in codebook(meta) and f"<{archived}>" in codebook(meta)


def test_an_unknown_web_page_adds_no_source(tmp_path):
    meta = read_meta(write_meta(tmp_path, url="", retrieved="", archived_url=""))
    assert len(datapackage(meta)["sources"]) == 1 and "Web page" not in codebook(meta)
    assert read_meta(tmp_path / "meta.json")["url"] == ""


@pytest.mark.parametrize(("field", "value", "says"), [
    ("url", "baolangson.vn/bai-viet", "'url' is not a web address"),
    ("archived_url", "ftp://archive.example/a", "'archived_url' is not a web address"),
    ("retrieved", "23/01/2021", "'retrieved' is not a day"),
    ("retrieved", "2021-02-30", "'retrieved' is not a day"),
])
def test_a_malformed_source_field_is_refused(tmp_path, field, value, says):
    with pytest.raises(ArticleFactsError, match=says) as err:
        read_meta(write_meta(tmp_path, **{field: value}))
    assert "meta.json" in err.value.what and "empty" in err.value.fix
