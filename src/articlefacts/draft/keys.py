"""The keys ``make draft`` gives the facts: the measure and the period's last year (``party_members_2021``),
``_pct`` for a printed share, ``_change`` for a change, ``_target`` for a target, a number when taken; repeats
``headline_…``, ``lead_…``."""

from __future__ import annotations

from articlefacts.draft.tokens import Article


def assign_keys(art: Article) -> None:
    """Keys from the measure and the period's last year, unique; repeats prefixed with their part."""
    used: set[str] = set()

    def unique(base: str) -> str:
        key, n = base, 2
        while key in used:
            key, n = f"{base}_{n}", n + 1
        used.add(key)
        return key

    for t in art.facts():
        year = t.period.split("–")[-1] if t.period else ""
        suffix = "_pct" if t.unit == "percent" and t.relation in ("printed_share",) else ""
        suffix = "_change" if t.relation == "change" else "_target" if t.relation == "target" else suffix
        t.key = unique(f"{t.measure}{suffix}" + (f"_{year}" if year else ""))
    for t in art.tokens:
        if t.status == "repeat" and t.repeat_of is not None:
            t.key = unique(f"{t.part}_{t.repeat_of.key}")
