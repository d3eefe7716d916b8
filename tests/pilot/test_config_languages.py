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
    assert "texts not written in es (shown in their first language): legal_note, services[1].address" in out
    assert "texts not written in en (shown in their first language): services[1].notes" in out
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
        app.open_screen("takeaway")
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


# ---- Phone numbers as people write them (issue 27, point 8) ----------------------------------

WRITTEN = [
    "(415) 555-0142", "+1 415 555 0142", "+1 (415) 555-0142", "415-555-0142", "415.555.0142",
    "1-800-662-4357", "1 (800) 662-4357", "988", "911", "020 7946 0958", "+44 20 7946 0958",
    "+44 (0)20 7946 0958", "0800 123 456", "116 123", "13 11 14", "(02) 9876 5432", "+61 2 9876 5432",
    "1800 250 015", "+353 1 234 5678", "01234 567890", "112", "0300 123 6600", "09 123 4567",
    "555-0142 ext. 12", "555 0142 x12", "+34 91 123 45 67", "030/1234567", "0800\u00a0123\u00a0456",
    "0800\u2013123\u2013456",
]
NOT_PHONES = ["call me", "((415) 555", "415) 555", "+", "-", "1", "++44 20", "555 0142 +1", "0800 123 456 7890 1234",
              "tel: 999", "999!"]


def test_config_accepts_phone_numbers_as_written_in_each_region(tmp_path):
    for number in WRITTEN:
        config, errors = load_config(write(tmp_path, f'emergency_number = "{number}"\n'
                                                      f'[[helplines]]\nname = "A"\nnumber = "{number}"\n'
                                                      f'[[services]]\nname = "B"\nphone = "{number}"\n'))
        assert errors == [], number
        shown = config.helplines[0].number
        assert config.emergency_number == shown == config.services[0].phone
        assert "\u00a0" not in shown and "\u2013" not in shown  # drawn with console characters


def test_config_refuses_what_is_not_a_phone_number(tmp_path):
    for text in NOT_PHONES:
        config, errors = load_config(write(tmp_path, f'[[services]]\nname = "B"\nphone = "{text}"\n'))
        assert [e.key for e in errors] == ["services[1].phone"], text
        assert "a phone number such as" in errors[0].expected and config.services[0].phone == ""
