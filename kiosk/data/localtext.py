"""A deployer's text in the visitor's language. Pure Python, no Textual.

Every free-text field of the config may be a string or a table by language:

    naloxone_where = { en = "Ask at the front desk", es = "Pregunte en recepción" }

A table is read into a `LocalText`: a `str` whose own value is the table's first language (so
code that knows nothing of languages still shows the deployer's first text), carrying every
language's text. `localise(config, code)` gives the same config with each such text in `code`,
or in the table's first language where it lacks `code`. A plain string is in the config's
`language` (the deployment's default).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, Dict, Iterator, Mapping, Tuple, TypeVar

T = TypeVar("T")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
FREE_TEXT = {"free_text": True}  # dataclass field metadata: a deployer's text, maybe by language


def free_text(default: str = "") -> Any:
    """A dataclass field holding a deployer's text (a str or a LocalText)."""
    return dataclasses.field(default=default, metadata=FREE_TEXT)


class LocalText(str):
    """A text in one or more languages; as a `str`, the first language's."""

    by_lang: Dict[str, str]

    def __new__(cls, by_lang: Mapping[str, str]) -> "LocalText":
        if not by_lang:
            raise ValueError("a LocalText needs at least one language")
        self = super().__new__(cls, next(iter(by_lang.values())))
        self.by_lang = dict(by_lang)
        return self

    @property
    def languages(self) -> Tuple[str, ...]:
        return tuple(self.by_lang)

    def get_lang(self, code: str) -> str:
        """The text in `code`, else in the first language."""
        return self.by_lang.get(code, str(self))

    def __reduce__(self):  # copies and pickles keep every language
        return (LocalText, (self.by_lang,))


def text_languages(text: str, default: str) -> Tuple[str, ...]:
    """The languages `text` is written in: a table's, or `default` for a plain string."""
    return text.languages if isinstance(text, LocalText) else (default,)


def has_language(text: str, code: str, default: str) -> bool:
    return code in text_languages(text, default)


def in_language(text: str, code: str) -> str:
    """`text` as the visitor reads it: their language, else the first one (a plain `str`)."""
    return text.get_lang(code) if isinstance(text, LocalText) else text


def localise(obj: T, code: str) -> T:
    """A copy of the dataclass `obj` with every LocalText (also inside tuples of dataclasses,
    such as the config's services) replaced by its text in `code`."""
    changes: Dict[str, Any] = {}
    for f in dataclasses.fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, f.name)
        new = _localise_value(value, code)
        if new is not value:
            changes[f.name] = new
    return dataclasses.replace(obj, **changes) if changes else obj  # type: ignore[type-var]


def _localise_value(value: Any, code: str) -> Any:
    if isinstance(value, LocalText):
        return value.get_lang(code)
    if isinstance(value, tuple) and any(dataclasses.is_dataclass(v) for v in value):
        return tuple(localise(v, code) if dataclasses.is_dataclass(v) else v for v in value)
    return value


def local_texts(obj: Any, prefix: str = "") -> Iterator[Tuple[str, str]]:
    """(key, text) for every non-empty free text of the dataclass `obj`, named as in the file
    (`services[1].notes`, 1-based as errors name them): what `kiosk --check` looks through for missing languages."""
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        name = f"{prefix}{f.name}"
        if f.metadata.get("free_text") and isinstance(value, str):
            if value and (isinstance(value, LocalText) or value != f.default):  # not a built-in default
                yield name, value
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if dataclasses.is_dataclass(item):
                    yield from local_texts(item, f"{name}[{i + 1}].")  # 1-based, as errors count
