"""Text on a figure wrapped by its measured width, never inside a Vietnamese term if it can be helped.

A line is measured by matplotlib's renderer in the font the figure draws it with (the Agg renderer's
``get_text_width_height_descent``, the same measure ``Text.get_window_extent`` uses), so a line of wide
letters (a title in bold capitals, «Đ», «ư») wraps earlier than a line of narrow ones, which a count of
characters cannot do.

Vietnamese writes each syllable apart («lý luận chính trị»), so a break at any space can split a word.
Every space is scored: 0 after punctuation or before a word that starts a new word group
(:data:`BREAK_BEFORE`, or an opening bracket), 1 between two syllables, 3 inside a term of
:data:`KEEP_TOGETHER` («trung học chuyên nghiệp»). A line ends at the cheapest space that fits, the
latest of those. English breaks at any space but inside a short bracket («(grade 12)», :data:`SHORT_BRACKET`).
In both languages a footnote mark standing alone («*») is bound to the note it marks: a line never ends with
it (:data:`COST_MARK`), so the mark starts its note's line.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties

VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
# Words a Vietnamese line may break before: they start a new word group.
BREAK_BEFORE = {"và", "của", "trong", "năm", "là", "theo", "trên", "không", "nhưng", "nên", "cho", "với", "tại",
                "đến", "từ", "tính", "giai", "khi", "mà", "thì", "để", "có", "được", "hoặc", "chỉ", "mỗi",
                "kèm", "tỷ", "(", "≈", "ở", "về", "đã", "đang", "chiếm", "đạt"}
# Terms of the articles' field that a line should not split: the qualifications and bodies the articles
# count, and the two-syllable words they are made of (the editor found «trung học chuyên / nghiệp»).
KEEP_TOGETHER = (
    "trung học chuyên nghiệp", "đại học chuyên ngành", "trung học phổ thông", "lý luận chính trị",
    "chuyên nghiệp", "chuyên ngành", "chuyên môn", "nghiệp vụ", "trung học", "đại học", "cao đẳng", "trung cấp",
    "sơ cấp", "cao cấp", "phổ thông", "học vấn", "trình độ", "tốt nghiệp", "đào tạo", "dở dang", "lý luận",
    "chính trị", "cán bộ", "công chức", "chính quyền", "đoàn thể", "thị trấn", "cấp ủy", "đảng ủy", "huyện ủy",
    "tỉnh ủy", "đảng viên", "bí thư", "chủ tịch", "luân chuyển", "lãnh đạo", "chủ chốt", "chức vụ", "công tác",
    "cơ sở", "bổ nhiệm", "giới thiệu", "ứng cử", "địa phương", "tổng số", "tỷ lệ", "bài báo", "số người",
    "cách hiểu", "biên soạn", "chuyên trách", "không chuyên trách", "khảo sát", "thống kê",
)
# A footnote mark (the «*» of a reading) written apart from the note that follows it.
FOOTNOTE_MARKS = {"*", "**", "†"}
COST_GROUP, COST_SYLLABLE, COST_TERM, COST_MARK = 0, 1, 3, 9
FULL = 0.8  # a line ends in its last fifth when a break there costs no more than one between syllables
SHORT_BRACKET = 3  # words of a bracket a line should not split («(grade 12)», «(2 người)»)
DPI = 100


def nfc(text: str) -> str:
    """Text in NFC, which renders Vietnamese with the right spacing."""
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=1)
def measurer() -> RendererAgg:
    """A renderer at the figures' 100 dots per inch (``figure.dpi``), whose hinting matches the figure's own."""
    return RendererAgg(10, 10, DPI)


@lru_cache(maxsize=4096)
def text_width(text: str, size: float, weight: str = "normal") -> float:
    """Inches ``text`` takes on one line at ``size`` points and ``weight``, in the figures' sans-serif font
    (the rcParams :func:`articlefacts.drawing.style.setup_style` sets)."""
    prop = FontProperties(family="sans-serif", size=size, weight=weight)
    width, _height, _descent = measurer().get_text_width_height_descent(nfc(text), prop, ismath=False)
    return width / DPI


def is_vietnamese(text: str) -> bool:
    """Whether ``text`` is written in Vietnamese: a word in lower case outside quotations has a Vietnamese
    letter (an English text quotes the article «…» and names people and places, Liễu Văn Chiến, Lạng Sơn)."""
    words = re.sub(r"«[^»]*»", "", text).split()
    return any(VIETNAMESE_LETTERS.search(w) for w in words if not w[0].isupper())


def break_costs(words: list[str], vietnamese: bool) -> list[int]:
    """The cost of a line break before each word (the first word's is 0): see the module's docstring."""
    costs = [COST_GROUP] * len(words)
    for i in range(1, len(words)):
        if words[i - 1] in FOOTNOTE_MARKS:  # never «… nhau. *» / «Theo cách hiểu …»: the mark stays with its note
            costs[i] = COST_MARK
    for start, word in enumerate(words):  # a short bracket stays on one line: never «(grade / 12)»
        if word.startswith("(") and not word.endswith(")"):
            end = next((j for j in range(start + 1, len(words)) if ")" in words[j]), None)
            if end is not None and end - start < SHORT_BRACKET:
                for j in range(start + 1, end + 1):
                    costs[j] = max(costs[j], COST_TERM)
    if not vietnamese:
        return costs
    lower = [w.lower().strip(",;:.()«»\"") for w in words]
    for i in range(1, len(words)):
        if costs[i] or words[i].lower() in BREAK_BEFORE or words[i][0] == "(" or words[i - 1][-1] in ",;:.)":
            continue
        costs[i] = COST_SYLLABLE
    for term in KEEP_TOGETHER:
        parts = term.split()
        for i in range(len(words) - len(parts) + 1):
            if lower[i:i + len(parts)] == parts:
                for j in range(i + 1, i + len(parts)):
                    costs[j] = max(costs[j], COST_TERM)
    return costs


def wrap_measured(text: str, width_in: float, size: float, weight: str = "normal") -> list[str]:
    """``text`` in lines no wider than ``width_in`` inches at ``size`` points, each ending at the cheapest
    break that fits (:func:`break_costs`), the latest of those, looked for first in the line's last fifth
    (:data:`FULL`), so a Vietnamese line does not stop at three quarters of the width for a word group's break;
    a word wider than a line stands alone."""
    words = nfc(text).split()
    costs = break_costs(words, is_vietnamese(text))
    lines, start = [], 0
    while start < len(words):
        end = start + 1
        while end < len(words) and text_width(" ".join(words[start:end + 1]), size, weight) <= width_in:
            end += 1
        if end < len(words):  # the line is full: end it at the cheapest break within it, in its last fifth if
            breaks = range(start + 1, end + 1)  # one there costs no more than a break between syllables
            near = [j for j in breaks if text_width(" ".join(words[start:j]), size, weight) >= FULL * width_in]
            best = min(near, key=lambda j: (costs[j], -j)) if near else None
            cheapest = min(breaks, key=lambda j: (costs[j], -j))
            end = best if best is not None and costs[best] <= COST_SYLLABLE else cheapest
        lines.append(" ".join(words[start:end]))
        start = end
    return lines


def wrap_balanced(text: str, width_in: float, size: float, weight: str = "normal") -> list[str]:
    """:func:`wrap_measured` at the narrowest width that takes no more lines than ``width_in`` does, so the lines
    of a title or heading are of even length and none ends with a word alone ("… were Party / members")."""
    lines = wrap_measured(text, width_in, size, weight)
    if len(lines) < 2:
        return lines
    low, high = width_in / 2, width_in
    for _ in range(12):  # a bisection to about a thousandth of the width
        middle = (low + high) / 2
        if len(wrap_measured(text, middle, size, weight)) <= len(lines):
            high = middle
        else:
            low = middle
    return wrap_measured(text, high, size, weight)


def figure_renderer(fig):
    """The renderer that measures ``fig``'s texts: its canvas's, or, for a figure whose canvas cannot render
    (one closed from pyplot in a notebook keeps a bare ``FigureCanvasBase``), an Agg canvas attached to it.
    In: a matplotlib ``Figure``. Out: a renderer for ``Text.get_window_extent``."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not hasattr(fig.canvas, "get_renderer"):
        FigureCanvasAgg(fig)
    return fig.canvas.get_renderer()
