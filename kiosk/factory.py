"""The one way to build the app, for the CLI and the tests alike: it picks the App class
(personal `KioskApp` or the shared-terminal `SharedTerminalApp`), so neither imports the other's
module to decide."""

from __future__ import annotations

import dataclasses
import time
from datetime import datetime
from typing import TYPE_CHECKING, Optional, Type

from kiosk.data.config import Config
from kiosk.data.content import ContentPack, default_content_dir
from kiosk.data.speech import SpeechEngine
from kiosk.data.store import ContentStore
from kiosk.ui.app import Clock, KioskApp, WallClock

if TYPE_CHECKING:
    from kiosk.data.tomlfile import Where


def make_app(content: Optional[Where] = None, config: Optional[Config] = None,
             clock: Clock = time.monotonic, wall_clock: WallClock = datetime.now,
             speech: Optional[SpeechEngine] = None) -> KioskApp:
    """The one way to build the app, for the CLI and the tests alike. `content`: a folder, or a
    Traversable such as the pack inside the single-file copy (default: the kiosk's own pack).
    `speech`: the engine to speak with (tests pass a fake; default: espeak-ng if it works)."""
    root = content if content is not None else default_content_dir()
    config = config or Config()
    if not config.languages:  # no `languages` in the config: every language the pack has complete
        from kiosk.data.languages import complete_languages

        config = dataclasses.replace(config, languages=tuple(complete_languages(root)))
    if config.language == "en":
        pack = ContentPack(root)  # English only: nothing else is read at start-up
    else:
        from kiosk.data.languages import open_pack

        pack = open_pack(root, config.language)
    app_class: Type[KioskApp] = KioskApp
    if config.kiosk_mode:
        from kiosk.ui.shared_terminal.kiosk_mode import SharedTerminalApp

        app_class = SharedTerminalApp
    return app_class(ContentStore(pack), config, clock=clock, wall_clock=wall_clock, speech=speech)
