"""The consistency audit: one row per check, with status pass, note, flag, fail or skipped.

A check kind that has nothing to check in an article gets one ``skipped`` row saying why, so the checks table
always shows every kind. The checks themselves are grouped by what they check: against the article's text
(:mod:`~articlefacts.checking.text_checks`), how facts relate (:mod:`~articlefacts.checking.structure_checks`)
and percentages and their rounding (:mod:`~articlefacts.checking.percent_checks`). A failed check stops the
build with one fix per kind that failed.
"""

from __future__ import annotations

import pandas as pd

from articlefacts.checking.check_rows import check_row
from articlefacts.checking.percent_checks import printed_share_checks, share_checks
from articlefacts.checking.structure_checks import comparability_checks, relation_checks
from articlefacts.checking.text_checks import text_checks
from articlefacts.errors import ArticleFactsError

__all__ = ["FIXES", "KINDS", "failure_fix", "run_checks", "stop_on_failures"]

KINDS = ("inventory", "repeat", "label", "reading", "subset", "parts_sum", "range", "bound", "whole_count",
         "printed_share", "whole", "period", "comparability")


FIXES = {
    "repeat": "a repeat must print the number of the fact it repeats, or a bound that holds it («hơn 200» for 214): "
              "check repeat_of and the quote",
    "subset": "a part or subset cannot exceed its whole: check the quote, the unit and parent_key",
    "parts_sum": "the parts of a split cannot add up to more than the whole: check the split names and quotes",
    "range": "a percentage lies between 0 and 100: check the quote",
    "bound": "a bounded share cannot exceed its whole: check parent_key",
    "period": "use years the article prints (or its date) in period",
    "inventory": "add each number to the facts or the not-data file",
}


def failure_fix(failed: pd.DataFrame) -> str:
    """The fix line for failed checks: one instruction per kind that failed, from :data:`FIXES`."""
    kinds = list(dict.fromkeys(failed["kind"]))
    return "; ".join(FIXES.get(k, "correct the facts file") for k in kinds) + "."


def stop_on_failures(checks: pd.DataFrame) -> None:
    """Raise :class:`ArticleFactsError` listing every failed check, with one fix per kind that failed."""
    failed = checks[checks["status"] == "fail"]
    if len(failed):
        details = "; ".join(failed["check_id"] + ": " + failed["detail"])
        raise ArticleFactsError(f"{len(failed)} checks failed: {details}", failure_fix(failed))


def run_checks(facts, repeats, derived, counts, inventory, meta, text: str = "") -> pd.DataFrame:
    """The whole audit; columns check_id, kind, status, detail. A kind with nothing to check is 'skipped'.
    ``text`` (the normalised article) lets the label check say when a label's words are everywhere."""
    rows = (text_checks(facts, repeats, inventory, meta, text) + relation_checks(facts)
            + share_checks(facts, derived, counts) + printed_share_checks(facts) + comparability_checks(facts))
    why = {"repeat": "no fact is repeated in the headline, teaser or lead",
           "subset": "no count is a part or subset of another count",
           "parts_sum": "the article splits no total into parts",
           "range": "the article gives no percentage", "bound": "no share is a bound («hơn», «gần» …)",
           "whole_count": "no exact percentage of an exact headcount",
           "printed_share": "no percentage is printed beside its count",
           "whole": "every percentage is a share of a number the article prints",
           "reading": "the coder marked no number as a reading",
           "comparability": "no measure is reported for two profile years"}
    present = {r["kind"] for r in rows}
    rows += [check_row(f"{kind}:none", kind, "skipped", why[kind]) for kind in KINDS if kind not in present]
    order = {kind: i for i, kind in enumerate(KINDS)}
    return pd.DataFrame(rows).sort_values("kind", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
