"""Hand-coded facts: each row is a verbatim quote; its value is parsed from the quote, never typed.

The facts file's columns are described in docs/input-format.md. The built facts table is indexed by
``key`` from the moment it is built.
"""

from __future__ import annotations

import difflib
import unicodedata

import pandas as pd

from articlefacts.errors import ArticleFactsError
from articlefacts.paths import relative, resolve
from articlefacts.reading.article import part_at, sentence_span
from articlefacts.reading.codebook import INPUT_TABLES_FILE, columns
from articlefacts.reading.inputs import read_csv_table
from articlefacts.reading.numbers import (
    TOKEN_RE,
    check_whole_count,
    find_number_tokens,
    find_word_numbers,
    parse_vi_number,
    read_qualifier,
    split_multiplier,
)
from articlefacts.reading.schemas import check_input
from articlefacts.reading.units import check_units
from articlefacts.vocab import DURATION_UNITS, HEADCOUNT, OWN_VOICE_FILLERS, is_count

# The columns a facts file must have (cells may be empty where input_tables.json allows); every other
# column input_tables.json defines may be left out, and reads as empty.
COLUMNS = ("key", "topic", "measure", "period", "unit", "parent_key", "split", "quote", "term_vi", "gloss_en")
OPTIONAL = tuple(c for c in columns("facts_file", INPUT_TABLES_FILE) if c not in COLUMNS)


def infer_relation(row: pd.Series) -> str:
    """The relation a row states, or the one its columns imply when the cell is empty (see the input format):
    a percentage with a parent or a described whole is a ``share``; a count with a split is a ``part`` (of
    its parent, or of a total the article does not print); any other count with a parent is a ``subset``."""
    if row["relation"]:
        return row["relation"]
    if row["unit"] == "percent":
        return "share" if row["parent_key"] or row["whole_vi"] else ""
    if row["split"]:
        return "part"
    return "subset" if row["parent_key"] else ""


def relation_problem(row: pd.Series, units: dict[str, str]) -> tuple[str, str] | None:
    """What is wrong with a row's relation to its parent, as (problem, fix), or None.

    The rules are those of docs/input-format.md: a subset, printed share and change need a parent; a share
    needs a parent or the words of its whole (``whole_vi``, ``whole_en``); a part needs a split; a percentage
    is a share, a printed share or a change; a part or subset counts in its parent's unit; a share is of a
    count; a printed share is printed beside a count.
    """
    relation, parent, parent_unit = row["relation"], row["parent_key"], units.get(row["parent_key"])
    if relation in ("subset", "printed_share") and not parent:
        what = "the count it is printed beside" if relation == "printed_share" else "the fact it is part of"
        return (f"a {relation} needs {what}, but parent_key is empty",
                "set parent_key to the key of " + ("that count." if relation == "printed_share"
                                                   else "the fact that counts the whole."))
    if relation == "share" and not parent and not (row["whole_vi"] and row["whole_en"]):
        return ("a share needs its whole: parent_key is empty and whole_vi or whole_en too",
                "set parent_key to the count it is a share of; if the article does not print that count, write "
                "the article's words for it in whole_vi and their English gloss in whole_en.")
    if (row["whole_vi"] or row["whole_en"]) and (relation not in ("share", "target") or parent):
        return ("whole_vi and whole_en are only for a share whose whole the article does not print",
                "empty them, or empty parent_key if the article does not print the whole.")
    if row["unit"] == "percent" and relation not in ("share", "printed_share", "change", "target"):
        return ("a percentage must be a share, a printed share, a change or a target",
                "set relation to 'share' (with parent_key, or whole_vi and whole_en), 'printed_share' (with the "
                "count it is printed beside as parent_key) or 'change'; if the number is a count, correct the unit.")
    if relation == "part" and not row["split"]:
        return "a part needs the name of its split", "fill in 'split' (e.g. bloc, outcome, destination)."
    if row["split"] and relation not in ("part", "share"):
        return (f"a {relation or 'fact without a parent'} cannot belong to a split",
                "empty 'split', or set relation to 'part' (a count) or 'share' (a percentage of the split's whole).")
    if relation in ("part", "subset") and row["unit"] in DURATION_UNITS:
        return (f"a duration ({row['unit']}) is not a count of anything, so it cannot be a {relation}",
                "empty parent_key, relation and split: a duration stands on its own.")
    if relation == "part" and not is_count(row["unit"]):
        return (f"a part counts people, communes or things, not {row['unit']}",
                "correct the unit or the relation.")
    if relation in ("part", "subset") and parent_unit and parent_unit != row["unit"]:
        return (f"a {relation} counts {row['unit']}, its parent '{parent}' {parent_unit}",
                "a part or subset is counted in the unit of its whole: correct one of the two units.")
    if relation in ("share", "printed_share") and parent and not is_count(parent_unit):
        return (f"a {relation} of '{parent}', which counts {parent_unit}",
                "a share is a percentage of a count (people, communes, departments …): correct parent_key.")
    if relation == "printed_share" and row["unit"] != "percent":
        return "a printed share is a percentage", "set unit to 'percent', or correct the relation."
    return None


def own_voice(facts: pd.DataFrame) -> pd.DataFrame:
    """``facts`` (the facts file's rows) with the article named as its own source («bài báo», "the article") read as
    an empty attribution, the article's own voice, and an ``attribution_en`` that only repeats it emptied too."""
    def filler(column: str) -> pd.Series:
        return facts[column].str.strip().str.casefold().isin(OWN_VOICE_FILLERS)

    own = filler("attribution")
    facts.loc[own, "attribution"] = ""
    facts.loc[own & (filler("attribution_en") | facts["attribution_en"].eq("")), "attribution_en"] = ""
    return facts


def read_facts(path) -> pd.DataFrame:
    """Read and check the facts file; returns one row per line (repeats included), all strings.

    The columns are checked against ``input_tables.json`` (required cells, vocabularies, a unique key); then
    the relations between rows (:func:`relation_problem`): parents that exist and count in the right unit, a
    split for every part and one parent per split, a repeat_of that names a fact. Raises
    :class:`ArticleFactsError` naming the file, the key and the fix.
    """
    facts = read_csv_table(path, "Facts file", COLUMNS, (), OPTIONAL)
    name = relative(resolve(path))
    check_units(facts, f"Facts file {name}")
    check_input(facts, "facts_file", f"Facts file {name}")
    facts = own_voice(facts)
    facts["relation"] = facts.apply(infer_relation, axis=1)
    keys = set(facts["key"])
    units = dict(zip(facts["key"], facts["unit"], strict=True))
    repeats = {k: r for k, r in zip(facts["key"], facts["repeat_of"], strict=True) if r}
    split_parents: dict[tuple[str, str], str] = {}
    # A split named again under another population's headcount (two populations in one year, each with its own
    # split by the same levels) is that population's own split, not a part given the wrong parent.
    headcount_keys = set(facts.loc[facts["measure"].eq(HEADCOUNT) & facts["topic"].eq("profile"), "key"])

    def refuse(row, what, fix):
        raise ArticleFactsError(f"Facts file {name}, fact '{row['key']}': {what}", fix)

    for _, row in facts.iterrows():
        if row["parent_key"] and row["parent_key"] not in keys:
            refuse(row, f"its parent fact '{row['parent_key']}' is missing",
                   "add the fact that counts the whole, or correct parent_key.")
        repeated = repeats.get(row["parent_key"])
        if repeated:
            refuse(row, f"its parent '{row['parent_key']}' is a repeat of '{repeated}', not a fact of its own",
                   f"set parent_key to '{repeated}'.")
        problem = None if row["repeat_of"] else relation_problem(row, units)
        if problem:
            refuse(row, *problem)
        if row["split"] and not row["repeat_of"]:
            own = row["parent_key"] if row["parent_key"] in headcount_keys else ""
            first = split_parents.setdefault((row["split"], own), row["parent_key"])
            if first != row["parent_key"]:
                refuse(row, f"the split '{row['split']}' has parts of '{first or 'no printed total'}' and of "
                            f"'{row['parent_key'] or 'no printed total'}'",
                       "give every part of one split the same parent_key, or name the two splits differently.")
        if row["measure"] == HEADCOUNT and row["unit"] != "people":
            refuse(row, f"a headcount must count people, not {row['unit']}", "set unit to 'people'.")
        if row["attribution_en"] and not row["attribution"]:
            refuse(row, "attribution_en is filled in but attribution is empty",
                   "write the article's words for the source in attribution, or empty attribution_en.")
        read_as = (row["read_as_en"], row["read_as_vi"])
        if any(read_as) and not (row["reading"] and all(read_as)):
            refuse(row, "read_as_en and read_as_vi say what the words in reading were read as, in both languages",
                   "write the article's words in reading and what they were read as in both read_as columns.")
        same = [c for c, v in (("read_as_en", read_as[0]), ("read_as_vi", read_as[1]))
                if v and v.strip(" «»“”").casefold() == row["reading"].strip(" «»“”").casefold()]
        if same:  # «mỗi xã» read as «mỗi xã» says nothing; «4 người cho mỗi xã» does
            refuse(row, f"{same[0]} repeats the words in reading", f"write in {same[0]} what they were read as.")
        if row["repeat_of"] and row["repeat_of"] not in keys:
            refuse(row, f"it repeats '{row['repeat_of']}', which is not a key", "correct repeat_of.")
    return facts


def invisible_characters(text: str) -> list[str]:
    """``U+200B at position 8``-style names of the characters in ``text`` that print as nothing or as a space."""
    return [f"U+{ord(c):04X} at position {i + 1}" for i, c in enumerate(text)
            if unicodedata.category(c) in ("Cf", "Zl", "Zp") or (unicodedata.category(c) == "Zs" and c != " ")]


def closest_passage(text: str, quote: str) -> str:
    """The passage of ``text`` most like ``quote``, for error messages (difflib over word windows)."""
    words = text.split()
    width = max(1, len(quote.split()))
    windows = [" ".join(words[i:i + width]) for i in range(max(1, len(words) - width + 1))]
    best = difflib.get_close_matches(quote, windows, n=1, cutoff=0.0)
    return best[0] if best else ""


def locate_quote(text: str, structure: pd.DataFrame, key: str, quote: str) -> int:
    """Start offset of ``quote`` in ``text``; matches inside a repeated lead do not count again.

    Raises :class:`ArticleFactsError` when the quote is missing (naming the closest passage and any invisible
    characters the quote holds) or occurs more than once.
    """
    starts, at = [], text.find(quote)
    while at != -1:
        if part_at(structure, at)["part"] != "lead_repeat":
            starts.append(at)
        at = text.find(quote, at + 1)
    if not starts:
        hidden = invisible_characters(quote)
        extra = f"; the quote holds invisible characters: {', '.join(hidden)}" if hidden else ""
        raise ArticleFactsError(
            f"Fact '{key}': quote not found in the article: «{quote}»{extra}",
            f"the closest passage in the article is «{closest_passage(text, quote)}»; copy the quote again, "
            "character for character, from the article.")
    if len(starts) > 1:
        raise ArticleFactsError(f"Fact '{key}': quote «{quote}» occurs {len(starts)} times (offsets {starts})",
                                "lengthen the quote with neighbouring words until it occurs once.")
    return starts[0]


def quote_token(key: str, quote: str, number: str = ""):
    """The number token of a quote (a regex match in ``quote``): its only one, or the one printed as ``number``
    (digits as printed, with or without their multiplier word: ``1,2`` or ``1,2 nghìn``; or words: ``hai``).
    A quote without digits may hold one number in words («hai đồng chí»). Else an error naming the fact."""
    tokens = find_number_tokens(quote)
    if number:
        hits = [t for t in tokens if number in (t.group(), split_multiplier(t.group())[0])]
        if not hits and not any(c.isdigit() for c in number):
            hits = [w for w in find_word_numbers(quote, include_one=True) if w.group().lower() == number.lower()]
        if len(hits) != 1:
            raise ArticleFactsError(
                f"Fact '{key}': the number '{number}' occurs {len(hits)} times in its quote «{quote}»",
                "set 'number' to one of the quote's numbers as printed: "
                + (", ".join(t.group() for t in tokens) or "none in digits; a number in words such as «hai»") + ".")
        return hits[0]
    if not tokens:
        tokens = find_word_numbers(quote)
    if len(tokens) != 1:
        found = ", ".join(repr(t.group()) for t in tokens) or "none"
        raise ArticleFactsError(
            f"Fact '{key}': the quote must hold exactly one number, found {len(tokens)} ({found})",
            "shorten the quote to the one number, or name it in the 'number' column (as printed: «1,2 nghìn», "
            "«hai»).")
    return tokens[0]


def check_token_whole(key: str, text: str, start: int, token) -> None:
    """Refuse a quote that ends inside its number («có 3» of «có 3 ngàn người», «120» of «120.500»): the
    number would be read without its multiplier or its thousands. Raises :class:`ArticleFactsError`."""
    if not any(c.isdigit() for c in token.group()):
        return
    printed = TOKEN_RE.match(text, start + token.start())
    if printed and printed.end() > start + token.end():
        raise ArticleFactsError(
            f"Fact '{key}': the quote cuts the number «{printed.group()}» after «{token.group()}», so it would "
            f"be read as {token.group()} instead of {printed.group()}",
            f"lengthen the quote to hold all of «{printed.group()}» (a multiplier such as «nghìn», «ngàn», "
            "«triệu» is read with its number).")


def build_fact(fact: pd.Series, text: str, structure: pd.DataFrame) -> dict:
    """One facts-file row located in ``text`` and parsed: value, bound, offsets, part and sentence."""
    key = fact["key"]
    token = quote_token(key, fact["quote"], fact["number"])
    number = parse_vi_number(token.group(), where=f"Fact '{key}': ")
    start = locate_quote(text, structure, key, fact["quote"])
    check_token_whole(key, text, start, token)
    if number.is_percent != (fact["unit"] == "percent"):
        raise ArticleFactsError(f"Fact '{key}': unit is '{fact['unit']}' but the quoted number is '{token.group()}'",
                                "a per cent sign goes with unit 'percent', and only with it.")
    if is_count(fact["unit"]):
        check_whole_count(number, where=f"Fact '{key}': ")
    end = start + len(fact["quote"])
    bound, qualifier = read_qualifier(text[:start + token.start()][-40:])
    return {**fact.to_dict(), "value": float(number.value), "decimals": number.decimals,
            "bound": bound, "qualifier": qualifier, "token": token.group(),
            "quote_start": start, "quote_end": end, "token_start": start + token.start(),
            "token_end": start + token.end(), "part": part_at(structure, start)["part"],
            "context": text[slice(*sentence_span(text, start, end))],
            "attribution": fact["attribution"]}


def build_facts(facts: pd.DataFrame, text: str, structure: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Locate and parse every row of the facts file.

    Returns ``(facts, repeats)``: the facts indexed by ``key`` (columns of the ``facts`` table in
    ``schemas``), and the rows that repeat another fact (same columns), which are not new facts.
    """
    rows = [build_fact(fact, text, structure) for _, fact in facts.iterrows()]
    frame = pd.DataFrame(rows).set_index("key")
    repeats = frame[frame["repeat_of"] != ""]
    own = frame[frame["repeat_of"] == ""]
    check_shared_tokens(own)
    return own, repeats


def check_shared_tokens(facts: pd.DataFrame) -> None:
    """One printed number may give several facts («mỗi xã 4 người» after three communes named: one fact per
    commune), each with its own words: facts that share a token must differ in ``term_vi`` (or ``label_vi``),
    so that a row copied by mistake is not counted twice. Raises :class:`ArticleFactsError`."""
    for _, group in facts.groupby("token_start", sort=False):
        if len(group) < 2:
            continue
        words = (group["label_vi"].where(group["label_vi"] != "", group["term_vi"])).str.lower()
        twins = group[words.duplicated(keep=False)]
        if len(twins):
            raise ArticleFactsError(
                f"Facts {', '.join(repr(k) for k in twins.index)} read the same number «{group['token'].iloc[0]}» "
                f"with the same words «{twins['term_vi'].iloc[0]}»",
                "one number gives several facts only when each counts something else («mỗi xã 4 người»: one fact "
                "per commune, its term_vi the commune's name); otherwise delete the copy, or mark it repeat_of.")
