"""The processed tables, defined once as data in ``tables.json`` (Frictionless Table Schema fields).

From that file come the pandera checks run on each frame before it is written, the Frictionless
``datapackage.json`` and the codebook ``README.md`` of the processed folder. An ``enum`` written as
``"vocab:NAME"`` is the tuple ``NAME`` of :mod:`articlefacts.vocab`, so each vocabulary is typed once.
``python -m articlefacts.pipeline.datapackage META DIR`` writes the data package and the codebook into DIR.

pandera's own ``from_frictionless_schema`` is not used: it turns empty booleans into False and makes
integer columns non-nullable, which would change the tables' meaning.
"""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from articlefacts import vocab
from articlefacts.inputs import read_bytes

TABLES_FILE = Path(__file__).with_name("tables.json")
PANDERA_TYPES = {"integer": "Int64", "number": "Float64", "string": "string", "boolean": "boolean"}
KEYED = ("facts", "derived")  # tables that the notebooks hold indexed by their key column


INPUT_TABLES_FILE = Path(__file__).with_name("input_tables.json")


@cache
def tables(path: Path = TABLES_FILE) -> dict[str, dict]:
    """name → table definition (name, notebook, title, description, fields), enums resolved from vocab.

    ``path`` is ``tables.json`` (the processed tables) or ``input_tables.json`` (the hand-written inputs).
    """
    defs = json.loads(path.read_text(encoding="utf-8"))
    for table in defs:
        for f in table["fields"]:
            enum = f.get("constraints", {}).get("enum")
            if isinstance(enum, str) and enum.startswith("vocab:"):
                f["constraints"]["enum"] = list(getattr(vocab, enum.split(":", 1)[1]))
    return {t["name"]: t for t in defs}


def columns(name: str) -> list[str]:
    """The column names of a table, in order."""
    return [f["name"] for f in tables()[name]["fields"]]


def pandera_schema(name: str, fields: list[dict] | None = None) -> pa.DataFrameSchema:
    """The pandera schema of a table (or of ``fields``), built from the same constraints as the data package."""
    cols = {}
    for f in fields or tables()[name]["fields"]:
        c = f.get("constraints", {})
        checks = [pa.Check.ge(c["minimum"])] if "minimum" in c else []
        checks += [pa.Check.le(c["maximum"])] if "maximum" in c else []
        checks += [pa.Check.isin(c["enum"])] if "enum" in c else []
        cols[f["name"]] = pa.Column(PANDERA_TYPES[f["type"]], checks=checks, nullable=not c.get("required", False),
                                    unique=c.get("unique", False), coerce=True)
    return pa.DataFrameSchema(cols, strict=True, ordered=True, name=name)


def check_input(frame: pd.DataFrame, name: str, label: str) -> None:
    """Validate a hand-written input (strings, "" for empty) against ``input_tables.json``.

    Raises :class:`ArticleFactsError` with the project's two-line message for the first problem: an empty
    required cell (named by its spreadsheet row), a value outside its vocabulary, or a duplicate key.
    ``label`` names the file in the message ("Facts file data/raw/….facts.csv").
    """
    from articlefacts.errors import ArticleFactsError

    fields = tables(INPUT_TABLES_FILE)[name]["fields"]
    try:
        pandera_schema(name, fields).validate(frame[[f["name"] for f in fields]].replace("", None), lazy=False)
    except pa.errors.SchemaError as err:
        column = getattr(err.schema, "name", "") or ""
        case = err.failure_cases.iloc[0] if err.failure_cases is not None and len(err.failure_cases) else None
        value = "" if case is None else case.get("failure_case", "")
        row = frame.index[frame[column] == value][0] + 2 if column in frame and (frame[column] == value).any() else None
        constraints = next(f for f in fields if f["name"] == column).get("constraints", {})
        if value is None or pd.isna(value):
            empty = frame.index[frame[column] == ""][0]
            key = f" (fact '{frame.loc[empty, 'key']}')" if "key" in frame and frame.loc[empty, "key"] else ""
            raise ArticleFactsError(f"{label}, row {empty + 2}{key}: the '{column}' cell is empty",
                                    f"fill in '{column}' for every row.") from None
        if "enum" in constraints and value not in constraints["enum"]:
            key = f", fact '{frame.loc[row - 2, 'key']}'" if row is not None and "key" in frame else ""
            raise ArticleFactsError(f"{label}{key}: unknown {column} '{value}'",
                                    f"use one of: {', '.join(constraints['enum'])}.") from None
        if constraints.get("unique"):
            raise ArticleFactsError(f"{label}: duplicate {column} '{value}'",
                                    f"every row needs its own {column}; rename or delete the second row.") from None
        raise ArticleFactsError(f"{label}, row {row}: '{column}' = '{value}' breaks its constraint {err.check}",
                                "correct the cell.") from None


def conform(frame: pd.DataFrame, name: str, fields: list[dict] | None = None) -> pd.DataFrame:
    """Columns in schema order (a key index becomes the key column), types coerced, constraints validated.

    ``fields`` replaces the table's own (the corpus adds ``article_id``). Raises pandera's ``SchemaError``.
    """
    fields = fields or tables()[name]["fields"]
    names = [f["name"] for f in fields]
    if frame.index.name in names:
        frame = frame.reset_index()
    frame = frame.copy()
    for f in fields:
        if f["type"] == "string" and f["name"] in frame:
            frame[f["name"]] = frame[f["name"]].astype(object).where(frame[f["name"]].notna(), None)
            frame[f["name"]] = frame[f["name"]].map(lambda v: None if v == "" else v)
    return pandera_schema(name, fields).validate(frame[names])


def load_table(name: str, directory: str | Path) -> pd.DataFrame:
    """Read a processed table back with its schema's types: empty text is "", empty numbers NA.

    ``facts`` and ``derived`` come back indexed by ``key``. Raises :class:`ArticleFactsError` if the file is missing.
    """
    path = Path(directory) / f"{name}.csv"
    frame = pd.read_csv(io.BytesIO(read_bytes(path, f"Processed table '{name}'")), dtype=str,
                        keep_default_na=False, encoding="utf-8")
    fields = tables()[name]["fields"]
    for f in fields:
        frame[f["name"]] = frame[f["name"]].replace("", None)
        if f["type"] == "boolean":
            frame[f["name"]] = frame[f["name"]].map({"True": True, "False": False, None: None})
    frame = conform(frame, name)
    strings = [f["name"] for f in fields if f["type"] == "string"]
    frame[strings] = frame[strings].astype(object).fillna("")
    numbers = [f["name"] for f in fields if f["type"] == "number"]
    frame[numbers] = frame[numbers].astype(float)
    return frame.set_index("key") if name in KEYED else frame


def source_of(meta: dict) -> dict:
    """The article as a Frictionless source."""
    byline = f" ({meta['byline']})" if meta.get("byline") else ""
    return {"title": f"{meta['outlet']}, {meta['date']}: {meta['headline_vi']}{byline}",
            "path": f"../raw/{meta['article_file']}"}


LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}


def resource(table: dict, fields: list[dict], description: str, sources: list[dict]) -> dict:
    """One CSV table as a Frictionless tabular data resource."""
    return {
        "name": table["name"].replace("_", "-"), "path": f"{table['name']}.csv", "title": table["title"],
        "description": description, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "profile": "tabular-data-resource", "dialect": {"delimiter": ",", "header": True, "lineTerminator": "\n"},
        "schema": {"fields": fields, "missingValues": [""]}, "sources": sources,
    }


def datapackage(meta: dict) -> dict:
    """The Frictionless data package describing every processed table."""
    return {
        "name": "article-facts",
        "title": f"Facts from «{meta['headline_vi']}» ({meta['outlet']}, {meta['date']})",
        "description": "Numbers reported by one news article, each traced to a verbatim quote, with derived "
                       "values, consistency checks and comparisons. Built by the notebooks in notebooks/.",
        "licenses": [LICENCE], "sources": [source_of(meta)],
        "resources": [resource(t, t["fields"], t["description"], [source_of(meta)]) for t in tables().values()],
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
        "Generated by `python -m articlefacts.pipeline.datapackage` from `src/articlefacts/tables.json`; do not edit by hand.",
        f"Source of every number: {meta['outlet']}, {meta['date']}, «{meta['headline_vi']}»{byline} "
        f"(`data/raw/{meta['article_file']}`). As of {meta['date']}. Licence: CC BY 4.0 for these tables; the quoted "
        "article text remains the publisher's.", "",
        "Offsets are character positions in the article text after NFC normalisation, with no-break spaces as "
        "spaces and runs of spaces folded to one. Formulas of derived values are in `derived.csv`, column `formula`.",
    ]
    for t in tables().values():
        lines += codebook_table(f"{t['name']}.csv", t["title"],
                                f"{t['description']} Written by `notebooks/{t['notebook']}.ipynb`.", t["fields"],
                                t["notebook"])
    return "\n".join(lines) + "\n"
