"""pandera checks for the tables defined in :mod:`articlefacts.reading.codebook` (``tables.json`` and
``input_tables.json``): each processed frame is validated before it is written and again when it is read
back, and each hand-written input on reading.

pandera's own ``from_frictionless_schema`` is not used: it turns empty booleans into False and makes
integer columns non-nullable, which would change the tables' meaning.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from articlefacts.reading.codebook import INPUT_TABLES_FILE, tables
from articlefacts.reading.inputs import read_bytes

PANDERA_TYPES = {"integer": "Int64", "number": "Float64", "string": "string", "boolean": "boolean"}
KEYED = ("facts", "derived")  # tables that the notebooks hold indexed by their key column


def pandera_schema(name: str, fields: list[dict] | None = None) -> pa.DataFrameSchema:
    """The pandera schema of a table (or of ``fields``), built from the same constraints as the data package."""
    cols = {}
    for f in fields or tables()[name]["fields"]:
        c = f.get("constraints", {})
        checks = [pa.Check.ge(c["minimum"])] if "minimum" in c else []
        checks += [pa.Check.le(c["maximum"])] if "maximum" in c else []
        checks += [pa.Check.isin(c["enum"])] if "enum" in c else []
        checks += [pa.Check.str_matches(f"(?:{c['pattern']})$")] if "pattern" in c else []
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

    ``facts`` and ``derived`` come back indexed by ``key``. Raises :class:`ArticleFactsError` if the file is missing,
    saying that notebook 01 writes it.
    """
    path = Path(directory) / f"{name}.csv"
    if not path.is_file():
        from articlefacts.errors import ArticleFactsError
        from articlefacts.paths import relative, resolve

        raise ArticleFactsError(f"Processed table '{name}' not found: {relative(resolve(path))}",
                                "run notebook 01 first (it writes the tables; in JupyterLab, with its default "
                                "parameters), or point tables_dir at a folder it wrote, e.g. ../data/processed.")
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
