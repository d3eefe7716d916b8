"""Search ranking, matching and snippets on the shipped pack and on small made-up pages."""

from __future__ import annotations

import datetime as dt

from conftest import CONTENT

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
