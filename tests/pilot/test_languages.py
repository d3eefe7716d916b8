"""Languages as content packs: the shipped Spanish is complete and structurally equal to English;
a translation that differs in structure, numbers or sources is refused (shown in English, marked);
what a language lacks is listed; a third language is a matter of adding files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import CONTENT

from kiosk.cli import main
from kiosk.data.config import load_config
from kiosk.data.content import ContentPack
from kiosk.data.languages import TranslatedPack, available, fingerprint, open_pack, tokens
from kiosk.data.search import SearchIndex
from kiosk.data.tomlfile import read_toml
from kiosk.data.ui_text import load_ui

FROZEN = Path(__file__).resolve().parents[1] / "data" / "langpack"


@pytest.fixture
def pack_copy(tmp_path) -> Path:
    """The frozen two-language pack (tests/data/langpack), with the shipped English whole files
    (emergency, helplines, self-check...): Spanish lacks those, so they show in English."""
    root = tmp_path / "pack"
    shutil.copytree(FROZEN, root)
    for path in CONTENT.glob("*.toml"):
        # Not the search words: they name words of the shipped pages, which this frozen pack lacks.
        if not (root / path.name).exists() and path.name != "synonyms.toml":
            shutil.copy(path, root / path.name)
    return root


def spanish(root: Path) -> TranslatedPack:
    pack = open_pack(root, "es")
    assert isinstance(pack, TranslatedPack)
    return pack


def confirm(root: Path, rel: str) -> None:
    """Record in es/language.toml that `rel` was translated from the English as it is now."""
    lang = root / "es" / "language.toml"
    line = f'"{rel}" = "{fingerprint(read_toml(root / rel)[0])}"'
    text = re.sub(rf'^"{re.escape(rel)}" = .*$\n?', "", lang.read_text(encoding="utf-8"), flags=re.M)
    lang.write_text(text.replace("[translated_from]\n", f"[translated_from]\n{line}\n"), encoding="utf-8")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


# ---- The shipped pack -----------------------------------------------------------------------

def test_shipped_pack_checks_clean_in_every_language(capsys):
    assert available(CONTENT) == ["en", "es"]
    assert main(["--check"]) == 0
    assert "es (Español):" in capsys.readouterr().out
    es = spanish(CONTENT)
    list(es.pages())
    assert es.errors == []


def test_shipped_spanish_is_complete():
    """Every page, topic, file and interface text in Spanish. When English is edited, the Spanish
    of the edited file shows in English until it is brought up to date: reported as a skip (with
    `kiosk --check`'s list), never a failure for whoever edited the English."""
    es = spanish(CONTENT)
    english = ContentPack(CONTENT)
    shown = [p for p in es.pages()]
    for name in [p.name for p in CONTENT.glob("*.toml") if p.name not in ("pack.toml", "ui.toml", "language.toml")]:
        es.dir_for(name)
    lacks: list = list(es.lacks)
    ui, errors = load_ui(es, lacks)
    assert errors == [] and es.errors == []
    # Pages, topics and interface texts must all be there; a whole file (emergency.toml, a file
    # another change adds) may lag behind English: shown in English, marked, listed by --check.
    behind = [line for line in lacks if "English changed since" in line
              or (not line.startswith(("pages/", "pack.toml", "ui.toml")) and "missing" in line)]
    assert [line for line in lacks if line not in behind] == []
    stale_pages = {line.split(":")[0][6:-5] for line in behind if line.startswith("pages/")}
    assert len(shown) == len(list(english.pages()))
    assert [p.id for p in shown if p.fallback and p.id not in stale_pages] == []
    assert not [t.id for t in es.topics if t.fallback] and es.info.title == "Dependencia de la heroína"
    if behind:
        pytest.skip("Spanish behind English: " + "; ".join(line.split(":")[0] for line in behind))


def test_spanish_pages_have_the_english_structure_and_numbers():
    """Page by page, the shipped Spanish files against the English (whether or not up to date)."""
    english = ContentPack(CONTENT)
    own = ContentPack(CONTENT / "es")  # the Spanish files read as they are
    recorded = read_toml(CONTENT / "es" / "language.toml")[0]["translated_from"]
    for en_page in english.pages():
        es_page = own.page(en_page.id)
        assert es_page is not None, en_page.id
        if recorded.get(f"pages/{en_page.id}.toml") != fingerprint(read_toml(CONTENT / "pages" / f"{en_page.id}.toml")[0]):
            continue  # out of date: --check lists it; compared again once it is updated
        assert es_page.see_also == en_page.see_also
        assert len(es_page.sources) == len(en_page.sources)
        for a, b in zip(en_page.sections, es_page.sections, strict=True):
            for x, y in zip(a.blocks, b.blocks, strict=True):
                assert (x.kind, x.level, tokens(x.text)) == (y.kind, y.level, tokens(y.text)), en_page.id


def test_every_recorded_fingerprint_names_an_english_file():
    recorded = read_toml(CONTENT / "es" / "language.toml")[0]["translated_from"]
    assert recorded and all((CONTENT / rel).is_file() for rel in recorded)


# ---- Refusing a translation whose structure differs -------------------------------------------

def test_a_bullet_more_or_less_is_refused_and_the_page_shows_in_english(pack_copy, capsys):
    page = pack_copy / "es" / "pages" / "symptoms-core.toml"
    edit(page, "- consumir en situaciones de riesgo\n", "")
    es = spanish(pack_copy)
    shown = es.page("symptoms-core")
    assert shown.fallback and shown.title == "Core symptoms"
    assert main(["--check", "--content", str(pack_copy)]) == 1
    out = capsys.readouterr().out
    line = next(n for n, t in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if t.startswith("body"))
    assert f"es/pages/symptoms-core.toml:{line}: sections[1].body: expected 1 paragraph(s), 10 bullet(s)" in out
    assert "got 1 paragraph(s), 9 bullet(s)" in out


def test_a_missing_source_is_refused(pack_copy, capsys):
    page = pack_copy / "es" / "pages" / "what-is.toml"
    edit(page, '    "OMS, CIE-11 (dependencia de opioides)",\n', "")
    assert spanish(pack_copy).page("what-is").fallback
    assert main(["--check", "--content", str(pack_copy)]) == 1
    assert "es/pages/what-is.toml:5: sources: expected 3 items, got 2" in capsys.readouterr().out


def test_a_changed_number_is_refused(pack_copy, capsys):
    page = pack_copy / "es" / "pages" / "what-is.toml"
    edit(page, "DSM-5 (trastorno", "DSM-4 (trastorno")
    es = spanish(pack_copy)
    assert es.page("what-is").fallback
    assert main(["--check", "--content", str(pack_copy)]) == 1
    out = capsys.readouterr().out
    assert "es/pages/what-is.toml:5: sources[2]: expected the same numbers and {placeholders}: 5; got 4" in out


def test_a_changed_placeholder_in_an_interface_text_is_refused(pack_copy, capsys):
    edit(pack_copy / "es" / "ui.toml", 'languages = "Idiomas: {list}"', 'languages = "Idiomas: {lista}"')
    ui, errors = load_ui(spanish(pack_copy))
    assert ui("findhelp.languages", list="x") == "Languages: x"  # refused: the English text
    assert [e.key for e in errors] == ["findhelp.languages"]


def test_a_guide_with_a_step_less_or_another_emergency_number_is_refused(pack_copy, capsys):
    emergency = pack_copy / "es" / "emergency.toml"
    english = (pack_copy / "emergency.toml").read_text(encoding="utf-8")
    rel = "emergency.toml"
    confirm(pack_copy, rel)
    emergency.write_text(english, encoding="utf-8")  # an untranslated copy is structurally equal: used
    assert spanish(pack_copy).dir_for(rel) == pack_copy / "es"

    emergency.write_text(english.replace('number = "911"', 'number = "991"', 1), encoding="utf-8")
    es = spanish(pack_copy)
    assert es.is_fallback(rel) and es.dir_for(rel) == pack_copy
    assert any("numbers[1].number: expected '911'" in str(e) for e in es.errors)

    steps = [m.start() for m in re.finditer(r"\n\[\[guides\.steps\]\]", english)]
    assert len(steps) >= 2
    emergency.write_text(english[:steps[0]] + english[steps[1]:], encoding="utf-8")  # the first step gone
    es = spanish(pack_copy)
    assert es.is_fallback(rel)
    assert any(e.key == "guides[1].steps" and "items" in e.expected for e in es.errors)
    assert main(["--check", "--content", str(pack_copy)]) == 1
    capsys.readouterr()


def test_an_id_or_link_changed_or_an_extra_page_is_refused(pack_copy, capsys):
    edit(pack_copy / "es" / "pages" / "books.toml", 'see_also = ["what-is", "symptoms-core"]',
         'see_also = ["what-is"]')
    (pack_copy / "es" / "pages" / "extra.toml").write_text("", encoding="utf-8")
    edit(pack_copy / "es" / "pack.toml", 'pages = ["books"]', 'pages = ["books", "what-is"]')
    es = spanish(pack_copy)
    assert es.page("books").fallback
    assert es.topics[-1].fallback and es.topics[-1].title == "Books and resources"
    assert main(["--check", "--content", str(pack_copy)]) == 1
    out = capsys.readouterr().out
    assert "see_also: expected 2 items, got 1" in out
    assert "es/pages/extra.toml: expected a page the English pack has" in out
    assert "topics[3].pages: expected ['books']" in out


# ---- What a language lacks: shown in English, marked, listed ---------------------------------

def test_a_missing_page_topic_and_text_show_in_english_and_are_listed(pack_copy, capsys):
    (pack_copy / "es" / "pages" / "books.toml").unlink()
    edit(pack_copy / "es" / "ui.toml", 'page_in_english = "Esta página todavía no está disponible en español. Se muestra en inglés."\n', "")
    es = spanish(pack_copy)
    assert es.page("books").fallback and es.page("books").title == "Books and resources"
    ui, errors = load_ui(es)
    assert errors == [] and ui("language.in_english") == "(en inglés)"
    assert ui("language.page_in_english") == "This page is not available in English yet."  # English for the missing text
    assert main(["--check", "--content", str(pack_copy)]) == 0  # lacking is not wrong
    out = capsys.readouterr().out
    assert "es (Español): 2 of 3 pages translated" in out
    assert "lacks pages/books.toml: missing: shown in English" in out
    assert "lacks ui.toml: 1 interface text(s) shown in English: language.page_in_english" in out


def test_english_changed_since_the_translation_shows_english_until_updated(pack_copy, capsys):
    edit(pack_copy / "pages" / "books.toml", "a compassionate", "a kind")
    assert spanish(pack_copy).page("books").fallback
    assert main(["--check", "--content", str(pack_copy)]) == 0
    out = capsys.readouterr().out
    new = fingerprint(read_toml(pack_copy / "pages" / "books.toml")[0])
    assert "pages/books.toml: English changed since it was translated: shown in English" in out
    assert f'"pages/books.toml" = "{new}"' in out  # the line to set once the translation is updated
    confirm(pack_copy, "pages/books.toml")
    assert not spanish(pack_copy).page("books").fallback


def test_a_third_language_is_added_by_adding_files(pack_copy, capsys):
    fr = pack_copy / "fr"
    (fr / "pages").mkdir(parents=True)
    (fr / "language.toml").write_text('name = "Français"\n', encoding="utf-8")
    assert available(pack_copy) == ["en", "es", "fr"]
    pack = open_pack(pack_copy, "fr")
    assert all(p.fallback for p in pack.pages()) and all(t.fallback for t in pack.topics)
    assert main(["--check", "--content", str(pack_copy)]) == 0
    out = capsys.readouterr().out
    assert "fr (Français): 0 of 3 pages translated" in out
    for lacking in ("pack.toml", "pages/what-is.toml", "emergency.toml", "selfcheck.toml", "helplines.toml", "ui.toml"):
        assert f"lacks {lacking}" in out
    # translate one page: copy, translate, confirm with the fingerprint --check prints
    shutil.copy(pack_copy / "es" / "pages" / "what-is.toml", fr / "pages" / "what-is.toml")
    main(["--check", "--content", str(pack_copy), "--lang", "fr"])
    line = re.search(r'"pages/what-is.toml" = "[0-9a-f]{8}"', capsys.readouterr().out).group(0)
    (fr / "language.toml").write_text(f'name = "Français"\n\n[translated_from]\n{line}\n', encoding="utf-8")
    assert not open_pack(pack_copy, "fr").page("what-is").fallback


def test_bad_language_file_is_reported(pack_copy, capsys):
    (pack_copy / "es" / "language.toml").write_text('name = "Español"\nnombre = 1\n', encoding="utf-8")
    assert main(["--check", "--content", str(pack_copy)]) == 1
    assert "es/language.toml:2: nombre: unknown key" in capsys.readouterr().out


# ---- Choosing a language ---------------------------------------------------------------------

def test_config_language_and_languages(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('language = "es"\nlanguages = ["en", "es"]\n', encoding="utf-8")
    config, errors = load_config(path)
    assert errors == [] and config.language == "es" and config.offered_languages == ("es", "en")
    path.write_text('languages = ["es", "en"]\n', encoding="utf-8")
    assert load_config(path)[0].language == "es"  # the first offered is the default
    path.write_text('language = "fr"\nlanguages = ["en", "es"]\n', encoding="utf-8")
    _, errors = load_config(path)
    assert [e.key for e in errors] == ["language"] and "one of the languages offered" in errors[0].expected
    path.write_text('language = "Spanish"\n', encoding="utf-8")
    assert "a language code" in load_config(path)[1][0].expected


def test_check_refuses_a_config_language_the_pack_lacks(tmp_path, capsys):
    path = tmp_path / "kiosk.toml"
    path.write_text('languages = ["en", "de"]\n', encoding="utf-8")
    assert main(["--check", "--config", str(path)]) == 1
    assert "expected a language the pack has (en, es); got 'de'" in capsys.readouterr().out


def test_lang_flag_refuses_an_unknown_language(capsys):
    assert main(["--lang", "xx"]) == 2
    assert "the pack has no such language (it has: en, es)" in capsys.readouterr().err


async def test_kiosk_in_spanish_shows_spanish_pages_and_marks_english_ones(pack_copy, app_factory):
    (pack_copy / "es" / "pages" / "books.toml").unlink()
    app = app_factory(content=pack_copy, language="es")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert str(app.screen.query_one("#heading").render()) == "Dependencia de la heroína"
        menu = "\n".join(str(o.prompt) for o in app.screen.query_one("#home-menu")._options)
        assert "Síntomas" in menu and "Symptoms" not in menu
        app.open_page("what-is")
        await pilot.pause()
        assert app.screen.heading == "¿Qué es la dependencia de la heroína?"
        assert not app.screen.query(".in-english")
        app.open_page("books")
        await pilot.pause()
        assert app.screen.heading == "Books and resources"
        marker = app.screen.query_one(".in-english")
        assert "todavía no está disponible en español" in str(marker.render())


# ---- Helplines in the visitor's language --------------------------------------------------------

async def test_spanish_visitor_sees_spanish_speaking_lines_first(app_factory):
    from kiosk.data.config import Helpline

    lines = (Helpline("Local line", "555 0100"), Helpline("Línea local en español", "555 0101", languages=("es", "en")))
    app = app_factory(language="es", helplines=lines)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_find_help()
        await pilot.pause()
        shown = [str(w.render()) for w in app.screen.query(".helpline")]
        assert shown[0].startswith("Línea local en español") and "Idiomas: español, inglés" in shown[0]
        assert shown[1].startswith("Local line") and "Idiomas" not in shown[1]
    english = app_factory(helplines=lines)
    async with english.run_test(size=(80, 24)) as pilot:
        english.action_find_help()
        await pilot.pause()
        shown = [str(w.render()) for w in english.screen.query(".helpline")]
        assert shown[0].startswith("Local line")  # English keeps the config's order
        assert "Languages: Spanish, English" in shown[1]


async def test_default_helplines_say_which_languages_they_answer_in(app_factory):
    app = app_factory(language="es")
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_find_help()
        await pilot.pause()
        lines = [str(w.render()) for w in app.screen.query(".helpline")]
        # The US lines that answer in Spanish come first: the 988 crisis line, then SAMHSA's.
        assert "988" in lines[0] and "Idiomas: inglés, español" in lines[0]
        assert "1-800-662-4357" in lines[1] and "Idiomas: inglés, español" in lines[1]


# ---- Spanish search ----------------------------------------------------------------------------

@pytest.mark.parametrize("query, page", [
    ("naloxona", "worried-naloxone"),  # "Naloxona en casa..." in its title (issue 29)
    ("sobredosis", None),
    ("metadona", "treatment-medication"),
    ("abstinencia", None),
    ("heroina", "what-is"),  # no accent typed: finds heroína
    ("HEROÍNA", "what-is"),
    ("buprenorfina", "treatment-medication"),
    ("sintomas", "symptoms-core"),
    ("chiva", "what-is"),  # street word
    ("malilla", None),  # street word for withdrawal
    ("embarazada", None),
])
def test_spanish_search_is_accent_insensitive_and_knows_street_words(query, page):
    own = ContentPack(CONTENT / "es")  # the Spanish pages as written (up to date or not)
    index = SearchIndex(own.pages())
    results = index.search(query)
    assert results, query
    if page:
        assert results[0].page_id == page
    spanish_titles = {p.title for p in own.pages()}
    assert all(r.title in spanish_titles for r in results)


def spanish_store():
    from kiosk.data.store import ContentStore

    return ContentStore(open_pack(CONTENT, "es"))


@pytest.mark.parametrize("query, screen", [
    ("sobredosis", "emergency"), ("no respira", "emergency"), ("labios azules", "emergency"),
    ("narcan", "naloxone"), ("otra dosis", "naloxone"), ("quiero morir", "crisis"),
    ("ayuda", "find-help"), ("autoevaluacion", "selfcheck"),
])
def test_spanish_search_finds_the_kiosks_screens_first(query, screen):
    """es/synonyms.toml: a Spanish visitor's words find Emergency, Naloxone, the crisis screen...
    first, under their Spanish titles, as the English words do in English."""
    store = spanish_store()
    results = store.search_index.search(query)
    assert results and (results[0].kind, results[0].page_id) == ("screen", screen), (query, results[:2])
    from kiosk.data.searchwords import load_search_words

    spanish_titles = [s.title for s in load_search_words(CONTENT / "es", "es").screens]
    assert results[0].title in spanish_titles and store.errors == []


@pytest.mark.parametrize("query, page", [
    ("lucemyra", "treatment-medication"),  # brand name -> lofexidina
    ("enganchado", "what-is"),  # street word -> dependencia, adicción
    ("picarse", None),  # -> inyectarse
    ("limpiarme", None),  # -> desintoxicación, dejar
])
def test_spanish_synonyms_find_pages_their_words_alone_do_not(query, page):
    """Without the Spanish synonyms these words are on no Spanish page; with them, they find one."""
    own = ContentPack(CONTENT / "es")
    assert SearchIndex(own.pages()).search(query) == [], query
    results = spanish_store().search_index.search(query)
    assert results and all(r.kind == "page" for r in results[:2]), (query, results[:2])
    if page:
        assert results[0].page_id == page


def test_kiosk_check_checks_the_spanish_search_words(tmp_path, capsys):
    pack = tmp_path / "pack"
    shutil.copytree(CONTENT, pack)
    words = pack / "es" / "synonyms.toml"
    edit(words, 'means = ["metadona"]', 'means = ["metadonna"]')
    edit(words, 'lang = "es"', 'lang = "en"')
    assert main(["--check", "--content", str(pack)]) == 1
    out = capsys.readouterr().out
    text = words.read_text(encoding="utf-8")
    line = text[: text.index('means = ["metadonna"]')].count("\n") + 1
    assert f"es/synonyms.toml:{line}: synonyms[3].means: expected words that appear in the pack; 'metadonna'" in out
    assert "es/synonyms.toml:7: lang: expected 'es'" in out


def test_changelog_marks_the_spanish_as_awaiting_clinical_review():
    changelog = (CONTENT / "CHANGELOG.md").read_text(encoding="utf-8")
    section = changelog.split("## Spanish (`es/`)", 1)[1].split("\n## ", 1)[0]
    assert "Awaiting review by a native-speaking clinician" in section
