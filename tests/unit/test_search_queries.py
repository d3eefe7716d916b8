"""Real queries (tests/data/search-queries.tsv) land on the right first result, on the shipped pack."""

from __future__ import annotations

from pathlib import Path
from typing import List, Tuple

import pytest
from conftest import CONTENT

from kiosk.data.content import ContentPack
from kiosk.data.search import EXACT, SYNONYM, SearchIndex
from kiosk.data.searchwords import load_search_words

TABLE = Path(__file__).parent.parent / "data" / "search-queries.tsv"


def rows() -> List[Tuple[str, str, str]]:
    out = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, query, first = line.split("\t")
            out.append((kind, query, first))
    return out


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(ContentPack(CONTENT).pages(), load_search_words(CONTENT))


def test_the_table_is_broad():
    kinds = [kind for kind, _, _ in rows()]
    assert len(kinds) >= 40
    assert {kinds.count(k) >= 5 for k in ("brand", "street", "clinical", "plain", "misspelt", "stem")} == {True}


@pytest.mark.parametrize("kind,query,first", rows(), ids=[q for _, q, _ in rows()])
def test_first_result(index, kind, query, first):
    results = index.search(query)
    assert results, f"{query!r} found nothing"
    got = f"screen:{results[0].page_id}" if results[0].kind == "screen" else results[0].page_id
    assert got == first, f"{query!r}: first is {got}, then {[r.page_id for r in results[1:4]]}"
    if kind == "misspelt":  # found through the typo rule: so ranked below any exact hit
        assert results[0].quality < EXACT or query.lower() in ("withdrawl", "methadon")


def test_overdose_words_put_emergency_above_every_page(index):
    for query in ("overdose", "od", "overdosing", "not breathing", "fentanyl", "overdose naloxone"):
        results = index.search(query)
        assert results[0].kind == "screen" and results[0].page_id == "emergency", query
    assert all(r.page_id != "emergency" for r in index.search("methadone"))


def test_exact_hits_rank_above_stems_and_typos(index):
    results = index.search("doses")
    qualities = [r.quality for r in results]
    assert qualities == sorted(qualities, reverse=True)
    assert results[0].quality >= SYNONYM
