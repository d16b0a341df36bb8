"""Figures every reader can read (WCAG 2.2: text 4.5:1, marks that carry data 3:1), whose SVG keeps its text as
text, whose alt text carries every number they show, and whose splits never share a colour.

Checked on the committed figures of the seed and on the figures of every article fixture built in this run.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from articlefacts.checking.percent_checks import percent_counts, whole_rule
from articlefacts.drawing import style as figures
from articlefacts.drawing.style import BACKGROUND, COLOURS, INK, INSIDE_TEXT, MUTED, SERIES, SHARE_COLOUR
from articlefacts.shaping.profiles import profile_table
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
    """Text on the page against the page; white text against the share colour, the only mark it may sit on
    (the legibility check every figure passes before it is saved proves it lies inside that bar:
    tests/test_legible.py)."""
    for folder in figure_folders(built):
        for path in sorted(folder.glob("*/*.svg")):
            fills = svg_fills(path)
            for text, fill, _ in svg_texts(path):
                if fill.upper() == INSIDE_TEXT:
                    assert COLOURS[SHARE_COLOUR].upper() in fills, f"{path}: white «{text}» and no share-colour bar"
                    assert contrast(fill, COLOURS[SHARE_COLOUR]) >= 4.5, f"{path}: «{text}» in {fill}"
                else:
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
            # the source line aside, wrapped on two lines or not
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


def test_no_svg_text_holds_a_double_space_and_every_svg_has_a_title(built):
    """F6: a double space between a share and its count collapsed in a browser («10.4% 24 people»); the
    pieces of a label are now joined by « · », and the SVG names its title and subtitle."""
    for folder in figure_folders(built):
        for path in sorted(folder.glob("*/*.svg")):
            assert not [t for t, _, _ in svg_texts(path) if "  " in t], path
            root = ET.parse(path).getroot()
            assert root.find(f"{SVG}title").text and root.find(f"{SVG}desc") is not None, path


def test_the_seed_profile_2021_shows_its_headline_share_and_one_rounding_rule():
    """F1 and N1, in the committed SVGs: 89.62% is drawn whole, and every count is worked out by one rule
    (cut off), said once in the footnote; no label carries the old clause."""
    for language, share, rule in (("en", "89.62% · ≈ 363 people", "cut its shares off"),
                                  ("vi", "89,62% · ≈ 363 người", "cắt bớt chữ số")):
        texts = [t for t, _, _ in svg_texts(ROOT / "figures" / language / "profile-2021.svg")]
        assert share in texts and any(t.endswith("187–190 people") or t.endswith("187–190 người") for t in texts)
        assert sum(rule in t for t in texts) == 1


def counts_of(shares: dict[str, tuple[float, int]], whole: int = 405) -> pd.DataFrame:
    """percent_counts for printed shares (key → (percent, decimals)) of one printed whole."""
    rows = [{"key": "staff", "relation": "", "unit": "people", "value": whole, "decimals": 0, "bound": "eq",
             "parent_key": ""}]
    rows += [{"key": k, "relation": "share", "unit": "percent", "value": v, "decimals": d, "bound": "eq",
              "parent_key": "staff"} for k, (v, d) in shares.items()]
    return percent_counts(pd.DataFrame(rows).set_index("key"))


def test_every_2021_share_of_the_405_is_turned_into_people_by_one_rule(seed):
    """N1, worked by hand from the article's 405 and its four shares:
    89.62% × 405 = 362.961. Rounded, 362 is 89.38% and 363 is 89.63%: no whole number prints as 89.62%. Cut off
    (truncated), 363/405 = 89.629…% prints as 89.62%, and 362/405 = 89.38% does not: 363.
    So every share of the 405 is read cut off: 70.12% × 405 = 283.99: 284/405 = 70.123…% (283 is 69.87%, 285 is
    70.37%); 73.3% × 405 = 296.87: 297/405 = 73.33…%; 46%: 46 ≤ 100·c/405 < 47, so 186.3 ≤ c < 190.35:
    187 (46.17%) to 190 (46.91%) — not 185–188, which is what rounding would give."""
    profiles = profile_table(seed.facts, seed.derived, seed.percent_counts)
    rows = profiles[(profiles["period"] == "2021") & profiles["count_status"].eq("inferred")].set_index("measure")
    assert rows["count_rule"].eq("truncate").all()
    assert {m: (int(r["count_min"]), int(r["count_max"])) for m, r in rows.iterrows()} == {
        "party_members": (363, 363), "upper_secondary": (284, 284), "professional_training": (297, 297),
        "political_theory": (187, 190)}


def test_shares_that_all_fit_rounded_are_read_rounded_and_a_mix_falls_back_to_rounding():
    """By hand: 46% of 405 rounded is 45.5 ≤ 100·c/405 < 46.5, so 184.3 ≤ c < 188.3: 185–188; 70.12% fits 284 either
    way; 89.62% fits only cut off (363), 89.63% only rounded (89.625 ≤ 100·c/405 < 89.635: 363, while cut off
    363/405 = 89.629…% < 89.63)."""
    rounded = counts_of({"a": (70.12, 2), "b": (46, 0)})
    assert whole_rule(rounded, "b") == whole_rule(rounded, "a") == "half_up"
    row = rounded[(rounded["fact_key"] == "b") & (rounded["rule"] == "half_up")].iloc[0]
    assert (row["count_min"], row["count_max"]) == (185, 188)
    assert whole_rule(counts_of({"a": (89.62, 2), "b": (46, 0)}), "b") == "truncate"
    mixed = counts_of({"a": (89.62, 2), "c": (89.63, 2)})
    assert whole_rule(mixed, "a") == "half_up", "no rule fits both: the usual one, and 89.62% gets no count"
    assert mixed.set_index(["fact_key", "rule"]).loc[("a", "half_up"), "n_candidates"] == 0


def test_a_short_bracket_is_never_split_across_lines():
    """The editor found "(grade / 12)" across two lines of a chart's label: at every width that holds the
    bracket, its words stay on one line, in English and Vietnamese."""
    from articlefacts.drawing.style import setup_style
    from articlefacts.drawing.wrap import text_width, wrap_measured

    setup_style()
    for text in ("2002: completed upper-secondary school (grade 12) · 230 commune cadres",
                 "tốt nghiệp trung học phổ thông (lớp 12) · 230 cán bộ"):
        for width in [w / 20 for w in range(20, 80)]:  # 1 to 4 inches
            if text_width(text[text.index("("):text.index(")") + 1], 10) > width:
                continue
            lines = wrap_measured(text, width, 10)
            assert any(text[text.index("("):text.index(")") + 1] in line for line in lines), (width, lines)


def test_a_title_wraps_in_even_lines_never_a_word_alone():
    """The editor found "members" alone on the second line of the 2021 chart's title: a title (and a panel's
    heading) takes as many lines as it needs, but of even length."""
    from articlefacts.drawing.style import FONT, WRAP_IN, setup_style, wrapped
    from articlefacts.drawing.wrap import wrap_measured

    setup_style()
    title = "In 2021, 89.62% of commune cadres and civil servants were Party members"
    greedy = wrap_measured(title, WRAP_IN["title"], *FONT["title"])
    assert len(greedy) == 2 and len(greedy[-1].split()) == 1  # the fault, as greedy wrapping makes it
    lines = wrapped(title, "title")
    assert len(lines) == 2 and " ".join(lines) == title
    assert min(len(line) for line in lines) >= 0.6 * max(len(line) for line in lines), lines
