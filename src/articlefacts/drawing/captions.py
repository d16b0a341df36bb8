"""The caption of any chart: title (the coder's where the metadata gives one), subtitle, caveat, the source line
and the alt text, written from the article's tables in the notebook's language."""

from __future__ import annotations

from articlefacts.i18n import long_date
from articlefacts.telling.headlines import figure_title
from articlefacts.telling.story import Story


def also_by_our_reading(story: Story, notes: list[str]) -> list[str]:
    """``notes`` where a note that opens 'By our reading, ' right after another that says it (after its «*» or
    not) opens 'Also by our reading, ' / «Cũng theo cách hiểu của nhóm biên soạn, », so the phrase is not read
    twice in a row."""
    by, again, star = story.t("reading.by"), story.t("reading.by.again"), story.t("fig.reading_star") + " "
    out, before = [], False
    for note in notes:
        body = note.removeprefix(star)
        opens = body.startswith(by)
        if opens and before and not note.startswith(star):
            note = again + body[len(by):]
        out.append(note)
        before = opens
    return out


def caption(story: Story, title: str, subtitle: str, caveats: list[str], meta: dict, shown: list[str],
            values: list[str] | None = None) -> dict:
    """The caption of a figure: title, subtitle, caveat, the source line (outlet, date, headline); ``alt``, the
    full text alternative, which carries every number the figure shows (``shown``: one item per bar, point or
    group) with the subtitle and caveats; and ``short``, a caption of two sentences for under the image (the
    title, then ``values``, the values in brief, default ``shown``), which does not repeat the alt text."""
    source = story.t("source_line", outlet=meta["outlet"], date=long_date(meta["date"], story.language),
                     headline=meta["headline_vi"])
    caveat = " ".join(also_by_our_reading(story, [story.capital(c).rstrip(".") + "." for c in caveats if c]))
    shown_text = story.t("fig.alt.shown", items="; ".join(shown)) if shown else ""
    title = figure_title(story, meta, title)
    alt = " ".join(s.rstrip(".") + "." for s in (story.capital(title), subtitle, shown_text, caveat) if s)
    brief = "; ".join(values if values is not None else shown)
    short = " ".join(s.rstrip(".") + "." for s in (story.capital(title), story.capital(brief)) if s)
    return {"title": story.capital(title), "subtitle": subtitle, "caveat": caveat, "source": source, "alt": alt,
            "short": short}
