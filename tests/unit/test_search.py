"""Search ranking, matching and snippets on the shipped pack and on small made-up pages."""

from __future__ import annotations

import datetime as dt

from conftest import CONTENT
from support import pack_with

from kiosk.data.content import Block, ContentPack, Page, Section
from kiosk.data.search import SearchIndex, terms


def page(pid: str, title: str, body: str, heading: str = "Heading", keywords=()) -> Page:
    return Page(pid, title, "Summary.", dt.date(2026, 11, 27), ("src",),
                (Section(heading, (Block("para", body),)),), (), tuple(keywords))


def test_title_hit_ranks_above_body_hits():
    index = SearchIndex([
        page("body", "Other things", "methadone methadone methadone is mentioned a lot here"),
        page("title", "Methadone", "A page about it."),
    ])
    assert [r.page_id for r in index.search("methadone")] == ["title", "body"]


def test_heading_beats_body_and_every_word_must_match():
    index = SearchIndex([
        page("a", "A", "cravings and sleep", heading="Other"),
        page("b", "B", "nothing relevant", heading="Cravings"),
        page("c", "C", "cravings only"),
    ])
    assert [r.page_id for r in index.search("cravings")] == ["b", "a", "c"]
    assert [r.page_id for r in index.search("cravings sleep")] == ["a"]


def test_prefix_case_and_accent_insensitive():
    index = SearchIndex([page("a", "A", "Buprenorphine is first-line. Naïve readers welcome.")])
    assert index.search("BUP")[0].page_id == "a"
    assert index.search("naive")[0].page_id == "a"
    assert index.search("orphine") == []  # matches start at word starts only


def test_snippet_highlights_the_matched_words():
    text = "x " * 60 + "naloxone saves lives in overdose settings " + "y " * 60
    result = SearchIndex([page("a", "A", text)]).search("naloxone overdose")[0]
    assert result.snippet.startswith("…") and result.snippet.endswith("…")
    marked = [result.snippet[a:b] for a, b in result.spans]
    assert marked == ["naloxone", "overdose"]
    assert (result.section, result.block) == (0, 0)


def test_keywords_find_a_page_but_snippet_comes_from_text():
    result = SearchIndex([page("a", "A", "Opioid agonist treatment.", keywords=["bupe"])]).search("bupe")[0]
    assert result.page_id == "a"
    assert result.snippet == "Summary."  # readable text, never the raw keyword list


def test_empty_and_punctuation_queries_find_nothing():
    index = SearchIndex([page("a", "A", "text")])
    assert index.search("") == [] and index.search("  ?! ") == []
    assert terms("Methadone, METHADONE and") == ["methadone", "and"]


def test_full_pack_medication_query():
    index = SearchIndex(ContentPack(CONTENT).pages())
    results = index.search("methadone")
    assert results[0].page_id == "treatment-medication"
    assert {"treatment-medication", "research-evidence"} <= {r.page_id for r in results}
    assert index.search("naloxone")  # lives in several pages
    assert index.search("zzzqqq") == []


# Synonyms, screens, stems and typos (kiosk/data/searchwords.py, content/synonyms.toml) -------------
import time  # noqa: E402

from kiosk.data.search import EXACT, STEM, SYNONYM, TYPO, near, stem  # noqa: E402
from kiosk.data.searchwords import check_means, load_search_words  # noqa: E402


def words_pack(tmp_path, text: str):
    (tmp_path / "synonyms.toml").write_text(text, encoding="utf-8")
    return load_search_words(tmp_path)


def test_stems_and_typos_match_below_exact_hits():
    index = SearchIndex([page("a", "Overdose", "What an overdose looks like."),
                         page("b", "Methadone", "Methadone is a medicine.")])
    assert stem("overdosing") == stem("overdosed") == stem("overdoses") == stem("overdose")
    assert [(r.page_id, r.quality) for r in index.search("overdosing")] == [("a", STEM)]
    assert [(r.page_id, r.quality) for r in index.search("metadone")] == [("b", TYPO)]
    assert index.search("overdose")[0].quality == EXACT
    # Typos: none under 5 letters, one letter off from 5, two from 8 (or the start of a word).
    assert near("narcn", "narcan", 1) and not near("narcn", "nicotine", 1)
    assert near("buprenorfine", "buprenorphine", 2) and not near("bxpxnxrfine", "buprenorphine", 2)
    assert index.search("mthd") == []  # 4 letters: too short to guess
    assert index.search("overdoes")[0].quality == TYPO  # a swap of two letters is one edit


def test_synonyms_and_screens_from_the_file(tmp_path):
    words = words_pack(tmp_path, '''lang = "en"
ignore = ["my", "is"]
[[synonyms]]
words = ["narcan", "not waking"]
means = ["naloxone"]
[[screens]]
screen = "emergency"
first = true
title = "Emergency"
summary = "What to do."
words = ["overdose", "not breathing"]
[[screens]]
screen = "naloxone"
title = "Naloxone"
words = ["naloxone"]
''')
    assert words.errors == []
    index = SearchIndex([page("a", "Naloxone and overdose", "Naloxone reverses an overdose."),
                         page("b", "Breathing", "Breathing is not always easy.")], words)
    hits = [(r.kind, r.page_id) for r in index.search("narcan")]
    assert hits == [("screen", "naloxone"), ("page", "a")]
    assert index.search("narcan")[1].quality == SYNONYM
    # Emergency above every page for an overdose word, even a page whose title matches exactly.
    assert [(r.kind, r.page_id) for r in index.search("overdose")] == [("screen", "emergency"), ("page", "a")]
    # A phrase counts only as a phrase: "not" alone does not open Emergency.
    assert index.search("my friend is not breathing")[0].page_id == "emergency"
    assert all(r.page_id != "emergency" for r in index.search("not always"))


def test_the_synonyms_file_is_checked_with_file_and_line(tmp_path):
    words = words_pack(tmp_path, '''lang = "es"
[[synonyms]]
words = ["narcan"]
means = ["nalxone"]
[[screens]]
screen = "the-emergency"
title = "Emergency"
words = ["od"]
[[screens]]
screen = "keys"
title = "Keys"
wordz = ["keys"]
''')
    text = "\n".join(str(e) for e in words.errors)
    assert "synonyms.toml:1: lang: expected 'en'" in text
    assert "synonyms.toml:6: screens[1].screen: expected one of: emergency" in text
    assert "synonyms.toml:12: screens[2].wordz: unknown key" in text
    index = SearchIndex([page("a", "Naloxone", "Naloxone.")], words)
    means = check_means(words, index.known_words(), tmp_path)
    assert [str(e) for e in means] == [f"{tmp_path / 'synonyms.toml'}:4: synonyms[1].means: expected words that "
                                       "appear in the pack; 'nalxone' is on no page"]


def test_a_language_has_its_own_file(tmp_path):
    (tmp_path / "es").mkdir()
    (tmp_path / "es" / "synonyms.toml").write_text(
        'lang = "es"\n[[synonyms]]\nwords = ["narcan"]\nmeans = ["naloxona"]\n', encoding="utf-8")
    words = load_search_words(tmp_path / "es", "es")
    assert words.errors == [] and words.lang == "es" and words.synonyms[0].means == (("naloxona",),)
    assert load_search_words(tmp_path, "en").synonyms == ()  # no English file: no synonyms, no error


def test_a_huge_paste_is_read_in_linear_time():
    index = SearchIndex(ContentPack(CONTENT).pages(), load_search_words(CONTENT))
    for query in ("x" * 1_000_000, " ".join(f"w{i}abcdef" for i in range(150_000)), "naloxone " * 100_000):
        start = time.perf_counter()
        index.search(query)
        assert time.perf_counter() - start < 0.5


def test_kiosk_check_reports_a_broken_synonyms_file(tmp_path, capsys):
    from kiosk import cli

    pack = pack_with(tmp_path, "synonyms.toml", 'means = ["naloxone"]', 'means = ["nalaxone"]')
    text = (pack / "synonyms.toml").read_text(encoding="utf-8")
    assert cli.main(["--check", "--content", str(pack)]) == 1
    out = capsys.readouterr().out
    line = text[: text.index('means = ["nalaxone"]')].count("\n") + 1
    assert f"synonyms.toml:{line}: synonyms[1].means: expected words that appear in the pack; 'nalaxone'" in out
    assert cli.main(["--check", "--content", str(CONTENT)]) == 0
