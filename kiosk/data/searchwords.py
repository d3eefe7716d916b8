"""The words people search with, owned by the content pack: synonyms and screens as results.

One file per language, `synonyms.toml` in the language's folder (content/synonyms.toml for
English, content/es/synonyms.toml for Spanish); each says its `lang`. A language without one
searches with English's.
Pure data, no Textual. See content/README.md ("Search words") for the format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, List, Tuple

from kiosk.data.checks import Checker
from kiosk.data.tomlfile import ContentError, PathPart, as_resource, is_file, read_toml

if TYPE_CHECKING:
    from kiosk.data.tomlfile import Traversable, Where

# The built-in screens a search can open. A screen the running app doesn't have yet is
# accepted here and simply not offered (the UI looks its opener up by id).
SCREEN_IDS = ("emergency", "naloxone", "crisis", "find-help", "selfcheck", "checklist", "takeaway",
              "keys")
LANG_PATTERN = re.compile(r"^[a-z]{2,3}$")
# A search word or phrase: letters, digits, apostrophes, hyphens and spaces (what a person types).
WORD_PATTERN = re.compile(r"^[\w' -]+$")
WORD_HINT = "a word or short phrase of letters, digits, spaces, hyphens or apostrophes"

Phrase = Tuple[str, ...]  # folded words; a phrase matches where all its words do


@dataclass(frozen=True)
class Synonyms:
    words: Tuple[Phrase, ...]  # what people type
    means: Tuple[Phrase, ...]  # what the pages say


@dataclass(frozen=True)
class ScreenWords:
    screen: str
    title: str
    summary: str
    words: Tuple[Phrase, ...]
    first: bool = False  # above every page whenever one of its words is in the query (Emergency)


@dataclass
class SearchWords:
    lang: str = "en"
    ignore: frozenset = frozenset()
    synonyms: Tuple[Synonyms, ...] = ()
    screens: Tuple[ScreenWords, ...] = ()
    errors: List[ContentError] = field(default_factory=list)


def words_file(folder: Where) -> Traversable:
    return as_resource(folder) / "synonyms.toml"


def phrase(text: str) -> Phrase:
    from kiosk.data.search import terms  # one tokenizer for queries and these words

    return tuple(terms(text, limit=6))


def load_search_words(folder: Where, lang: str = "en") -> SearchWords:
    """The file's words; a missing file means no synonyms and no screen results (not an error
    for a pack that has none), a broken entry is reported and skipped."""
    path = words_file(folder)
    if not is_file(path):
        return SearchWords(lang=lang)
    try:
        data, text = read_toml(path)
    except ContentError as exc:
        return SearchWords(lang=lang, errors=[exc])
    ck = Checker(str(path), text)
    out = SearchWords(lang=lang)
    if not ck.keys(data, [], ("lang",), ("ignore", "synonyms", "screens")):
        out.errors = ck.errors
        return out
    found = ck.string(data, [], "lang", max_len=3, pattern=LANG_PATTERN, pattern_hint="a language code like \"en\"")
    if found is not None and found != lang:
        ck.error(["lang"], f"expected {lang!r} (the language of this file's folder), got {found!r}")
    ignore = ck.string_list(data, [], "ignore", max_len=40, max_items=300, pattern=WORD_PATTERN,
                            pattern_hint=WORD_HINT) or []
    out.ignore = frozenset(w for word in ignore for w in phrase(word))
    synonyms = []
    for i, raw in enumerate(ck.table_list(data, [], "synonyms", max_items=500)):
        p: List[PathPart] = ["synonyms", i]
        if not ck.keys(raw, p, ("words", "means")):
            continue
        words = _phrases(ck, raw, p, "words")
        means = _phrases(ck, raw, p, "means")
        if words and means:
            synonyms.append(Synonyms(words, means))
    out.synonyms = tuple(synonyms)
    screens = []
    seen = set()
    for i, raw in enumerate(ck.table_list(data, [], "screens", max_items=len(SCREEN_IDS))):
        p = ["screens", i]
        if not ck.keys(raw, p, ("screen", "title", "words"), ("summary", "first")):
            continue
        screen = ck.choice(raw, p, "screen", SCREEN_IDS)
        if screen in seen:
            ck.error(p + ["screen"], f"expected each screen once; {screen!r} is listed twice")
            continue
        title = ck.string(raw, p, "title", max_len=80)
        summary = ck.string(raw, p, "summary", max_len=160) or ""
        first = raw.get("first", False)
        if not isinstance(first, bool):
            ck.error(p + ["first"], "expected true or false (no quotes)")
            first = False
        words = _phrases(ck, raw, p, "words")
        if screen and title and words:
            seen.add(screen)
            screens.append(ScreenWords(screen, title, summary, words, first))
    out.screens = tuple(screens)
    out.errors = ck.errors
    return out


def _phrases(ck: Checker, raw: dict, p: List[PathPart], key: str) -> Tuple[Phrase, ...]:
    items = ck.string_list(raw, p, key, max_len=60, max_items=200, pattern=WORD_PATTERN,
                           pattern_hint=WORD_HINT, non_empty=True) or []
    return tuple(ph for ph in (phrase(item) for item in items) if ph)


def check_means(words: SearchWords, known: Iterable[str], folder: Where) -> List[ContentError]:
    """Each `means` word must appear somewhere in the pack (a page or a screen's words): a typo
    there would silently make the synonym find nothing."""
    from kiosk.data.tomlfile import locate

    path = words_file(folder)
    vocabulary = set(known) | {w for s in words.screens for ph in s.words for w in ph}
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, KeyError, UnicodeDecodeError):
        text = ""
    errors = []
    for i, syn in enumerate(words.synonyms):
        for ph in syn.means:
            missing = [w for w in ph if w not in vocabulary]
            if missing:
                errors.append(ContentError(str(path), locate(text, ["synonyms", i, "means"]), f"synonyms[{i + 1}].means",
                                           f"expected words that appear in the pack; {' '.join(missing)!r} is on no page"))
    return errors
