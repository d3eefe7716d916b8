"""What the app reads from the content pack, each part loaded once when first needed, and the one
list of problems found on the way (for `kiosk --check` and the administrator; never shown to a
visitor). Data flows one way: the UI asks the store; the store knows nothing of the UI.

Start-up reads only `pack.toml` (the home menu); Emergency is read after the first frame, the rest
when first opened.
"""

from __future__ import annotations

from functools import cached_property
from importlib import import_module
from typing import TYPE_CHECKING, Any, Dict, List, Tuple

from kiosk.data.tomlfile import ContentError

if TYPE_CHECKING:
    from kiosk.data.coach import CoachText
    from kiosk.data.content import ContentPack
    from kiosk.data.crisis import Crisis
    from kiosk.data.emergency import Emergency
    from kiosk.data.helplines import DefaultHelplines
    from kiosk.data.search import SearchIndex
    from kiosk.data.selfcheck import SelfCheckFile
    from kiosk.data.tomlfile import Traversable, Where
    from kiosk.data.ui_text import UiText

# The pack's whole-file parts (besides pack.toml, ui.toml, language.toml and the pages), each with
# the function that reads it: the store, `kiosk --check` and its list of unknown files use this one
# table. "module:function", imported when the file is first read (start-up reads none of them).
WHOLE_FILES: Dict[str, str] = {
    "emergency.toml": "kiosk.data.emergency_loader:load_emergency",
    "helplines.toml": "kiosk.data.helplines:load_default_helplines",
    "selfcheck.toml": "kiosk.data.selfcheck:load_selfcheck",
    "crisis.toml": "kiosk.data.crisis:load_crisis",
    "coach.toml": "kiosk.data.coach:load_coach",
}


def read_whole_file(name: str, root: "Where") -> Tuple[Any, List[ContentError]]:
    """One of WHOLE_FILES read from `root`: what it gives, and the problems found."""
    module, _, function = WHOLE_FILES[name].partition(":")
    loaded = getattr(import_module(module), function)(root)
    if isinstance(loaded, tuple):
        return loaded
    return loaded, list(loaded.errors)  # the self-check file keeps its errors on itself


class ContentStore:
    """One language's view of the pack (a `ContentPack`, or a `TranslatedPack` that falls back to
    English file by file): each file is read from the folder `pack.dir_for()` names, once, when first
    asked for (`cached_property`), its problems added to `errors`."""

    def __init__(self, pack: "ContentPack") -> None:
        self.pack = pack

    @property
    def root(self) -> Traversable:
        return self.pack.root

    @property
    def errors(self) -> List[ContentError]:
        return self.pack.errors

    def _read(self, name: str) -> Any:
        value, errors = read_whole_file(name, self.pack.dir_for(name))
        self.errors.extend(errors)
        return value

    @cached_property
    def emergency(self) -> "Emergency":
        return self._read("emergency.toml")

    @cached_property
    def default_helplines(self) -> "DefaultHelplines":
        """content/helplines.toml: Find help's defaults and the crisis screen's lines."""
        return self._read("helplines.toml")

    @cached_property
    def selfcheck_file(self) -> "SelfCheckFile":
        return self._read("selfcheck.toml")

    @cached_property
    def crisis(self) -> "Crisis":
        """The crisis screen's words (content/crisis.toml)."""
        return self._read("crisis.toml")

    @cached_property
    def coach(self) -> "CoachText":
        """The CPR coach's words and the call script (content/coach.toml)."""
        return self._read("coach.toml")

    @cached_property
    def ui(self) -> "UiText":
        """The interface's words in this language (content/ui.toml, English for what it lacks)."""
        from kiosk.data.ui_text import load_ui

        value, errors = load_ui(self.pack)
        self.errors.extend(errors)
        return value

    @cached_property
    def search_index(self) -> "SearchIndex":
        """Pages, plus the language's search words (its own synonyms.toml, else English's)."""
        from kiosk.data.search import SearchIndex
        from kiosk.data.searchwords import load_search_words

        folder = self.pack.dir_for("synonyms.toml")
        lang = self.pack.code if folder is self.pack.root else "en"  # dir_for returns one of the two roots
        words = load_search_words(folder, lang)
        self.errors.extend(words.errors)
        return SearchIndex(self.pack.pages(), words)

    def forget_searches(self) -> None:
        """Drop what the search index cached of the words typed (a visit must leave nothing)."""
        index = self.__dict__.get("search_index")  # only if it was built: never build it to forget
        if index is not None:
            index.forget()
