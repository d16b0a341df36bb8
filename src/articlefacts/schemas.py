"""One definition of every processed table: its columns, types, units and constraints.

From it come the pandera checks run on each frame before it is written, the Frictionless
``datapackage.json`` and the codebook ``data/processed/README.md``
(``python -m articlefacts.schemas DIR`` writes the last two).
"""

from __future__ import annotations

import io
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from articlefacts.paths import META, PROCESSED_DIR, resolve

STATUSES = ["pass", "flag", "fail"]
BOUNDS = ["eq", "gt", "ge", "lt", "le", "approx"]
PARTS = ["date_line", "headline", "lead", "body", "caption", "lead_repeat", "byline"]


@dataclass(frozen=True)
class Field:
    """A column: name, Frictionless type, unit, description and Table Schema constraints."""

    name: str
    type: str
    description: str
    unit: str = ""
    constraints: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Table:
    """A processed CSV written by one notebook."""

    name: str
    notebook: str
    title: str
    description: str
    fields: tuple[Field, ...]

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]


REQ = {"required": True}
NON_NEG = {"required": True, "minimum": 0}
SOURCE = "Báo Lạng Sơn article (data/raw)"

TABLES = (
    Table("structure", "01-clean-article", "Article structure",
          "The article's non-empty lines and the part each one is.", (
              Field("part_id", "integer", "Line number among non-empty lines, from 1.", constraints={**REQ, "minimum": 1}),
              Field("part", "string", "Part of the article.", constraints={**REQ, "enum": PARTS}),
              Field("start", "integer", "First character offset in the normalised text.", "characters", NON_NEG),
              Field("end", "integer", "Offset one past the last character.", "characters", NON_NEG),
              Field("n_chars", "integer", "end − start.", "characters", NON_NEG),
              Field("repeat_of", "string", "Part this line repeats word for word, if any."),
              Field("text", "string", "The line (normalised), © the publisher.", constraints=REQ),
          )),
    Table("number_tokens", "01-clean-article", "Number inventory",
          "Every number token in the article and what it is.", (
              Field("token_id", "integer", "Order of the token in the article.", constraints={**REQ, "minimum": 1}),
              Field("token", "string", "The token as printed.", constraints=REQ),
              Field("start", "integer", "Offset of the token.", "characters", NON_NEG),
              Field("end", "integer", "Offset one past the token.", "characters", NON_NEG),
              Field("part", "string", "Article part holding the token.", constraints={**REQ, "enum": PARTS}),
              Field("status", "string", "fact, not_data, repeat or unaccounted.",
                    constraints={**REQ, "enum": ["fact", "not_data", "repeat", "unaccounted"]}),
              Field("fact_key", "string", "Key of the fact this token is, if any."),
              Field("reason", "string", "Why the token is not data, if it is not."),
          )),
    Table("facts", "01-clean-article", "Facts",
          "One row per number the article reports, parsed from its verbatim quote.", (
              Field("key", "string", "Stable identifier of the fact.", constraints={**REQ, "unique": True}),
              Field("topic", "string", "profile, rotation or context.",
                    constraints={**REQ, "enum": ["context", "profile", "rotation"]}),
              Field("measure", "string", "What is measured, shared across years.", constraints=REQ),
              Field("period", "string", "Year or period the number describes.", constraints=REQ),
              Field("unit", "string", "Unit of value.", constraints={**REQ, "enum": ["people", "communes", "percent", "year"]}),
              Field("value", "number", "Value parsed from the token (percent as 0–100).", "see unit", REQ),
              Field("bound", "string", "eq, or the bound a qualifier such as 'hơn' (more than) sets.",
                    constraints={**REQ, "enum": BOUNDS}),
              Field("decimals", "integer", "Decimal places printed.", constraints=NON_NEG),
              Field("token", "string", "The number as printed.", constraints=REQ),
              Field("parent_key", "string", "Fact counting the whole (the denominator of a share)."),
              Field("split", "string", "Name of the split of the parent this fact belongs to."),
              Field("quote", "string", "Verbatim quote holding the number.", constraints=REQ),
              Field("quote_start", "integer", "Offset of the quote.", "characters", NON_NEG),
              Field("quote_end", "integer", "Offset one past the quote.", "characters", NON_NEG),
              Field("token_start", "integer", "Offset of the number token.", "characters", NON_NEG),
              Field("token_end", "integer", "Offset one past the number token.", "characters", NON_NEG),
              Field("part", "string", "Article part holding the quote.", constraints={**REQ, "enum": PARTS}),
              Field("term_vi", "string", "Vietnamese term.", constraints=REQ),
              Field("gloss_en", "string", "English gloss of the term.", constraints=REQ),
              Field("population", "string", "Population the number describes."),
              Field("note", "string", "Coder's note."),
          )),
    Table("derived", "01-clean-article", "Derived values",
          "Values computed from the facts, each with its formula over fact keys.", (
              Field("key", "string", "Identifier.", constraints={**REQ, "unique": True}),
              Field("value", "number", "Computed value, rounded to 4 decimals.", "see unit", REQ),
              Field("unit", "string", "Unit of value.", constraints=REQ),
              Field("formula", "string", "Formula over fact and derived keys.", constraints=REQ),
              Field("inputs", "string", "Keys the formula reads, ';'-separated.", constraints=REQ),
              Field("period", "string", "Year or period.", constraints=REQ),
              Field("description", "string", "What the value means.", constraints=REQ),
          )),
    Table("percent_counts", "01-clean-article", "Whole counts behind each percentage",
          "For each exact percentage, the whole numbers of people consistent with it at its printed "
          "precision, under half-up rounding and under truncation.", (
              Field("fact_key", "string", "The percentage fact.", constraints=REQ),
              Field("percent", "number", "The printed percentage.", "percent", {**REQ, "minimum": 0, "maximum": 100}),
              Field("decimals", "integer", "Decimal places printed.", constraints=NON_NEG),
              Field("denominator_key", "string", "Fact counting the whole.", constraints=REQ),
              Field("denominator", "integer", "Size of the whole.", "people", {**REQ, "minimum": 1}),
              Field("rule", "string", "Rounding rule assumed.", constraints={**REQ, "enum": ["half_up", "truncate"]}),
              Field("n_candidates", "integer", "How many whole counts fit.", constraints=NON_NEG),
              Field("count_min", "integer", "Smallest fitting count (empty when none fits).", "people", {"minimum": 0}),
              Field("count_max", "integer", "Largest fitting count (empty when none fits).", "people", {"minimum": 0}),
              Field("candidates", "string", "Fitting counts, ';'-separated."),
              Field("nearest", "string", "When none fits: the two nearest counts and what they print as."),
          )),
    Table("checks", "01-clean-article", "Consistency checks",
          "One row per check of the facts against each other and against the article.", (
              Field("check_id", "string", "Identifier: kind and subject.", constraints={**REQ, "unique": True}),
              Field("kind", "string", "Kind of check.", constraints=REQ),
              Field("status", "string", "pass, flag (needs a caveat) or fail (stops the run).",
                    constraints={**REQ, "enum": STATUSES}),
              Field("detail", "string", "What was compared, with the numbers.", constraints=REQ),
          )),
    Table("comparison", "02-compare-qualifications", "Qualification profiles compared",
          "One row per measure: the baseline and current profiles, with comparability.", (
              Field("measure", "string", "Measure.", constraints={**REQ, "unique": True}),
              Field("label_en", "string", "English label.", constraints=REQ),
              Field("baseline_period", "string", "Year of the first profile.", constraints=REQ),
              Field("baseline_status", "string", "reported, derived or not reported.",
                    constraints={**REQ, "enum": ["reported", "derived", "not reported"]}),
              Field("baseline_bound", "string", "Bound on the baseline share.", constraints={"enum": BOUNDS}),
              Field("baseline_count", "number", "Count reported (or implied lower bound).", "people", {"minimum": 0}),
              Field("baseline_share_pct", "number", "Share of the baseline headcount.", "percent", {"minimum": 0, "maximum": 100}),
              Field("baseline_source", "string", "Fact or derived key the values come from."),
              Field("current_period", "string", "Year of the current profile.", constraints=REQ),
              Field("current_status", "string", "reported, derived or not reported.",
                    constraints={**REQ, "enum": ["reported", "derived", "not reported"]}),
              Field("current_share_pct", "number", "Share as printed.", "percent", {"minimum": 0, "maximum": 100}),
              Field("current_count_min", "integer", "Smallest whole count consistent with the share (either rounding rule).", "people", {"minimum": 0}),
              Field("current_count_max", "integer", "Largest whole count consistent with the share (either rounding rule).", "people", {"minimum": 0}),
              Field("current_rounding", "string", "Rounding rules under which a whole count fits the printed share.",
                    constraints={"enum": ["both", "half_up only", "truncate only", "neither"]}),
              Field("current_source", "string", "Fact key the values come from."),
              Field("change_pp", "number", "current_share_pct − baseline_share_pct, where both are exact.", "percentage points"),
              Field("same_measure", "boolean", "Whether both years use the same wording and unit."),
              Field("same_population", "boolean", "Whether both years count the same population."),
              Field("comparability_note", "string", "Why the two years can or cannot be compared.", constraints=REQ),
          )),
    Table("rotation_flows", "03-rotation-outcomes", "Rotation flows",
          "Each reported split of the rotated leaders or of the communes, one split at a time; "
          "no row pairs a bloc with an outcome.", (
              Field("flow_id", "integer", "Order.", constraints={**REQ, "minimum": 1}),
              Field("split", "string", "Which split the row belongs to.", constraints=REQ),
              Field("parent_key", "string", "Group being split.", constraints=REQ),
              Field("key", "string", "Fact or derived key of the part.", constraints={**REQ, "unique": True}),
              Field("label_en", "string", "English label.", constraints=REQ),
              Field("count", "integer", "People or communes in the part.", "see unit", NON_NEG),
              Field("unit", "string", "people or communes.", constraints={**REQ, "enum": ["people", "communes"]}),
              Field("parent_count", "integer", "Size of the group being split.", "see unit", {**REQ, "minimum": 1}),
              Field("share_of_parent_pct", "number", "count / parent_count × 100.", "percent", {**REQ, "minimum": 0, "maximum": 100}),
              Field("status", "string", "reported (a fact) or derived.", constraints={**REQ, "enum": ["reported", "derived"]}),
              Field("formula", "string", "Formula of a derived count; empty when reported."),
          )),
)
TABLES_BY_NAME = {t.name: t for t in TABLES}

PANDERA_TYPES = {"integer": "Int64", "number": "Float64", "string": "string", "boolean": "boolean"}


def pandera_schema(table: Table) -> pa.DataFrameSchema:
    """The pandera schema of a table, built from the same constraints as the data package."""
    columns = {}
    for f in table.fields:
        checks = []
        c = f.constraints
        if "minimum" in c:
            checks.append(pa.Check.ge(c["minimum"]))
        if "maximum" in c:
            checks.append(pa.Check.le(c["maximum"]))
        if "enum" in c:
            checks.append(pa.Check.isin(c["enum"]))
        columns[f.name] = pa.Column(PANDERA_TYPES[f.type], checks=checks, nullable=not c.get("required", False),
                                    unique=c.get("unique", False), coerce=True)
    return pa.DataFrameSchema(columns, strict=True, ordered=True, name=table.name)


def conform(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Put the columns in schema order, coerce the types and validate; raises on a violation."""
    table = TABLES_BY_NAME[name]
    return pandera_schema(table).validate(frame[table.columns])


def datapackage(meta: dict) -> dict:
    """The Frictionless data package describing every processed table."""
    source = {"title": f"{meta['outlet']}, {meta['date']}: {meta['headline_vi']} ({meta['byline']})",
              "path": f"../raw/{meta['article_file']}"}
    resources = []
    for t in TABLES:
        fields = []
        for f in t.fields:
            item = {"name": f.name, "type": f.type, "description": f.description}
            if f.unit:
                item["unit"] = f.unit
            if f.constraints:
                item["constraints"] = dict(f.constraints)
            fields.append(item)
        resources.append({
            "name": t.name.replace("_", "-"), "path": t.path, "title": t.title, "description": t.description,
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "profile": "tabular-data-resource",
            "dialect": {"delimiter": ",", "header": True, "lineTerminator": "\n"},
            "schema": {"fields": fields, "missingValues": [""]},
            "sources": [source],
        })
    return {
        "name": "article-facts",
        "title": f"Facts from «{meta['headline_vi']}» ({meta['outlet']}, {meta['date']})",
        "description": "Numbers reported by one news article, each traced to a verbatim quote, with derived "
                       "values, consistency checks and comparisons. Built by the notebooks in notebooks/.",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
                      "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "sources": [source],
        "resources": resources,
    }


def codebook(meta: dict) -> str:
    """The codebook as Markdown: one table per processed file."""
    lines = [
        "# Codebook: data/processed",
        "",
        "Generated by `python -m articlefacts.schemas` from `src/articlefacts/schemas.py`; do not edit by hand.",
        f"Source of every number: {meta['outlet']}, {meta['date']}, «{meta['headline_vi']}» by {meta['byline']} "
        f"(`data/raw/{meta['article_file']}`). As of {meta['date']}. Licence: CC BY 4.0 for these tables; the quoted "
        "article text remains the publisher's.",
        "",
        "Offsets are character positions in the article text after NFC normalisation, with no-break spaces as "
        "spaces and runs of spaces folded to one. Formulas of derived values are in `derived.csv`, column `formula`.",
    ]
    for t in TABLES:
        lines += ["", f"## {t.path}: {t.title}", "", f"{t.description} Written by `notebooks/{t.notebook}.ipynb`.", "",
                  "| column | description | type | unit | source |", "|---|---|---|---|---|"]
        for f in t.fields:
            constraint = ", ".join(f"{k} {v}" for k, v in f.constraints.items() if k != "required")
            text = f.description + (f" ({constraint})" if constraint else "")
            lines.append(f"| `{f.name}` | {text.replace('|', '/')} | {f.type} | {f.unit} | {t.notebook} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> None:
    """Write datapackage.json and README.md into the processed directory (argv[0] or the default)."""
    from articlefacts.article import read_meta
    from articlefacts.outputs import write_text

    meta_path, out = (argv + [None, None])[:2]
    meta = read_meta(meta_path or META)
    out = resolve(out or PROCESSED_DIR)
    write_text(json.dumps(datapackage(meta), ensure_ascii=False, indent=2) + "\n", Path(out) / "datapackage.json")
    write_text(codebook(meta), Path(out) / "README.md")


if __name__ == "__main__":
    main(sys.argv[1:])


def load_table(name: str, directory: str | Path) -> pd.DataFrame:
    """Read a processed table back with its schema's types (empty text stays "", empty numbers NA)."""
    from articlefacts.article import read_bytes

    table = TABLES_BY_NAME[name]
    path = Path(directory) / table.path
    frame = pd.read_csv(io.BytesIO(read_bytes(path, f"Processed table '{name}'")), dtype=str,
                        keep_default_na=False, encoding="utf-8")
    for f in table.fields:
        frame[f.name] = frame[f.name].replace("", None)
        if f.type == "boolean":
            frame[f.name] = frame[f.name].map({"True": True, "False": False, None: None})
    frame = conform(frame, name)
    strings = [f.name for f in table.fields if f.type == "string"]
    frame[strings] = frame[strings].astype(object).fillna("")
    numbers = [f.name for f in table.fields if f.type == "number"]
    frame[numbers] = frame[numbers].astype(float)
    return frame
