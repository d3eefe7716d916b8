"""Strict validation helpers shared by the content and config loaders (no Textual here).

A Checker collects every problem in one file instead of stopping at the first, so
`kiosk --check` can list them all, and loaders can keep whatever part of a file is valid.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Sequence, Tuple

from kiosk.data.localtext import LANGUAGE_CODE, LocalText
from kiosk.data.tomlfile import ContentError, as_resource, key_name, locate, read_toml

if TYPE_CHECKING:
    from kiosk.data.tomlfile import Where

# C0 controls (but tab and newline), DEL and C1 controls: an ESC in content could drive the terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def strip_controls(text: str) -> str:
    return _CONTROL.sub("", text)


def type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return "a date/time"
    return type(value).__name__


class Checker:
    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.text = text
        self.errors: List[ContentError] = []

    def error(self, path: Sequence[object], expected: str) -> None:
        self.errors.append(ContentError(self.file, locate(self.text, path), key_name(path), expected))

    def keys(self, data: Any, path: Sequence[object], required: Iterable[str], optional: Iterable[str] = ()) -> bool:
        """Unknown and missing keys are errors. Returns False if `data` is not a table."""
        if not isinstance(data, dict):
            self.error(path, f"expected a table, got {type_name(data)}")
            return False
        import difflib

        required = list(required)
        allowed = set(required) | set(optional)
        unknown = [key for key in data if key not in allowed]
        for key in unknown:
            close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            self.error(list(path) + [key], f"unknown key; {hint}expected one of: {', '.join(sorted(allowed))}")
        for key in required:
            if key not in data:
                where = key_name(list(path) + [key])
                # The line: a misspelling of it if there is one ("titel" for "title"), else the
                # table's header (a key at the top of the file: line 1, where that table starts).
                typo = difflib.get_close_matches(key, [str(k) for k in unknown], n=1)
                line = (locate(self.text, list(path) + [typo[0]]) if typo else None) or \
                    (locate(self.text, path) if path else 1)
                self.errors.append(ContentError(self.file, line, where, "missing; this key is required"))
        return True

    def string(self, data: dict, path: Sequence[object], key: str, *, max_len: int = 200,
               multiline: bool = False, required: bool = True, pattern: Optional[re.Pattern] = None,
               pattern_hint: str = "") -> Optional[str]:
        """A string value, or None (error recorded) if absent/invalid. Control characters are
        reported and removed, so what is returned is always safe to show."""
        if key not in data:
            return None
        p = list(path) + [key]
        value = data[key]
        if not isinstance(value, str):
            self.error(p, f"expected a string in quotes, got {type_name(value)}")
            return None
        return self._clean(value, p, max_len=max_len, multiline=multiline, pattern=pattern, pattern_hint=pattern_hint)

    def local_string(self, data: dict, path: Sequence[object], key: str, **rules: Any) -> Optional[str]:
        """A deployer's text: a string, or a table by language (`{ en = "...", es = "..." }`),
        read into a LocalText (its first language is the fallback). `rules` as for `string`."""
        value = data.get(key)
        if not isinstance(value, dict):
            if key in data and not isinstance(value, str):
                self.error(list(path) + [key], 'expected text in quotes, or a table by language such as '
                                               f'{{ en = "...", es = "..." }}; got {type_name(value)}')
                return None
            return self.string(data, path, key, **rules)
        p = list(path) + [key]
        if not value:
            self.error(p, 'expected at least one language, such as { en = "..." }')
            return None
        texts: Dict[str, str] = {}
        for code in value:
            if not isinstance(code, str) or not LANGUAGE_CODE.match(code):
                self.error(p + [code], f'expected a language code such as "en" or "es"; got {code!r}')
                continue
            text = self.string(value, p, code, **rules)
            if text is not None:
                texts[code] = text
        return LocalText(texts) if texts else None

    def _clean(self, value: str, p: list, *, max_len: int, multiline: bool,
               pattern: Optional[re.Pattern] = None, pattern_hint: str = "") -> Optional[str]:
        if not value.strip():
            self.error(p, "expected some text, got an empty string")
            return None
        if len(value) > max_len:
            self.error(p, f"expected at most {max_len} characters, got {len(value)}")
            value = value[:max_len]
        if _CONTROL.search(value):
            self.error(p, "expected plain text; control or escape characters were removed")
            value = strip_controls(value)
        if not multiline and "\n" in value:
            self.error(p, "expected a single line")
            value = " ".join(value.split())
        if pattern is not None and not pattern.match(value):
            self.error(p, f"expected {pattern_hint or pattern.pattern}, got {value!r}")
            return None
        return value

    def string_list(self, data: dict, path: Sequence[object], key: str, *, max_len: int = 200,
                    max_items: int = 50, pattern: Optional[re.Pattern] = None, pattern_hint: str = "",
                    non_empty: bool = False) -> Optional[List[str]]:
        if key not in data:
            return None
        p = list(path) + [key]
        value = data[key]
        if not isinstance(value, list):
            self.error(p, f"expected a list of strings like [\"a\", \"b\"], got {type_name(value)}")
            return None
        if non_empty and not value:
            self.error(p, "expected at least one item, got an empty list")
            return None
        if len(value) > max_items:
            self.error(p, f"expected at most {max_items} items, got {len(value)}")
            value = value[:max_items]
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.error(p + [i], f"expected a string, got {type_name(item)}")
                continue
            clean = self._clean(item, p + [i], max_len=max_len, multiline=False, pattern=pattern, pattern_hint=pattern_hint)
            if clean is not None:
                out.append(clean)
        return out

    def integer(self, data: dict, path: Sequence[object], key: str, *, low: int, high: int) -> Optional[int]:
        if key not in data:
            return None
        value = data[key]
        p = list(path) + [key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(p, f"expected a whole number from {low} to {high}, got {type_name(value)}")
            return None
        if not low <= value <= high:
            self.error(p, f"expected a whole number from {low} to {high}, got {value}")
            return None
        return value

    def boolean(self, data: dict, path: Sequence[object], key: str) -> Optional[bool]:
        if key not in data:
            return None
        value = data[key]
        if not isinstance(value, bool):
            self.error(list(path) + [key], f"expected true or false (no quotes), got {type_name(value)}")
            return None
        return value

    def date(self, data: dict, path: Sequence[object], key: str) -> Optional[_dt.date]:
        if key not in data:
            return None
        value = data[key]
        if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date):
            self.error(list(path) + [key], f"expected a date like 2026-11-27 (no quotes), got {type_name(value)}")
            return None
        return value

    def choice(self, data: dict, path: Sequence[object], key: str, choices: Sequence[str]) -> Optional[str]:
        value = self.string(data, path, key, max_len=40)
        if value is not None and value not in choices:
            self.error(list(path) + [key], f"expected one of: {', '.join(choices)}; got {value!r}")
            return None
        return value

    def table_list(self, data: dict, path: Sequence[object], key: str, *, max_items: int = 200) -> List[dict]:
        """An array of tables ([[key]]); items that are not tables are reported and skipped."""
        if key not in data:
            return []
        value = data[key]
        p = list(path) + [key]
        if not isinstance(value, list):
            self.error(p, f"expected a list of tables written as [[{key}]], got {type_name(value)}")
            return []
        if len(value) > max_items:
            self.error(p, f"expected at most {max_items} entries, got {len(value)}")
        items = []
        for i, item in enumerate(value[:max_items]):
            if isinstance(item, dict):
                items.append(item)
            else:
                self.error(p + [i], f"expected a table written as [[{key}]], got {type_name(item)}")
        return items


def read_checked(root: "Where", name: str, required: Iterable[str],
                 optional: Iterable[str] = ()) -> Tuple[Optional[Dict[str, Any]], "Checker"]:
    """Read `root`/`name` and check its top-level keys: (the data, its Checker, which holds any
    missing or unknown key). The data is None when the file can't be read (its error is then the
    Checker's only one) or is not a table: the loader shows its built-in words instead."""
    path = as_resource(root) / name
    try:
        data, text = read_toml(path)
    except ContentError as exc:
        ck = Checker(str(path), "")
        ck.errors.append(exc)
        return None, ck
    ck = Checker(str(path), text)
    return (data if ck.keys(data, [], required, optional) else None), ck
