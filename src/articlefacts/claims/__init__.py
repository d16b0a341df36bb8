"""The sentences a reader sees, written from the article's own tables in English or Vietnamese.

Every template is in ``translations.csv`` (one row per string, both languages); every number comes from the
tables passed in. Nothing here knows which article it describes, so the same notebook is true for every
article it runs on. Each shape of finding has its own module:

- :mod:`~articlefacts.claims.story`: the tables and language of one story, a number's words and notes
  (headline, reading);
- :mod:`~articlefacts.claims.profiles`: profile years, their splits and groups, and two years side by side;
- :mod:`~articlefacts.claims.splits`: rotation splits, counts side by side without a total, subsets;
- :mod:`~articlefacts.claims.shares`: percentages of a whole the article does not print;
- :mod:`~articlefacts.claims.changes`: changes the article prints;
- :mod:`~articlefacts.claims.coverage`: a notebook's whole story, lead first, every fact stated;
- :mod:`~articlefacts.claims.tables`: the tables for reading;
- :mod:`~articlefacts.claims.audit_text`: notebook 01's summary.
"""
