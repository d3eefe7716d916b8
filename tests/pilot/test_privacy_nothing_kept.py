"""Nothing about a visit is written anywhere, and nothing touches the network (issue 4)."""

from __future__ import annotations

import os
import socket
import stat

import pytest
from support import route

from kiosk.ui.screens.page import PageScreen
from kiosk.ui.screens.search import SearchScreen
from kiosk.ui.screens.welcome import WelcomeScreen

XDG = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR")


def all_files(root):
    return sorted(os.path.join(d, f) for d, dirs, files in os.walk(root) for f in files + dirs)


async def a_full_visit(app, pilot, kiosk: bool):
    if kiosk:
        await pilot.press("space")
    await pilot.press(*route(app.pack, "symptoms-core"), "pagedown", "e", "f", "question_mark")
    await pilot.press("home", "slash", *"relapse", "enter")
    assert isinstance(app.screen, PageScreen)
    await pilot.press("ctrl+c", "ctrl+p", "ctrl+s", "f12")
    await pilot.press("escape")


@pytest.mark.parametrize("mode", ["personal", "kiosk"])
@pytest.mark.parametrize("read_only", [True, False])
async def test_no_file_written_with_home_and_xdg_dirs(app_factory, monkeypatch, tmp_path, mode, read_only):
    home = tmp_path / "home"
    home.mkdir()
    for name in XDG:
        (home / name.lower()).mkdir()
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TMPDIR", str(home))
    if read_only:
        for d in [home] + [home / n.lower() for n in XDG]:
            d.chmod(stat.S_IRUSR | stat.S_IXUSR)
    before = all_files(home)
    try:
        app = app_factory(mode=mode)
        async with app.run_test(size=(80, 24)) as pilot:
            await a_full_visit(app, pilot, kiosk=(mode == "kiosk"))
            if mode == "kiosk":
                assert isinstance(app.screen, WelcomeScreen)
        assert app.return_code in (None, 0)
        assert all_files(home) == before  # not one file or directory appeared
    finally:
        for d in [home] + [home / n.lower() for n in XDG]:
            d.chmod(stat.S_IRWXU)


async def test_the_app_works_with_the_network_blocked(app_factory, monkeypatch):
    attempts = []

    class NoSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            attempts.append(args)
            raise OSError("network blocked by the test")

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network blocked by the test")

    app = app_factory(mode="kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        # Blocked once the test loop exists (asyncio's own self-pipe is made before): from here on
        # any socket the app tried to open would fail.
        monkeypatch.setattr(socket, "socket", NoSocket)
        monkeypatch.setattr(socket, "create_connection", refuse)
        monkeypatch.setattr(socket, "getaddrinfo", refuse)
        await a_full_visit(app, pilot, kiosk=True)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("space", "slash", *"detox")
        assert isinstance(app.screen, SearchScreen)
    assert attempts == []
