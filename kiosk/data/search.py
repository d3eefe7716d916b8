"""Offline search over a content pack and the app's own screens. Pure Python, no Textual.

What a query word matches, best first (its *quality*):
- EXACT: a word that starts with it ("bup" finds "buprenorphine"), or a screen's word;
- SYNONYM: a synonym from the pack's synonyms file ("narcan" finds "naloxone", "clucking" finds
  "withdrawal"): ranked with exact hits, but a page that has the very words comes first;
- STEM: the same word with another ending ("overdosing" finds "overdose");
- TYPO: for words of 5+ letters with no exact match, a word one letter off (two for 8+ letters),
  or the start of one ("metadone" finds "methadone", "withdrawl" finds "withdrawal").
Case and accents never matter. A page must match every query word (words in the file's
`ignore` list don't count); a screen needs some of them. Order: the Emergency screen whenever an
overdose word is in the query; then results that match the whole query, better quality first,
screens before pages of the same quality; within those, a hit in a page title beats a section
heading, which beats keywords, which beat body text.

Speed: an inverted index (word -> entries), and each query word's matches are cached, so a key
press costs only the word being typed. Work is linear in the query's length, which is cut at
MAX_QUERY characters.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from kiosk.data.content import Page

if TYPE_CHECKING:
    from kiosk.data.searchwords import SearchWords

_WORD = re.compile(r"[\w']+")

TITLE, HEADING, KEYWORD, BODY = 100, 30, 20, 5
EXACT, SYNONYM, STEM, TYPO = 4, 3, 2, 1  # how a word matched; EXACT and SYNONYM rank as one tier
MAX_QUERY = 100  # characters of a query that are read (the field takes no more): a paste must not freeze a key
MAX_TERMS = 8
SCREEN = "~"  # prefix of the private token each screen is indexed under (a query can't contain it)
_CACHE = 256  # query words whose matches are kept

Phrase = Tuple[str, ...]


def fold(text: str) -> str:
    """Lower-case and strip accents, keeping the string's length (for highlight offsets)."""
    if text.isascii():
        return text.lower()
    return "".join(ch.lower() if ch < "\x80" else _fold_char(ch) for ch in text)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[0]
    return base.lower() if len(base.lower()) == 1 else ch


def terms(query: str, limit: int = MAX_TERMS) -> List[str]:
    """The query's distinct words, folded, in order; at most `limit`, from its first MAX_QUERY chars."""
    seen: List[str] = []
    for match in _WORD.finditer(fold(query[:MAX_QUERY])):
        word = match.group().strip("'")
        if word and word not in seen:
            seen.append(word)
            if len(seen) >= limit:
                break
    return seen


_SUFFIXES = ("ings", "ing", "edly", "ed", "es", "ers", "er", "s", "ly")


# Spanish enclitic pronouns after an infinitive (dejarlo, dejarla, morirme, desintoxicarme).
_CLITIC = re.compile(r"^(.+(?:ar|er|ir))(?:me|te|se|lo|la|le|los|las|les|nos)$")


def stem(word: str, lang: str = "en") -> str:
    """A light suffix stripper: overdose, overdosed, overdoses, overdosing -> 'overdos'."""
    if len(word) < 4:
        return word
    if lang == "es":  # an infinitive with a pronoun on it is the infinitive: dejarlo, morirme -> dejar, morir
        clitic = _CLITIC.match(word)
        if clitic and len(clitic.group(1)) >= 4:
            word = clitic.group(1)
    suffixes = _SUFFIXES if lang == "en" else ("es", "s")
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if lang == "en":
        if word.endswith("e") and len(word) > 3:
            word = word[:-1]
        if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
            word = word[:-1]  # stopping -> stopp -> stop
    return word


def near(query: str, word: str, k: int) -> bool:
    """True if `query` is at most `k` edits (insert, delete, change, swap two neighbours) from
    `word` or from the start of `word`. Stops as soon as every alignment costs more than k."""
    n, m = len(query), len(word)
    if m < n - k:
        return False
    prev2: List[int] = []
    prev = list(range(m + 1))
    for i in range(1, n + 1):
        cur = [i] + [0] * m
        qi = query[i - 1]
        low = i
        for j in range(1, m + 1):
            wj = word[j - 1]
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (qi != wj))
            if i > 1 and j > 1 and qi == word[j - 2] and query[i - 2] == wj:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            if v < low:
                low = v
        if low > k:
            return False
        prev2, prev = prev, cur
    return min(prev) <= k


def typo_budget(word: str) -> int:
    if len(word) < 5 or len(word) > 30:
        return 0
    return 1 if len(word) < 8 else 2


@dataclass(frozen=True)
class Entry:
    page_id: str  # a page id, or a screen id when `screen`
    page_title: str
    section: int  # -1: the title/summary; else section index
    block: int  # -1: the heading; else block index within the section
    text: str
    folded: str
    weight: int
    screen: bool = False


@dataclass(frozen=True)
class Result:
    page_id: str  # the page to open, or the screen's id when kind == "screen"
    title: str
    score: int
    section: int
    block: int
    snippet: str
    spans: Tuple[Tuple[int, int], ...]  # matched ranges in `snippet`
    kind: str = "page"
    quality: int = EXACT


@dataclass
class _TermHits:
    quality: Dict[int, int]  # entry -> best quality
    words: Dict[int, Set[str]]  # entry -> the indexed words that matched (for highlighting)


class SearchIndex:
    def __init__(self, pages: Iterable[Page], words: Optional["SearchWords"] = None) -> None:
        self.lang = words.lang if words else "en"
        self.ignore = words.ignore if words else frozenset()
        self.entries: List[Entry] = []
        self.postings: Dict[str, List[int]] = {}  # indexed word -> entries, in order
        self.summaries: Dict[str, int] = {}  # page id -> its summary entry (snippet for title/keyword hits)
        self.firsts: Set[str] = set()  # screens that go above every page when they match
        for page in pages:
            self._add_page(page)
        if words:
            for screen in words.screens:
                self._add(Entry(screen.screen, screen.title, -1, -1, screen.summary, fold(screen.summary),
                                TITLE, screen=True), extra=[SCREEN + screen.screen])
                if screen.first:
                    self.firsts.add(screen.screen)
        self.vocab = sorted(self.postings)
        self.stems: Dict[str, List[str]] = {}
        for word in self.vocab:
            self.stems.setdefault(stem(word, self.lang), []).append(word)
        self._build_keys(words)
        self._by_letter: Dict[str, List[str]] = {}  # typo candidates: words and keys by first letter
        for word in set(self.vocab) | set(self.key_words):
            if not word.startswith(SCREEN):
                self._by_letter.setdefault(word[0], []).append(word)
        self._cache: "OrderedDict[str, Tuple[Dict[Phrase, int], _TermHits]]" = OrderedDict()

    # Building -----------------------------------------------------------------------------------
    def _add_page(self, page: Page) -> None:
        pid, title = page.id, page.title
        self._add(Entry(pid, title, -1, -1, title, fold(title), TITLE))
        self.summaries[pid] = len(self.entries)
        self._add(Entry(pid, title, -1, 0, page.summary, fold(page.summary), BODY))
        if page.keywords:
            kw = " ".join(page.keywords)
            self._add(Entry(pid, title, -1, 1, kw, fold(kw), KEYWORD))
        for s, section in enumerate(page.sections):
            self._add(Entry(pid, title, s, -1, section.heading, fold(section.heading), HEADING))
            for b, block in enumerate(section.blocks):
                self._add(Entry(pid, title, s, b, block.text, fold(block.text), BODY))

    def _add(self, entry: Entry, extra: Sequence[str] = ()) -> None:
        index = len(self.entries)
        self.entries.append(entry)
        words = [] if entry.screen else [w.strip("'") for w in _WORD.findall(entry.folded)]
        for word in list(words) + list(extra):
            if not word:
                continue
            hits = self.postings.setdefault(word, [])
            if not hits or hits[-1] != index:
                hits.append(index)

    def _build_keys(self, words: Optional["SearchWords"]) -> None:
        """Synonym and screen words -> what they stand for. One level of chaining, so "narcan"
        (a synonym of naloxone) also finds the naloxone screen."""
        keys: Dict[Phrase, List[Phrase]] = {}
        if words:
            for screen in words.screens:
                for ph in screen.words:
                    keys.setdefault(ph, []).append((SCREEN + screen.screen,))
            direct = {ph: list(v) for ph, v in keys.items()}
            for syn in words.synonyms:
                for ph in syn.words:
                    for target in syn.means:
                        keys.setdefault(ph, []).append(target)
                        keys[ph].extend(direct.get(target, ()))
        self.keys = {ph: list(dict.fromkeys(v)) for ph, v in keys.items()}
        self.key_words = sorted(ph[0] for ph in self.keys if len(ph) == 1)
        self.key_stems: Dict[str, List[str]] = {}
        for word in self.key_words:
            self.key_stems.setdefault(stem(word, self.lang), []).append(word)
        self.phrases: Dict[str, List[Phrase]] = {}  # first word -> multi-word keys
        for ph in self.keys:
            if len(ph) > 1:
                self.phrases.setdefault(ph[0], []).append(ph)

    def forget(self) -> None:
        """Drop the cached query words: what a visitor typed must not outlive their visit."""
        self._cache.clear()

    def known_words(self) -> Set[str]:
        return {w for w in self.postings if not w.startswith(SCREEN)}

    # Matching one word --------------------------------------------------------------------------
    def _prefixed(self, words: List[str], prefix: str) -> List[str]:
        start = bisect.bisect_left(words, prefix)
        end = bisect.bisect_left(words, prefix + "\U0010ffff")
        return words[start:end]

    def _alternatives(self, term: str) -> Dict[Phrase, int]:
        """Indexed words and phrases that stand for `term`, each with its match quality."""
        alts: Dict[Phrase, int] = {}
        if term in self.ignore:  # "not", "my": only as typed (they count only inside a phrase)
            return {(term,): EXACT} if term in self.postings else {}

        def add(ph: Phrase, quality: int) -> None:
            if alts.get(ph, 0) < quality:
                alts[ph] = quality

        def add_key(key: str, quality: int) -> None:
            for target in self.keys.get((key,), ()):  # a screen's own word is as good as exact
                add(target, quality if target[0].startswith(SCREEN) else min(quality, SYNONYM))

        # Words that merely begin with the term: exact from 3 letters on (one or two letters begin
        # too many words), but no better than a synonym when the term is a known word ("subs").
        prefix_quality = STEM if len(term) < 3 else SYNONYM if (term,) in self.keys else EXACT
        for word in self._prefixed(self.vocab, term):
            add((word,), EXACT if word == term else prefix_quality)
        add_key(term, EXACT)
        if len(term) >= 3:  # "narc" already finds Narcan; one or two letters would find too much
            for key in self._prefixed(self.key_words, term):
                add_key(key, EXACT)
        exact = bool(alts)
        if len(term) >= 4:
            s = stem(term, self.lang)
            for word in self.stems.get(s, ()):
                add((word,), STEM)
            for key in self.key_stems.get(s, ()):
                add_key(key, STEM)
        budget = typo_budget(term)
        if budget and not exact:
            candidates = set(self._by_letter.get(term[0], ())) | set(self._by_letter.get(term[1], ()))
            for word in sorted(candidates):
                if near(term, word, budget):
                    if word in self.postings:
                        add((word,), TYPO)
                    add_key(word, TYPO)
        return alts

    def _hits(self, alts: Dict[Phrase, int]) -> _TermHits:
        hits = _TermHits({}, {})
        for ph, quality in alts.items():
            lists = [self.postings.get(w) for w in ph]
            if not all(lists):
                continue
            entries: Iterable[int] = lists[0]  # type: ignore[assignment]
            if len(lists) > 1:
                common = set(lists[0])  # type: ignore[arg-type]
                for more in lists[1:]:
                    common &= set(more)  # type: ignore[arg-type]
                entries = common
            for e in entries:
                if hits.quality.get(e, 0) < quality:
                    hits.quality[e] = quality
                hits.words.setdefault(e, set()).update(ph)
        return hits

    def _term(self, term: str) -> Tuple[Dict[Phrase, int], _TermHits]:
        cached = self._cache.get(term)
        if cached is not None:
            self._cache.move_to_end(term)
            return cached
        alts = self._alternatives(term)
        found = (alts, self._hits(alts))
        self._cache[term] = found
        if len(self._cache) > _CACHE:
            self._cache.popitem(last=False)
        return found

    def _phrase_hits(self, words: List[str]) -> Dict[int, _TermHits]:
        """Multi-word synonyms and screen words ("not breathing", "opioid agonist"): where the
        query has one, each of its words also stands for what the phrase means."""
        extra: Dict[int, _TermHits] = {}
        for i, word in enumerate(words):
            for ph in self.phrases.get(word, ()):
                n = len(ph)
                got = words[i:i + n]
                if len(got) != n or got[:-1] != list(ph[:-1]):
                    continue
                last, want = got[-1], ph[-1]
                if not (last == want or (len(last) >= 3 and want.startswith(last))
                        or (len(last) >= 4 and stem(last, self.lang) == stem(want, self.lang))):
                    continue
                hits = self._hits({t: EXACT if t[0].startswith(SCREEN) else SYNONYM for t in self.keys[ph]})
                for j in range(i, i + n):
                    merged = extra.setdefault(j, _TermHits({}, {}))
                    for e, q in hits.quality.items():
                        merged.quality[e] = max(q, merged.quality.get(e, 0))
                        merged.words.setdefault(e, set()).update(hits.words.get(e, ()))
        return extra

    # Searching ----------------------------------------------------------------------------------
    def search(self, query: str, limit: int = 30) -> List[Result]:
        words = terms(query)
        if not words:
            return []
        per_term = [self._term(w)[1] for w in words]
        phrased = self._phrase_hits(words) if self.phrases else {}
        for j, extra in phrased.items():
            base = per_term[j]  # cached: merged into a copy
            merged = _TermHits(dict(base.quality), {e: set(ws) for e, ws in base.words.items()})
            for e, q in extra.quality.items():
                merged.quality[e] = max(q, merged.quality.get(e, 0))
                merged.words.setdefault(e, set()).update(extra.words.get(e, ()))
            per_term[j] = merged
        keep = [j for j, w in enumerate(words) if w not in self.ignore or j in phrased]
        if not keep:
            keep = list(range(len(words)))  # a query of only small words still searches them
        docs: Dict[Tuple[bool, str], _Doc] = {}
        for j in keep:
            hits = per_term[j]
            for e, quality in hits.quality.items():
                entry = self.entries[e]
                doc = docs.setdefault((entry.screen, entry.page_id), _Doc())
                doc.add(j, e, entry, quality, hits.words.get(e, set()))
        results = []
        need = len(keep)
        for (is_screen, pid), doc in docs.items():
            covered = len(doc.found)
            if not is_screen and covered < need:
                continue  # a page must match every word
            full = covered == need
            first = is_screen and pid in self.firsts
            quality = doc.quality()
            results.append((0 if first else 1, 0 if full else 1, -min(quality, SYNONYM), -quality,
                            0 if is_screen else 1, -doc.score, self._result(pid, is_screen, doc)))
        results.sort(key=lambda r: r[:6] + (r[6].title,))
        return [r[6] for r in results[:limit]]

    def _result(self, pid: str, is_screen: bool, doc: "_Doc") -> Result:
        e = doc.snippet_entry
        entry = self.entries[e]
        words: Set[str] = doc.words.get(e, set())
        if not is_screen and entry.weight in (TITLE, KEYWORD):
            e = self.summaries[pid]
            entry, words = self.entries[e], doc.words.get(e, set())
        spans = _match_spans(entry.folded, words) if not is_screen else []
        snippet, snip_spans = make_snippet(entry, spans)
        score = doc.score + (1000 if doc.title_hit else 0)
        return Result(pid, entry.page_title, score, entry.section, entry.block, snippet, snip_spans,
                      "screen" if is_screen else "page", doc.quality())


class _Doc:
    """What one page or screen matched: per query word its best quality, a score, and the
    entry to show as snippet."""

    def __init__(self) -> None:
        self.found: Dict[int, int] = {}  # query word index -> best quality
        self.score = 0
        self.title_hit = False
        self.words: Dict[int, Set[str]] = {}  # entry -> matched indexed words
        self.snippet_entry = -1
        self._per_entry: Dict[int, Set[int]] = {}
        self._snippet_rank = (-1, 0, 0)

    def add(self, term: int, e: int, entry: Entry, quality: int, words: Set[str]) -> None:
        if self.found.get(term, 0) < quality:
            self.found[term] = quality
        self.score += entry.weight * quality
        if entry.weight == TITLE and quality == EXACT:
            self.title_hit = True
        self.words.setdefault(e, set()).update(words)
        terms_here = self._per_entry.setdefault(e, set())
        terms_here.add(term)
        # Snippet: prefer readable text (not the title or keyword list), most words, earliest.
        readable = 0 if entry.weight in (TITLE, KEYWORD) else 1
        rank = (readable, len(terms_here), -e)
        if rank > self._snippet_rank:
            self._snippet_rank = rank
            self.snippet_entry = e

    def quality(self) -> int:
        return min(self.found.values()) if self.found else 0


def _match_spans(folded: str, words: Set[str]) -> List[Tuple[int, int]]:
    """Where the matched indexed words are in `folded` (tokenized as the index was)."""
    spans = []
    for m in _WORD.finditer(folded):
        word = m.group()
        stripped = word.strip("'")
        if stripped in words:
            start = m.start() + word.index(stripped)
            spans.append((start, start + len(stripped)))
    return spans


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
