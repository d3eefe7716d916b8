"""Content pack: models and a strict, lazy loader. Pure Python, no Textual.

Start-up reads only pack.toml (the home menu); a page file is parsed when first opened,
and the whole pack only for search or `kiosk --check`.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Dict, Iterator, List, Optional, Tuple

from kiosk.data.checks import ID_PATTERN, Checker
from kiosk.data.tomlfile import ContentError, as_resource, is_file, key_name, locate, read_text, read_toml, stem

if TYPE_CHECKING:
    from kiosk.data.tomlfile import Traversable, Where

ID_HINT = "an id of lowercase letters, digits and hyphens (e.g. symptoms-core)"
# Screens a page may link to besides pages (`actions`), in the order given.
PAGE_ACTIONS = ("emergency", "crisis", "find-help")


def default_content_dir() -> Traversable:
    """The pack shipped with the kiosk, through importlib.resources: kiosk/content of the installed
    package or of the single-file copy (inside the zip, never extracted); ../content in a checkout."""
    shipped = files("kiosk").joinpath("content")
    if is_file(shipped.joinpath("pack.toml")):
        return shipped
    checkout = Path(__file__).resolve().parent.parent.parent / "content"
    return checkout if (checkout / "pack.toml").is_file() else shipped


@dataclass(frozen=True)
class Block:
    kind: str  # "para" or "bullet"
    text: str
    level: int = 0  # bullets: 0 = top level, 1 = sub-bullet


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: Tuple[Block, ...]


@dataclass(frozen=True)
class Page:
    id: str
    title: str
    summary: str
    reviewed: _dt.date
    sources: Tuple[str, ...]
    sections: Tuple[Section, ...]
    see_also: Tuple[str, ...] = ()
    keywords: Tuple[str, ...] = ()
    actions: Tuple[str, ...] = ()  # screens to link to first: PAGE_ACTIONS
    fallback: bool = False  # shown in English because the visitor's language lacks it (languages.py)

    def word_count(self) -> int:
        words = len(self.title.split()) + len(self.summary.split())
        for section in self.sections:
            words += len(section.heading.split())
            words += sum(len(b.text.split()) for b in section.blocks)
        return words


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    summary: str
    page_ids: Tuple[str, ...]
    fallback: bool = False  # shown in English (see Page.fallback)


@dataclass(frozen=True)
class PackInfo:
    title: str
    subtitle: str
    version: str


def parse_body(body: str) -> Tuple[Block, ...]:
    """The body mini-format: blank lines split paragraphs, '- ' bullets, '  - ' sub-bullets."""
    blocks: List[Block] = []
    para: List[str] = []

    def flush() -> None:
        if para:
            blocks.append(Block("para", " ".join(para)))
            para.clear()

    for raw in body.splitlines():
        line = raw.rstrip()
        stripped = line.lstrip()
        if not stripped:
            flush()
        elif stripped.startswith("- ") or stripped == "-":
            flush()
            level = 1 if len(line) - len(stripped) >= 2 else 0
            blocks.append(Block("bullet", stripped[2:].strip(), level))
        else:
            para.append(stripped)
    flush()
    return tuple(b for b in blocks if b.text)


def _load_page(path: Traversable) -> Tuple[Optional[Page], List[ContentError]]:
    try:
        data, text = read_toml(path)
    except ContentError as exc:
        return None, [exc]
    ck = Checker(str(path), text)
    required = ("id", "title", "summary", "reviewed", "sources", "sections")
    if not ck.keys(data, [], required, ("see_also", "keywords", "actions")):
        return None, ck.errors
    page_id = ck.string(data, [], "id", max_len=64, pattern=ID_PATTERN, pattern_hint=ID_HINT)
    if page_id is not None and page_id != stem(path):
        ck.error(["id"], f"expected the file name without .toml ({stem(path)!r}), got {page_id!r}")
    title = ck.string(data, [], "title", max_len=80)
    summary = ck.string(data, [], "summary", max_len=240)
    reviewed = ck.date(data, [], "reviewed")
    sources = ck.string_list(data, [], "sources", max_len=300, non_empty=True)
    see_also = ck.string_list(data, [], "see_also", max_len=64, pattern=ID_PATTERN, pattern_hint=ID_HINT) or []
    keywords = ck.string_list(data, [], "keywords", max_len=40, max_items=100) or []
    actions = ck.string_list(data, [], "actions", max_len=20, max_items=len(PAGE_ACTIONS)) or []
    for j, action in enumerate(actions):
        if action not in PAGE_ACTIONS:
            ck.error(["actions", j], f"expected one of: {', '.join(PAGE_ACTIONS)}; got {action!r}")
    actions = [a for a in actions if a in PAGE_ACTIONS]
    sections: List[Section] = []
    raw_sections = ck.table_list(data, [], "sections", max_items=50)
    if "sections" in data and not raw_sections:
        ck.error(["sections"], "expected at least one [[sections]] table")
    for i, raw in enumerate(raw_sections):
        p = ["sections", i]
        if not ck.keys(raw, p, ("heading", "body")):
            continue
        heading = ck.string(raw, p, "heading", max_len=100)
        body = ck.string(raw, p, "body", max_len=20_000, multiline=True)
        if heading is not None and body is not None:
            blocks = parse_body(body)
            if blocks:
                sections.append(Section(heading, blocks))
            else:
                ck.error(p + ["body"], "expected at least one paragraph or '- ' bullet")
    if page_id is None or title is None or summary is None or reviewed is None or sources is None or not sections:
        return None, ck.errors
    return Page(page_id, title, summary, reviewed, tuple(sources), tuple(sections),
                tuple(see_also), tuple(keywords), tuple(actions)), ck.errors


class ContentPack:
    """The pack at `root` (a folder, or a Traversable inside the single-file copy). `errors` grows
    as files are read; nothing is ever written.
    This is the English (reference) pack; kiosk/data/languages.py adds the translated view."""

    code = "en"

    def __init__(self, root: Where) -> None:
        self.root = as_resource(root)
        self.errors: List[ContentError] = []
        self.info = PackInfo("Health information", "", "")
        self.topics: Tuple[Topic, ...] = ()
        self._pages: Dict[str, Optional[Page]] = {}
        self._read_manifest()

    @property
    def manifest(self) -> Traversable:
        return self.root / "pack.toml"

    def _read_manifest(self) -> None:
        try:
            data, text = read_toml(self.manifest)
        except ContentError as exc:
            self.errors.append(exc)
            return
        ck = Checker(str(self.manifest), text)
        if ck.keys(data, [], ("pack", "topics")):
            if ck.keys(data.get("pack", {}), ["pack"], ("title",), ("subtitle", "version")):
                pack = data.get("pack", {})
                self.info = PackInfo(
                    ck.string(pack, ["pack"], "title", max_len=80) or self.info.title,
                    ck.string(pack, ["pack"], "subtitle", max_len=160) or "",
                    ck.string(pack, ["pack"], "version", max_len=40) or "",
                )
            topics: List[Topic] = []
            seen = set()
            for i, raw in enumerate(ck.table_list(data, [], "topics", max_items=50)):
                p = ["topics", i]
                if not ck.keys(raw, p, ("id", "title", "pages"), ("summary",)):
                    continue
                tid = ck.string(raw, p, "id", max_len=64, pattern=ID_PATTERN, pattern_hint=ID_HINT)
                title = ck.string(raw, p, "title", max_len=80)
                summary = ck.string(raw, p, "summary", max_len=240) or ""
                pages = ck.string_list(raw, p, "pages", max_len=64, pattern=ID_PATTERN, pattern_hint=ID_HINT, non_empty=True)
                if tid in seen:
                    ck.error(p + ["id"], f"expected a unique topic id; {tid!r} is used twice")
                    continue
                if tid and title and pages:
                    seen.add(tid)
                    topics.append(Topic(tid, title, summary, tuple(pages)))
            self.topics = tuple(topics)
            if not topics:
                ck.error(["topics"], "expected at least one valid [[topics]] entry")
        self.errors.extend(ck.errors)

    def dir_for(self, name: str) -> Traversable:
        """The folder to read a whole-file part (emergency.toml, helplines.toml, ...) from."""
        return self.root

    def is_fallback(self, name: str) -> bool:
        """True if `name` is shown in English because this language lacks it."""
        return False

    def page(self, page_id: str) -> Optional[Page]:
        """The page, parsed on first use; None if it is missing or broken (see `errors`)."""
        if page_id not in self._pages:
            path = self.root / "pages" / f"{page_id}.toml"
            if ID_PATTERN.match(page_id):
                page, errors = _load_page(path)
            else:
                page, errors = None, [ContentError(str(path), None, "id", f"expected {ID_HINT}")]
            self.errors.extend(errors)
            self._pages[page_id] = page
        return self._pages[page_id]

    def page_ids(self) -> List[str]:
        """Every page in menu order, then any page files no topic lists (reachable by links/search)."""
        ids: List[str] = []
        for topic in self.topics:
            ids.extend(pid for pid in topic.page_ids if pid not in ids)
        pages_dir = self.root / "pages"
        if pages_dir.is_dir():
            found = (stem(p) for p in pages_dir.iterdir() if p.name.endswith(".toml"))
            ids.extend(sorted(pid for pid in found if pid not in ids))
        return ids

    def pages(self) -> Iterator[Page]:
        for pid in self.page_ids():
            page = self.page(pid)
            if page is not None:
                yield page

    def topic_of(self, page_id: str) -> Optional[Topic]:
        return next((t for t in self.topics if page_id in t.page_ids), None)

    def check(self) -> List[ContentError]:
        """Read every file and check the links between them; returns all errors."""
        pages = list(self.pages())
        known = {p.id for p in pages}
        listed = set()
        for i, topic in enumerate(self.topics):
            for j, pid in enumerate(topic.page_ids):
                listed.add(pid)
                if pid not in known and not is_file(self.root / "pages" / f"{pid}.toml"):
                    self._link_error(self.manifest, ["topics", i, "pages", j], f"expected a page that exists; no file pages/{pid}.toml")
        for page in pages:
            for j, target in enumerate(page.see_also):
                if target not in known:
                    self._link_error(self.root / "pages" / f"{page.id}.toml", ["see_also", j], f"expected the id of a page in this pack; {target!r} is not one")
        return list(self.errors)

    def _link_error(self, path: Traversable, key_path: list, expected: str) -> None:
        text = read_text(path)  # never a FIFO's endless wait (issue 16)
        self.errors.append(ContentError(str(path), locate(text, key_path), key_name(key_path), expected))
