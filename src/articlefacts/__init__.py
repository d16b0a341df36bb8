"""articlefacts: turn a news article into a source-traced dataset and charts.

Every value is parsed from a verbatim quote that is located in the raw article text; every derived
value carries its formula. The notebooks in ``notebooks/`` call this package and hold the narrative.
"""

__all__ = ["ArticleFactsError"]

from articlefacts.errors import ArticleFactsError
