"""The deployer's own text in the visitor's language (issue 27, point 4): every free-text field
of the config may be a string or a table by language; the kiosk shows the visitor's language and
falls back to the table's first; `--check` names the texts that lack a language the kiosk offers;
the take-away QR carries the visitor's language."""

from __future__ import annotations

from support import decode_matrix, read_drawing, screen_text

from kiosk.cli import main
from kiosk.data.config import load_config
from kiosk.ui.screens.takeaway import QRScreen, TakeawayScreen

CONFIG = '''
language = "en"
languages = ["en", "es"]
welcome_title = { en = "Health desk", es = "Mostrador de salud" }
naloxone_where = { en = "Ask at the front desk", es = "Pregunte en recepción" }
legal_note = "Carrying naloxone is legal here."
address = { en = "12 High St, waiting room", es = "12 High St, sala de espera" }

[[helplines]]
name = { en = "Night line", es = "Línea nocturna" }
number = "0800 123 456"
hours = { en = "every night", es = "todas las noches" }

[[services]]
name = { en = "Riverside clinic", es = "Clínica Riverside" }
phone = "01234 567890"
address = "1 River St"
notes = { es = "Sin cita previa" }
'''


def write(tmp_path, text=CONFIG):
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_text_may_be_a_string_or_a_table_by_language(tmp_path):
    config, errors = load_config(write(tmp_path))
    assert errors == []
    assert config.naloxone_where == "Ask at the front desk"  # as a plain str: the first language
    es = config.in_language("es")
    assert es.naloxone_where == "Pregunte en recepción" and es.welcome_title == "Mostrador de salud"
    assert es.helplines[0].name == "Línea nocturna" and es.helplines[0].hours == "todas las noches"
    assert es.services[0].name == "Clínica Riverside" and es.services[0].notes == "Sin cita previa"
    assert es.legal_note == "Carrying naloxone is legal here."  # a plain string is for everyone
    en = config.in_language("en")
    assert en.services[0].notes == "Sin cita previa"  # lacks en: the table's first language
    assert en.helplines[0].name == "Night line"
    fr = config.in_language("fr")
    assert fr.naloxone_where == "Ask at the front desk"


def test_bad_tables_by_language_are_reported_with_line_and_key(tmp_path):
    _, errors = load_config(write(tmp_path, 'naloxone_where = { EN = "x", es = 3 }\nlegal_note = {}\n'
                                            'welcome_text = ["a"]\n'))
    found = {(e.line, e.key): e.expected for e in errors}
    assert "language code" in found[(1, "naloxone_where.EN")]
    assert "a string" in found[(1, "naloxone_where.es")]
    assert "at least one language" in found[(2, "legal_note")]
    assert "table by language" in found[(3, "welcome_text")]


def test_check_names_the_texts_that_lack_an_offered_language(tmp_path, capsys):
    assert main(["--check", "--config", str(write(tmp_path))]) == 0  # a note, not a problem
    out = capsys.readouterr().out
    assert "texts not written in es (shown in their first language): legal_note, services[0].address" in out
    assert "texts not written in en (shown in their first language): services[0].notes" in out
    assert "welcome_text" not in out  # the built-in default is not the deployer's text


async def test_spanish_visitor_reads_the_deployers_spanish(tmp_path, app_factory):
    config, _ = load_config(write(tmp_path))
    app = app_factory(config=config)
    async with app.run_test(size=(80, 60)) as pilot:
        app.switch_language("es")
        await app.run_action("find_help")
        await pilot.pause()
        shown = screen_text(app)
        for words in ("Clínica Riverside", "Sin cita previa", "Línea nocturna", "todas las noches",
                      "Pregunte en recepción"):
            assert words in shown
        for words in ("Riverside clinic", "Night line", "every night", "Ask at the front desk"):
            assert words not in shown
        app.switch_language("en")
        app.action_home()
        await app.run_action("find_help")
        await pilot.pause()
        shown = screen_text(app)
        assert "Night line" in shown and "Ask at the front desk" in shown and "Línea nocturna" not in shown


async def test_welcome_title_in_the_visitors_language(tmp_path, app_factory):
    from kiosk.ui.screens.welcome import WelcomeScreen

    config, _ = load_config(write(tmp_path, CONFIG.replace('language = "en"', 'language = "en"\nmode = "kiosk"')))
    app = app_factory(config=config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert "Health desk" in screen_text(app)
        app.switch_language("es")
        app.screen.show_words()
        await pilot.pause()
        assert "Mostrador de salud" in screen_text(app) and "Health desk" not in screen_text(app)


async def test_the_spanish_take_away_qr_carries_the_spanish_text(tmp_path, app_factory):
    from test_takeaway import qr_lines_from_screen

    config, _ = load_config(write(tmp_path))
    app = app_factory(config=config)
    async with app.run_test(size=(80, 24)) as pilot:
        app.switch_language("es")
        app.open_takeaway()
        await pilot.pause()
        assert isinstance(app.screen, TakeawayScreen)
        await pilot.press("down", "space")  # add the service
        app.screen.action_show_code()
        await pilot.pause()
        assert isinstance(app.screen, QRScreen)
        expected = ("Línea nocturna: 0800 123 456 (todas las noches)\n"
                    "Clínica Riverside: 01234 567890, 1 River St")
        assert app.screen.text == expected
        matrix, *_ = read_drawing(qr_lines_from_screen(app))
        assert decode_matrix(matrix)[0] == expected
