"""The seed article, checked against values read from it (data/raw/…cao-loc.txt), and the story rules that
can be pinned: no change wording where populations differ, precision of derived shares, labels in their
sentence, attribution, the icon-array layout, and Vietnamese prose in the vi edition."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import replace

import pytest

from articlefacts import paths
from articlefacts.draft.propose import FACTS_COLUMNS
from articlefacts.drawing.marks import CELL_IN, PER_ROW, block_lines, blocks_height, mark_x, per_row, row_count
from articlefacts.drawing.style import setup_style
from articlefacts.drawing.wrap import text_width
from articlefacts.errors import ArticleFactsError
from articlefacts.reading.facts import build_fact, read_facts
from articlefacts.reading.inputs import read_csv_table
from articlefacts.reading.schemas import load_table
from articlefacts.telling.audit_summary import audit_summary
from articlefacts.telling.story import words as label_words

# Read from the article: key → (value, bound).
SEED = {
    "cadres_2002": (230, "eq"), "communes_2002": (23, "eq"), "upper_secondary_2002": (24, "eq"),
    "university_2002": (2, "eq"), "professional_secondary_2002": (7, "eq"), "incomplete_schooling_2002": (80, "gt"),
    "rotated_total": (26, "eq"), "rotation_communes": (13, "eq"), "rotated_party_bloc": (10, "eq"),
    "rotated_government_bloc": (16, "eq"), "rotated_still_commune": (5, "eq"), "rotated_returned": (21, "eq"),
    "rotated_promoted": (8, "eq"), "staff_2021": (405, "eq"), "party_members_2021": (89.62, "eq"),
    "upper_secondary_2021": (70.12, "eq"), "professional_training_2021": (73.3, "eq"),
    "political_theory_2021": (46, "eq"), "baseline_year": (2002, "eq"), "rotation_start_year": (2002, "eq"),
}
PROCESSED = paths.resolve(paths.PROCESSED_DIR)


def test_every_number_of_the_article_is_a_fact_with_its_value(facts):
    assert {k: (v, b) for k, v, b in zip(facts.index, facts["value"], facts["bound"], strict=True)} == SEED


def test_all_24_tokens_are_accounted_for(seed):
    assert seed.inventory["status"].value_counts().to_dict() == {"fact": 20, "not_data": 4}


@pytest.mark.parametrize(("key", "value", "decimals"), [
    ("share_upper_secondary_2002", 10.4, 1),  # 24 / 230: one person is 0.43 points
    ("share_rotation_communes", 57, 0),  # 13 / 23: one commune is 4.3 points
    ("share_rotated_promoted", 38, 0),  # 8 / 21
])
def test_derived_shares_carry_the_precision_their_inputs_justify(seed, key, value, decimals):
    assert (seed.derived.loc[key, "value"], seed.derived.loc[key, "decimals"]) == (value, decimals)


def test_only_the_rounding_quirk_the_two_population_flags_and_the_periods_read_from_the_date_are_flagged(seed):
    """The article prints 2002 beside its 2002 figures, but no 2021: the 2021 figures are «Hiện» (now) and the
    rotation runs «từ năm 2002 đến nay» (until now), both read from the article's date, 22/01/2021."""
    flags = set(seed.checks.loc[seed.checks["status"] == "flag", "check_id"])
    now = ["staff_2021", "party_members_2021", "upper_secondary_2021", "professional_training_2021",
           "political_theory_2021"]
    until_now = ["rotated_total", "rotation_communes", "rotated_party_bloc", "rotated_government_bloc",
                 "rotated_still_commune", "rotated_returned", "rotated_promoted"]
    assert flags == {"whole_count:party_members_2021", "comparability:headcount", "comparability:upper_secondary",
                     *(f"period:{key}" for key in now + until_now)}
    detail = seed.checks.set_index("check_id").loc["period:staff_2021", "detail"]
    assert "uses 2021, the year of the article's date" in detail
    assert not (seed.checks["status"] == "fail").any()


def test_every_label_occurs_in_its_quotes_sentence_and_2021_figures_are_attributed(facts):
    assert all(t.lower() in c.lower() for t, c in zip(facts["term_vi"], facts["context"], strict=True))
    assert set(facts.loc[facts["period"] == "2021", "attribution"]) == {
        "Ông Liễu Văn Chiến, Phó trưởng Ban tổ chức Huyện ủy"}
    assert facts.loc["cadres_2002", ["attribution", "attribution_en"]].tolist() == ["", ""]  # the article's own voice


def test_each_edition_names_the_source_in_its_own_language():
    """The article attributes the 2021 figures to «Ông Liễu Văn Chiến, Phó trưởng Ban tổ chức Huyện ủy»; the
    English edition gives the facts file's English attribution, the Vietnamese one the article's words."""
    found = {language: json.dumps(json.loads((PROCESSED / "findings" / f"02-compare-qualifications.{language}.json")
                                             .read_text()), ensure_ascii=False) for language in ("en", "vi")}
    assert "Mr Liễu Văn Chiến, Deputy Head of the Organisation Board of the District Party Committee" in found["en"]
    assert "Phó trưởng" not in found["en"]
    assert "ông Liễu Văn Chiến, Phó trưởng Ban tổ chức Huyện ủy" in found["vi"]
    assert "Mr " not in found["vi"]


def test_a_vietnamese_label_stands_in_for_words_too_short_to_stand_alone(facts):
    """The article's words for the 13 communes are just «luân chuyển» («tại 13 xã, thị trấn»); the facts file's
    label_vi names them for the Vietnamese edition, while the audit still checks term_vi in the sentence."""
    assert facts.loc["rotation_communes", "term_vi"] == "luân chuyển"
    found = " ".join(json.loads((PROCESSED / "findings" / "03-rotation-outcomes.vi.json").read_text())["findings"])
    assert "13 trong số 23 xã, thị trấn nhận cán bộ luân chuyển (57%)." in found
    assert label_words(facts.loc["staff_2021"], "vi") == facts.loc["staff_2021", "term_vi"]  # no label_vi: the words


def test_no_change_is_computed_or_worded_where_groups_differ():
    profiles = load_table("profiles", PROCESSED)
    assert profiles["change_pp"].isna().all()
    for language, words in (("en", r"\b(rose|fell|increase|gain)\b"), ("vi", r"\b(tăng|giảm)\b")):
        found = json.loads((PROCESSED / "findings" / f"02-compare-qualifications.{language}.json").read_text())
        text = " ".join(found["findings"]) + json.dumps(found["figures"], ensure_ascii=False)
        assert not re.search(words, text), language


def test_icon_rows_hold_two_tens_apart_and_each_group_has_its_own_rows():
    """A row holds twenty marks, the second ten after a gap, so a row is counted at a glance; the seed's 16 of the
    government bloc take one row, and so do its 21 who returned (two tens and one: the editor found the 21st mark
    alone on a second row); a group too wide for one row starts a new row at the 21st mark."""
    assert PER_ROW == 20 and row_count(16) == 1 and row_count(0) == 1
    assert per_row(21, 7.6) == 21 and row_count(21, per_row(21, 7.6)) == 1
    assert mark_x(19, 21) + CELL_IN < mark_x(20, 21) and mark_x(20, 21) + CELL_IN / 2 <= 7.6
    assert per_row(40, 7.6) == PER_ROW and row_count(40, per_row(40, 7.6)) == 2
    assert mark_x(9) + CELL_IN < mark_x(10), "a gap between the tens"
    assert mark_x(20) == mark_x(0), "the twenty-first mark starts the next row"
    one = {"label": "khối chính quyền (16)", "count": 16, "inner": 0, "inner_label": ""}
    assert blocks_height([one, one], 7.6, apart=True) > blocks_height([one, one], 7.6), "counts apart: further apart"


def fact_row(**cells):
    base = dict.fromkeys(("topic", "measure", "period", "parent_key", "split", "number", "population",
                          "attribution", "repeat_of", "note", "relation"), "")
    return {**base, "key": "k", "unit": "people", "term_vi": "người", "gloss_en": "people", **cells}


def test_a_count_with_an_english_thousands_comma_is_refused_with_both_readings(seed):
    import pandas as pd
    text = "Cấp xã có 1,300 người."
    structure = pd.DataFrame([{"part_id": 1, "part": "body", "start": 0, "end": len(text), "n_chars": len(text),
                               "repeat_of": "", "text": text}])
    with pytest.raises(ArticleFactsError, match=r"1\.3.*1300"):
        build_fact(pd.Series(fact_row(quote="có 1,300 người")), text, structure)


@pytest.mark.parametrize("quote", [unicodedata.normalize("NFD", "Cuối năm 2002"), "Cuối\u00a0năm 2002"])
def test_quotes_saved_as_nfd_or_with_a_no_break_space_are_found(tmp_path, seed, quote):
    path = tmp_path / "facts.csv"
    path.write_text(f"key,quote\nk,{quote}\n", encoding="utf-8")
    assert read_csv_table(path, "Facts file", ("key", "quote"), ("key", "quote"))["quote"][0] in seed.text


def test_a_semicolon_separated_facts_file_is_named_as_such(tmp_path):
    path = tmp_path / "facts.csv"
    path.write_bytes("key;quote\r\nk;Cuối năm 2002\r\n".encode())
    with pytest.raises(ArticleFactsError, match="semicolons"):
        read_csv_table(path, "Facts file", ("key", "quote"), ("key", "quote"))


ENGLISH = re.compile(r"\b(the|of|and|is|are|in|with|only|from|not)\b", re.I)
VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


@pytest.mark.parametrize("notebook", ["02-compare-qualifications", "03-rotation-outcomes"])
def test_the_vi_findings_are_vietnamese(notebook):
    """Heuristic: of the generated findings, none reads as English (English function words, no Vietnamese letters)."""
    found = json.loads((PROCESSED / "findings" / f"{notebook}.vi.json").read_text())
    sentences = found["findings"] + [c["title"] for c in found["figures"].values()]
    english = [s for s in sentences if ENGLISH.search(re.sub(r"«[^»]*»", "", s)) and not VIETNAMESE.search(s)]
    assert not english


def reader_sentences(path) -> list[str]:
    """Sentences a reader sees in what the code wrote into an executed notebook (Markdown outputs, HTML
    tables' cells), with quotes «…» and codes in backticks removed. The bilingual title and configuration
    cells above the parameters are written in both languages on purpose and are not counted."""
    import html as html_lib

    import nbformat

    nb = nbformat.read(path, as_version=4)
    texts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            texts.append(data.get("text/markdown", ""))
            cells = re.findall(r"<t[hd]>(.*?)</t[hd]>", data.get("text/html", ""), re.S)
            texts += [html_lib.unescape(c) for c in cells if not re.fullmatch(r"[\w.-]*_[\w.-]*|[\d\W]*", c)]
    body = re.sub(r"«[^»]*»|`[^`]*`", "", "\n".join(texts))
    return [s.strip() for s in re.split(r"(?<=[.:;!?])\s+|\n+", body) if re.search(r"[^\W\d_]{2}", s)]


@pytest.mark.parametrize("notebook", ["02-compare-qualifications.vi", "03-rotation-outcomes.vi"])
def test_the_vi_notebooks_read_as_vietnamese(notebook):
    """Heuristic: a sentence or table cell is English when it has an English function word (the, of, and, is,
    are, in, with, only, from, not) and no letter that only Vietnamese uses. None may be English."""
    sentences = reader_sentences(paths.resolve(paths.EXECUTED_DIR) / f"{notebook}.ipynb")
    assert len(sentences) > 20
    english = [s for s in sentences if ENGLISH.search(s) and not VIETNAMESE.search(s)]
    assert not english, english[:5]


def test_the_heuristic_catches_english():
    assert ENGLISH.search("The two groups are defined differently") and not VIETNAMESE.search("The two groups")
    assert VIETNAMESE.search("Hai con số này không so sánh được")


@pytest.mark.parametrize(("old", "new", "first_line"), [
    (",2002,people,,,,có 230", ",2002,peple,,,,có 230", "fact 'cadres_2002': unknown unit 'peple'"),
    ("communes_2002,subset", "communes_2002,subsett", "fact 'rotation_communes': unknown relation 'subsett'"),
    (",có 230 cán bộ cấp ủy,,", ",,,", "row 3 (fact 'cadres_2002'): the 'quote' cell is empty"),
    ("rotation_communes,rotation,rotation_communes,2002–2021,communes",
     "rotation_communes,rotation,rotation_communes,2002–2021,people",
     "counts people, its parent 'communes_2002' communes"),
])
def test_the_facts_file_is_checked_against_its_schema(tmp_path, old, new, first_line):
    from articlefacts.reading.facts import read_facts

    text = paths.resolve(paths.FACTS).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "facts.csv"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ArticleFactsError) as err:
        read_facts(path)
    what, fix = str(err.value).split("\nHow to fix: ")
    assert first_line in what and fix


def test_a_label_missing_from_its_sentence_is_flagged_and_the_run_goes_on(seed):
    """The quote proves the number, not its label: a term_vi absent from the sentence is a flag, not a failure."""
    from articlefacts.checking.audit import run_checks

    facts = seed.facts.copy()
    facts.loc["rotated_total", "term_vi"] = "luân chuyển cán bộ lãnh đạo"  # not contiguous in the sentence
    checks = run_checks(facts, seed.repeats, seed.derived, seed.percent_counts, seed.inventory, seed.meta)
    row = checks.set_index("check_id").loc["label:rotated_total"]
    assert row["status"] == "flag" and "does not occur" in row["detail"]
    assert not (checks["status"] == "fail").any()


def test_a_misspelt_column_is_refused_naming_the_column_it_is_closest_to(tmp_path):
    path = tmp_path / "facts.csv"
    header = ",".join((*FACTS_COLUMNS, "Label_vi "))
    path.write_text(header + "\n", encoding="utf-8")
    with pytest.raises(ArticleFactsError, match="unknown column 'Label_vi '") as err:
        read_facts(path)
    assert err.value.fix == "rename it to 'label_vi'."


def test_the_facts_heading_is_short_and_says_how_many_labels_the_audit_could_not_find(seed):
    """The heading is "20 facts, each traced to one quote"; the sentence under it counts the sources one by one
    (the article gives 5 facts to Mr Chiến and 4 to the 2002 survey) and names the label found all through it."""
    heading, _, note = audit_summary(seed)["facts"].partition("\n\n")
    assert heading == f"{len(seed.facts)} facts, each traced to one quote"
    assert "5 to Mr Liễu Văn Chiến" in note and "4 are attributed to a statistical survey" in note
    assert "the other 11 are the newspaper's own" in note and "One label, «luân chuyển», occurs" in note
    checks = seed.checks.copy()
    checks.loc[checks["check_id"] == "label:staff_2021", "status"] = "flag"
    finding = audit_summary(replace(seed, checks=checks))["facts"]
    assert "; 1 without its label in the same sentence" in finding.split("\n")[0]


def test_a_long_group_label_is_wrapped_and_its_block_made_taller():
    long = ("vẫn đang tiếp tục giữ các chức vụ chủ chốt ở cơ sở, tại các xã, thị trấn đã nhận cán bộ luân chuyển, "
            "theo đúng danh sách mà Ban Tổ chức Huyện ủy đã tổng hợp (5)")
    setup_style()
    lines, _ = block_lines({"label": long, "inner": 0}, 4.0)
    assert len(lines) > 1 and all(text_width(line, 9.5) <= 4.0 for line in lines), "measured, not counted"
    short = {"label": "khối chính quyền (5)", "count": 5, "inner": 0, "inner_label": ""}
    assert blocks_height([{**short, "label": long}], 4.0) > blocks_height([short], 4.0)


def test_an_english_attribution_without_the_articles_words_is_refused(tmp_path):
    rows = list(csv.DictReader(io.StringIO(paths.ROOT.joinpath(paths.FACTS).read_text(encoding="utf-8"))))
    rows[1]["attribution_en"] = "Mr Nobody"  # cadres_2002: the article gives it in its own voice
    out = io.StringIO()
    csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n").writeheader()
    csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n").writerows(rows)
    (tmp_path / "facts.csv").write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(ArticleFactsError, match="fact 'cadres_2002': attribution_en is filled in but attribution"):
        read_facts(tmp_path / "facts.csv")


@pytest.mark.parametrize("language, given", [("en", "24 of the 230 (10.4%, our calculation)"),
                                              ("vi", "24 trong tổng số 230 (10,4%, do nhóm biên soạn tính)")])
def test_a_share_we_derived_is_never_credited_to_the_article(language, given):
    """The article prints 24 of 230 for 2002 («chỉ có 24 cán bộ tốt nghiệp THPT»), never 10.4%: where the two years
    are set side by side, the 2002 figure is given as the count it prints, its share labelled as ours; the 2021
    70.12% is printed, so it stands alone. The comparison chart's subtitle says the same."""
    body = json.loads((paths.ROOT / paths.PROCESSED_DIR / "findings" / f"02-compare-qualifications.{language}.json")
                      .read_text(encoding="utf-8"))
    side_by_side = [f for f in body["findings"] if ("70.12%" if language == "en" else "70,12%") in f and "2002" in f]
    assert side_by_side and all(given in f for f in side_by_side), side_by_side
    assert given.split(" (")[0].replace("the ", "") in body["figures"]["profiles-upper-secondary"]["subtitle"]
    assert not any(("gives 10.4%" if language == "en" else "nêu 10,4%") in f for f in body["findings"])


def findings_of(notebook: str, language: str) -> list[str]:
    body = json.loads((paths.ROOT / paths.PROCESSED_DIR / "findings" / f"{notebook}.{language}.json")
                      .read_text(encoding="utf-8"))
    return body["findings"]


@pytest.mark.parametrize("language, head, dated, these", [
    ("en", "The article counts 405 commune cadres and civil servants",
     "By our reading, this figure, and those given without a year in the next two points, are of 2021: the article "
     "does not print 2021 beside them; we take 2021 because it is the year the article was published.",
     "Of these 21, 8 were in a post"),
    ("vi", "Bài báo nêu tổng số 405 cán bộ, công chức cấp xã",
     "Theo cách hiểu của nhóm biên soạn, số liệu này, cùng các số liệu không kèm năm ở hai ý tiếp theo, thuộc năm "
     "2021: bài báo không ghi năm 2021 bên cạnh các số liệu này; nhóm biên soạn lấy năm 2021 vì đó là năm đăng bài.",
     "Trong số 21 người này, 8 người được giữ chức vụ cao hơn")])
def test_a_year_we_read_is_said_with_its_hedge_and_a_group_just_named_is_named_short(language, head, dated, these):
    """The article prints no year beside the 405 and its four shares («Hiện nay, toàn huyện có 405 …»): the 2021
    sentence opens on the count, not on 'In 2021', and the reading that follows covers the shares told in the next
    two points too (and no more: a README sets notebook 03's points below), with its reason: no year is printed,
    and 2021 is the year of publication. The 8 promoted are a subset of
    the 21 who returned («trong đó 8 đồng chí …»): told right after the sentence that names the 21 in full, they
    are 'these 21'."""
    profile = findings_of("02-compare-qualifications", language)
    (count,) = [f for f in profile if "405" in f and "2002" not in f]
    assert count.startswith(head) and dated in count and not count.startswith(("In 2021", "Năm 2021"))
    marker = "By our reading" if language == "en" else "Theo cách hiểu"
    assert sum(marker in f and "2021" in f and "2002" not in f for f in profile) == 1, "said once"
    rotation = findings_of("03-rotation-outcomes", language)
    returned = next(i for i, f in enumerate(rotation) if ("21 returned" if language == "en" else "21 người đã về") in f)
    assert rotation[returned + 1].startswith(these)


def test_a_share_printed_alone_is_a_sentence_with_its_verb_in_vietnamese():
    """«89,62% đảng viên» is a heading, not a sentence: each 2021 share gets its verb («là», «có»)."""
    (shares,) = [f for f in findings_of("02-compare-qualifications", "vi") if "89,62%" in f and "405" not in f]
    assert "89,62% là đảng viên" in shares and "70,12% có học vấn cấp THPT" in shares


@pytest.mark.parametrize("language, top", [("en", "# 03 · Rotation: district leaders"),
                                           ("vi", "# 03 · Luân chuyển: cán bộ lãnh đạo các phòng, ban, ngành")])
def test_the_executed_notebook_opens_with_the_title_written_for_the_article(language, top):
    """The source notebook's general title serves any article; the executed copy opens with the seed's own:
    its leaders were rotated («luân chuyển»), so the title says so, once, and no cell prints it again."""
    import nbformat

    cells = nbformat.read(paths.ROOT / paths.EXECUTED_DIR / f"03-rotation-outcomes.{language}.ipynb",
                          as_version=4).cells
    assert cells[0].source.startswith(top)
    shown = [o["data"]["text/markdown"] for c in cells for o in c.get("outputs", [])
             if o.get("data", {}).get("text/markdown", "").startswith("# ")]
    assert not shown


@pytest.mark.parametrize("language, full, again", [
    ("en", "Each counted on its own, so these groups may overlap and are not added up: ",
     "Also each counted on its own: "),
    ("vi", "Các nhóm sau được nêu riêng, có thể trùng nhau nên không cộng lại: ",
     "Các nhóm sau cũng được nêu riêng: ")])
def test_why_groups_are_not_added_up_is_said_once(language, full, again):
    """2002 (the 2 and the 7) and 2021 (the four shares) each list groups the article counts on their own: the
    reason they are not added up is said with the first list, and the second says 'also'."""
    profile = findings_of("02-compare-qualifications", language)
    assert [f.startswith(full) for f in profile].count(True) == 1
    (second,) = [f for f in profile if f.startswith(again)]
    assert ("89.62%" if language == "en" else "89,62%") in second


@pytest.mark.parametrize("language, by, again", [("en", "By our reading, ", "Also by our reading, "),
                                                 ("vi", "Theo cách hiểu của nhóm biên soạn, ",
                                                  "Cũng theo cách hiểu của nhóm biên soạn, ")])
def test_a_chart_footnote_never_says_by_our_reading_twice_in_a_row(language, by, again):
    """The rotation-outcome chart rests on two readings, «trong đó» (the 8 among the 21) and the period: the second
    note says 'also'."""
    body = json.loads((paths.ROOT / paths.PROCESSED_DIR / "findings" / f"03-rotation-outcomes.{language}.json")
                      .read_text(encoding="utf-8"))
    caveat = body["figures"]["rotation-outcome"]["caveat"]
    assert caveat.count(by) == 1 and caveat.count(again) == 1 and caveat.index(by) < caveat.index(again)


@pytest.mark.parametrize("language, sources", [
    ("en", ("405 and 70.12%: according to Mr Liễu Văn Chiến", "24: according to a statistical survey")),
    ("vi", ("405 và 70,12%: theo ông Liễu Văn Chiến", "24: theo khảo sát thống kê chất lượng"))])
def test_a_chart_of_two_sources_says_whose_figures_are_which(language, sources):
    """The upper-secondary comparison draws the 24 («Qua khảo sát thống kê chất lượng … chỉ có 24 cán bộ tốt nghiệp
    THPT») and the 405 and 70.12% (Mr Liễu Văn Chiến); the 230 is the article's own count, so no source is given
    for it."""
    body = json.loads((paths.ROOT / paths.PROCESSED_DIR / "findings" / f"02-compare-qualifications.{language}.json")
                      .read_text(encoding="utf-8"))
    caveat = body["figures"]["profiles-upper-secondary"]["caveat"]
    assert all(s in caveat for s in sources) and "230:" not in caveat
