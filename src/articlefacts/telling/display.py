"""Display helpers for the notebooks: deterministic HTML that GitHub renders, headings written from data,
tables with labels in the notebook's language, and the findings file the README reads."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pandas as pd
from IPython.display import HTML, Markdown, display

from articlefacts.errors import ArticleFactsError
from articlefacts.i18n import has, long_date, t
from articlefacts.markdown import escape
from articlefacts.outputs import write_text


def show(frame: pd.DataFrame, language: str = "en") -> None:
    """Display a table as plain HTML without the index; headers and status values in ``language``."""
    frame = frame.rename(columns={c: t(f"col.{c}", language) for c in frame.columns if has(f"col.{c}")})
    frame = frame.map(lambda v: t(f"value.{v}", language) if isinstance(v, str) and has(f"value.{v}") else v)
    display(HTML(table_html(frame)))


def table_html(frame: pd.DataFrame) -> str:
    """``frame`` as a plain HTML table without the index, every missing value (NaN, ``pd.NA``, ``None``) an empty
    cell (``to_html``'s ``na_rep`` leaves ``<NA>`` in nullable columns), floats in their shortest form."""
    blank = frame.astype(object).where(frame.notna(), "")
    return blank.to_html(index=False, escape=True, border=0, float_format=lambda v: f"{v:g}")


def show_step(frame: pd.DataFrame, language: str = "en") -> None:
    """Display a step's working table as the code holds it (column names and values unchanged, so that the next
    cell's code reads against it) in the English edition; nothing in another edition, which shows no English
    keys (its readers get the findings, the tables for reading and the charts; the English edition has these)."""
    if language == "en":
        display(HTML(table_html(frame)))


def figure_png(fig) -> str:
    """``fig`` (a matplotlib ``Figure``) as the base64 PNG the notebook's inline backend would show (IPython's
    ``print_figure``, bbox tight, at the figure's dpi)."""
    from IPython.core.pylabtools import print_figure

    return print_figure(fig, "png", base64=True)


def show_figure(fig) -> None:
    """Display ``fig`` as a plain image output: ``image/png`` (which GitHub, JupyterLab and nbconvert all show;
    an ``<img>`` with a ``data:`` source in an HTML output is not shown everywhere) and the Figure's own plain-text
    form, ``<Figure size …>``. The figure's title (``fig.captions["title"]``, set by
    :func:`articlefacts.drawing.style.finalise_figure`) goes in the output's metadata as ``alt``, for the tools
    that read it; the chart's title and alt text are also in the findings file and the README's gallery."""
    alt = getattr(fig, "captions", {}).get("title", "")
    display({"image/png": figure_png(fig), "text/plain": repr(fig)}, metadata={"image/png": {"alt": alt}}, raw=True)


def say(text: str, level: int = 0) -> None:
    """Display a sentence written by code (a heading when ``level`` > 0), escaped so that it renders as written
    (:func:`articlefacts.markdown.escape`; a list of "- " lines stays a list); nothing for an empty text."""
    if not text:
        return
    display(Markdown(("#" * level + " " if level else "") + escape(text)))


def article_header(meta: dict, language: str = "en") -> str:
    """The article's outlet, date, byline and headline as an HTML block."""
    e = {k: html.escape(str(v)) for k, v in meta.items()}
    headline = (f"<b>«{e['headline_vi']}»</b> ({e['headline_en']})" if language == "en" else
                f"<b>“{e['headline_vi']}”</b>")  # Vietnamese newsrooms quote with “ ”
    byline = f", {e['byline']}" if e.get("byline") else ""
    return f"<p><b>{e['outlet']}</b>, {html.escape(long_date(meta['date'], language))}{byline}<br>{headline}</p>"


def save_findings(directory: str, notebook: str, language: str, findings: list[str], figures: dict,
                  lead: list[str] | None = None) -> Path:
    """Write ``directory/findings/<notebook>.<language>.json``: the findings (in the order the notebook states
    them), those that state what the headline or lead reports (``lead``, which come first), and every figure's
    caption."""
    body = {"notebook": notebook, "language": language, "findings": findings, "lead": lead or [], "figures": figures}
    return write_text(json.dumps(body, ensure_ascii=False, indent=1) + "\n",
                      Path(directory) / "findings" / f"{notebook}.{language}.json")


def figure_sources(meta: dict, facts: pd.DataFrame) -> dict[str, str]:
    """Where a figure's texts can come from, described for a person → the text: each field of the
    metadata, and each text cell of the facts table (by fact and column)."""
    sources = {f"field '{k}' of the metadata": v for k, v in meta.items() if isinstance(v, str) and v}
    for key, row in facts.iterrows():
        sources |= {f"'{column}' of fact '{key}'": value for column, value in row.items()
                    if isinstance(value, str) and value}
    return sources


def draw_figures(figures: list[tuple[str, str, str]], table: pd.DataFrame, story, meta: dict, figures_dir: str,
                 show_inline: bool = True) -> dict[str, dict]:
    """Draw, save (PNG and SVG in ``figures_dir/<language>/``) and, if ``show_inline``, show each figure, in one call.

    The notebooks draw each figure in a cell of its own instead (:mod:`articlefacts.drawing.plots`), so that a
    reader can see and change how it is made; this one call serves a script that only needs the files
    (``benchmarks/floor.py``, with ``show_inline=False``).

    ``figures`` are (file name, chart kind, subject) from :func:`articlefacts.drawing.profile_charts.profile_figures` or
    :func:`~articlefacts.drawing.rotation_charts.rotation_figures`; ``story`` is the
    :class:`~articlefacts.telling.story.Story` of the notebook's language. Returns file name → caption
    (title, subtitle, caveat, source, alt).
    Shown, it is the published PNG file itself; its plain-text form is the caption's ``alt`` text.
    Raises :class:`ArticleFactsError` before a figure is saved if its fonts lack a
    character it shows (:func:`articlefacts.drawing.style.check_glyphs`), naming the input that holds it.
    """
    import matplotlib.pyplot as plt

    from articlefacts.drawing.charts import draw
    from articlefacts.drawing.rotation_charts import rotation_figures, series_colours
    from articlefacts.drawing.style import check_glyphs
    from articlefacts.outputs import save_figure

    captions = {}
    sources = figure_sources(meta, story.facts)
    colours = series_colours(rotation_figures(table), table) if "group" in table else {}
    for name, kind, subject in figures:
        fig, captions[name] = draw(kind, story, table, {**meta, "_figure": name}, subject, colours.get(subject))
        try:
            check_glyphs(fig, name, sources)
        except ArticleFactsError:
            plt.close(fig)
            raise
        png, _svg = save_figure(fig, f"{figures_dir}/{story.language}", name)
        if show_inline:  # the figure's text alternative is its plain-text form, for readers without images
            display({"image/png": png.read_bytes(), "text/plain": captions[name]["alt"]}, raw=True,
                    metadata={"image/png": {"width": round(fig.get_figwidth() * fig.dpi)}})
        plt.close(fig)
    return captions
