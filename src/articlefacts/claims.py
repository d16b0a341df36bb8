"""The sentences a reader sees, written from the article's own tables in English or Vietnamese.

Every template is in ``translations.csv`` (one row per string, both languages); every number comes
from the tables passed in. Nothing here knows which article it describes, so the same notebook is true for
every article it runs on.
"""

from __future__ import annotations

import pandas as pd

from articlefacts.i18n import capital, has, number, percent, t
from articlefacts.vocab import ARTICLE_ITSELF, HEADCOUNT, ROTATION_VI


def join(items: list[str], language: str) -> str:
    """'a, b and c' / 'a, b và c'."""
    items = [i for i in items if i]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {t('and', language)} " + items[-1]


def measure_label(measure: str, fact: pd.Series | None, language: str) -> str:
    """A measure's label: the built-in one, else what the fact counts (:func:`words`)."""
    if has(f"measure.{measure}"):
        return t(f"measure.{measure}", language)
    return "" if fact is None else words(fact, language)


def words(fact: pd.Series, language: str) -> str:
    """What a fact counts, in the language: in vi the facts file's ``label_vi`` where given, else the
    article's words (``term_vi``); in en their English gloss."""
    if language == "vi":
        return fact.get("label_vi") or fact["term_vi"]
    return fact["gloss_en"]


def bounded(text: str, bound: str, language: str) -> str:
    """``text`` with its bound in words: 'more than 80%' / 'hơn 80%'."""
    return t(f"bound.{bound or 'eq'}", language, x=text)


def share_text(value: float, decimals: int, bound: str, language: str) -> str:
    """A share (0–100) at the given decimals, with its bound in words."""
    return bounded(percent(value, language, int(decimals)), bound, language)


def count_text(value: float, bound: str, language: str) -> str:
    """A count with its bound in words."""
    return bounded(number(value, language), bound, language)


def source_person(fact: pd.Series, language: str) -> str:
    """Who gives a fact, as a sentence in ``language`` names them ('' for the article itself): in en, the
    facts file's ``attribution_en`` where given; in vi, a title such as «Ông» is lower-cased mid-sentence."""
    who = fact.get("attribution", "")
    if not who or who == ARTICLE_ITSELF:
        return ""
    if language == "en" and fact.get("attribution_en"):
        return fact["attribution_en"]
    if language == "vi" and who.split(" ", 1)[0] in ("Ông", "Bà", "Anh", "Chị", "Đồng"):
        who = who[:1].lower() + who[1:]
    return who


def attribution_text(fact: pd.Series, language: str) -> str:
    """' (figures given by …)' when a named source gives the fact, else ''."""
    who = source_person(fact, language)
    return t("attributed", language, who=who) if who else ""


# Notebook 02 ---------------------------------------------------------------------------------------

def year_sentence(profiles: pd.DataFrame, facts: pd.DataFrame, year: str, language: str) -> str:
    """One year's profile as a sentence: headcount, source, and every measure reported that year."""
    rows = profiles[(profiles["period"] == year) & (profiles["status"] == "reported")]
    head = facts.loc[rows["headcount_key"].iloc[0]]
    items = []
    for _, r in rows[rows["measure"] != HEADCOUNT].iterrows():
        fact = facts.loc[r["source_key"]]
        label = words(fact, language)
        value = share_text(r["share_pct"], r["share_decimals"], r["share_bound"], language) if pd.notna(
            r["share_pct"]) else ""
        if r["reported_as"] == "percent":
            items.append(t("p.item_share", language, label=label, value=value))
        else:
            items.append(t("p.item_count", language, label=label, value=value,
                           count=count_text(r["count"], r["count_bound"], language)))
    values = {"year": year, "n": count_text(head["value"], head["bound"], language), "who": words(head, language),
              "attribution": attribution_text(head, language), "items": "; ".join(items)}
    return t("p.year" if items else "p.year_bare", language, **values)


def reasons(a: pd.Series, b: pd.Series, head_a: pd.Series, head_b: pd.Series, language: str) -> list[str]:
    """Why two years' figures for a measure cannot be compared, in the language (empty if they can)."""
    out = []
    if a["population"] != b["population"] or head_a["term_vi"] != head_b["term_vi"]:
        out.append(t("p.reason.population", language, y0=a["period"], y1=b["period"], who0=words(head_a, language),
                     who1=words(head_b, language)))
    if a["term_vi"] != b["term_vi"]:
        out.append(t("p.reason.wording", language, a=a["term_vi"], b=b["term_vi"]))
    if a["unit"] != b["unit"]:
        out.append(t("p.reason.unit", language, y0=a["period"], y1=b["period"]))
    return out


def pair_values(profiles: pd.DataFrame, facts: pd.DataFrame, measure: str, language: str) -> dict:
    """The first and last reported year of a measure: values as text, headcounts, reasons, comparability."""
    rows = profiles[(profiles["measure"] == measure) & (profiles["status"] == "reported")]
    r0, r1 = rows.iloc[0], rows.iloc[-1]
    a, b = facts.loc[r0["source_key"]], facts.loc[r1["source_key"]]
    h0, h1 = facts.loc[r0["headcount_key"]], facts.loc[r1["headcount_key"]]
    return {"label": measure_label(measure, a, language), "y0": r0["period"], "y1": r1["period"],
            "v0": share_text(r0["share_pct"], r0["share_decimals"], r0["share_bound"], language),
            "v1": share_text(r1["share_pct"], r1["share_decimals"], r1["share_bound"], language),
            "n0": count_text(h0["value"], h0["bound"], language), "n1": count_text(h1["value"], h1["bound"], language),
            "who0": words(h0, language), "who1": words(h1, language),
            "w0": words(a, language), "w1": words(b, language), "s0": r0["share_pct"], "s1": r1["share_pct"],
            "decimals": int(min(r0["share_decimals"], r1["share_decimals"])),
            "comparable": bool(r1["comparable"]) if pd.notna(r1["comparable"]) else False,
            "change": r1["change_pp"], "reasons": reasons(a, b, h0, h1, language)}


def change_sentence(v: dict, language: str) -> str:
    """How a comparable share moved between two years ('rose from … to …, N percentage points'), from
    :func:`pair_values`; the difference carries the decimals of the less precise of the two shares."""
    kind = "p.rose" if v["change"] > 0 else "p.fell" if v["change"] < 0 else "p.same"
    return t(kind, language, **v, diff=number(abs(v["change"]), language, v["decimals"]))


def paired_measures(profiles: pd.DataFrame) -> list[str]:
    """Measures (not the headcount) with a share reported in two or more years."""
    rep = profiles[(profiles["status"] == "reported") & profiles["share_pct"].notna()
                   & (profiles["measure"] != HEADCOUNT)]
    counts = rep.groupby("measure", sort=False)["period"].nunique()
    return [m for m, n in counts.items() if n >= 2]


def profile_findings(profiles: pd.DataFrame, facts: pd.DataFrame, language: str) -> list[str]:
    """The findings of notebook 02: each year's profile, then each measure two years report, then the rest."""
    years = list(dict.fromkeys(profiles["period"]))
    if not years:
        return [t("p.none", language)]
    return [capital(s) for s in profile_sentences(profiles, facts, years, language)]


def profile_sentences(profiles: pd.DataFrame, facts: pd.DataFrame, years: list[str], language: str) -> list[str]:
    """The sentences of :func:`profile_findings`, before capitalisation."""
    out = [year_sentence(profiles, facts, y, language) for y in years]
    if len(years) == 1:
        return out + [t("p.one_year", language, year=years[0])]
    for measure in paired_measures(profiles):
        v = pair_values(profiles, facts, measure, language)
        if v["comparable"] and pd.notna(v["change"]):
            out.append(change_sentence(v, language))
        else:
            out.append(t("p.not_comparable", language, **{**v, "reasons": "; ".join(v["reasons"])}))
    for year in years:
        reported = profiles[profiles["status"] == "reported"]
        only = [m for m in reported.loc[reported["period"] == year, "measure"]
                if m != HEADCOUNT and reported.loc[reported["measure"] == m, "period"].nunique() == 1]
        if only and len(years) > 1:
            labels = [words(facts.loc[profiles.loc[(profiles["measure"] == m) & (profiles["period"] == year),
                                                              "source_key"].iloc[0]], language) for m in only]
            out.append(t("p.only_year", language, year=year, labels=join(labels, language)))
    return out


# Notebook 03 ---------------------------------------------------------------------------------------

def split_name(split: str, language: str) -> str:
    """A split's name in the language: built in for bloc and outcome, else as the facts file names it."""
    if has(f"split.{split}"):
        return t(f"split.{split}", language)
    # A split named in the facts file has no Vietnamese name: the vi edition leaves it out.
    return split.replace("_", " ") if language == "en" else ""


def flow_label(row: pd.Series, facts: pd.DataFrame, language: str) -> str:
    """The label of a row of the flows table: the article's words, or the rest's description."""
    if row["relation"] == "rest":
        return t("r.rest_split", language)
    if row["relation"] == "subset_rest":
        return t("r.rest_subset", language, label=words(facts.loc[row["group"]], language))
    return words(facts.loc[row["key"]], language)


def part_text(r: pd.Series, facts: pd.DataFrame, language: str) -> str:
    """One part of a split with its count: '10 from the government bloc' / 'khối chính quyền 16 người'."""
    return t("r.part", language, n=count_text(r["count"], r["bound"], language), unit=t(f"unit.{r['unit']}", language),
             label=flow_label(r, facts, language))


def whole_words(parent: pd.Series, language: str) -> str:
    """The words for the whole a rotation split divides. A top-level rotation total whose Vietnamese words
    do not name the rotation (:data:`articlefacts.vocab.ROTATION_VI`) gets ``r.whole_rotated`` («… được luân
    chuyển»; the English gloss already says 'rotated')."""
    who = words(parent, language)
    if parent["topic"] == "rotation" and not parent["parent_key"] and ROTATION_VI not in words(parent, "vi"):
        who = t("r.whole_rotated", language, who=who)
    return who


def period_caveat(whole: pd.Series, period: str, language: str) -> str:
    """The sentence that says a whole is counted in another period than its parts ('' when it is not)."""
    if whole["period"] == period:
        return ""
    return t("r.period_caveat", language, total=number(whole["value"], language), period=whole["period"],
             period2=period)


def rotation_findings(flows: pd.DataFrame, facts: pd.DataFrame, language: str) -> list[str]:
    """The findings of notebook 03: each split on its own, then each subset beside its whole."""
    if flows.empty:
        return [t("r.none", language)]
    out = []
    splits = flows[flows["relation"].isin(("part", "rest"))]
    for split, group in splits.groupby("group", sort=False):
        parent = facts.loc[group["parent_key"].iloc[0]]
        parts = [part_text(r, facts, language) for _, r in group.iterrows()]
        name = split_name(split, language)
        text = t("r.split" if name else "r.split.unnamed", language, split=name, who=whole_words(parent, language),
                 total=count_text(parent["value"], parent["bound"], language),
                 parts="; ".join(parts) if language == "vi" else join(parts, language))
        out.append(" ".join(filter(None, (text, period_caveat(parent, facts.loc[group["key"].iloc[0], "period"],
                                                                language)))))
    for key, group in flows[flows["relation"] == "subset"].groupby("group", sort=False):
        r = group.iloc[0]
        parent, sub = facts.loc[r["parent_key"]], facts.loc[key]
        text = t("r.subset", language, n=count_text(r["count"], r["bound"], language), label=words(sub, language),
                 unit=t(f"unit.{r['unit']}", language),
                 total=count_text(parent["value"], parent["bound"], language), parent=words(parent, language),
                 share=share_text(r["share_pct"], r["share_decimals"], r["share_bound"], language))
        out.append(" ".join(filter(None, (text, period_caveat(parent, sub["period"], language)))))
    if splits["group"].nunique() > 1:
        out.append(t("r.uncrossed", language))
    return [capital(s) for s in out]


# Notebook 01 and display tables ---------------------------------------------------------------------

def plural(n: int, noun: str) -> str:
    """'1 flag', '3 flags' (English)."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def table_heading(table: pd.DataFrame, language: str) -> str:
    """The heading over the profiles or flows table, a claim with its counts."""
    if "measure" in table:
        reported = table["status"].eq("reported") & table["measure"].ne(HEADCOUNT)
        return t("head.profiles", language, n=int(reported.sum()), m=int((~table["status"].eq("reported")).sum()),
                 k=table["measure"].nunique() - (HEADCOUNT in set(table["measure"])), y=table["period"].nunique())
    splits = table.loc[table["relation"] == "part", "group"].nunique()
    subsets = table.loc[table["relation"] == "subset", "group"].nunique()
    return t("head.flows", language, s=splits, b=subsets)


def audit_summary(tables, language: str = "en") -> dict[str, str]:
    """Headings and the summary of notebook 01, with this article's counts (English: notebook 01 is in English)."""
    inv, checks, facts = tables.inventory, tables.checks, tables.facts
    by = inv["status"].value_counts()
    st = checks["status"].value_counts()
    tokens = (f"all {plural(len(inv), 'number token')} are accounted for: {plural(by.get('fact', 0), 'fact')}, "
              f"{plural(by.get('repeat', 0), 'repeat')} and {by.get('not_data', 0)} not data")
    audit = (f"the audit ran {plural(len(checks), 'check')}: {st.get('pass', 0)} pass, "
             f"{plural(st.get('flag', 0), 'flag')}, {plural(st.get('note', 0), 'note')}, "
             f"{st.get('skipped', 0)} skipped, {st.get('fail', 0)} fail")
    unproved = int((checks.loc[checks["kind"] == "label", "status"] != "pass").sum())
    labels = ("its label found in the same sentence" if not unproved else
              f"{len(facts) - unproved} with the label found in the same sentence and {unproved} without "
              "(flagged in the audit, check kind 'label')")
    named = sorted({source_person(fact, language) for _, fact in facts.iterrows()} - {""})
    who = (f"; {sum(facts['attribution'] != ARTICLE_ITSELF)} of them are attributed to {join(named, language)}"
           if named else "")
    return {
        "tokens": f"Finding: {tokens}",
        "facts": f"Finding: {len(facts)} facts, each quoted once, {labels}{who}",
        "derived": f"Finding: {len(tables.derived)} derived values, each a formula over fact keys",
        "audit": f"Finding: {audit}",
        "summary": (f"{len(facts)} numbers are taken from «{tables.meta['headline_vi']}» ({tables.meta['outlet']}, "
                    f"{tables.meta['date']}), each parsed from a quote found in the text; {tokens}. "
                    f"{len(tables.derived)} values are derived by formula, and {audit}."),
    }


def people_text(r: pd.Series, headcount: float, language: str) -> str:
    """How many people a row of the profiles table stands for, in words: '24 people', 'at least 185 people',
    '≈ 185–190 people' (every whole count the printed share fits), '≈ 363 people'; '' for no share or count."""
    if pd.notna(r["count"]) and r["reported_as"] != "percent":
        return count_text(r["count"], r["count_bound"], language) + " " + t("unit.people", language)
    if r["count_bound"] == "ge":
        return t("fig.people_least", language, n=number(r["count"], language))
    if pd.notna(r["count_min"]) and r["count_min"] != r["count_max"]:
        return t("fig.people_range", language, lo=number(r["count_min"], language), hi=number(r["count_max"], language))
    if pd.isna(r["share_pct"]):
        return ""
    return t("fig.people_about", language, n=number(round(r["share_pct"] * headcount / 100), language))


def profile_display(profiles: pd.DataFrame, facts: pd.DataFrame, language: str) -> pd.DataFrame:
    """The profiles table for reading: label, year, status, value as printed, people."""
    rows = []
    for _, r in profiles.iterrows():
        fact = facts.loc[r["source_key"]] if r["source_key"] else None
        value = ("" if pd.isna(r["share_pct"]) else share_text(r["share_pct"], r["share_decimals"], r["share_bound"],
                                                               language))
        people = people_text(r, r["headcount"], language) if r["status"] == "reported" else ""
        same = facts[facts["measure"] == r["measure"]]
        named = fact if fact is not None else same.iloc[0]
        rows.append({"label": words(named, language), "period": r["period"],
                     "status": r["status"], "printed": value, "people": people, "source_key": r["source_key"]})
    return pd.DataFrame(rows)


def flows_display(flows: pd.DataFrame, facts: pd.DataFrame, language: str) -> pd.DataFrame:
    """The rotation flows for reading: split, part, count, share of the whole, status and formula."""
    return pd.DataFrame([{
        "group": (split_name(r["group"], language) or "—") if r["relation"] in ("part", "rest")
        else words(facts.loc[r["group"]], language),
        "part": flow_label(r, facts, language), "count": count_text(r["count"], r["bound"], language),
        "share": share_text(r["share_pct"], r["share_decimals"], r["share_bound"], language),
        "status": r["status"], "formula": r["formula"]} for _, r in flows.iterrows()],
        columns=["group", "part", "count", "share", "status", "formula"])
