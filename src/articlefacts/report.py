"""Small display helpers for the notebooks: deterministic HTML that GitHub renders."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML, display

from articlefacts.numbers import BOUND_SYMBOLS


def show(frame: pd.DataFrame) -> None:
    """Display a table as plain HTML without the index (stable bytes, renders on GitHub)."""
    display(HTML(frame.to_html(index=False, na_rep="", escape=True, border=0)))


def article_header(meta: dict) -> str:
    """The article's outlet, date, byline and headline as an HTML block."""
    e = {k: html.escape(str(v)) for k, v in meta.items()}
    return (f"<p><b>{e['outlet']}</b> ({e['outlet_en']}), {e['date_line']}<br>"
            f"<b>«{e['headline_vi']}»</b> ({e['headline_en']}), by {e['byline']}<br>"
            f"<small>{e['licence']}</small></p>")


def fact_line(facts: pd.DataFrame, derived: pd.DataFrame, key: str) -> str:
    """One fact as a line of the story: quote, gloss, value with its bound, and its share if derived."""
    row = facts.set_index("key").loc[key]
    bound = "" if row["bound"] == "eq" else BOUND_SYMBOLS[row["bound"]] + " "
    unit = "%" if row["unit"] == "percent" else f" {row['unit']}"
    line = f"{key}: «{row['quote']}» ({row['gloss_en']}) → {bound}{row['value']:g}{unit}, {row['period']}"
    shares = derived[derived["key"] == f"share_{key}"]
    if len(shares):
        share = shares.iloc[0]
        line += f"; share {share['value']:.2f}% = {share['formula']}"
    return line
