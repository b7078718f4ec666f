"""The analyst's commentary: each heading to its place, everything escaped and sanitised,
photos described and clean, every problem said like the data's (file, heading, how to fix)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Inches
from PIL import Image

from pipeline.data.commentary.places import Places
from pipeline.data.commentary.reading import read_commentary
from pipeline.data.dataset import load_dataset
from pipeline.data.registry import read_powiat
from pipeline.errors import DataError, Severity

from ...conftest import INPUTS


@pytest.fixture
def year(tmp_path: Path) -> Path:
    """An empty year folder next to the example powiat.toml."""
    shutil.copy(INPUTS / "powiat.toml", tmp_path)
    (tmp_path / "2025" / "zdjecia").mkdir(parents=True)
    return tmp_path / "2025"


def _read(year: Path, markdown: str | None = None):
    if markdown is not None:
        (year / "komentarz.md").write_text(markdown, encoding="utf-8")
    powiat = read_powiat(year.parent)
    return read_commentary(year, "2025", Places(powiat, 2025, ["Ograniczenie przestępczości"]))


def _photo(path: Path, size=(1200, 800)) -> None:
    Image.new("RGB", size, "navy").save(path, "JPEG")


def test_each_heading_kind_finds_its_place(year: Path) -> None:
    commentary, problems = _read(year, "# słowo WSTĘPNE\n\nWstęp.\n\n# Drzewica\n\nO gminie.\n\n## przestepczosc\n\n"
                                       "Włamania.\n\n# Powiat opoczyński\n\n## KMZB\n\nMapa.\n\n"
                                       "# Plan na kolejny rok\n\n## Działania zaplanowane na 2026 r.\n\nPlan.\n\n"
                                       "# Cele\n\n## Ograniczenie przestępczości\n\nCel.\n")
    assert problems == []
    places = [(p.chapter, p.section) for p in commentary.pieces]
    assert places == [("slowo_wstepne", None), ("1007023", None), ("1007023", "przestepczosc"),
                      ("powiat", "kmzb"), ("plan", "zaplanowane"), ("cele", "cel_1")]


def test_an_unknown_heading_gets_the_closest_name_suggested(year: Path) -> None:
    _, problems = _read(year, "# Gmina Drzewicaa\n\nTekst.\n\n# Powiat\n\n## Przestępczośc w gminach\n\nTekst.\n")
    assert [(p.severity, p.place, p.message) for p in problems] == [
        (Severity.ERROR, "nagłówek „Gmina Drzewicaa”", "nieznany rozdział"),
        (Severity.ERROR, "rozdział „Powiat opoczyński w 2025 r.”, nagłówek „Przestępczośc w gminach”",
         "nieznana sekcja")]
    assert "czy chodziło o: Gmina Drzewica?" in problems[0].hint
    assert "Przestępczość" in problems[1].hint
    assert str(problems[0]).startswith("BŁĄD  2025/komentarz.md, nagłówek „Gmina Drzewicaa”: nieznany rozdział.")


def test_text_before_the_first_chapter_heading_is_an_error(year: Path) -> None:
    _, problems = _read(year, "Zagubiony akapit.\n\n# Powiat\n\nTekst.\n")
    assert [p.message for p in problems] == ["tekst przed pierwszym nagłówkiem 1 nie należy do żadnego rozdziału"]


def test_raw_html_stays_text_and_unsafe_links_die(year: Path) -> None:
    commentary, _ = _read(year, "# Powiat\n\n<img src=\"http://127.0.0.1:9/x.png\"> <script>alert(1)</script>\n\n"
                                "[zły](javascript:alert(1)) [plik](file:///etc/passwd) [dobry](https://policja.pl) "
                                "[poczta](mailto:kpp@example.pl) <a href=\"http://127.0.0.1:9/\">html</a>\n")
    html = commentary.pieces[0].html
    assert "<img" not in html and "<script" not in html and "&lt;script&gt;" in html
    assert 'href="https://policja.pl"' in html and 'href="mailto:kpp@example.pl"' in html
    assert "javascript:" not in html.replace("[zły](javascript:alert(1))", "") and 'href="file:' not in html
    assert '<a href="http://127.0.0.1:9/"' not in html  # typed HTML is shown as text, never a link


def test_subheadings_keep_the_document_s_order(year: Path) -> None:
    commentary, _ = _read(year, "# Powiat\n\n### Na początek\n\nTekst.\n\n## Przestępczość\n\n### Włamania\n\n"
                                "#### Szczegóły\n\nTekst.\n")
    opening, section = commentary.pieces
    assert '<h2 class="commentary-heading">Na początek</h2>' in opening.html  # under the chapter's h1
    assert '<h3 class="commentary-heading">Włamania</h3>' in section.html  # under the section's h2
    assert '<h4 class="commentary-heading">Szczegóły</h4>' in section.html


def test_a_table_gets_its_header_row(year: Path) -> None:
    commentary, _ = _read(year, "# Powiat\n\n| gmina | włamania |\n|---|---|\n| Drzewica | 7 |\n")
    assert '<th scope="col">gmina</th>' in commentary.pieces[0].html
    assert '<th class="num" scope="col">włamania</th>' in commentary.pieces[0].html  # numbers set right
    assert '<td class="num">7</td>' in commentary.pieces[0].html and '<td>Drzewica</td>' in commentary.pieces[0].html


def test_a_photo_needs_a_text_alternative_and_its_file(year: Path) -> None:
    _photo(year / "zdjecia" / "a.jpg")
    _, problems = _read(year, "# Powiat\n\n![](zdjecia/a.jpg)\n\n![Opis](zdjecia/brak.jpg)\n\n"
                              "![Opis](../../etc/passwd)\n\n![Opis](http://127.0.0.1:9/x.jpg)\n")
    messages = [(p.place, p.message) for p in problems]
    assert ("zdjęcie nr 1 (zdjecia/a.jpg), nagłówek „Powiat”", "zdjęcie bez tekstu alternatywnego") in messages
    assert sum("nie leży w folderze zdjecia/" in m for _, m in messages) == 3
    assert "Edytuj tekst alternatywny" in next(p.hint for p in problems if "alternatywnego" in p.message)


def test_a_photo_becomes_a_figure_with_its_caption_and_no_metadata(year: Path) -> None:
    _photo(year / "zdjecia" / "a.jpg")
    commentary, problems = _read(year, '# Powiat\n\n![Boisko](zdjecia/a.jpg "Turniej, luty")\n')
    html = commentary.pieces[0].html
    assert problems == []
    assert '<figure class="photo"><img src="data:image/jpeg;base64,' in html and 'alt="Boisko"' in html
    assert "<figcaption>Turniej, luty</figcaption>" in html and "data:image/jpeg;base64," in html


def test_a_photo_file_named_with_polish_letters_and_spaces_is_found(year: Path) -> None:
    _photo(year / "zdjecia" / "zdjęcie z rajdu.jpg")
    commentary, problems = _read(year, "# Powiat\n\n![Rajd](<zdjecia/zdjęcie z rajdu.jpg>)\n")
    assert problems == []
    assert 'alt="Rajd"' in commentary.pieces[0].html


def test_word_pictures_with_alt_text_and_caption(year: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (1000, 700), "green").save(buffer, "PNG")
    document = Document()
    document.add_heading("Gmina Opoczno", level=1)
    document.add_heading("Działania profilaktyczne", level=2)
    document.add_picture(io.BytesIO(buffer.getvalue()), width=Inches(3))
    document.inline_shapes[0]._inline.docPr.set("descr", "Rowerzyści na trasie rajdu")
    document.add_paragraph("Rajd rowerowy, czerwiec", style="Caption")
    document.save(str(year / "komentarz.docx"))
    commentary, problems = _read(year)
    assert problems == []
    html = commentary.pieces[0].html
    assert 'alt="Rowerzyści na trasie rajdu"' in html and "<figcaption>Rajd rowerowy, czerwiec</figcaption>" in html
    assert html.count("Rajd rowerowy, czerwiec") == 1  # the caption is the figure's, not a paragraph too


def test_characters_the_font_lacks_are_named_with_their_place_and_left_out(year: Path) -> None:
    _photo(year / "zdjecia" / "a.jpg")
    commentary, problems = _read(year, "# Powiat\n\n## KMZB\n\nMapa 🗺️ działa. Дякую!\n\n"
                                       '![Mapa](zdjecia/a.jpg "Zgłoszenia 📍 na mapie")\n')
    problem, = problems
    assert (problem.severity, problem.place) == (
        Severity.WARNING, "rozdział „Powiat opoczyński w 2025 r.”, nagłówek „KMZB”")
    assert problem.message == ("znaki, których nie ma w czcionce raportu: „🗺” (U+1F5FA WORLD MAP), „\ufe0f” "
                               "(U+FE0F VARIATION SELECTOR-16), „📍” (U+1F4CD ROUND PUSHPIN); raport je pominie")
    html = commentary.pieces[0].html
    assert "<p>Mapa  działa. Дякую!</p>" in html and "<figcaption>Zgłoszenia  na mapie</figcaption>" in html


def test_two_commentary_files_are_one_too_many(year: Path) -> None:
    (year / "komentarz.docx").write_bytes(b"")
    _, problems = _read(year, "# Powiat\n")
    assert [p.message for p in problems] == ["są dwa pliki komentarza: komentarz.docx i komentarz.md"]


def test_make_validate_reports_the_commentary_with_the_data(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    shutil.copytree(INPUTS, inputs)
    (inputs / "2025" / "komentarz.md").write_text("# Gmina Drzewicaa\n\nTekst.\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_dataset(inputs, 2025)
    assert any(p.file == "2025/komentarz.md" and "Drzewicaa" in p.where() for p in raised.value.problems)


def test_a_document_written_by_libreoffice_reads_the_same(year: Path) -> None:
    """Not our own test helper's Word file: one saved by LibreOffice Writer (a real office suite)."""
    shutil.copy(Path(__file__).parents[2] / "fixtures" / "commentary" / "libreoffice_writer.docx",
                year / "komentarz.docx")
    commentary, problems = _read(year)
    assert problems == []
    places = [(p.chapter, p.section) for p in commentary.pieces]
    assert places == [("slowo_wstepne", None), ("1007023", "przestepczosc")]
    html = commentary.pieces[1].html
    assert "<strong>wyjaśniona</strong>" in html and 'alt="Radiowóz przed szkołą"' in html
    assert "<figcaption>Podpis zdjęcia</figcaption>" in html
    assert html.index("<thead>") < html.index("<tbody>") and '<th scope="col"><p>miesiąc</p></th>' in html


def test_text_for_a_goals_chapter_that_will_not_print_is_a_warning_not_lost_silently(year: Path) -> None:
    (year / "komentarz.md").write_text("# Cele\n\nCel.\n\n# Powiat\n\nTekst.\n", encoding="utf-8")
    commentary, problems = read_commentary(year, "2025", Places(read_powiat(year.parent), 2025, goals_printed=False))
    assert [(p.severity, p.place) for p in problems] == [(Severity.WARNING, "nagłówek „Cele”")]
    assert "cele.csv" in problems[0].message and "ankieta.csv" in problems[0].message
    assert [p.chapter for p in commentary.pieces] == ["powiat"]


def test_a_table_in_a_table_becomes_lines_of_text_in_its_cell(year: Path) -> None:
    """Found by make fuzz: Word's table in a table cell came out as header cells inside the
    header row, which check-pdf rightly found ambiguous (Matterhorn 15-005)."""
    document = Document()
    document.add_heading("Aneks", level=1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(1, 0).text = "gmina", "uwagi", "Drzewica"
    inner = table.cell(0, 0).add_table(rows=2, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text, inner.cell(1, 1).text = "a", "b", "c"
    document.save(str(year / "komentarz.docx"))
    commentary, _ = _read(year)
    html = commentary.pieces[0].html
    assert html.count("<table") == 1 and html.count("<tr>") == 2
    assert "<p>a; b</p>" in html and "<p>c</p>" in html


def test_a_table_in_a_quote_gets_its_header_row_too(year: Path) -> None:
    commentary, _ = _read(year, "# Powiat\n\n> | gmina | włamania |\n> |---|---|\n> | Drzewica | 7 |\n")
    assert '<table class="data commentary-table">' in commentary.pieces[0].html
    assert '<th scope="col">gmina</th>' in commentary.pieces[0].html


def test_subheadings_never_skip_a_level(year: Path) -> None:
    """Found by make fuzz: "####" right under a chapter's heading 1 became an h3, and check-pdf
    rightly failed the jump H1→H3 (PDF/UA, Matterhorn 14-003)."""
    commentary, _ = _read(year, "# Powiat\n\n#### Od razu czwarty\n\nTekst.\n\n###### Szósty\n\nTekst.\n\n"
                                "## Przestępczość\n\n#### Czwarty w sekcji\n\nTekst.\n")
    opening, section = commentary.pieces
    assert '<h2 class="commentary-heading">Od razu czwarty</h2>' in opening.html
    assert '<h3 class="commentary-heading">Szósty</h3>' in opening.html
    assert '<h3 class="commentary-heading">Czwarty w sekcji</h3>' in section.html


def test_merged_cells_keep_their_spans(year: Path) -> None:
    """Found by make fuzz: the sanitiser dropped colspan and rowspan, so a merged cell left its
    row short and the table's grid ambiguous (PDF/UA, Matterhorn 15-005)."""
    document = Document()
    document.add_heading("Aneks", level=1)
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 1).merge(table.cell(0, 2)).text = "2024–2025"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Drzewica"
    document.save(str(year / "komentarz.docx"))
    commentary, _ = _read(year)
    html = commentary.pieces[0].html
    assert '<th colspan="2" scope="col">' in html and '<td rowspan="2">' in html


def test_a_link_s_words_are_plain_and_a_long_address_may_break(year: Path) -> None:
    """Found by the generated commentaries: bold words in a link that wraps lost their link tag
    in the PDF (PDF/UA, Matterhorn 28-011); a long address in a link must break too."""
    address = "https://policja.pl/" + "a" * 60
    commentary, _ = _read(year, f"# Powiat\n\nZobacz [**pogrubione** i *pochylone*](https://policja.pl) "
                                f"oraz [{address}]({address}) i słowo {'ż' * 45}.\n")
    html = commentary.pieces[0].html
    assert '<a href="https://policja.pl">pogrubione i pochylone</a>' in html
    assert f'<a class="long-word" href="{address}">{address}</a>' in html
    assert f'<span class="long-word">{"ż" * 45}.</span>' in html  # its full stop with it


def test_a_goal_named_with_braces_is_a_section_like_any_other(year: Path) -> None:
    """Found by the generated commentaries: a goal's name from cele.csv with a brace was read as a
    template ("Single '}' encountered"), and validate stopped with a traceback."""
    powiat = read_powiat(year.parent)
    (year / "komentarz.md").write_text("# Cele\n\n## Cel {2025} }{\n\nTekst o celu.\n", encoding="utf-8")
    commentary, problems = read_commentary(year, "2025", Places(powiat, 2025, ["Cel {2025} }{"]))
    assert problems == [] and [(p.chapter, p.section) for p in commentary.pieces] == [("cele", "cel_1")]


def test_a_loose_list_s_paragraphs_become_the_items_lines(year: Path) -> None:
    """Found by the generated commentaries: a Markdown list with blank lines between its items
    gave paragraphs inside the items, which the PDF tagged outside the items' bodies (09-005)."""
    commentary, _ = _read(year, "# Powiat\n\n- pierwszy\n\n- drugi\n\n  dalej drugi\n")
    html = " ".join(commentary.pieces[0].html.split())
    assert "<li> pierwszy </li>" in html and "<li> drugi<br/> dalej drugi </li>" in html and "<p>" not in html


def test_a_table_is_numbered_with_the_caption_the_paragraph_before_gives_it(year: Path) -> None:
    commentary, _ = _read(year, "# Powiat\n\nSeria włamań w 2025 r.:\n\n| okres | włamania |\n|---|---|\n"
                                "| maj | 3 |\n\nTekst.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    html = commentary.pieces[0].html
    assert html.count('<table class="data commentary-table">') == 2  # numbered as the report's own tables
    assert "<caption>Seria włamań w 2025 r.</caption>" in html and "Seria włamań w 2025 r.:</p>" not in html
    assert '<caption class="untitled">(komentarz)</caption>' in html  # "Tabela 20 (komentarz)"
    assert html.count("<tbody>") == 2


def test_a_drawing_is_labelled_an_illustration_not_a_photo(year: Path) -> None:
    _photo(year / "zdjecia" / "a.jpg")
    _photo(year / "zdjecia" / "b.jpg")
    commentary, _ = _read(year, '# Powiat\n\n![Ilustracja: rower na trasie](zdjecia/a.jpg "Rajd")\n\n'
                                '![Uczniowie na trasie rajdu](zdjecia/b.jpg "Rajd")\n')
    html = commentary.pieces[0].html
    assert html.count('<figure class="photo illustration">') == 1 and html.count('<figure class="photo">') == 1


def test_a_caption_of_only_characters_the_font_lacks_is_no_caption(year: Path) -> None:
    """Found by the generated commentaries: a caption of a rare ideograph and a zero-width joiner
    printed an empty "Zdjęcie 1." (the font lacks both; what was left was a space)."""
    _photo(year / "zdjecia" / "a.jpg")
    commentary, _ = _read(year, '# Powiat\n\n![Uczniowie na trasie rajdu](zdjecia/a.jpg "\U0002002e \u200d")\n')
    html = commentary.pieces[0].html
    assert '<figure class="photo">' in html and "<figcaption>" not in html
