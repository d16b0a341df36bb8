"""Facts told in their own words, in process: a goal the article sets, a reading told as what its words were
read as, a rise the article prints told as it prints it, and a fact no shape states, quoted. Values read from
the small article below."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest

from articlefacts.checking.article_tables import build_tables
from articlefacts.shaping.profiles import profile_table
from articlefacts.telling.coverage import PROFILES, tell
from articlefacts.telling.story import Story, lead_repeats

ARTICLE = """Thứ Hai, 4/1/2021

Xã Thử Nghiệm nâng cao chất lượng cán bộ

Năm 2020, xã có 40 cán bộ, trong đó 30 người có trình độ đại học. Mỗi thôn 2 người được cử đi học. \
Xã phấn đấu đến năm 2025 đạt 100% cán bộ có trình độ đại học. Tỷ lệ cán bộ nữ đã tăng 20% (năm 2015) lên 25%.

Dữ liệu kiểm thử
"""
HEADER = ("key,topic,measure,period,unit,parent_key,relation,split,quote,number,term_vi,gloss_en,population,"
          "attribution,repeat_of,reading,read_as_en,read_as_vi,whole_vi,whole_en,note").split(",")
FACTS = [
    {"key": "staff", "topic": "profile", "measure": "headcount", "period": "2020", "unit": "people",
     "quote": "xã có 40 cán bộ", "term_vi": "cán bộ", "gloss_en": "cadres"},
    {"key": "university", "topic": "profile", "measure": "university_degree", "period": "2020", "unit": "people",
     "parent_key": "staff", "relation": "subset", "quote": "30 người", "term_vi": "có trình độ đại học",
     "gloss_en": "with a university degree"},
    {"key": "sent", "topic": "context", "measure": "sent_to_study", "period": "2020", "unit": "people",
     "quote": "Mỗi thôn 2 người", "term_vi": "được cử đi học", "gloss_en": "sent to study", "reading": "Mỗi thôn",
     "read_as_en": "per hamlet (the number of hamlets is not printed)",
     "read_as_vi": "mỗi thôn 2 người, không phải tổng số"},
    {"key": "goal", "topic": "profile", "measure": "university_degree", "period": "2025", "unit": "percent",
     "relation": "target", "quote": "đạt 100%", "term_vi": "có trình độ đại học",
     "gloss_en": "with a university degree",
     "whole_vi": "cán bộ", "whole_en": "cadres"},
    {"key": "women_2015", "topic": "profile", "measure": "women", "period": "2015", "unit": "percent",
     "relation": "share", "quote": "tăng 20%", "term_vi": "cán bộ nữ", "gloss_en": "women",
     "whole_vi": "cán bộ của xã", "whole_en": "the commune's cadres"},
    {"key": "women_2020", "topic": "profile", "measure": "women", "period": "2020", "unit": "percent",
     "relation": "share", "quote": "lên 25%", "term_vi": "cán bộ nữ", "gloss_en": "women",
     "whole_vi": "cán bộ của xã", "whole_en": "the commune's cadres"},
]


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("own-words")
    raw = ARTICLE.encode("utf-8")
    (folder / "article.txt").write_bytes(raw)
    with (folder / "facts.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows({h: row.get(h, "") for h in HEADER} for row in FACTS)
    (folder / "not-data.csv").write_text('quote,reason\n"Thứ Hai, 4/1/2021",date line\nNăm 2020,a year\n'
                                         "đến năm 2025,the year of the goal\n(năm 2015),the year of a level\n",
                                         encoding="utf-8")
    meta = {"article_file": "article.txt", "sha256": hashlib.sha256(raw).hexdigest(), "outlet": "Test (synthetic)",
            "date": "2021-01-04", "date_line": "Thứ Hai, 4/1/2021",
            "headline_vi": "Xã Thử Nghiệm nâng cao chất lượng cán bộ", "headline_en": "A test commune (synthetic)",
            "byline": "Dữ liệu kiểm thử", "licence": "Synthetic test data."}
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return build_tables(*(str(folder / n) for n in ("article.txt", "facts.csv", "not-data.csv", "meta.json")))


@pytest.mark.parametrize(("language", "goal", "reading", "hundred"), [
    ("en", "sets a goal, not a level reached", "«Mỗi thôn» is read as per hamlet", "100%"),
    ("vi", "mục tiêu, chưa phải kết quả đạt được", "“Mỗi thôn” được hiểu là mỗi thôn 2 người", "100%")])
def test_a_target_is_a_goal_and_a_reading_says_what_it_was_read_as(tables, language, goal, reading, hundred):
    story = Story(tables.facts, language, tables.derived, lead_repeats(tables.inventory))
    profiles = profile_table(tables.facts, tables.derived, tables.percent_counts)
    assert "goal" not in set(profiles["source_key"]) and set(profiles["period"]) == {"2020"}
    said = [f.text for f in tell(PROFILES, story, profiles)]
    target = [s for s in said if "2025" in s]
    quoted = "«{}»" if language == "en" else "“{}”"  # the Vietnamese edition quotes the article with “ ”
    assert len(target) == 1 and goal in target[0] and hundred in target[0] and quoted.format("đạt 100%") in target[0]
    sent = [s for s in said if quoted.format("Mỗi thôn 2 người") in s]
    assert len(sent) == 1 and reading in sent[0] and "taken to refer" not in sent[0]
    levels = [s for s in said if "2015" in s]
    assert len(levels) == 1 and all(v in levels[0] for v in ("20%", "25%", "2020")), "the two levels together"
    rise = ("rose from 20% in 2015 to 25% in 2020" if language == "en"
            else "tăng từ 20% (năm 2015) lên 25% (năm 2020)")  # the rise the article prints, as it prints it
    assert rise in levels[0] and quoted.format("đã tăng 20% (năm 2015) lên 25%") in levels[0]
    assert not any(w in " ".join(said) for w in ("rose by", "5 percentage", "5 điểm", "25%→", "tăng 5"))
