"""Every vocabulary of the project, typed once: the allowed values of the input files and the tables.

The facts file, the schemas, the checks and the charts all read these tuples; nothing else spells them.
"""

from __future__ import annotations

# facts.csv ----------------------------------------------------------------------------------------
TOPICS = ("profile", "rotation", "staffing", "context")
# Units with rules of their own: people and communes are whole counts, percent is a share, year a calendar
# year. Any other unit is the English noun of what the article counts («8 sở, ngành»: departments), a whole
# count that is never people; a duration (months, years) is a count of time, never parts of anything.
UNITS = ("people", "communes", "percent", "year")
COUNT_UNITS = ("people", "communes")
DURATION_UNITS = ("days", "weeks", "months", "years", "terms")
# English words a coder may write for people: refused with «use people», since people keep their own rules.
PEOPLE_WORDS = ("person", "persons", "cadres", "cadre", "officials", "civil servants", "staff", "members",
                "comrades", "leaders", "employees", "workers", "individuals")
# An open unit: lower-case English words (letters, spaces, hyphens), such as `departments`, `job positions`.
OPEN_UNIT_PATTERN = r"[a-z][a-z -]*[a-z]"


def is_count(unit: str) -> bool:
    """Whether ``unit`` counts things (people, communes, departments …): a whole number that parts, subsets and
    shares may be taken of. Percentages, calendar years and durations (months) are not counts."""
    return unit not in ("percent", "year") and unit not in DURATION_UNITS


# How a fact relates to its parent_key (docs/input-format.md): the parts of one split add up to the
# parent (a split whose total the article does not print has parts with no parent); subsets are counted
# within it and may overlap; a share is a percentage of it (of a whole the article does not print when
# there is no parent: whole_vi and whole_en name it); a printed share is the percentage the article prints
# beside a count, the count's share of the count's own whole; a change is not a level; a target is a goal the
# article sets («phấn đấu đến năm 2020 đạt 100%»), never a level.
RELATIONS = ("part", "subset", "share", "printed_share", "change", "target")
# Relations whose facts are not levels: never in a profile or a rotation split, never drawn.
NOT_LEVELS = ("change", "target")
# The measure that names a profile year's population (its headcount).
HEADCOUNT = "headcount"

# Bounds read from the words before a number: Vietnamese qualifier → (bound, its wording's key in
# translations.csv). The bound is what the arithmetic uses; the wording keeps each word's own meaning in
# both editions («gần 500» is "nearly 500", an upper bound that is close; «khoảng 90» is "about 90").
# Two-word qualifiers are matched before one-word ones («trên dưới 100» is "around 100", not "under 100").
QUALIFIERS = {
    "hơn": ("gt", "hon"), "trên": ("gt", "tren"), "ít nhất": ("ge", "it_nhat"), "tối thiểu": ("ge", "toi_thieu"),
    "gần": ("lt", "gan"), "ngót": ("lt", "ngot"), "dưới": ("lt", "duoi"), "chưa đến": ("lt", "chua_den"),
    "chưa tới": ("lt", "chua_den"), "không đến": ("lt", "chua_den"), "tối đa": ("le", "toi_da"),
    "không quá": ("le", "khong_qua"), "khoảng": ("approx", "khoang"), "xấp xỉ": ("approx", "xap_xi"),
    "chừng": ("approx", "khoang"), "trên dưới": ("approx", "tren_duoi"),
}
BOUNDS = ("eq", "gt", "ge", "lt", "le", "approx")
BOUND_SYMBOLS = {"eq": "", "gt": ">", "ge": "≥", "lt": "<", "le": "≤", "approx": "≈"}

# Numbers written as words: «hai đồng chí» is 2; a word after a number multiplies it
# («1,2 nghìn» is 1.200). «một» is read only where the facts file names it (`number`), since «một số»,
# «một bộ phận» are not numbers.
NUMBER_WORDS = {"một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6, "bảy": 7,
                "bẩy": 7, "tám": 8, "chín": 9, "mười": 10}
MULTIPLIERS = {"trăm": 100, "nghìn": 1000, "ngàn": 1000, "triệu": 1_000_000, "tỷ": 1_000_000_000,
               "tỉ": 1_000_000_000}

# Article structure ---------------------------------------------------------------------------------
PARTS = ("date_line", "headline", "lead", "body", "caption", "lead_repeat", "byline")

# Number inventory ------------------------------------------------------------------------------------
TOKEN_STATUSES = ("fact", "not_data", "repeat", "unaccounted")

# Checks: pass; note (true, worth knowing); flag (needs a caveat beside the number); fail (stops the run);
# skipped (does not apply to this article; the detail says why).
CHECK_STATUSES = ("pass", "note", "flag", "fail", "skipped")
ROUNDING_RULES = ("half_up", "truncate")

# Profile and rotation tables --------------------------------------------------------------------------
REPORT_STATUSES = ("reported", "not reported")
FLOW_RELATIONS = ("part", "rest", "subset", "subset_rest")
# What a derived value is (checking/derive.py): a part's share of its whole; the rest of a split or of a
# subset; the count a share implies (unrounded, or the fewest for «hơn»); the most a bounded part can be.
DERIVED_KINDS = ("share", "split_rest", "subset_rest", "implied_count", "min_count", "max_count", "max_share")

# Languages of the notebooks and figures, with babel locales.
LOCALES = {"en": "en_GB", "vi": "vi"}
LANGUAGES = tuple(LOCALES)
# Cell tags of notebooks 02 and 03 that say which edition a cell belongs to. The English edition is the
# reviewers' (every step and its working table); the others are readers' editions, without the steps. A
# markdown cell written in one language is tagged "lang-<language>" and kept in that language's edition only.
STEPS_TAG = "steps"
HEADLINE_TAG = "headline"  # a notebook cell that writes the article's title: shown as the executed copy's title
REVIEWERS_EDITION = "en"
LANGUAGE_TAGS = tuple(f"lang-{language}" for language in LANGUAGES)

# A fact the article states in its own voice has an empty attribution (no outside source). A coder who wrote the
# article itself as the source ("the article", «bài báo», any case) means the same: read as empty.
OWN_VOICE_FILLERS = ("the article", "bài báo")

# Vietnamese nouns that already say what a count counts: «120 cán bộ …» needs no «người» between the number
# and the words: cadres, civil servants, comrades (people), Party members, leaders; communes and townships
# (docs/glossary.md says what each names).
COUNTED_NOUNS_VI = ("cán bộ", "công chức", "đồng chí", "người", "đảng viên", "lãnh đạo", "xã", "thị trấn")
# Of these, the nouns of places: a count of people whose label starts with one («xã Đồng Tâm») still needs «người».
PLACE_NOUNS_VI = ("xã", "thị trấn")

# The words that give a printed change its direction («tăng 21%»: up; «giảm 21 người»: down).
CHANGE_DIRECTIONS = {"tăng": "up", "giảm": "down"}

# The Vietnamese word for rotation («luân chuyển cán bộ», cadre rotation: docs/glossary.md): a rotation total
# whose words lack it is said to be «được luân chuyển» in the vi edition.
ROTATION_VI = "luân chuyển"
