"""The sentences a reader sees, written from the article's own tables in English or Vietnamese.

Every template is in ``translations.csv`` (one row per string, both languages); every number comes from the
tables passed in. Nothing here knows which article it describes, so the same notebook is true for every
article it runs on. Each shape of finding has its own module:

- :mod:`~articlefacts.telling.story`: the tables and language of one story, a number's words and notes
  (headline, reading);
- :mod:`~articlefacts.telling.profile_findings`: profile years, their splits and groups, and two years side by side;
- :mod:`~articlefacts.telling.rotation_findings`: rotation splits, counts side by side without a total, subsets;
- :mod:`~articlefacts.telling.share_findings`: percentages of a whole the article does not print;
- :mod:`~articlefacts.telling.change_findings`: changes the article prints;
- :mod:`~articlefacts.telling.target_findings`: goals the article sets, told as goals, never as levels;
- :mod:`~articlefacts.telling.own_words`: facts outside the profile and rotation shapes (staff seconded,
  transferred or short), told in the article's own words with their quotes;
- :mod:`~articlefacts.telling.coverage`: a notebook's whole story, lead first, every fact stated;
- :mod:`~articlefacts.telling.display_tables`: the tables for reading;
- :mod:`~articlefacts.telling.audit_summary`: notebook 01's summary.
"""
