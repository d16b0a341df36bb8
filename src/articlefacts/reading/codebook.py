"""The tables defined once as data: ``tables.json`` (the processed tables) and ``input_tables.json`` (the
hand-written inputs), as Frictionless Table Schema fields, and what is written from them without reading
any table: the Frictionless ``datapackage.json`` and the codebook ``README.md`` of the processed folder.

An ``enum`` written as ``"vocab:NAME"`` is the tuple ``NAME`` of :mod:`articlefacts.vocab`, so each
vocabulary is typed once. The pandera checks built from the same fields are in :mod:`articlefacts.reading.schemas`.
This module imports neither pandas nor pandera: ``python -m articlefacts.pipeline.datapackage META DIR``
runs in a process of its own beside the notebooks, and starts in a few hundredths of a second.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from articlefacts import vocab

TABLES_FILE = Path(__file__).with_name("tables.json")
INPUT_TABLES_FILE = Path(__file__).with_name("input_tables.json")


@cache
def tables(path: Path = TABLES_FILE) -> dict[str, dict]:
    """name → table definition (name, notebook, title, description, fields), enums (and patterns) written
    ``"vocab:NAME"`` resolved from vocab.

    ``path`` is ``tables.json`` (the processed tables) or ``input_tables.json`` (the hand-written inputs).
    """
    defs = json.loads(path.read_text(encoding="utf-8"))
    for table in defs:
        for f in table["fields"]:
            enum = f.get("constraints", {}).get("enum")
            if isinstance(enum, str) and enum.startswith("vocab:"):
                f["constraints"]["enum"] = list(getattr(vocab, enum.split(":", 1)[1]))
            pattern = f.get("constraints", {}).get("pattern")
            if isinstance(pattern, str) and pattern.startswith("vocab:"):
                f["constraints"]["pattern"] = getattr(vocab, pattern.split(":", 1)[1])
    return {t["name"]: t for t in defs}


def columns(name: str, path: Path = TABLES_FILE) -> list[str]:
    """The column names of a table of ``path`` (see :func:`tables`), in order."""
    return [f["name"] for f in tables(path)[name]["fields"]]


def source_of(meta: dict) -> dict:
    """The article as a Frictionless source."""
    byline = f" ({meta['byline']})" if meta.get("byline") else ""
    return {"title": f"{meta['outlet']}, {meta['date']}: {meta['headline_vi']}{byline}",
            "path": f"../raw/{meta['article_file']}"}


def web_sources(meta: dict) -> list[dict]:
    """The article's web page (``meta['url']``, with the day it was retrieved) and its archived copy
    (``meta['archived_url']``) as Frictionless sources; none for a field left empty."""
    title = f"{meta['outlet']}, {meta['date']}: {meta['headline_vi']}"
    retrieved = f", retrieved {meta['retrieved']}" if meta.get("retrieved") else ""
    pages = [(meta.get("url"), f"{title} (web page{retrieved})"),
             (meta.get("archived_url"), f"{title} (archived copy of the web page)")]
    return [{"title": what, "path": address} for address, what in pages if address]


def web_sentence(meta: dict) -> str:
    """The codebook's sentence naming the article's web page and archived copy ("" when neither is known)."""
    retrieved = f" (retrieved {meta['retrieved']})" if meta.get("retrieved") else ""
    page = f" Web page{retrieved}: <{meta['url']}>." if meta.get("url") else ""
    return page + (f" Archived copy: <{meta['archived_url']}>." if meta.get("archived_url") else "")


LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}


def article_licence(meta: dict | None, columns: list[str]) -> dict:
    """The licence entry of the columns that hold an article's own text: the publisher keeps its rights
    (``meta`` None: a corpus, whose articles each keep their outlet's)."""
    outlet = meta["outlet"] if meta else "each article's outlet (see sources)"
    return {"title": f"© {outlet}: the article's text in columns {', '.join(columns)}, quoted unchanged, "
                     "with credit, so that every number can be checked; not licensed for reuse",
            "path": f"../raw/{meta['article_file']}" if meta else "../index.md"}


def licences(table: dict, meta: dict | None) -> list[dict]:
    """A table's licences: CC BY 4.0 for what the project made; for a table holding the article's text
    (``article_text`` in ``tables.json``), CC BY 4.0 for its other columns and the publisher's rights for those."""
    text = table.get("article_text", [])
    if not text:
        return [LICENCE]
    return [{**LICENCE, "title": f"{LICENCE['title']}, for every column but {', '.join(text)}"},
            article_licence(meta, text)]


def resource(table: dict, fields: list[dict], description: str, sources: list[dict], meta: dict | None = None) -> dict:
    """One CSV table as a Frictionless tabular data resource, with its own licences (:func:`licences`)."""
    return {
        "name": table["name"].replace("_", "-"), "path": f"{table['name']}.csv", "title": table["title"],
        "description": description, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "profile": "tabular-data-resource", "dialect": {"delimiter": ",", "header": True, "lineTerminator": "\n"},
        "schema": {"fields": fields, "missingValues": [""]}, "sources": sources, "licenses": licences(table, meta),
    }


def datapackage(meta: dict) -> dict:
    """The Frictionless data package describing every processed table."""
    return {
        "name": "article-facts",
        "title": f"Facts from «{meta['headline_vi']}» ({meta['outlet']}, {meta['date']})",
        "description": "Numbers reported by one news article, each traced to a verbatim quote, with derived "
                       "values, consistency checks and comparisons. Built by the notebooks in notebooks/.",
        "licenses": [LICENCE], "sources": [source_of(meta), *web_sources(meta)],
        "resources": [resource(t, t["fields"], t["description"], [source_of(meta)], meta) for t in tables().values()],
    }


def codebook_table(path: str, title: str, description: str, fields: list[dict], source: str = "") -> list[str]:
    """One table of a codebook as Markdown lines: column | description | type | unit (| source)."""
    lines = ["", f"## {path}: {title}", "", description, "",
             "| column | description | type | unit |" + (" source |" if source else ""),
             "|---|---|---|---|" + ("---|" if source else "")]
    for f in fields:
        constraint = ", ".join(f"{k} {v}" for k, v in f.get("constraints", {}).items() if k != "required")
        text = f["description"] + (f" ({constraint})" if constraint else "")
        lines.append(f"| `{f['name']}` | {text.replace('|', '/')} | {f['type']} | {f.get('unit', '')} |"
                     + (f" {source} |" if source else ""))
    return lines


def codebook(meta: dict) -> str:
    """The codebook as Markdown: one table per processed file (column | description | type | unit | source)."""
    byline = f" by {meta['byline']}" if meta.get("byline") else ""
    lines = [
        "# Codebook: data/processed", "",
        "Generated by `python -m articlefacts.pipeline.datapackage` from `src/articlefacts/reading/tables.json`; "
        "do not edit by hand.",
        f"Source of every number: {meta['outlet']}, {meta['date']}, «{meta['headline_vi']}»{byline} "
        f"(`data/raw/{meta['article_file']}`).{web_sentence(meta)} As of {meta['date']}. "
        "Licence: CC BY 4.0 for these tables, except the "
        "columns that hold the article's own text (" + "; ".join(
            f"`{t['name']}.csv`: {', '.join(t['article_text'])}" for t in tables().values() if t.get("article_text"))
        + f"), which remain © {meta['outlet']}, quoted so that every number can be checked.", "",
        "Offsets are character positions in the article text after NFC normalisation, with no-break spaces as "
        "spaces and runs of spaces folded to one. Formulas of derived values are in `derived.csv`, column `formula`. "
        "A number beside a decimals column (`value`, `percent`, `share_pct`, `share_computed`) is written with exactly "
        "those decimals: as printed, or those its formula's result needs (3.0, not 3).",
    ]
    for t in tables().values():
        lines += codebook_table(f"{t['name']}.csv", t["title"],
                                f"{t['description']} Written by `notebooks/{t['notebook']}.ipynb`.", t["fields"],
                                t["notebook"])
    return "\n".join(lines) + "\n"
