"""Shapes of coding the figures must draw as the article says them, whichever way a coder writes them: shares of
a whole the article does not print in two years (r1), a subset of a count printed as a bound (r2), and one
printed number that stands for two places (r4). Expected values are read from the articles by hand."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pytest
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation, Text
from test_legible import article_figures, recoded

from articlefacts.drawing.legible import faults
from conftest import edit_facts


def texts_of(fig) -> str:
    return " ".join(" ".join(t.get_text().split()) for t in fig.findobj(Text))


@pytest.mark.parametrize(("language", "printed", "source"), [
    ("en", ["41.7%", "68.3%", "37%", "62.5%"], "Organisation Board"),
    ("vi", ["41,7%", "68,3%", "37%", "62,5%"], "Ban Tổ chức Huyện ủy")])
def test_r1s_shares_of_an_unprinted_whole_are_drawn_as_printed_points_one_row_per_measure(language, printed, source):
    """r1: «tỷ lệ … từ đại học trở lên tăng từ 41,7% năm 2016 lên 68,3% năm 2020; … từ trung cấp trở lên đã tăng
    37% (năm 2016) lên 62,5% (năm 2020)», no count printed. Each measure is one row of two points (2016, 2020) at
    the printed shares, labelled as printed, joined by an arrow (the article prints each rise); the target of
    100% for 2025 is not drawn, nor any count; the title leads with the first rise, so the subtitle names the
    other measure drawn, and says the whole's size is not printed."""
    (_, figure, fig), = article_figures("r1-shares-only-two-years", (language,))
    assert figure == "levels-university-or-higher"
    ax = fig.axes[0]
    points = sorted((round(float(x), 1), round(float(y))) for c in ax.collections for x, y in c.get_offsets())
    assert points == sorted([(41.7, 0), (68.3, 0), (37.0, 1), (62.5, 1)])
    labels = [t.get_text() for t in ax.texts]
    assert labels.count("2016") == 2 and labels.count("2020") == 2 and "2025" not in labels
    assert [t for t in labels if "%" in t] == printed
    arrows = [a for a in ax.findobj(Annotation)]
    assert sorted((a.xyann[0], a.xy[0]) for a in arrows) == [(37.0, 62.5), (41.7, 68.3)]
    assert not [p for p in ax.patches if isinstance(p, Rectangle) and p.get_width() > 0 and p.get_height() < 1]
    texts = texts_of(fig)
    assert "+37" not in texts and "100%" not in " ".join(labels) and not re.search(r"\b\d+ (people|người)\b", texts)
    assert ("does not print how many" if language == "en" else "không nêu tổng số") in fig.captions["subtitle"]
    assert fig.captions["title"] == ("The share with a university degree or higher rose from 41.7% to 68.3%"
                                     if language == "en" else
                                     "Tỷ lệ có trình độ chuyên môn từ đại học trở lên tăng từ 41,7% lên 68,3%"), \
        "a headline from the rise the article prints («tăng từ 41,7% năm 2016 lên 68,3% năm 2020»)"
    theory = ("the share with political theory at intermediate level or higher" if language == "en" else
              "tỷ lệ có trình độ lý luận chính trị từ trung cấp trở lên")
    assert theory in fig.captions["subtitle"], "a title of one measure over two: the subtitle names the other"
    assert source in " ".join(fig.captions["footer"])
    assert not faults(fig)
    plt.close(fig)


R2_STAFFING = ("surplus", "settled", "headline_settled")


@pytest.mark.parametrize(("language", "share"), [("en", "353 (more than 70%)"), ("vi", "353 (hơn 70%)")])
def test_r2s_nearly_500_has_no_solid_end_and_its_353_is_more_than_70_percent(tmp_path, monkeypatch, language, share):
    """r2: «353 người» of «gần 500» surplus. Coded as staffing (the count with a count inside it), the whole is a
    hatched bar with no outline, so nothing draws a solid end at exactly 500, labelled "nearly 500"; the 353's
    share is at least 353/499 = 70.7%, labelled "more than 70%", never "more than 71%"."""
    name = recoded(tmp_path, "r2-number-words-and-approximations", monkeypatch, staffing=R2_STAFFING)
    (_, figure, fig), = article_figures(name, (language,))
    assert figure == "staffing-surplus"
    hatched = [p for p in fig.axes[0].patches if p.get_hatch()]
    assert len(hatched) == 1 and hatched[0].get_width() == 500 and hatched[0].get_linewidth() == 0
    texts = texts_of(fig)
    assert share in texts and "71%" not in texts
    assert ("nearly 500" if language == "en" else "gần 500") in texts
    assert not faults(fig)
    plt.close(fig)


@pytest.mark.parametrize(("language", "title"), [("en", "Khe Mây and Nà Khoang are each 8 staff short"),
                                                 ("vi", "Xã Khe Mây và xã Nà Khoang mỗi nơi thiếu 8 người")])
def test_r4s_shortage_coded_with_no_split_is_drawn_as_two_8s(tmp_path, monkeypatch, language, title):
    """r4: «hai xã vùng cao Khe Mây và Nà Khoang cùng thiếu 8 cán bộ, công chức», coded as two staffing facts with
    one quote and no split (each 8 short): drawn in a chart of its own, two groups of 8 marks, never 16, and
    the Vietnamese title names the communes as «xã …» even when the label is a longer phrase."""
    name = recoded(tmp_path, "r4-distributive-numbers", monkeypatch)
    facts = tmp_path / "r4-distributive-numbers" / "facts.csv"
    for key, commune in (("khe_may_short", "Khe Mây"), ("na_khoang_short", "Nà Khoang")):
        edit_facts(facts, key, topic="staffing", measure="shortage",
                   label_vi=f"người còn thiếu ở xã {commune} so với số lượng được giao")
    (_, figure, fig), = article_figures(name, (language,))
    assert figure == "staffing-shortage" and fig.captions["title"] == title
    counts = [len(c.get_offsets()) for c in fig.axes[0].collections]
    assert counts == [8, 8]
    assert not re.search(r"\b16\b", texts_of(fig))
    assert not faults(fig)
    plt.close(fig)


def test_r4s_shortage_coded_with_no_split_rests_on_both_communes_facts(tmp_path, monkeypatch):
    """The chart of «cùng thiếu 8» coded with no split rests on the two communes' facts, in the article's order
    (the notebook heads its section with the finding that states them)."""
    from articlefacts.drawing.staffing_charts import split_keys, staffing_figures
    from articlefacts.reading.facts import read_facts

    recoded(tmp_path, "r4-distributive-numbers", monkeypatch)
    facts_file = tmp_path / "r4-distributive-numbers" / "facts.csv"
    for key in ("khe_may_short", "na_khoang_short"):
        edit_facts(facts_file, key, topic="staffing", measure="shortage")
    facts = read_facts(facts_file).set_index("key")
    assert ("staffing-shortage", "staffing", "split:shortage") in staffing_figures(facts)
    assert split_keys(facts, "shortage") == ["khe_may_short", "na_khoang_short"]
