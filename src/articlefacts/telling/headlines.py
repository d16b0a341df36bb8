"""Chart titles written as headlines: the finding with its number and a verb, the group in the subtitle.

A title says what a number means ("16 of the 26 were from the government bloc"; «Năm 2021, 89,62% cán bộ,
công chức cấp xã là đảng viên»), not "16 of the 26: label". The facts file's words for what is counted come in
many shapes (a noun, "with a degree", "still in post", "left school unfinished"), so :func:`predicate` turns
them into what follows the subject. A coder who can say it better writes the title in the article's metadata
(``titles``: figure name → {en, vi}); every number in it must be one of the article's facts or derived values
(:func:`check_numbers`), else the run stops naming the number.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from articlefacts.errors import ArticleFactsError
from articlefacts.i18n import number, percent
from articlefacts.vocab import COUNTED_NOUNS_VI, PLACE_NOUNS_VI

# English words that start a predicate as they stand: verbs in the past or present ("left school", "hold").
ACTIVE_EN = {"left", "completed", "returned", "met", "finished", "went", "came", "joined", "remained", "stayed",
             "graduated", "hold", "held", "have", "had", "took", "got", "achieved", "passed", "worked", "served",
             "attended", "earned", "are", "were", "is", "was", "received", "moved", "meet", "reach", "reached",
             "lack", "lacked", "need", "needed", "pass", "work", "serve", "attend", "earn", "receive", "complete",
             "finish", "leave", "return", "remain", "stay", "join", "take", "get", "achieve", "do", "did", "does"}
# English words that make a noun phrase a qualification: what people have ("had a university degree").
HELD_EN = {"degree", "diploma", "certificate", "level", "training", "education", "schooling", "theory", "course",
           "qualification", "qualifications", "certificates", "degrees", "diplomas"}
# Single qualifications that take "a" / "an" after "had".
COUNTABLE_EN = {"degree", "diploma", "certificate", "course"}
# English words after which a predicate needs "were": places, states, adverbs ("were still in post").
BE_EN = {"from", "in", "at", "on", "still", "back", "among", "under", "over", "without", "aged", "out", "not", "now",
         "already", "of", "outside", "within", "above", "below", "newly", "also", "part", "members", "women", "men"}
# English -ing words that read better as the past tense after a count ("met the standard").
PROGRESSIVE_EN = {"meeting": "met", "having": "had", "holding": "held", "lacking": "lacked", "reaching": "reached"}
# English words after a participle that make it a verb ("trained in", "sent to"), not an adjective ("advanced").
PREPOSITIONS_EN = {"in", "to", "from", "for", "by", "as", "at", "on", "into", "with", "under", "up", "down", "out"}
# Levels of education or training named on their own ("university", "upper secondary").
LEVELS_EN = ("university", "college", "postgraduate", "elementary", "intermediate", "advanced", "primary",
             "secondary", "upper", "lower", "vocational", "master's", "doctoral", "bachelor's")
# English nouns of what happened to people, which name a category rather than a group ("early retirement").
ACTIONS_EN = {"retirement", "recruitment", "appointment", "assignment", "placement", "settlement", "resignation",
              "dismissal", "transfer", "secondment", "promotion", "departure"}
# English nouns for people: a label holding one is a group of people ("were women", "were Party members").
PEOPLE_EN = {"cadres", "cadre", "civil", "servants", "members", "women", "men", "leaders", "people", "staff",
             "recruits", "employees", "officials", "secretaries", "heads", "chairs", "specialists", "managers"}
# Vietnamese words that start a predicate as they stand (verbs, copulas, aspect words).
VERBS_VI = ("có", "là", "đã", "đang", "được", "bị", "thuộc", "tốt nghiệp", "học", "qua", "về", "giữ", "còn", "chưa",
            "không", "nhận", "tham gia", "đạt", "ở", "do", "luân chuyển", "bố trí", "điều động", "nghỉ", "đào tạo",
            "tiếp nhận", "đảm nhận", "trở", "vẫn", "tiếp tục", "làm", "chuyển")
# Vietnamese verbs done to the people counted, never by them («giới thiệu bầu», «bổ nhiệm»): said with «được».
DONE_TO_VI = ("giới thiệu", "bổ nhiệm", "đề bạt")
# Vietnamese nouns of a qualification («có trình độ đại học»); bare levels take «có trình độ».
HELD_VI = ("trình độ", "học vấn", "bằng", "chứng chỉ", "chuyên môn")
LEVELS_VI = ("sơ cấp", "trung cấp", "cao cấp", "cao đẳng", "đại học", "sau đại học", "trên đại học", "thạc sĩ",
             "tiến sĩ", "ĐH", "CĐ")


def starts(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` starts with one of ``words`` as whole words (case-insensitive)."""
    low = text.lower()
    return any(low == w.lower() or low.startswith(w.lower() + " ") or low.startswith(w.lower() + ",")
               for w in words)


def predicate(label: str, language: str, one: bool = False) -> str:
    """:func:`plural_predicate`, agreeing with a count of ``one`` in English ("1 was from the government bloc",
    "1 is …"); a gloss that carries its own verb keeps it."""
    said = plural_predicate(label, language)
    if language == "en" and one:
        for many, single in (("were ", "was "), ("are ", "is "), ("have ", "has "), ("meet ", "meets ")):
            if said.startswith(many):
                return single + said[len(many):]
    return said


def plural_predicate(label: str, language: str) -> str:
    """What follows a subject («16 of the 26 …») so that the facts file's words for a group read as a sentence:
    "from the government bloc" → "were from the government bloc"; "with a degree" → "had a degree"; "Party
    members" → "were Party members"; "left school unfinished" stays; «đảng viên» → «là đảng viên»; «trình độ
    đại học» → «có trình độ đại học»; «thuộc khối …» stays."""
    if language == "vi":
        if starts(label, HELD_VI):
            return f"có {label}"
        if starts(label, DONE_TO_VI):
            return f"được {label}"  # «giới thiệu bầu giữ chức Bí thư» → «được giới thiệu bầu giữ chức Bí thư»
        if starts(label, VERBS_VI):
            return label
        if starts(label, ("khối",)):
            return f"thuộc {label}"
        if starts(label, ("trong",)):
            return f"nằm {label}"
        if starts(label, LEVELS_VI):
            return f"có trình độ {label}"
        return f"là {label}"
    words = label.split()
    first = words[0].lower() if words else ""
    heads = {w.strip(",():").lower() for w in words[:5]}
    if first == "with":
        return "had " + label.split(" ", 1)[1] if len(words) > 1 else label
    if first in ACTIVE_EN:
        return label
    if first in PROGRESSIVE_EN:  # "meeting the standard" → "met the standard"
        return f"{PROGRESSIVE_EN[first]} {label.split(' ', 1)[1]}" if len(words) > 1 else label
    if first.endswith("ed") and any(w.lower() in ACTIVE_EN for a, w in zip(words, words[1:], strict=False)
                                    if a.lower() in ("or", "and")):
        return label  # "retired early or left the service": the gloss carries its own verbs
    if first.endswith("ed") and len(words) > 1 and words[1].lower() not in PREPOSITIONS_EN and heads & HELD_EN:
        return f"had {label}"  # "advanced political theory": an adjective before a qualification
    if first in BE_EN or first.endswith(("ed", "ing")) or first in PARTICIPLES_EN:
        return f"were {label}"
    level = re.match(rf"^((?:{'|'.join(LEVELS_EN)})(?:[ -](?:{'|'.join(LEVELS_EN)}))*)( or (?:higher|above))?$",
                     label, flags=re.IGNORECASE)
    if level:  # a bare level: "were at university level or higher"
        return f"were at {level.group(1)} level{level.group(2) or ''}"
    if len(words) <= 3 and words[-1].lower() == "level" and first not in ("a", "an", "the", "no"):
        return f"were at {label}"  # "were at university level"

    if words and words[-1].lower().strip(",()") == "bloc":
        return f"were in the {label}" if first not in ("the", "a") else f"were in {label}"
    if heads & HELD_EN:
        if first in ("a", "an", "the", "no") or "," in label or not (heads & COUNTABLE_EN):
            return f"had {label}"
        vowel = first[:1] in "aeio" or (words[0].isupper() and words[0][:1] in "AEFHILMNORSX")
        return f"had {'an' if vowel else 'a'} {label}"
    if {w.strip(",()").lower() for w in words} & ACTIONS_EN and not heads & PEOPLE_EN:
        return f"fell under {label}"  # a category, not a group: "fell under early retirement or leaving the service"
    return f"were {label}"


PARTICIPLES_EN = {"made", "given", "sent", "taken", "chosen", "put", "kept", "shown", "known", "elected"}


def people_done_to(label: str) -> tuple[str, str] | None:
    """An English label that names people and what was done to them, split in two so that the people are the
    subject: "cadres rotated from the district to the communes" → ("cadres", "rotated from the district to the
    communes"), said "43 cadres were rotated …", never "43 were cadres rotated …". None for any other label."""
    words = label.split()
    at = next((i for i, w in enumerate(words) if w.lower() not in PEOPLE_EN | {"and"}), len(words))
    if 0 < at < len(words) and words[0].lower() in PEOPLE_EN and (
            words[at].lower().endswith("ed") or words[at].lower() in PARTICIPLES_EN):
        return " ".join(words[:at]), " ".join(words[at:])
    return None


def is_noun(label: str, language: str) -> bool:
    """Whether ``label`` names things rather than says something of them: "communes and townships", «xã, thị
    trấn», "Party members" (a subset's whole is then "the 23 communes and townships", not "the 23 who …")."""
    if language == "vi":
        return not starts(label, VERBS_VI + HELD_VI + LEVELS_VI + ("khối", "trong"))
    said = plural_predicate(label, language)
    first = label.split()[0].lower() if label.split() else ""
    return said == f"were {label}" and first not in BE_EN and not first.endswith(("ed", "ing"))


def subject_and_rest(label: str, language: str) -> tuple[str, str] | None:
    """A label that names its own subject, split in two: "communes and townships that received rotated
    leaders" → ("communes and townships", "received rotated leaders"); «xã, thị trấn nhận cán bộ luân chuyển» →
    («xã, thị trấn», «nhận cán bộ luân chuyển»); a noun of people before more words, «đồng chí được giới thiệu bầu …»
    → («đồng chí», «được giới thiệu bầu …»): «9 đồng chí được …», never «9 người là đồng chí được …». None when it
    does not (a bare «đảng viên» is said «là đảng viên»)."""
    if language == "en":
        found = re.match(r"^(.+?) (?:that|who|which) (.+)$", label)
        return (found.group(1), found.group(2)) if found else None
    found = re.match(r"^((?:xã|thị trấn|phường)(?:, (?:xã|thị trấn|phường))*) (.+)$", label)
    people = "|".join(n for n in COUNTED_NOUNS_VI if n not in PLACE_NOUNS_VI)
    found = found or re.match(rf"^({people}) (\w.*)$", label, flags=re.IGNORECASE)
    return (found.group(1), found.group(2)) if found else None


def short_group(who: str, language: str) -> str:
    """The group's words when short enough for a headline (five words in English, eight syllables in Vietnamese,
    no brackets), else ''."""
    limit = 5 if language == "en" else 8
    return who if who and "(" not in who and len(who.split()) <= limit else ""


def profile_title(story, year: str, share: str, n: str, who: str, label: str) -> str:
    """A profile year's title: "In 2021, 89.62% of commune cadres and civil servants were Party members";
    with a long group, "of the 230"."""
    group = short_group(who, story.language)
    key = "fig.profile.title" if group else "fig.profile.title.short"
    return story.t(key, year=year, share=share, n=n, who=group, what=predicate(label, story.language))


def part_title(story, n: str, total: str, label: str, unit: str = "people") -> str:
    """A split's or subset's title: "16 of the 26 were from the government bloc"; «16 trong số 26 người thuộc khối
    chính quyền»; a label that names its own subject keeps it: "13 of the 23 communes and townships received
    rotated leaders"."""
    own = subject_and_rest(label, story.language)
    if own:
        return story.t("fig.part.title.subject", n=n, total=total, who=own[0], what=own[1])
    noun = "" if story.language == "en" else story.t(f"unit.{unit}") if story.has(f"unit.{unit}") else ""
    if story.language == "vi" and starts(label, COUNTED_NOUNS_VI):
        return story.t("fig.part.title.subject", n=n, total=total, who=label, what="").strip()
    return story.t("fig.part.title", n=n, total=total, noun=noun, what=predicate(label, story.language, n == "1"))


def coder_title(meta: dict, figure: str, language: str) -> str:
    """The title the coder wrote for ``figure`` in the metadata's ``titles`` ('' when none)."""
    titles = meta.get("titles") or {}
    text = (titles.get(figure) or {}).get(language, "") if isinstance(titles, dict) else ""
    return unicodedata.normalize("NFC", text.strip()) if isinstance(text, str) else ""


def allowed_numbers(facts: pd.DataFrame, derived: pd.DataFrame | None, meta: dict) -> set[str]:
    """Every number a coder's headline or lead may print: each fact as printed and as either edition writes it,
    each derived value at its decimals, the years of the facts' periods and the article's date."""
    out: set[str] = set()
    for _, fact in facts.iterrows():
        out.add(str(fact.get("token", "")).rstrip("%"))
        decimals = int(fact["decimals"]) if pd.notna(fact.get("decimals")) else 0
        for language in ("en", "vi"):
            out.add(number(fact["value"], language, decimals))
            out.add(number(fact["value"], language, decimals).replace(",", "").replace(".", ""))
        out |= set(re.findall(r"\d{4}", str(fact.get("period", ""))))
    for _, row in (derived if derived is not None else pd.DataFrame()).iterrows():
        decimals = int(row["decimals"]) if pd.notna(row.get("decimals")) else 0
        for language in ("en", "vi"):
            out.add(number(row["value"], language, decimals))
            out.add(percent(row["value"], language, decimals).rstrip("%"))
    date = str(meta.get("date", ""))
    out |= {p.lstrip("0") for p in date.split("-") if p} | set(date.split("-"))
    return {o for o in out if o}


def check_numbers(text: str, facts: pd.DataFrame, derived: pd.DataFrame | None, meta: dict, where: str) -> str:
    """``text`` when every number in it is one of the article's (:func:`allowed_numbers`); else raises
    :class:`ArticleFactsError` naming the number and ``where`` it was written."""
    allowed = allowed_numbers(facts, derived, meta)
    for token in re.findall(r"\d+(?:[.,]\d+)*", text):
        if token not in allowed:
            raise ArticleFactsError(
                f"the number {token} in {where} is not one of the article's facts or derived values",
                f"write the number as the article prints it or as data/processed/derived.csv gives it, "
                f"or remove {where}.")
    return text


def figure_title(story, meta: dict, generated: str) -> str:
    """The figure's title: the coder's (``meta["titles"][figure][language]``, numbers checked) where the
    metadata has one for the figure being drawn (``meta['_figure']``), else ``generated``."""
    figure = meta.get("_figure", "")
    written = coder_title(meta, figure, story.language) if figure else ""
    if not written:
        return generated
    return check_numbers(written, story.facts, story.derived, meta,
                         f"the title of {figure} ({story.language}) in the metadata")
