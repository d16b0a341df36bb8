"""Rule 3 of ``make draft``: the numbers of the headline and lead that repeat a number of the body.

A number of the headline or lead that the body (or, for the headline, the lead) prints with the same value and
unit repeats it; a bounded headline number («Hơn 200») repeats the body's nearest count that fits the bound.
"""

from __future__ import annotations

from articlefacts.draft.quantities import fits_bound
from articlefacts.draft.tokens import HIGH, LOW, MEDIUM, Article


def find_repeats(art: Article) -> None:
    """Rule 3: numbers of the headline and lead that the body (or, for the headline, the lead) prints too."""
    facts = art.facts()
    order = {"body": 0, "caption": 0, "lead": 1, "headline": 2}
    for tok in facts:
        if tok.part not in ("headline", "lead") or tok.value is None:
            continue
        later = [t for t in facts if order.get(t.part, 0) < order[tok.part] and t.unit == tok.unit
                 and t.value is not None and t.status == "fact"]
        same = [t for t in later if t.value == tok.value]
        if same:
            target = min(same, key=lambda t: (order.get(t.part, 0), t.start))
            tok.set("status", "repeat", HIGH if len(tok.text) > 2 else MEDIUM,
                    f"the {tok.part} prints {tok.text} {tok.unit} as the {target.part} does")
            tok.set("repeat_of", target, HIGH if len(same) == 1 else LOW,
                    "the only number of the same value and unit" if len(same) == 1 else
                    f"{len(same)} numbers of the same value and unit: the first of the body taken")
            continue
        if tok.bound != "eq":
            fitting = [t for t in later if t.is_count and fits_bound(t.value, tok.bound, tok.value)]
            if fitting:
                target = min(fitting, key=lambda t: abs(t.value - tok.value))
                tok.set("status", "repeat", LOW,
                        f"a bound («{tok.text}» with its qualifier) that the {target.part}'s {target.text} fits")
                tok.set("repeat_of", target, LOW, "the nearest count of the same unit that fits the bound")
