"""Every vocabulary of the project, typed once: the allowed values of the input files and the tables.

The facts file, the schemas, the checks and the charts all read these tuples; nothing else spells them.
"""

from __future__ import annotations

# facts.csv ----------------------------------------------------------------------------------------
TOPICS = ("profile", "rotation", "staffing", "context")
UNITS = ("people", "communes", "percent", "year")
COUNT_UNITS = ("people", "communes")
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

# Bounds read from the words before a number (Vietnamese qualifier → bound).
QUALIFIERS = {
    "hơn": "gt", "trên": "gt", "ít nhất": "ge", "tối thiểu": "ge", "gần": "lt", "dưới": "lt",
    "tối đa": "le", "khoảng": "approx", "xấp xỉ": "approx", "chừng": "approx",
}
BOUNDS = ("eq", "gt", "ge", "lt", "le", "approx")
BOUND_SYMBOLS = {"eq": "", "gt": ">", "ge": "≥", "lt": "<", "le": "≤", "approx": "≈"}

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

# Languages of the notebooks and figures, with babel locales.
LOCALES = {"en": "en_GB", "vi": "vi"}
LANGUAGES = tuple(LOCALES)

# The attribution of a fact the article states in its own voice.
ARTICLE_ITSELF = "the article"

# Vietnamese nouns that already say what a count counts: «120 cán bộ …» needs no «người» between the number
# and the words (DOMAIN.md: cán bộ, công chức, đồng chí, đảng viên; xã, thị trấn for communes).
COUNTED_NOUNS_VI = ("cán bộ", "công chức", "đồng chí", "người", "đảng viên", "lãnh đạo", "xã", "thị trấn")

# The words that give a printed change its direction («tăng 21%»: up; «giảm 21 người»: down).
CHANGE_DIRECTIONS = {"tăng": "up", "giảm": "down"}

# The Vietnamese word for rotation (DOMAIN.md: luân chuyển cán bộ): a rotation total whose words lack it is
# said to be «được luân chuyển» in the vi edition.
ROTATION_VI = "luân chuyển"
