"""Rule 2 of ``make draft``, one number for several facts: «mỗi xã 4 người», «cùng thiếu 8».

«ba xã Hưng Đạo, Thanh Xuân, Phú Thịnh, mỗi xã 4 người»: after «mỗi <noun>» the number is given once for each of
the names before it in its clause, three facts of 4 (12 in all, not printed); «hai xã Khe Mây và Nà Khoang cùng
thiếu 8»: «cùng» (both, alike) gives 8 to each, two facts. The names are the runs of capitalised words of the
words before «mỗi» or «cùng», back to the previous clause break («:», «;», a comma before them that is not a
list's); each becomes a fact of its own (its term_vi the name, its reading «mỗi xã» or «cùng») and the sums of
the splits count the number once per name.
"""

from __future__ import annotations

import re

from articlefacts.draft.tokens import LOW, MEDIUM, Article

# The nouns of places that the names stand after («xã Tân Lập», «hai xã vùng cao Khe Mây»): without one
# in the clause, capitalised words are not read as names (the number then gives one fact).
PLACES = re.compile(r"(?<!\w)(?:xã|phường|thị trấn|huyện|tỉnh|thôn|bản|đơn vị)(?!\w)", re.IGNORECASE)
# Capitalised words that open a clause without naming anything («Ba xã …», «Các xã …»).
OPENERS = {"các", "những", "cả", "riêng", "trong", "tại", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
           "mười"}
EACH = re.compile(r"(?<!\w)(?:(mỗi|mỗi một)\s+(\w+(?:\s+vị)?)(?:\s+(?:có|là|nhận|được))?|(cùng)\s+\w+)\s+$",
                  re.IGNORECASE)


def names_before(words: str) -> list[str]:
    """The names in ``words``: runs of capitalised syllables («Hưng Đạo», «Thanh Xuân»), lower-case words between
    them ending a run."""
    names, run = [], []
    for word in re.findall(r"[^\W\d_]+|[,;:]", words):
        if word[0].isupper():
            run.append(word)
        else:
            if run:
                names.append(" ".join(run))
            run = []
    if run:
        names.append(" ".join(run))
    return [n for n in names if n.lower() not in OPENERS]


def mark_several(art: Article) -> None:
    """Give each number after «mỗi <noun>» or «cùng <verb>» the names it stands for (:attr:`Token.names`)."""
    text = art.text
    for tok in art.facts():
        start = max(tok.sentence[0], tok.start - 40)
        found = EACH.search(text, start, tok.start)
        if not found:
            continue
        word = found.group(1) or found.group(3)
        before = text[tok.sentence[0]:found.start()]
        clause = re.split(r"[:;]", before)[-1]
        if word.lower().startswith("mỗi"):
            clause = clause.rstrip(" ,")
        else:
            clause = clause.split(",")[-1] if not re.search(r"\w\s*,\s*\S+\s*$", clause) else clause
        names = names_before(clause)
        if len(names) < 2 or not PLACES.search(clause):
            continue
        tok.names = tuple(names)
        tok.reading = " ".join(found.group().split())
        # «cùng» is also "together" («cùng cử 5 cán bộ»: five in all): less sure than «mỗi»
        level = MEDIUM if word.lower().startswith("mỗi") else LOW
        tok.set("names", tok.names, level, f"«{tok.reading}» after {', '.join(names)}: {len(names)} facts of "
                                           f"{tok.text}, one for each" + ("" if level == MEDIUM else
                                                                          " («cùng» may also mean together)"))
