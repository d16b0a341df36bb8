"""Checking what was read: the derived values with their formulas, and the audit of every fact against the
others and against the text (pass, note, flag, fail)."""
