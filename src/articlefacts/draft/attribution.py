"""Who gives a fact: «Theo Sở Nội vụ, …» for the figures of its sentence, «Ông …, <post> cho biết:» for the rest
of the paragraph (the ``attribution`` cell of ``make draft``)."""

from __future__ import annotations

import re

from articlefacts.draft.tokens import MEDIUM, Article
from articlefacts.reading.article import line_span


def attribute(art: Article) -> None:
    """«Theo Sở Nội vụ, …» gives the sentence's figures a source; «Ông …, <post> cho biết:» the paragraph's."""
    text = art.text
    for t in art.facts():
        sentence = art.sentence_text(t)
        found = re.match(r"Theo ([^,]{3,80}),", sentence)
        if found:
            t.set("attribution", found.group(1).strip(), MEDIUM, "«Theo …» opens its sentence")
            continue
        line_start, _ = line_span(text, t.start)
        said = re.search(r"((?:Ông|Bà|Đồng chí) [^:]{3,120}?)\s+cho biết\s*:", text[line_start:t.start])
        if said:
            t.set("attribution", said.group(1).strip(), MEDIUM, "«… cho biết:» earlier in its paragraph")
