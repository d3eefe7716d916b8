"""End-to-end: the language switch (l) and quick exit's return to the deployment's language, with
the INSTALLED `kiosk` in a real terminal (tmux), kiosk mode. Polls the pane; no fixed sleeps."""

from __future__ import annotations

import time

import pytest
from support import needs_tmux

pytestmark = [needs_tmux, pytest.mark.slow]

ENGLISH_WELCOME, SPANISH_WELCOME = "Press any key to start", "Oprima cualquier tecla para empezar"


def config(tmp_path, language: str, other: str) -> str:
    path = tmp_path / "kiosk.toml"
    path.write_text(f'language = "{language}"\nlanguages = ["{language}", "{other}"]\n', encoding="utf-8")
    return str(path)


def test_l_switches_to_spanish_and_quick_exit_returns_to_english(run_in_tmux, tmp_path):
    t = run_in_tmux(f"--mode kiosk --config {config(tmp_path, 'en', 'es')}")
    screen = t.wait_for(ENGLISH_WELCOME)
    assert "l  Español" in screen  # the switch names the other language in its own name

    t.send("l")  # on the welcome screen: the switch, not the start of a visit
    screen = t.wait_for(SPANISH_WELCOME)
    assert "l  English" in screen and ENGLISH_WELCOME not in screen
    t.send("Space")
    home = t.wait_for("Salida rápida")
    assert "Quick exit" not in home and "Privado" in home

    t.send("e")  # Emergency in the chosen language
    emergency = t.wait_for("Emergencia: sobredosis de opioides")
    assert "Señales de una sobredosis" in emergency and "Signs of an overdose" not in emergency

    t.send("Escape")  # quick exit: back to the deployment's language, nothing of the visit left
    screen = t.wait_for(ENGLISH_WELCOME)
    everything = t.screen(scrollback=True)
    assert "Emergencia" not in everything and "Salida rápida" not in everything and SPANISH_WELCOME not in everything
    assert "l  Español" in screen

    t.send("Space")  # the next visitor starts in English
    home = t.wait_for("Quick exit")
    assert "Salida rápida" not in home

    t.send("l")  # the switch on home, mid-visit
    t.wait_for("Salida rápida")
    t.send("Escape")
    t.wait_for(ENGLISH_WELCOME)
    t.send("Space")
    t.wait_for("Quick exit")


def test_a_spanish_deployment_returns_to_spanish_after_quick_exit(run_in_tmux, tmp_path):
    t = run_in_tmux(f"--mode kiosk --config {config(tmp_path, 'es', 'en')}")
    screen = t.wait_for(SPANISH_WELCOME)
    assert "l  English" in screen
    t.send("Space")
    t.wait_for("Salida rápida")
    t.send("l")
    home = t.wait_for("Quick exit")
    assert "Salida rápida" not in home
    t.send("Escape")
    screen = t.wait_for(SPANISH_WELCOME)
    assert ENGLISH_WELCOME not in t.screen(scrollback=True)
    t.send("Space")
    t.wait_for("Salida rápida")


def test_a_spanish_visitor_types_no_respira_and_lands_on_emergency(run_in_tmux, tmp_path):
    """Spanish search words (es/synonyms.toml) through the real search field: the words a
    frightened Spanish speaker types put Emergency first, and Enter opens it in Spanish."""
    t = run_in_tmux(f"--mode kiosk --config {config(tmp_path, 'es', 'en')}")
    t.wait_for(SPANISH_WELCOME)
    t.send("Space")
    t.wait_for("Salida rápida")
    t.send("/")
    t.wait_for("Escriba una palabra")  # the search field's placeholder
    t.type("mi amigo no respira")
    t.wait_for("mi amigo no respira")  # the whole query is in the field: results follow it

    def first_result() -> str:  # the line under "Se encontraron N resultados" (not the nothing-found offers)
        lines = t.screen().splitlines()
        found = [i for i, line in enumerate(lines) if "Se encontr" in line]
        return lines[found[0] + 1].strip() if found and found[0] + 1 < len(lines) else ""

    deadline = time.monotonic() + 10
    while not first_result().startswith("EMERGENCIA: sobredosis") and time.monotonic() < deadline:
        time.sleep(0.05)
    results = t.screen()
    assert first_result().startswith("EMERGENCIA: sobredosis, qué hacer ahora"), results
    assert "EMERGENCY" not in results and "No se encontró" not in results
    t.send("Enter")
    emergency = t.wait_for("Señales de una sobredosis")
    assert "Signs of an overdose" not in emergency

