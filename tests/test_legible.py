"""Every figure can be read: its labels are measured before they are placed, and a check run before any figure is
saved fails when two texts overlap, a text leaves the canvas or white text leaves its bar.

The figures of the seed and of the fixture articles that no test runs through the notebooks (tests/fixtures/real
and synthetic) are drawn in process, in both languages, from the tables notebook 01 writes, and checked. The
article fixtures of tests/fixtures/articles are checked where their notebooks save each figure
(:func:`articlefacts.outputs.save_figure` runs the same check), when the fixture tests build them
(tests/test_articles.py fails on a build that failed).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_hex

from articlefacts import paths
from articlefacts.checking.article_tables import build_tables
from articlefacts.drawing.charts import draw
from articlefacts.drawing.legible import check_legible, faults
from articlefacts.drawing.profile_charts import profile_figures
from articlefacts.drawing.rotation_charts import rotation_figures, series_colours
from articlefacts.drawing.style import INK, INSIDE_TEXT, finalise_figure, plot_share_bars, setup_style, wrapped
from articlefacts.errors import ArticleFactsError
from articlefacts.outputs import save_table
from articlefacts.reading.schemas import load_table
from articlefacts.shaping.flows import rotation_flows
from articlefacts.shaping.profiles import profile_table
from articlefacts.telling.story import Story, lead_repeats
from conftest import ROOT

FIXTURES = [d for base in ("articles", "real") for d in sorted((ROOT / "tests/fixtures" / base).iterdir())
            if d.is_dir()] + [ROOT / "tests/fixtures/synthetic"]
ARTICLES = {"seed": (paths.ARTICLE, paths.FACTS, paths.NOT_DATA, paths.META)} | {
    d.name: tuple(str(d / f) for f in ("article.txt", "facts.csv", "not-data.csv", "meta.json")) for d in FIXTURES}


def article_figures(name: str, languages=("en", "vi"), only: str = ""):
    """(language, figure name, fig) of every figure of article ``name`` (or only the figure ``only``), drawn in
    process from the tables notebook 01 writes, read back as notebooks 02 and 03 read them."""
    setup_style()
    tables = build_tables(*ARTICLES[name])
    with tempfile.TemporaryDirectory() as tmp:
        for table, frame in tables.outputs().items():
            save_table(frame, table, tmp)
        facts, derived, counts, tokens = (load_table(t, tmp) for t in ("facts", "derived", "percent_counts",
                                                                         "number_tokens"))
    profiles, flows = profile_table(facts, derived, counts), rotation_flows(facts, derived)
    colours = series_colours(rotation_figures(flows), flows)
    for language in languages:
        story = Story(facts, language, derived, lead_repeats(tokens))
        for figure, kind, subject in profile_figures(profiles) + rotation_figures(flows):
            if only and figure != only:
                continue
            table = profiles if kind in ("pairs", "profile") else flows
            fig, _cap = draw(kind, story, table, tables.meta, subject, colours.get(subject))
            yield language, figure, fig
            plt.close(fig)


DRAWN_HERE = sorted(name for name in ARTICLES if not (ROOT / "tests/fixtures/articles" / name).is_dir())


@pytest.mark.parametrize("name", DRAWN_HERE)
def test_every_figure_of_every_article_passes_the_legibility_check(name):
    drawn = 0
    for language, figure, fig in article_figures(name):
        assert not faults(fig), f"{name} {language}/{figure}: {faults(fig)}"
        drawn += 1
    assert drawn == 12 or name != "seed", "the seed has six figures in each language"


def first_bar_label(fig):
    """The axes of the first panel and the value label of its first bar (the text drawn at row 0)."""
    ax = next(a for a in fig.axes if a.patches)
    return ax, next(t for t in ax.texts if t.get_position()[1] == 0)


@pytest.mark.parametrize(("language", "old", "category"), [
    ("en", "89.62%  ≈ 363 people, if the article cut the share off rather than rounding it", "Party members"),
    ("vi", "89,62%  ≈ 363 người, nếu bài báo cắt bớt chữ số thay vì làm tròn", "đảng viên")])
def test_the_check_fails_on_the_old_profile_2021_layout(language, old, category):
    """The editor's F1: the white label, anchored inside the 89.62% bar whatever its width, spilled left over the
    axis: white on white, and over the category's tick label. Put back on the seed's figure, it is refused."""
    _, _, fig = next(article_figures("seed", (language,), "profile-2021"))
    ax, label = first_bar_label(fig)
    assert label.get_text().startswith(old[:6]) and to_hex(label.get_color()) == INSIDE_TEXT.lower()
    check_legible(fig, "profile-2021")  # as drawn now: passes
    label.remove()
    ax.text(89.62 - 1.5, 0, old, va="center", ha="right", fontsize=9.5, color=INSIDE_TEXT, fontweight="bold")
    with pytest.raises(ArticleFactsError) as err:
        check_legible(fig, "profile-2021")
    what = err.value.what
    assert "profile-2021" in what and f"'{' '.join(old.split())[:60]}" in what
    assert "is white but not inside the bar it labels" in what and f"'{category}' overlaps" in what
    assert "holds two spaces in a row" in what
    assert len(str(err.value).splitlines()) == 2 and err.value.fix
    plt.close(fig)


def blank_figure():
    setup_style()
    return finalise_figure(1.5, "A title", "A subtitle", "Source: a test")


def test_the_check_fails_on_two_texts_that_overlap():
    fig, ax = blank_figure()
    fig.text(0.5, 0.5, "first text")
    fig.text(0.52, 0.5, "second text")
    with pytest.raises(ArticleFactsError, match=r"a-figure .*'first text' overlaps 'second text'"):
        check_legible(fig, "a-figure")
    plt.close(fig)


@pytest.mark.parametrize(("x", "y"), [(0.95, 0.5), (-0.05, 0.5), (0.5, 1.02), (0.5, -0.01)])
def test_the_check_fails_on_a_text_outside_the_canvas(x, y):
    fig, ax = blank_figure()
    fig.text(x, y, "a label that leaves the page")
    with pytest.raises(ArticleFactsError, match="'a label that leaves the page' runs off the canvas"):
        check_legible(fig, "a-figure")
    plt.close(fig)


def test_dark_text_on_a_bar_is_refused_unless_it_has_a_white_box():
    fig, ax = blank_figure()
    ax.barh(0, 80)
    ax.set(xlim=(0, 100), yticks=[])
    text = ax.text(10, 0, "on the bar", color=INK, va="center")
    assert faults(fig) == ["'on the bar' is drawn over a bar"]
    text.set_bbox({"facecolor": "white", "edgecolor": "none"})
    assert faults(fig) == []
    plt.close(fig)


def share_bars(texts: list[str], shares: list[float]):
    """A figure of share bars with these labels (made by the house style); returns (fig, ax)."""
    fig, ax = blank_figure()
    fig.subplots_adjust(left=0.33)
    plot_share_bars(ax, [{"label": f"bar {i}", "share": s, "text": t} for i, (t, s) in enumerate(zip(texts, shares,
                                                                                                       strict=True))])
    return fig, ax


def test_a_label_goes_inside_its_bar_only_when_it_fits_there_with_a_margin():
    fig, ax = share_bars(["89.62% · ≈ 363 people", "30% · ≈ 121 people, a clause too long for the bar"],
                         [89.62, 30])
    inside, beside = (next(t for t in ax.texts if t.get_position()[1] == i) for i in (0, 1))
    assert to_hex(inside.get_color()) == INSIDE_TEXT.lower() and inside.get_ha() == "right"
    assert to_hex(beside.get_color()) == INK.lower() and beside.get_ha() == "left"
    assert not faults(fig)
    plt.close(fig)


def test_a_label_that_fits_nowhere_is_shortened_and_the_rest_goes_to_a_footnote():
    rest = "≈ 363 people, if the article cut the share off rather than rounding it, which it may have done"
    fig, ax = share_bars([f"89.62% · {rest}"], [89.62])
    label = next(t for t in ax.texts)
    assert label.get_text() == "89.62%*"
    assert any(t.get_text().startswith("* bar 0: ≈ 363 people") for t in fig.texts)
    assert fig.captions["footer"][-2].startswith("* bar 0:") and fig.texts[-1].get_text().startswith("* bar 0")
    plain, _ = share_bars(["89.62%"], [89.62])
    assert fig.get_figheight() > plain.get_figheight(), "the figure grew by the footnote's line"
    assert fig.footer_texts[-1].get_text() == "Source: a test", "the source line stays last"
    assert not faults(fig)
    plt.close(fig)
    plt.close(plain)


def test_wrapping_is_measured_and_keeps_the_compound_the_editor_found_split():
    """F7: «có bằng trung học chuyên / nghiệp» broke «chuyên nghiệp»; the break belongs before «trung học»."""
    setup_style()
    assert wrapped("có bằng trung học chuyên nghiệp", "label") == ["có bằng", "trung học chuyên nghiệp"]
    narrow, wide = "i" * 40, "W" * 40  # as many characters, not as wide
    assert len(wrapped(" ".join([narrow] * 6), "subtitle")) < len(wrapped(" ".join([wide] * 6), "subtitle"))


def test_an_english_line_with_a_vietnamese_name_wraps_at_any_space():
    setup_style()
    text = ("Figures according to Mr Liễu Văn Chiến, Deputy Head of the Organisation Board of the District "
            "Party Committee, and more words to wrap, with more words after the name")
    lines = wrapped(text, "footer", 3.0)
    assert all(not line.endswith(",") for line in lines[:-1]) or len(lines) > 2
    assert " ".join(lines) == text


def test_the_check_runs_before_a_figure_is_saved(tmp_path: Path):
    from articlefacts.outputs import save_figure

    fig, _ = blank_figure()
    fig.text(0.5, 1.05, "off the page")
    with pytest.raises(ArticleFactsError, match="The figure broken cannot be read"):
        save_figure(fig, tmp_path, "broken")
    assert not list(tmp_path.iterdir()), "nothing is written"
    plt.close(fig)
