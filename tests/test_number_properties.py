"""Property tests (Hypothesis, fixed seed, few examples): any number token written the way Vietnamese papers write
it parses to its value and its bound; a share derived from bounded counts never claims more than those counts
allow; any facts file, however wrong, is either read or refused with the two-line message."""

from __future__ import annotations

import math
import os
import shutil
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from articlefacts.checking.article_tables import build_tables
from articlefacts.checking.derive import bounded_share, derive_values
from articlefacts.errors import ArticleFactsError
from articlefacts.outputs import save_table
from articlefacts.reading.numbers import find_number_tokens, find_word_numbers, parse_vi_number, read_qualifier
from articlefacts.reading.schemas import load_table
from articlefacts.shaping.flows import rotation_flows
from articlefacts.shaping.profiles import profile_table
from articlefacts.telling.coverage import PROFILES, ROTATION, tell
from articlefacts.telling.story import Story, lead_repeats
from articlefacts.vocab import MULTIPLIERS, QUALIFIERS
from conftest import edit_facts

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
# Whole facts files built and told: slow, so few; FUZZ=200 in the environment hunts longer.
FUZZ_EXAMPLES = int(os.environ.get("FUZZ", "10"))
FAST = settings(derandomize=True, max_examples=200, deadline=None, database=None)
ONES = ["", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def vi_digits(value: int, decimals: str) -> str:
    """``value`` with '.' between thousands and ``decimals`` after ',' (1234567, "5" → 1.234.567,5)."""
    whole = f"{value:,}".replace(",", ".")
    return whole + ("," + decimals if decimals else "")


def vi_words(n: int) -> str:
    """1–99 in words as Vietnamese writes them: 15 mười lăm, 21 hai mươi mốt, 24 hai mươi tư, 30 ba mươi."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return ONES[ones]
    head = "mười" if tens == 1 else f"{ONES[tens]} mươi"
    tail = {0: "", 1: "một" if tens == 1 else "mốt", 4: "bốn" if tens == 1 else "tư", 5: "lăm"}.get(ones, ONES[ones])
    return f"{head} {tail}".strip()


@FAST
@given(value=st.integers(0, 10**8), decimals=st.sampled_from(["", "5", "25", "125"]),
       suffix=st.sampled_from(["", "%", " %", *(f" {m}" for m in MULTIPLIERS)]),
       qualifier=st.sampled_from(["", *QUALIFIERS]), noun=st.sampled_from(["người", "cán bộ", "xã"]))
def test_digits_with_separators_multipliers_and_qualifiers_parse_to_their_value_and_bound(value, decimals, suffix,
                                                                                         qualifier, noun):
    token = vi_digits(value, decimals) + suffix
    text = f"Toàn huyện có {qualifier} {token} {noun} được rà soát.".replace("  ", " ")
    found = find_number_tokens(text)
    assert [m.group() for m in found] == [token]
    parsed = parse_vi_number(token)
    multiplier = MULTIPLIERS.get(suffix.strip(), 1)
    assert parsed.value == Decimal(f"{value}.{decimals or 0}") * multiplier
    assert parsed.is_percent == suffix.strip().endswith("%")
    assert read_qualifier(text[:found[0].start()]) == ((QUALIFIERS[qualifier][0], qualifier) if qualifier
                                                       else ("eq", ""))


@FAST
@given(n=st.integers(2, 99), multiplier=st.sampled_from(["", *MULTIPLIERS]))
def test_numbers_in_words_parse_to_their_value(n, multiplier):
    words = f"{vi_words(n)} {multiplier}".strip()
    text = f"trong đó có {words} đồng chí nguyên Chủ tịch UBND xã"
    found = find_word_numbers(text)
    assert [m.group() for m in found] == [words]
    assert parse_vi_number(words).value == n * MULTIPLIERS.get(multiplier, 1)
    assert not find_number_tokens(text), "a number in words is not a number token"


def consistent(value: int, bound: str, cap: int) -> range:
    """The whole counts a bounded count can be, up to ``cap``."""
    low, high = {"eq": (value, value), "gt": (value + 1, cap), "ge": (value, cap), "lt": (0, value - 1),
                 "le": (0, value)}[bound]
    return range(max(low, 0), min(high, cap) + 1)


def ends(counts: range) -> list[int]:
    """The first and last 20 of ``counts``: where a share of them is least and greatest."""
    return list(counts[:20]) + list(counts[-20:])


def holds(share: Fraction, value: float, bound: str) -> bool:
    return {"gt": share > Fraction(value), "ge": share >= Fraction(value), "lt": share < Fraction(value),
            "le": share <= Fraction(value)}[bound]


BOUNDS = st.sampled_from(["eq", "gt", "ge", "lt", "le"])


@FAST
@given(part=st.integers(1, 400), whole=st.integers(2, 5000), part_bound=BOUNDS, whole_bound=BOUNDS)
def test_a_share_of_bounded_counts_never_claims_beyond_them(part, whole, part_bound, whole_bound):
    wholes = [w for w in consistent(whole, whole_bound, whole + 10) if w > 0]
    wholes = wholes[:20] + wholes[-20:]  # the share is monotonic: its extremes lie at the ends
    pairs = [(p, w) for w in wholes for p in ends(consistent(part, part_bound, w))]
    if not pairs or part > whole:
        return
    value, bound, decimals = bounded_share(part, part_bound, whole, whole_bound)
    if bound == "approx":
        return
    if bound == "eq":
        assert round(100 * part / whole, decimals) == round(value, decimals)
        return
    assert decimals == 0 or (bound in ("gt", "ge") and value < 1), "a bound justifies no decimals"
    assert bound not in ("gt", "ge") or value > 0, "never 'more than 0%'"
    wrong = [(p, w) for p, w in pairs if not holds(Fraction(100 * p, w), value, bound)]
    assert not wrong, f"{bound} {value}% is false for {wrong[:3]}"


@settings(derandomize=True, max_examples=60, deadline=None, database=None)
@given(part=st.integers(1, 300), extra=st.integers(0, 300), part_bound=BOUNDS, whole_bound=BOUNDS)
def test_the_derived_table_carries_only_true_bounded_shares(part, extra, part_bound, whole_bound):
    whole = part + extra + 1
    columns = {"unit": "people", "relation": "", "parent_key": "", "split": "", "period": "2024", "gloss_en": "x",
               "token": "", "qualifier": ""}
    facts = pd.DataFrame([{**columns, "key": "whole", "value": float(whole), "bound": whole_bound},
                          {**columns, "key": "part", "value": float(part), "bound": part_bound,
                           "relation": "subset", "parent_key": "whole"}]).set_index("key")
    row = derive_values(facts).loc["share_part"]
    if row["bound"] in ("eq", "approx"):
        return
    for w in ends(consistent(whole, whole_bound, whole + 10)):
        for p in ends(consistent(part, part_bound, w)):
            if w:
                assert holds(Fraction(100 * p, w), row["value"], row["bound"]), (p, w, row.to_dict())


CELLS = {
    "unit": st.sampled_from(["people", "communes", "percent", "year", "months", "offices", "cadres", "Sở", "",
                             "peple"]),
    "relation": st.sampled_from(["", "part", "subset", "share", "printed_share", "change", "sum"]),
    "parent_key": st.sampled_from(["", "district_to_commune", "put_forward_secretary", "missing"]),
    "split": st.sampled_from(["", "direction", "other"]),
    "number": st.sampled_from(["", "43", "9", "hai", "4.3"]),
    "period": st.sampled_from(["2021–2024", "2024", "", "soon"]),
    "repeat_of": st.sampled_from(["", "district_to_commune", "nothing"]),
    "quote": st.sampled_from(["luân chuyển 43 cán bộ", "Giai đoạn 2021-2024", "cán bộ giữa các xã", "12/3/2025",
                              "65-QĐ/TW", "không có", "9 đồng chí"]),
    "term_vi": st.sampled_from(["cán bộ", "", "Bí thư Đảng ủy xã", "không có trong bài"]),
    "topic": st.sampled_from(["rotation", "profile", "context", "other"]),
    "measure": st.sampled_from(["headcount", "moved", ""]),
}


@settings(derandomize=True, max_examples=FUZZ_EXAMPLES, deadline=None, database=None)
@given(key=st.sampled_from(["district_to_commune", "commune_to_district", "between_communes", "put_forward_secretary"]),
       cells=st.fixed_dictionaries({}, optional=CELLS))
def test_any_facts_file_is_read_or_refused_with_the_two_line_message(tmp_path_factory, key, cells):
    folder = tmp_path_factory.mktemp("fuzz") / "r6"
    shutil.copytree(FIXTURES / "r6-side-by-side-no-total", folder)
    edit_facts(folder / "facts.csv", key, **cells)
    try:
        built = build_tables(*(str(folder / f) for f in ("article.txt", "facts.csv", "not-data.csv", "meta.json")))
    except ArticleFactsError as err:
        assert err.what and err.fix and str(err).count("\nHow to fix: ") == 1
        return
    assert math.isfinite(built.facts["value"].sum())
    tell_both(built, folder / "processed")


def tell_both(built, processed: Path) -> None:
    """What notebooks 02 and 03 do with an article's tables, without the figures: the tables written and read
    back, the profile and rotation tables valid as published, and both stories told in both languages."""
    for name, frame in built.outputs().items():
        save_table(frame, name, processed)
    facts, derived, counts, tokens = (load_table(name, processed)
                                      for name in ("facts", "derived", "percent_counts", "number_tokens"))
    profiles, flows = profile_table(facts, derived, counts), rotation_flows(facts, derived)
    save_table(profiles, "profiles", processed)
    save_table(flows, "rotation_flows", processed)
    for language in ("en", "vi"):
        story = Story(facts, language, derived, lead_repeats(tokens))
        assert all(f.text for f in tell(PROFILES, story, profiles) + tell(ROTATION, story, flows))
