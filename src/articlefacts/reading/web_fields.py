"""The metadata's fields of where the article was found: ``url`` (its web page), ``retrieved`` (the day it
was copied) and ``archived_url`` (a copy in a web archive), each empty when not known."""

from __future__ import annotations

import re
from datetime import date

from articlefacts.errors import ArticleFactsError

META_WEB = ("url", "archived_url")
WEB_ADDRESS = re.compile(r"https?://[^\s/?#]+\.[^\s/?#]+[^\s]*")
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_source_fields(meta: dict, name: str) -> None:
    """Raise :class:`ArticleFactsError` naming the field of ``meta`` (read from the file ``name``) that is given
    but is not a web address (``url``, ``archived_url``) or not a day (``retrieved``, ``YYYY-MM-DD``)."""
    for field in META_WEB:
        value = meta.get(field) or ""
        if value and not (isinstance(value, str) and WEB_ADDRESS.fullmatch(value)):
            raise ArticleFactsError(f"Article metadata file {name}: '{field}' is not a web address: {value!r}",
                                    f"write the full address, starting with https:// or http://, or leave '{field}' "
                                    "empty when it is not known.")
    retrieved = meta.get("retrieved") or ""
    if retrieved:
        try:
            ok = isinstance(retrieved, str) and ISO_DAY.fullmatch(retrieved) and date.fromisoformat(retrieved)
        except ValueError:
            ok = False
        if not ok:
            raise ArticleFactsError(f"Article metadata file {name}: 'retrieved' is not a day: {retrieved!r}",
                                    "write the day the article was retrieved as YYYY-MM-DD (2021-01-22), or leave "
                                    "it empty.")
