"""Figures every reader can read (WCAG 2.2: text 4.5:1, marks that carry data 3:1), whose SVG keeps its text as
text, whose alt text carries every number they show, and whose splits never share a colour.

Checked on the committed figures of the seed and on the figures of every article fixture built in this run.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from articlefacts.drawing import style as figures
from articlefacts.drawing.style import BACKGROUND, COLOURS, INK, INSIDE_TEXT, MUTED, SERIES, SHARE_COLOUR
from conftest import ARTICLE_CASES, ROOT

SVG = "{http://www.w3.org/2000/svg}"
NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")


def luminance(colour: str) -> float:
    """Relative luminance of a #rrggbb colour (WCAG 2.2 definition)."""
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_checker_knows_the_editors_figures():
    """The editor measured Okabe–Ito's sky blue at 2.3:1 and orange at 2.25:1, the old grey at 2.85:1."""
    assert round(contrast("#56B4E9", "#FFFFFF"), 1) == 2.3
    assert round(contrast("#E69F00", "#FFFFFF"), 2) == 2.25
    assert round(contrast("#999999", "#FFFFFF"), 2) == 2.85


def test_the_colours_the_figures_use_pass_wcag():
    assert all(contrast(c, BACKGROUND) >= 3 for c in COLOURS.values()), "a mark that carries data: 3:1"
    assert contrast(INK, BACKGROUND) >= 4.5 and contrast(MUTED, BACKGROUND) >= 4.5, "text: 4.5:1"
    assert contrast(INSIDE_TEXT, COLOURS[SHARE_COLOUR]) >= 4.5, "text inside a bar: 4.5:1"
    assert all(contrast("#FFFFFF", COLOURS[c]) >= 3 for c in SERIES), "a white star on a mark: 3:1"


def figure_folders(built) -> list[Path]:
    folders = [ROOT / "figures"]
    for name in ARTICLE_CASES:
        out, result = built[name]
        assert result.returncode == 0, result.stderr
        folders.append(out / "figures")
    return folders


def svg_texts(path: Path) -> list[tuple[str, str, bool]]:
    """(text, fill colour, is a tick label) of every <text> of an SVG."""
    out = []

    def walk(node, in_tick):
        in_tick = in_tick or re.match(r"[xy]tick_", node.get("id", "")) is not None
        if node.tag == f"{SVG}text":
            fill = re.search(r"fill: (#[0-9a-fA-F]{6})", node.get("style", ""))
            out.append(("".join(node.itertext()), fill.group(1) if fill else "#000000", in_tick))
        for child in node:
            walk(child, in_tick)

    walk(ET.parse(path).getroot(), False)
    return out


def svg_fills(path: Path) -> set[str]:
    """Every fill colour of a shape (not text) in an SVG."""
    text = path.read_text(encoding="utf-8")
    shapes = re.findall(r"<(?:path|use|rect)[^>]*>", text)
    return {m.upper() for s in shapes for m in re.findall(r"fill: (#[0-9a-fA-F]{6})", s)}


def test_every_svg_keeps_its_text_as_text_and_names_the_font_stack(built):
    paths = [p for folder in figure_folders(built) for p in sorted(folder.glob("*/*.svg"))]
    assert len(paths) >= 12
    for path in paths:
        texts = svg_texts(path)
        assert texts, f"{path}: no <text>"
        body = path.read_text(encoding="utf-8")
        assert "font-family: 'DejaVu Sans', 'Noto Sans', 'Arial', 'Helvetica', sans-serif" in body, path
        assert "<defs>\n  <path id=\"DejaVuSans" not in body, f"{path}: glyphs drawn as paths"


def test_svg_text_and_marks_meet_the_contrast_they_need(built):
    for folder in figure_folders(built):
        for path in sorted(folder.glob("*/*.svg")):
            for text, fill, _ in svg_texts(path):
                if fill.upper() != INSIDE_TEXT:
                    assert contrast(fill, BACKGROUND) >= 4.5, f"{path}: «{text}» in {fill}"
            for fill in svg_fills(path) - {"#FFFFFF", BACKGROUND, "#EAEAF2"}:
                assert contrast(fill, BACKGROUND) >= 3, f"{path}: a mark in {fill}"


def captions(folder: Path) -> dict[tuple[str, str], dict]:
    """(language, figure name) → caption, from the findings files beside a figures folder."""
    out = {}
    for path in sorted((folder.parent / "data/processed/findings").glob("0[23]-*.json")):
        found = json.loads(path.read_text(encoding="utf-8"))
        out |= {(found["language"], name): cap for name, cap in found["figures"].items()}
    return out


def source_line(text: str, source: str) -> bool:
    """Whether a drawn text is the source line, or one line of it where a long headline wraps it."""
    return text == source or (len(text.strip()) > 20 and text.strip() in source)


def test_alt_text_carries_every_number_the_figure_shows(built):
    """Every number drawn as text (tick labels and the source line aside) is in the figure's alt text."""
    for folder in figure_folders(built):
        caps = captions(folder)
        for path in sorted(folder.glob("*/*.svg")):
            cap = caps[(path.parent.name, path.stem)]
            shown = {n for text, _, tick in svg_texts(path) if not tick and not source_line(text, cap["source"])
                     for n in NUMBER.findall(text)}
            missing = sorted(n for n in shown if n not in cap["alt"])
            assert not missing, f"{path}: the alt text lacks {missing}"


def test_no_two_rotation_charts_share_a_colour_for_different_things(built):
    for folder in figure_folders(built):
        for language in ("en", "vi"):
            charts = sorted((folder / language).glob("rotation-*.svg"))
            seen: dict[str, str] = {}
            for path in charts:
                for fill in svg_fills(path) - {"#FFFFFF", COLOURS["grey"].upper(), INK.upper()}:
                    assert seen.setdefault(fill, path.stem) == path.stem, f"{fill} in {seen[fill]} and {path.stem}"


def test_the_share_colour_is_not_a_split_colour():
    assert SHARE_COLOUR not in SERIES and "grey" not in SERIES
    assert set(SERIES) <= set(COLOURS) and figures.COLOURS["grey"] == "#767676"


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_seeds_alt_text_names_the_promoted(language):
    """The editor found the rotation-outcome alt text left out the starred 8."""
    cap = captions(ROOT / "figures")[(language, "rotation-outcome")]
    assert re.search(r"\b8\b", cap["alt"]) and "21" in cap["alt"] and "5" in cap["alt"]
