"""Offline full-text search over a content pack. Pure Python, no Textual.

Ranking: a hit in a page title beats a hit in a section heading, which beats keywords,
which beat body text; among equals, more matched words and earlier blocks win.
Matching is by word prefix, case- and accent-insensitive, so "bup" finds "buprenorphine".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, List, Optional, Sequence, Tuple

from kiosk.data.content import Page

_WORD = re.compile(r"[\w']+")

TITLE, HEADING, KEYWORD, BODY = 100, 30, 20, 5


def fold(text: str) -> str:
    """Lower-case and strip accents, keeping the string's length (for highlight offsets)."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0]
        out.append(base.lower() if len(base.lower()) == 1 else ch)
    return "".join(out)


MAX_QUERY = 100  # characters of a query that count (the search field takes no more)
MAX_TERMS = 8


def terms(query: str) -> List[str]:
    """The first MAX_TERMS distinct words. Linear, and bounded whatever is pasted (a list scan per
    word made 269 KB of distinct words take 20 s)."""
    seen: dict = {}
    for match in _WORD.finditer(fold(query[:MAX_QUERY])):
        word = match.group().strip("'")
        if word and word not in seen:
            seen[word] = None
            if len(seen) == MAX_TERMS:
                break
    return list(seen)


@dataclass(frozen=True)
class Entry:
    page_id: str
    page_title: str
    section: int  # -1: the title/summary; else section index
    block: int  # -1: the heading; else block index within the section
    text: str
    folded: str
    weight: int


@dataclass(frozen=True)
class Result:
    page_id: str
    title: str
    score: int
    section: int
    block: int
    snippet: str
    spans: Tuple[Tuple[int, int], ...]  # matched ranges in `snippet`


def _match_spans(folded: str, words: Sequence[str]) -> List[Tuple[int, int]]:
    spans = []
    for word in words:
        for m in re.finditer(r"(?<![\w])" + re.escape(word), folded):
            spans.append((m.start(), m.end()))
    return sorted(spans)


class SearchIndex:
    def __init__(self, pages: Iterable[Page]) -> None:
        self.entries: List[Entry] = []
        self.summaries: dict = {}  # page id -> summary entry: the snippet when only title/keywords match
        for page in pages:
            add = self.entries.append
            add(Entry(page.id, page.title, -1, -1, page.title, fold(page.title), TITLE))
            self.summaries[page.id] = Entry(page.id, page.title, -1, 0, page.summary, fold(page.summary), BODY)
            add(self.summaries[page.id])
            if page.keywords:
                kw = " ".join(page.keywords)
                add(Entry(page.id, page.title, -1, 1, kw, fold(kw), KEYWORD))
            for s, section in enumerate(page.sections):
                add(Entry(page.id, page.title, s, -1, section.heading, fold(section.heading), HEADING))
                for b, block in enumerate(section.blocks):
                    add(Entry(page.id, page.title, s, b, block.text, fold(block.text), BODY))

    def search(self, query: str, limit: int = 30) -> List[Result]:
        words = terms(query)
        if not words:
            return []
        pages: dict = {}  # page id -> _Hits
        for entry in self.entries:
            spans = _match_spans(entry.folded, words)
            if spans:
                pages.setdefault(entry.page_id, _Hits()).add(entry, spans, words)
        results = []
        for page_id, hits in pages.items():
            if len(hits.found) < len(words):
                continue  # every word must appear somewhere on the page
            entry, spans = hits.snippet_entry
            if entry.weight in (TITLE, KEYWORD):
                entry, spans = self.summaries[page_id], []
            snippet, snip_spans = make_snippet(entry, spans)
            score = hits.score + (1000 if hits.title_hit else 0)
            results.append(Result(page_id, entry.page_title, score, entry.section, entry.block, snippet, snip_spans))
        results.sort(key=lambda r: (-r.score, r.title))
        return results[:limit]


class _Hits:
    """What one page matched: total score, words found, and the entry to show as snippet."""

    def __init__(self) -> None:
        self.score = 0
        self.found: set = set()
        self.title_hit = False
        self.snippet_entry: Optional[Tuple[Entry, List[Tuple[int, int]]]] = None
        self._snippet_rank = (-1, 0)

    def add(self, entry: Entry, spans: List[Tuple[int, int]], words: Sequence[str]) -> None:
        hit = {entry.folded[a:b] for a, b in spans}
        found = {w for w in words if w in hit}
        self.found |= found
        self.score += entry.weight * len(found)
        if entry.weight == TITLE:
            self.title_hit = True
        # Snippet: prefer readable text (not the title or keyword list), most words, earliest.
        readable = 0 if entry.weight in (TITLE, KEYWORD) else 1
        rank = (readable, len(found))
        if rank > self._snippet_rank:
            self._snippet_rank = rank
            self.snippet_entry = (entry, spans)


def make_snippet(entry: Entry, spans: Sequence[Tuple[int, int]], width: int = 70) -> Tuple[str, Tuple[Tuple[int, int], ...]]:
    """A window of about `width` characters around the first match, with shifted spans."""
    text = " ".join(entry.text.split()) if "\n" in entry.text else entry.text
    if len(text) <= width:
        return text, tuple(spans)
    first = spans[0][0] if spans else 0
    start = max(0, min(first - width // 3, len(text) - width))
    if start > 0:
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space >= 0 and start - space < 15 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + width // 2 else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    kept = tuple((a + shift, b + shift) for a, b in spans if a >= start and b <= end)
    return prefix + text[start:end] + suffix, kept
