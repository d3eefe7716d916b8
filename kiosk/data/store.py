"""What the app reads from the content pack, each part loaded once when first needed, and the one
list of problems found on the way (for `kiosk --check` and the administrator; never shown to a
visitor). Data flows one way: the UI asks the store; the store knows nothing of the UI.

Start-up reads only `pack.toml` (the home menu); Emergency is read after the first frame, the rest
when first opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional

from kiosk.data.tomlfile import ContentError

if TYPE_CHECKING:
    from kiosk.data.coach import CoachText
    from kiosk.data.content import ContentPack
    from kiosk.data.crisis import Crisis
    from kiosk.data.emergency import DefaultHelplines, Emergency
    from kiosk.data.search import SearchIndex
    from kiosk.data.selfcheck import SelfCheckFile
    from kiosk.data.tomlfile import Traversable
    from kiosk.data.ui_text import UiText


class ContentStore:
    """One language's view of the pack (a `ContentPack`, or a `TranslatedPack` that falls back to
    English file by file): each file is read from the folder `pack.dir_for()` names."""

    def __init__(self, pack: "ContentPack") -> None:
        self.pack = pack
        self._emergency: Optional["Emergency"] = None
        self._ui: Optional["UiText"] = None
        self._helplines: Optional["DefaultHelplines"] = None
        self._selfcheck: Optional["SelfCheckFile"] = None
        self._search: Optional["SearchIndex"] = None
        self._coach: Optional["CoachText"] = None
        self._crisis: Optional["Crisis"] = None

    @property
    def root(self) -> Traversable:
        return self.pack.root

    @property
    def errors(self) -> List[ContentError]:
        return self.pack.errors

    @property
    def emergency(self) -> "Emergency":
        if self._emergency is None:
            from kiosk.data.emergency import load_emergency

            self._emergency, errors = load_emergency(self.pack.dir_for("emergency.toml"))
            self.errors.extend(errors)
        return self._emergency

    @property
    def ui(self) -> "UiText":
        """The interface's words in this language (content/ui.toml)."""
        if self._ui is None:
            from kiosk.data.ui_text import load_ui

            self._ui, errors = load_ui(self.pack)
            self.errors.extend(errors)
        return self._ui

    @property
    def default_helplines(self) -> "DefaultHelplines":
        """content/helplines.toml, read once (it was read again, and its errors added again, at
        every opening of Find help and the take-away)."""
        if self._helplines is None:
            from kiosk.data.emergency import load_default_helplines

            self._helplines, errors = load_default_helplines(self.pack.dir_for("helplines.toml"))
            self.errors.extend(errors)
        return self._helplines

    @property
    def crisis(self) -> "Crisis":
        """The crisis screen's words (content/crisis.toml)."""
        if self._crisis is None:
            from kiosk.data.crisis import load_crisis

            self._crisis, errors = load_crisis(self.pack.dir_for("crisis.toml"))
            self.errors.extend(errors)
        return self._crisis

    @property
    def selfcheck_file(self) -> "SelfCheckFile":
        if self._selfcheck is None:
            from kiosk.data.selfcheck import load_selfcheck

            self._selfcheck = load_selfcheck(self.pack.dir_for("selfcheck.toml"))
            self.errors.extend(self._selfcheck.errors)
        return self._selfcheck

    @property
    def search_index(self) -> "SearchIndex":
        """Pages, plus the language's search words (its own synonyms.toml, else English's)."""
        if self._search is None:
            from kiosk.data.search import SearchIndex
            from kiosk.data.searchwords import load_search_words

            folder = self.pack.dir_for("synonyms.toml")
            lang = self.pack.code if folder is self.pack.root else "en"  # dir_for returns one of the two roots
            words = load_search_words(folder, lang)
            self.errors.extend(words.errors)
            self._search = SearchIndex(self.pack.pages(), words)
        return self._search

    @property
    def coach(self) -> "CoachText":
        """The CPR coach's words and the call script (content/coach.toml)."""
        if self._coach is None:
            from kiosk.data.coach import load_coach

            self._coach, errors = load_coach(self.pack.dir_for("coach.toml"))
            self.errors.extend(errors)
        return self._coach

    def forget_searches(self) -> None:
        """Drop what the search index cached of the words typed (a visit must leave nothing)."""
        if self._search is not None:
            self._search.forget()
