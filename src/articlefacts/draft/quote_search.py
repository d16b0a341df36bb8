"""Finding the shortest passage around a number that occurs once in the article (for ``make draft``)."""

from __future__ import annotations

import re

from articlefacts.reading.article import line_span, sentence_span

TRAILING_PUNCTUATION = " ,.;:!?…"


def count_occurrences(text: str, quote: str) -> int:
    """How many times ``quote`` occurs in ``text``, overlapping occurrences included."""
    count, at = 0, text.find(quote)
    while at >= 0:
        count += 1
        at = text.find(quote, at + 1)
    return count


def shortest_quote(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the shortest passage around ``text[start:end]`` that occurs once in ``text``.

    In: the normalised text and the span of a number token. The passage grows by whole words: first the
    word(s) holding the token plus the next word, then one word to the left, one to the right, and so on,
    within the token's sentence and then, if the sentence is not unique, within its line; punctuation at
    its right end is dropped. Out: the span (start, end) of the first passage that occurs once, or of the
    whole line when none does (a line repeated word for word).
    """
    for bound_start, bound_end in (sentence_span(text, start, end), line_span(text, start)):
        found = grow_quote(text, start, end, bound_start, bound_end)
        if found:
            return found
    return line_span(text, start)


def grow_quote(text: str, start: int, end: int, bound_start: int, bound_end: int) -> tuple[int, int] | None:
    """The first passage around the token span that occurs once, growing within [bound_start, bound_end).

    Out: its span, or None when even the whole bounded passage occurs more than once.
    """
    words = [(bound_start + m.start(), bound_start + m.end())
             for m in re.finditer(r"\S+", text[bound_start:bound_end])]
    first = next(i for i, (s, e) in enumerate(words) if s <= start < e)
    last = next(i for i, (s, e) in enumerate(words) if s < end <= e)
    left, right = first, min(last + 1, len(words) - 1)
    grow_left = True
    while True:
        q_start, q_end = words[left][0], words[right][1]
        while q_end > end and text[q_end - 1] in TRAILING_PUNCTUATION:
            q_end -= 1
        if count_occurrences(text, text[q_start:q_end]) == 1:
            return q_start, q_end
        can_left, can_right = left > 0, right < len(words) - 1
        if not (can_left or can_right):
            return None
        if (grow_left and can_left) or not can_right:
            left -= 1
        else:
            right += 1
        grow_left = not grow_left


def quote_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The shortest passage of whole words around ``text[start:end]`` that occurs once in its sentence's
    words, growing to the left first («đảng viên chiếm tỷ lệ 89,62%» reads better than «89,62%, học»); else
    :func:`articlefacts.draft.quote_search.shortest_quote` (which takes the whole line when nothing is unique)."""
    first, last = sentence_span(text, start)
    words = [(first + m.start(), first + m.end()) for m in re.finditer(r"\S+", text[first:last])]
    inner = [i for i, (s, e) in enumerate(words) if s < end and start < e]
    if inner:
        left, right = inner[0], inner[-1]
        for _ in range(len(words)):
            q_start, q_end = words[left][0], words[right][1]
            q_start = max(q_start, start) if left == inner[0] and text[q_start] in "(«\"" else q_start
            while q_end > end and text[q_end - 1] in TRAILING_PUNCTUATION + ")»":
                q_end -= 1
            if count_occurrences(text, text[q_start:q_end]) == 1:
                return q_start, q_end
            if left > 0:
                left -= 1
            elif right < len(words) - 1:
                right += 1
            else:
                break
            if right < len(words) - 1 and right - inner[-1] < inner[0] - left - 1:
                right += 1
    return shortest_quote(text, start, end)


def quote_between(text: str, start: int, end: int, low: int, high: int) -> tuple[int, int] | None:
    """The shortest passage of whole words around ``text[start:end]`` that occurs once in ``text`` and lies
    within ``[low, high)`` (between the number tokens of two facts: a not-data quote «năm 2016 lên» that does not
    reach the «41,7%» before it), with the word before the token where there is one; of two of one length the
    one that starts later; its punctuation at the right end dropped unless the passage then occurs twice
    («năm 2020;»). Out: its span, or None when no such passage occurs once."""
    words = [(low + m.start(), low + m.end()) for m in re.finditer(r"\S+", text[low:high])]
    inner = [i for i, (s, e) in enumerate(words) if s < end and start < e]
    if not inner:
        return None
    best = None
    for left in range(max(inner[0] - 1, 0), -1, -1):  # with the word before it («năm 2016»), as it reads
        for right in range(inner[-1], len(words)):
            q_start, q_end = words[left][0], words[right][1]
            stripped = q_end
            while stripped > end and text[stripped - 1] in TRAILING_PUNCTUATION + ")»":
                stripped -= 1
            found = next(((q_start, e) for e in (stripped, q_end) if count_occurrences(text, text[q_start:e]) == 1),
                         None)
            if found and (best is None or found[1] - found[0] < best[1] - best[0]):
                best = found
    return best
