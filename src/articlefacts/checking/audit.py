"""The consistency audit: one row per check, with status pass, note, flag, fail or skipped.

A check kind that has nothing to check in an article gets one ``skipped`` row saying why, so the
checks table always shows every kind. Rounding: a printed share is flagged only when no whole count
fits it under the usual half-up rounding; one that fits only under half-up gets a note.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

import pandas as pd

from articlefacts.errors import ArticleFactsError
from articlefacts.i18n import number, percent, t
from articlefacts.reading.article import sentence_span
from articlefacts.reading.numbers import YEAR_RE
from articlefacts.vocab import COUNT_UNITS, HEADCOUNT, NOT_LEVELS, ROUNDING_RULES

RULE_NAMES = {"half_up": "rounded half up", "truncate": "truncated"}
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


def check_row(check_id: str, kind: str, status: str, detail: str) -> dict:
    """One row of the checks table."""
    return {"check_id": check_id, "kind": kind, "status": status, "detail": detail}


def interval(value: float, bound: str, unit: str) -> tuple[float, float]:
    """The values a number with a bound can stand for: «hơn 11» people is [12, ∞); a percentage stays in 0–100."""
    step = 1 if unit in COUNT_UNITS else 0
    top = 100.0 if unit == "percent" else math.inf
    return {"eq": (value, value), "gt": (value + step, top), "ge": (value, top), "lt": (0.0, value - step),
            "le": (0.0, value), "approx": (0.0, top)}[bound]


def shown(row: pd.Series) -> str:
    """A fact's value as English writes it, with its bound in words (the translation table's English): 'more
    than 11', '89.62%', '1,200'; the checks table is in English, so «89,62%» is not shown as printed here."""
    if row["unit"] == "percent":
        value = percent(row["value"], "en", int(row["decimals"]))
    else:
        value = f"{row['value']:.0f}" if row["unit"] == "year" else number(row["value"], "en")
    return t(f"bound.{row['bound']}", "en", x=value)


def printed_percent(count: int, whole: int, decimals: int, rule: str) -> Fraction:
    """count/whole as a percentage printed with ``decimals`` places under ``rule``."""
    scaled = Fraction(100 * count, whole) * 10**decimals
    printed = math.floor(scaled + Fraction(1, 2)) if rule == "half_up" else math.floor(scaled)
    return Fraction(printed, 10**decimals)


def percent_counts(facts: pd.DataFrame) -> pd.DataFrame:
    """For each exact share of an exact count: the whole counts it can stand for, per rounding rule.

    One row per share and rule: fact_key, percent, decimals, denominator_key, denominator, rule, n_candidates,
    count_min, count_max, candidates, nearest. An article without such a share gives an empty table.
    """
    rows = []
    shares = facts[(facts["relation"] == "share") & (facts["bound"] == "eq") & facts["parent_key"].ne("")]
    for key, row in shares.iterrows():
        parent = facts.loc[row["parent_key"]]
        if parent["unit"] not in COUNT_UNITS or parent["bound"] != "eq":
            continue
        whole, percent, decimals = int(parent["value"]), Fraction(str(row["value"])), int(row["decimals"])
        for rule in ROUNDING_RULES:
            hits = [c for c in range(whole + 1) if printed_percent(c, whole, decimals, rule) == percent]
            low = math.floor(percent * whole / 100)
            nearest = "" if hits else "; ".join(
                f"{c} → {float(printed_percent(c, whole, decimals, rule)):.{decimals}f}%" for c in (low, low + 1))
            rows.append({"fact_key": key, "percent": row["value"], "decimals": decimals,
                         "denominator_key": row["parent_key"], "denominator": whole, "rule": rule,
                         "n_candidates": len(hits), "count_min": min(hits) if hits else pd.NA,
                         "count_max": max(hits) if hits else pd.NA, "candidates": ";".join(map(str, hits)),
                         "nearest": nearest})
    columns = ["fact_key", "percent", "decimals", "denominator_key", "denominator", "rule", "n_candidates",
               "count_min", "count_max", "candidates", "nearest"]
    return pd.DataFrame(rows, columns=columns).astype({"count_min": "Int64", "count_max": "Int64"})


def count_interval(row: pd.Series, facts: pd.DataFrame) -> tuple[float, float]:
    """The counts a part of a split can stand for: its own interval, or for a share printed as a part, the
    counts of the whole it implies: «hơn 80%» of 230 is 185 or more; «6,3%» of 143 is the whole counts that
    round to it (9), or the two nearest when none does."""
    if row["unit"] != "percent":
        return interval(row["value"], row["bound"], row["unit"])
    whole = facts.loc[row["parent_key"], "value"]
    if row["bound"] == "eq":  # a printed share stands for the whole counts that round to it
        half = 0.5 / 10 ** int(row["decimals"])
        low, high = math.ceil((row["value"] - half) * whole / 100), math.floor((row["value"] + half) * whole / 100)
        exact = row["value"] * whole / 100
        return (low, high) if low <= high else (math.floor(exact), math.ceil(exact))
    low, high = interval(row["value"], row["bound"], "percent")
    least = math.floor(low * whole / 100) + 1 if row["bound"] == "gt" else math.ceil(low * whole / 100)
    return least, high * whole / 100


def relation_checks(facts: pd.DataFrame) -> list[dict]:
    """Each counted part or subset against its parent, and each split's parts (counts, or shares of the whole
    printed as parts) against the whole. Parts whose total the article does not print have nothing to add up to."""
    rows = []
    counted = facts[facts["unit"].isin(COUNT_UNITS) & facts["relation"].isin(("part", "subset"))
                    & facts["parent_key"].ne("")]
    for key, row in counted.iterrows():
        parent = facts.loc[row["parent_key"]]
        ok = interval(row["value"], row["bound"], row["unit"])[0] <= interval(parent["value"], parent["bound"],
                                                                              parent["unit"])[1]
        rows.append(check_row(f"subset:{key}", "subset", "pass" if ok else "fail",
                              f"{key} = {shown(row)} {'fits within' if ok else 'exceeds'} {row['parent_key']} = "
                              f"{shown(parent)}"))
    in_splits = facts[facts["split"].ne("") & facts["parent_key"].ne("")]
    for (parent_key, split), parts in in_splits.groupby(["parent_key", "split"], sort=False):
        parent = facts.loc[parent_key]
        spans = [count_interval(r, facts) for _, r in parts.iterrows()]
        low, high = sum(s[0] for s in spans), sum(s[1] for s in spans)
        p_low, p_high = interval(parent["value"], parent["bound"], parent["unit"])
        printed = [shown(r) + (f" (of {parent['value']:g}: {s[0]:g}" + (" or more" if r["bound"] != "eq" else
                                                                           "" if s[0] == s[1] else f"–{s[1]:g}") + ")"
                               if r["unit"] == "percent" else "")
                   for (_, r), s in zip(parts.iterrows(), spans, strict=True)]
        detail = (f"{' + '.join(parts.index)} = {' + '.join(printed)}"
                  + (f" = {low:g}{'' if low == high else ' or more'}" if len(parts) > 1 else ", the one part given")
                  + f"; {parent_key} = {shown(parent)}")
        if low > p_high:
            status = "fail"
        elif high < p_low:
            status, detail = "note", detail + "; the parts do not cover the whole, the rest is derived"
        else:
            status = "pass"
            if parent["bound"] != "eq":
                detail += f"; {low:g} is consistent with '{shown(parent)}'"
        rows.append(check_row(f"sum:{parent_key}:{split}", "parts_sum", status, detail))
    return rows


def printed_share_checks(facts: pd.DataFrame) -> list[dict]:
    """Each percentage printed beside a count against that count over its whole, rounded as printed; and each
    share whose whole the article does not print, said to be uncheckable (a note, not a failure)."""
    rows = []
    for key, row in facts[facts["relation"] == "printed_share"].iterrows():
        count = facts.loc[row["parent_key"]]
        if not count["parent_key"] or count["bound"] != "eq" or facts.loc[count["parent_key"], "bound"] != "eq":
            rows.append(check_row(f"printed_share:{key}", "printed_share", "note",
                                  f"{shown(row)} is printed beside {row['parent_key']} = {shown(count)}, whose "
                                  "whole is not printed exactly: the pair cannot be checked"))
            continue
        whole = int(facts.loc[count["parent_key"], "value"])
        fits = {rule: printed_percent(int(count["value"]), whole, int(row["decimals"]), rule)
                for rule in ROUNDING_RULES}
        printed = Fraction(str(row["value"]))
        exact = f"{float(100 * Fraction(int(count['value']), whole)):.{int(row['decimals']) + 1}f}%"
        detail = (f"{row['parent_key']} = {shown(count)} of {count['parent_key']} = {number(whole, 'en')} is "
                  f"{exact}; printed {shown(row)}")
        status = "pass" if fits["half_up"] == printed else "note" if fits["truncate"] == printed else "flag"
        detail += {"pass": ", which agrees (rounded half up)", "note": ", which agrees only if truncated",
                   "flag": f", which disagrees: rounded as printed it is "
                           f"{float(fits['half_up']):.{int(row['decimals'])}f}%"}[status]
        rows.append(check_row(f"printed_share:{key}", "printed_share", status, detail))
    for key, row in facts[(facts["relation"] == "share") & facts["parent_key"].eq("")].iterrows():
        rows.append(check_row(f"whole:{key}", "whole", "note",
                              f"{shown(row)} is a share of «{row['whole_vi']}» ({row['whole_en']}), which the "
                              "article does not print: no count is derived from it, and none can be checked"))
    return rows


def share_checks(facts: pd.DataFrame, derived: pd.DataFrame, counts: pd.DataFrame) -> list[dict]:
    """Range of every percentage, bounded shares against their whole, and the whole counts behind each share."""
    rows = []
    for key, row in facts[facts["relation"].isin(("share", "printed_share"))].iterrows():
        ok = 0 <= row["value"] <= 100
        rows.append(check_row(f"range:{key}", "range", "pass" if ok else "fail",
                              f"{shown(row)} lies {'within' if ok else 'outside'} 0–100%"))
        if f"min_count_{key}" in derived.index:
            least, whole = derived.loc[f"min_count_{key}", "value"], facts.loc[row["parent_key"], "value"]
            rows.append(check_row(
                f"bound:{key}", "bound", "pass" if least <= whole else "fail",
                f"'{shown(row)}' of {row['parent_key']} = {whole:g}: at least {least:g} "
                f"{facts.loc[row['parent_key'], 'unit']}"
                f", read as a share of all {whole:g}" + (f" ({row['note']})" if row["note"] else "")))
    for key, group in counts.groupby("fact_key", sort=False):
        by_rule = group.set_index("rule")
        half, trunc = by_rule.loc["half_up"], by_rule.loc["truncate"]
        status = ("pass" if half["n_candidates"] and trunc["n_candidates"]
                  else "note" if half["n_candidates"] else "flag")
        detail = "; ".join(
            f"{RULE_NAMES[rule]}: "
            + (f"{r['candidates'].replace(';', ', ')} of {r['denominator']}" if r["n_candidates"]
               else f"no whole number of {r['denominator']} (nearest {r['nearest']})")
            for rule, r in by_rule.iterrows())
        places = int(group["decimals"].iloc[0])
        rows.append(check_row(f"whole_count:{key}", "whole_count", status,
                              f"{group['percent'].iloc[0]:g}% of {number(group['denominator'].iloc[0], 'en')} "
                              f"printed to {places} decimal{'' if places == 1 else 's'}; {detail}"))
    return rows


def source_period(fact: pd.Series) -> str:
    """The years the fact's source covers when its words print other years than the fact's period («báo cáo …
    giai đoạn 2016-2020» for a fact of 2016–2021): '2016–2020'; '' when they print none or the same."""
    source = sorted(int(y) for y in YEAR_RE.findall(fact["attribution"]))
    own = sorted(int(y) for y in re.findall(r"\d{4}", fact["period"]))
    if not source or not own or (source[0], source[-1]) == (own[0], own[-1]):
        return ""
    return f"{source[0]}–{source[-1]}"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of ``text`` (:func:`articlefacts.reading.article.sentence_span`, line by line)."""
    spans, at = [], 0
    while at < len(text):
        if text[at].isspace():
            at += 1
            continue
        span = sentence_span(text, at)
        spans.append(span)
        at = max(span[1], at + 1)
    return spans


def text_checks(facts: pd.DataFrame, repeats: pd.DataFrame, inventory: pd.DataFrame, meta: dict,
                text: str = "") -> list[dict]:
    """Every token accounted for, repeats equal to their fact (or a bound that holds it), label words in the quote's
    sentence (a word found in a third or more of the article's sentences, given ``text``, proves little: a note),
    readings, and known years."""
    missing = inventory[inventory["status"] == "unaccounted"]
    rows = [check_row("inventory:coverage", "inventory", "fail" if len(missing) else "pass",
                      f"{len(inventory) - len(missing)} of {len(inventory)} number tokens are a fact, a repeat or "
                      "not data" + (f"; unaccounted: {', '.join(missing['token'])}" if len(missing) else ""))]
    for key, row in repeats.iterrows():
        fact = facts.loc[row["repeat_of"]]
        same = row["value"] == fact["value"] and row["bound"] == fact["bound"]
        low, high = interval(row["value"], row["bound"], row["unit"])
        holds = not same and fact["bound"] == "eq" and row["bound"] != "eq" and low <= fact["value"] <= high
        verb = "repeats" if same else "is consistent with (a bound that holds)" if holds else "differs from"
        rows.append(check_row(f"repeat:{key}", "repeat", "pass" if same or holds else "fail",
                              f"«{row['quote']}» ({row['part']}) {verb} {row['repeat_of']} = {shown(fact)}"))
    for key, row in facts[facts["reading"] != ""].iterrows():
        found = row["reading"].lower() in row["context"].lower()
        rows.append(check_row(f"reading:{key}", "reading", "note" if found else "flag",
                              f"a coder's reading of «{row['reading']}»: shown with the number wherever it is used"
                              + ("" if found else "; the words do not occur in the quote's sentence")))
    sentences = [text[a:b].lower() for a, b in sentence_spans(text)] if text else []
    for key, row in facts.iterrows():
        term = row["term_vi"].lower()
        found = term in row["context"].lower()
        common = sum(term in sentence for sentence in sentences)
        if found and sentences and common >= max(3, len(sentences) / 3):
            rows.append(check_row(f"label:{key}", "label", "note",
                                  f"«{row['term_vi']}» occurs in the quote's sentence, but also in {common} of the "
                                  f"article's {len(sentences)} sentences, so finding it there proves little"
                                  + (f"; the label shown is «{row['label_vi']}»" if row.get("label_vi") else "")))
            continue
        rows.append(check_row(f"label:{key}", "label", "pass" if found else "flag",
                              f"«{row['term_vi']}» occurs in the quote's sentence" if found else
                              f"«{row['term_vi']}» does not occur in the quote's sentence, so the article does not "
                              "show that the number counts what the label says: set term_vi to words of that sentence"))
    printed = {int(y) for token in inventory["token"] for y in YEAR_RE.findall(token)}
    years = printed | {int(meta["date"][:4])}
    for key, row in facts.iterrows():
        stated = {int(y) for y in re.findall(r"\d{4}", row["period"])}
        unknown = stated - years
        printed_years = (f"uses years the article does not print: {sorted(unknown)} (a reading, such as «5 năm "
                         "qua» counted back from the article's year; say so in the note)" if unknown
                         else "uses years the article prints or its date")
        other = source_period(row)
        source = f"; its source («{row['attribution']}») covers {other}, another period" if other else ""
        rows.append(check_row(f"period:{key}", "period",
                              "fail" if not stated else "flag" if unknown or other else "pass",
                              f"period '{row['period']}' {printed_years}{source}"))
    return rows


def comparability_checks(facts: pd.DataFrame) -> list[dict]:
    """For each measure two profile years report: same population, same wording? Else a flag. (A count in one
    year and a percentage in the other compare as shares of each year's headcount.)"""
    rows = []
    profile = facts[(facts["topic"] == "profile") & ~facts["relation"].isin(NOT_LEVELS)]
    heads = profile[profile["measure"] == HEADCOUNT].sort_values("period")
    for measure, group in profile.groupby("measure", sort=False):
        if group["period"].nunique() < 2:
            continue
        group = group.sort_values("period")
        a, b = group.iloc[0], group.iloc[-1]
        reasons = []
        if measure == HEADCOUNT:
            if a["term_vi"] != b["term_vi"] or a["population"] != b["population"]:
                reasons.append(f"{a['period']}: {a['value']:g} {a['gloss_en']} («{a['term_vi']}»); "
                               f"{b['period']}: {b['value']:g} {b['gloss_en']} («{b['term_vi']}»)")
        else:
            if a["population"] != b["population"]:
                reasons.append(f"population differs ({a['population']} / {b['population']})")
            if a["term_vi"] != b["term_vi"]:
                reasons.append(f"wording differs («{a['term_vi']}» / «{b['term_vi']}»)")
        rows.append(check_row(f"comparability:{measure}", "comparability", "flag" if reasons else "pass",
                              "; ".join(reasons) or "same measure and population"))
    if len(heads) < 2:
        rows = rows or []
    return rows


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
