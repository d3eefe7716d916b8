"""The interface's own words (content/ui.toml, content/<lang>/ui.toml). Pure Python, no Textual.

ui.toml holds tables of short texts: `[page] in_english = "(in English)"` is the text
"page.in_english". A language's file may lack some texts: those show in English (string by
string); a text the English file does not have, or whose numbers or {placeholders} differ,
is refused (shown in English) and reported by `kiosk --check`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Dict, List, Optional, Tuple

from kiosk.data.checks import Checker
from kiosk.data.tomlfile import ContentError, as_resource, is_file, read_toml

if TYPE_CHECKING:
    from kiosk.data.tomlfile import Where

UI_FILE = "ui.toml"


def _one_other(n: int) -> str:
    return "one" if n == 1 else "other"


# CLDR plural categories of whole numbers, by language (unicode.org/cldr, "Language Plural
# Rules"): English and Spanish have `one` (1) and `other`. A language not listed uses them too
# until its rule is added here.
PLURAL_RULES: Dict[str, Callable[[int], str]] = {"en": _one_other, "es": _one_other}


def plural_category(code: str, n: int) -> str:
    return PLURAL_RULES.get(code, _one_other)(n)


class UiText:
    """Look up an interface text by key: `ui("page.in_english")`, `ui("search.found", n=3)`.
    A text with a count has a form per plural category: `count` (other) and `count_one`
    ("{total} place."), picked by `ui.plural("findhelp.count", n, total=n)`."""

    def __init__(self, strings: Dict[str, str], english: Optional[Dict[str, str]] = None, code: str = "en") -> None:
        self.strings = strings
        self.english = english if english is not None else strings
        self.code = code

    def plural(self, key: str, count: int, /, **values: object) -> str:
        """The text for `count` things: `key_one`, `key_few`... by the language's plural rule
        (`key` itself is the `other` form, and the fallback)."""
        category = plural_category(self.code, count)
        form = f"{key}_{category}" if category != "other" else key
        return self(form if self.has_key(form) else key, **values)

    def __call__(self, key: str, default: Optional[str] = None, /, **values: object) -> str:
        """The text; English if this language lacks it; `default` (or the key) if both do."""
        text = self.strings.get(key) or self.english.get(key) or (default if default is not None else key)
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    def has_own(self, key: str) -> bool:
        return key in self.strings

    def group(self, name: str) -> Dict[str, str]:
        """Every text of table [name], in this language where it has it: {"open_24h": ...}."""
        prefix = name + "."
        merged = {k: v for k, v in self.english.items() if k.startswith(prefix)}
        merged.update({k: v for k, v in self.strings.items() if k.startswith(prefix)})
        return {k[len(prefix):]: v for k, v in merged.items()}

    def has_key(self, key: str) -> bool:
        return key in self.strings or key in self.english


def read_ui(folder: Where) -> Tuple[Dict[str, str], List[ContentError], str]:
    """The flat key -> text table of one ui.toml, its errors, and its source text."""
    path = as_resource(folder) / UI_FILE
    try:
        data, text = read_toml(path)
    except ContentError as exc:
        return {}, [exc], ""
    ck = Checker(str(path), text)
    strings: Dict[str, str] = {}
    for group, table in data.items():
        if not isinstance(table, dict):
            ck.error([group], "expected a table such as [home] with texts under it")
            continue
        for key, value in table.items():
            if isinstance(value, dict):
                ck.error([group, key], "expected text in quotes (tables go one level deep)")
                continue
            clean = ck.string(table, [group], key, max_len=400)
            if clean is not None:
                strings[f"{group}.{key}"] = clean
    return strings, ck.errors, text


def load_ui(pack, lacks: Optional[List[str]] = None) -> Tuple[UiText, List[ContentError]]:
    """The interface texts in the pack's language, with English for whatever it lacks."""
    reference = getattr(pack, "reference", None)
    english_root = as_resource(reference.root if reference is not None else pack.root)
    english, errors, _ = read_ui(english_root)
    if reference is None:
        return UiText(english), errors
    from kiosk.data.languages import StructureCheck, tokens  # only for a translation: English starts lighter
    errors = []  # the English file's own problems are reported once, for English
    own_path = as_resource(pack.root) / UI_FILE
    if not is_file(own_path):
        if lacks is not None:
            lacks.append(f"{UI_FILE}: missing: every interface text is shown in English")
        return UiText({}, english, pack.code), errors
    own, own_errors, text = read_ui(pack.root)
    errors += own_errors
    check = StructureCheck(str(own_path), text, str(english_root / UI_FILE))
    kept: Dict[str, str] = {}
    for key, value in own.items():
        group, _, name = key.partition(".")
        if key not in english:
            check.error([group, name], "unknown text; a translation has only the texts the English file has")
        elif tokens(value) != tokens(english[key]):
            check.compare_tokens(english[key], value, [group, name])
        else:
            kept[key] = value
    errors += check.errors
    missing = [k for k in english if k not in own]
    if missing and lacks is not None:
        lacks.append(f"{UI_FILE}: {len(missing)} interface text(s) shown in English: {', '.join(missing)}")
    return UiText(kept, english, pack.code), errors
