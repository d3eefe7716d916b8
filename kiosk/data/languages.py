"""Languages: a language is a folder of the pack (content/es/) that mirrors the English files.
Pure Python, no Textual.

English (the pack's own top folder) is the reference. A translation is used file by file, page
by page, topic by topic and (for ui.toml) string by string; whatever it lacks, or whatever it
gets wrong, is shown in English and marked as such (`Page.fallback`, `Topic.fallback`,
`pack.is_fallback(file)`). A translation is refused when its structure differs from English:
other keys, a list with an item more or less (a guide step, a source, a bullet), an id or a
number changed. It is also refused when the English it was made from has changed since
(`[translated_from]` in the language's language.toml records a fingerprint of each English
file); then the English is shown until the translation is brought up to date (listed by
`kiosk --check` as lacking, not as an error: editing English never breaks a pack).
Nothing here runs for an English-only kiosk: start-up reads the same files as before.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Tuple

from kiosk.data.checks import Checker
from kiosk.data.content import Block, ContentPack, Page, parse_body
from kiosk.data.tomlfile import ContentError, as_resource, is_file, locate, read_text, read_toml, stem

if TYPE_CHECKING:  # files on disk, or inside the single file (a zip): see kiosk/data/tomlfile.py
    from kiosk.data.tomlfile import Traversable, Where

REFERENCE = "en"
REFERENCE_NAME = "English"
CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
LANGUAGE_FILE = "language.toml"
# Files compared as a whole (pack.toml, pages and ui.toml have finer-grained fallbacks).
# Any other .toml file in the English folder is compared as a whole too, by the same rules.
PER_PART = ("pack.toml", "ui.toml", LANGUAGE_FILE)
# Files a language writes in its own words, never compared with English (e.g. search synonyms).
OWN_WORDS = ("synonyms.toml",)

# Values that are never translated: they must be equal to the English file's.
FIXED_KEYS = {"id", "key", "region", "show", "pages", "see_also", "languages", "min", "max",
              "redose_after", "number", "tty", "kind", "offers_keys"}
# Keys a translation may leave out or word freely: its own search words and review date.
FREE_KEYS = {"keywords", "reviewed", "version"}
# Numbers and {placeholders} must come through a translation unchanged.
_TOKENS = re.compile(r"\d+(?:[.,:]\d+)*|\{[a-z_]+\}")


def tokens(text: str) -> List[str]:
    """The numbers and {placeholders} of a text, sorted ("0,4" counts as "0.4")."""
    return sorted(t.replace(",", ".") for t in _TOKENS.findall(text))


def fingerprint(data: Any) -> str:
    """8 hex digits that change when the English text a translation was made from changes
    (comments, search keywords and review dates left out)."""
    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in FREE_KEYS and k != "fallback"}
        if isinstance(value, (list, tuple)):
            return [strip(v) for v in value]
        return value
    blob = json.dumps(strip(data), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:8]


# ---- Which languages a pack has ----------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class LanguageInfo:
    code: str
    name: str  # the language's own name: "Español"
    translated_from: Dict[str, str] = dataclasses.field(default_factory=dict)  # file -> fingerprint


def available(root: Where) -> List[str]:
    """English, then every folder of the pack with a language.toml, in alphabetical order."""
    codes = [REFERENCE]
    try:
        entries = sorted(as_resource(root).iterdir(), key=lambda p: p.name)
    except OSError:
        return codes
    codes += [p.name for p in entries if CODE.match(p.name) and p.name != REFERENCE
              and is_file(p / LANGUAGE_FILE)]
    return codes


def read_language(root: Where, code: str) -> Tuple[LanguageInfo, List[ContentError]]:
    """The language's language.toml: `name`, and `[translated_from]` (file = fingerprint)."""
    folder = as_resource(root) if code == REFERENCE else as_resource(root) / code
    path = folder / LANGUAGE_FILE
    if code == REFERENCE and not is_file(path):
        return LanguageInfo(REFERENCE, REFERENCE_NAME), []
    try:
        data, text = read_toml(path)
    except ContentError as exc:
        return LanguageInfo(code, code), [exc]
    ck = Checker(str(path), text)
    if not ck.keys(data, [], ("name",), ("english_name", "translated_from")):
        return LanguageInfo(code, code), ck.errors
    name = ck.string(data, [], "name", max_len=30) or code
    ck.string(data, [], "english_name", max_len=30)
    found: Dict[str, str] = {}
    raw = data.get("translated_from", {})
    if not isinstance(raw, dict):
        ck.error(["translated_from"], "expected a table: [translated_from] with lines like \"pages/what-is.toml\" = \"1a2b3c4d\"")
    else:
        for file, value in raw.items():
            if not isinstance(value, str) or not re.match(r"^[0-9a-f]{8}$", value):
                ck.error(["translated_from", file], "expected the 8-character fingerprint `kiosk --check` prints")
            else:
                found[file] = value
    return LanguageInfo(code, name, found), ck.errors


# ---- Comparing a translation with English ------------------------------------------------

class StructureCheck:
    """Compares a translated TOML tree with the English one; errors point into the translation."""

    def __init__(self, file: str, text: str, english_file: str) -> None:
        self.ck = Checker(file, text)
        self.english = english_file

    @property
    def errors(self) -> List[ContentError]:
        return self.ck.errors

    def error(self, path: Sequence[object], expected: str) -> None:
        self.ck.error(path, f"{expected} (as in {self.english})")

    def compare(self, en: Any, tr: Any, path: List[object]) -> None:
        key = next((p for p in reversed(path) if isinstance(p, str)), "")
        if isinstance(en, dict):
            if not isinstance(tr, dict):
                self.error(path, "expected a table")
                return
            for k in en:
                if k not in tr and k not in FREE_KEYS:
                    self.error(path + [k], "missing; a translation keeps every key of the English file")
            for k in tr:
                if k not in en and k not in FREE_KEYS:
                    self.error(path + [k], "unknown key; a translation has the same keys as the English file")
            for k in en:
                if k in tr and k not in FREE_KEYS:
                    self.compare(en[k], tr[k], path + [k])
        elif isinstance(en, list):
            if not isinstance(tr, list):
                self.error(path, "expected a list")
            elif len(en) != len(tr):
                self.error(path, f"expected {len(en)} items, got {len(tr)}; a translation has the same items, in the same order")
            else:
                for i, (a, b) in enumerate(zip(en, tr)):
                    self.compare(a, b, path + [i])
        elif isinstance(en, str):
            if not isinstance(tr, str):
                self.error(path, "expected text in quotes")
            elif key in FIXED_KEYS:
                if en != tr:
                    self.error(path, f"expected {en!r}: ids, keys and numbers are not translated")
            elif key == "body":
                self.compare_body(en, tr, path)
            else:
                self.compare_tokens(en, tr, path)
        elif type(en) is not type(tr) or (en != tr and key not in FREE_KEYS):
            self.error(path, f"expected {en!r}")

    def compare_tokens(self, en: str, tr: str, path: List[object]) -> None:
        want, got = tokens(en), tokens(tr)
        if want != got:
            self.error(path, f"expected the same numbers and {{placeholders}}: {' '.join(want) or 'none'}; "
                             f"got {' '.join(got) or 'none'}")

    def compare_body(self, en: str, tr: str, path: List[object]) -> None:
        self.compare_blocks(parse_body(en), parse_body(tr), path)

    def compare_blocks(self, a: Sequence[Block], b: Sequence[Block], path: List[object]) -> None:
        shape_a = [(x.kind, x.level) for x in a]
        shape_b = [(x.kind, x.level) for x in b]
        if shape_a != shape_b:
            self.error(path, f"expected {_shape(shape_a)}, got {_shape(shape_b)}; "
                             "a translation has the same paragraphs and bullets, in the same order")
            return
        for n, (x, y) in enumerate(zip(a, b), start=1):
            if tokens(x.text) != tokens(y.text):
                self.error(path, f"expected the same numbers in {x.kind} {n}: "
                                 f"{' '.join(tokens(x.text)) or 'none'}; got {' '.join(tokens(y.text)) or 'none'}")


def _shape(shape: List[Tuple[str, int]]) -> str:
    paras = sum(1 for k, _ in shape if k == "para")
    bullets = sum(1 for k, lvl in shape if k == "bullet" and lvl == 0)
    subs = len(shape) - paras - bullets
    return f"{paras} paragraph(s), {bullets} bullet(s), {subs} sub-bullet(s)"


# ---- A translated pack -------------------------------------------------------------------

class TranslatedPack(ContentPack):
    """The pack as seen in one language: its own pages and topics where it has them, right and
    up to date; the English ones (marked `fallback`) everywhere else."""

    def __init__(self, reference: ContentPack, code: str) -> None:
        self.reference = reference
        self.code = code
        self.language, errors = read_language(reference.root, code)
        self.lacks: List[str] = []  # what the language lacks, for `kiosk --check` (worded for a translator)
        self._files: Dict[str, Traversable] = {}
        self._fallback_files: set = set()
        super().__init__(reference.root / code)
        self.errors.extend(errors)

    # pack.toml ------------------------------------------------------------------------------
    def _read_manifest(self) -> None:
        ref = self.reference
        if not is_file(self.manifest):
            self.lack("pack.toml", "the pack's title and the home-menu topics are shown in English")
            self.info, self.topics = ref.info, tuple(dataclasses.replace(t, fallback=True) for t in ref.topics)
            return
        super()._read_manifest()
        own = {t.id: t for t in self.topics}
        text = self._text(self.manifest)
        topics = []
        for topic in ref.topics:
            mine = own.pop(topic.id, None)
            if mine is None:
                self.lack("pack.toml", f"topic {topic.id!r} is shown in English")
                topics.append(dataclasses.replace(topic, fallback=True))
                continue
            check = StructureCheck(str(self.manifest), text, str(ref.manifest))
            at = ["topics", [t.id for t in self.topics].index(topic.id)]
            if mine.page_ids != topic.page_ids:
                check.error(at + ["pages"], f"expected {list(topic.page_ids)!r}")
            check.compare_tokens(topic.title, mine.title, at + ["title"])
            check.compare_tokens(topic.summary, mine.summary, at + ["summary"])
            self.errors.extend(check.errors)
            topics.append(mine if not check.errors else dataclasses.replace(topic, fallback=True))
        for extra in own:
            self.errors.append(ContentError(str(self.manifest), locate(text, ["topics"]), "topics",
                                            f"expected only topics the English pack has; {extra!r} is not one"))
        self.topics = tuple(topics)
        if not self.info.title or self.info.title == "Health information":
            self.info = ref.info

    # pages ------------------------------------------------------------------------------------
    def page(self, page_id: str) -> Optional[Page]:
        if page_id in self._pages:
            return self._pages[page_id]
        english = self.reference.page(page_id)
        result: Optional[Page] = None
        if english is not None:
            path = self.root / "pages" / f"{page_id}.toml"
            rel = f"pages/{page_id}.toml"
            if not is_file(path):
                self.lack(rel, "missing: shown in English")
            else:
                mine = super().page(page_id)  # parses and checks the translation's own file
                if mine is not None and self._matches(self.reference.root / "pages" / path.name, path, rel):
                    result = mine
            result = result or dataclasses.replace(english, fallback=True)
        self._pages[page_id] = result
        return result

    def _matches(self, english: Traversable, own: Traversable, rel: str) -> bool:
        """May the translated file `own` be shown? Only if it was made from the English as it is
        now, and its structure matches. A translation of an older English text is out of date:
        listed as lacking, not compared (it is expected to differ until brought up to date)."""
        try:
            en_data, _ = read_toml(english)
            tr_data, tr_text = read_toml(own)
        except ContentError as exc:
            if exc.file == str(own) and exc not in self.errors:
                self.errors.append(exc)
            return False
        want, have = fingerprint(en_data), self.language.translated_from.get(rel)
        update = f'"{rel}" = "{want}" under [translated_from] in {self.root / LANGUAGE_FILE}'
        if have is not None and have != want:
            self.lack(rel, f"English changed since it was translated: shown in English. Bring it up to date, then set {update}")
            return False
        check = StructureCheck(str(own), tr_text, str(english))
        check.compare(en_data, tr_data, [])
        self.errors.extend(check.errors)
        if check.errors:
            return False
        if have is None:
            self.lack(rel, f"not confirmed as translated: shown in English. Once it is, set {update}")
            return False
        return True

    def page_ids(self) -> List[str]:
        ids = self.reference.page_ids()
        pages_dir = self.root / "pages"
        if pages_dir.is_dir():
            for extra in sorted(stem(p) for p in pages_dir.iterdir() if p.name.endswith(".toml") and stem(p) not in ids):
                path = pages_dir / f"{extra}.toml"
                self.errors.append(ContentError(str(path), None, "", "expected a page the English pack has "
                                                f"(pages/{extra}.toml is not in {self.reference.root / 'pages'})"))
        return ids

    def check(self) -> List[ContentError]:
        """Read every page (which records what is missing or refused); extra files are errors."""
        list(self.pages())
        return list(self.errors)

    # whole files: emergency.toml, helplines.toml, selfcheck.toml, ... ----------------------
    def dir_for(self, name: str) -> Traversable:
        """The folder to read `name` from: this language's if its file is there, right and up to
        date; else the English folder (and the file counts as shown in English)."""
        if name in self._files:
            return self._files[name]
        own, english = self.root / name, self.reference.root / name
        use = self.reference.root
        if name in OWN_WORDS:
            use = self.root if is_file(own) else use
        elif not is_file(own):
            self.lack(name, "missing: shown in English")
        elif self._matches(english, own, name):
            use = self.root
        if use is not self.root and name not in OWN_WORDS:
            self._fallback_files.add(name)
        self._files[name] = use
        return use

    def is_fallback(self, name: str) -> bool:
        self.dir_for(name)
        return name in self._fallback_files

    # helpers ------------------------------------------------------------------------------
    def lack(self, rel: str, what: str) -> None:
        line = f"{rel}: {what}"
        if line not in self.lacks:
            self.lacks.append(line)

    @staticmethod
    def _text(path: Traversable) -> str:
        return read_text(path)  # never a FIFO's endless wait (issue 16)


def open_pack(root: Where, code: str = REFERENCE) -> ContentPack:
    """The pack in language `code` (English if it is the reference or the pack lacks it)."""
    english = ContentPack(root)
    if code == REFERENCE or code not in available(root):
        return english
    return TranslatedPack(english, code)



def complete_languages(root: Where) -> List[str]:
    """English, then every language that lacks nothing: what a kiosk offers when its config has
    no `languages`. See `lacking_files`."""
    return [REFERENCE] + [code for code in available(root)[1:] if not lacking_files(root, code)]


def lacking_files(root: Where, code: str) -> List[str]:
    """The English files (pages too) that language `code` has no translation of: no file of its
    own, or (but for pack.toml and ui.toml, checked part by part) a file its translator has not
    confirmed in `[translated_from]`. Cheap enough for start-up (file names and one small file);
    `kiosk --check` makes the full comparison. A file confirmed but behind the English since
    shows in English, marked, until updated: editing English never takes a language off a kiosk."""
    english = as_resource(root)
    info, errors = read_language(root, code)
    if errors:
        return [LANGUAGE_FILE]
    folder = english / code
    return [name for name in _english_files(english) if name not in OWN_WORDS
            and not (is_file(folder / name) and (name in PER_PART or name in info.translated_from))]


def _english_files(english: "Traversable") -> List[str]:
    names = [p.name for p in english.iterdir() if p.name.endswith(".toml") and p.name != LANGUAGE_FILE]
    pages = english / "pages"
    if pages.is_dir():
        names += [f"pages/{p.name}" for p in pages.iterdir() if p.name.endswith(".toml")]
    return sorted(names)
