"""End to end: the example data rendered into a temp folder, then the real PDF read back.

The numbers checked here are computed from the input files directly (pandas, no pipeline
code), so a wrong indicator or a wrong format shows up as a missing number in the PDF.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from pypdf import PdfReader

from pipeline.data.registry import read_powiat
from pipeline.making.chain import build_report

from .conftest import INPUTS
from .pdf_reading import chapter_pages

pytestmark = pytest.mark.e2e
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def built(example_report):
    return example_report


@pytest.fixture(scope="module")
def pages(built) -> list[str]:
    reader = PdfReader(built.pdf)
    return [_plain(page.extract_text()) for page in reader.pages]


def _plain(text: str) -> str:
    """Extracted text with every kind of space as one space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def _polish(number: int) -> str:
    """Independent of babel: groups of three digits with a space."""
    return f"{number:,}".replace(",", " ")


def _crimes(year: int, category: str = "ogolem") -> tuple[int, int]:
    """Reported and detected crimes in the powiat, straight from the CSV."""
    path = INPUTS / str(year) / "przestepstwa.csv"
    windows = year < 2024
    frame = pd.read_csv(path, sep=";" if windows else ",", encoding="cp1250" if windows else "utf-8")
    rows = frame[frame["kategoria"] == category]
    return int(rows["stwierdzone"].sum()), int(rows["wykryte"].sum())


def test_the_pdf_lands_where_the_readme_says(built) -> None:
    assert built.pdf.name == "raport_opoczynski_2025.pdf"
    assert built.pdf.parent.name == "2025"
    assert (built.pdf.parent / "notebooks" / "powiat.ipynb").is_file()
    assert len(list((built.pdf.parent / "notebooks").glob("gmina-*.ipynb"))) == 8
    assert not list(built.pdf.parent.glob(".budowa-*"))  # no staging left behind


def test_cover_states_title_council_unit_and_date(pages) -> None:
    cover = pages[0]
    assert ("Informacja o stanie bezpieczeństwa i działaniach profilaktycznych na terenie powiatu "
            "opoczyńskiego w 2025 r.") in cover
    assert "Radzie Powiatu Opoczyńskiego" in cover
    assert "Komenda Powiatowa Policji w Opocznie" in cover
    assert "16 marca 2026 r." in cover


def test_every_gmina_has_its_chapter_with_polish_letters(pages) -> None:
    text = " ".join(pages)
    for gmina in read_powiat(INPUTS).gminy:
        assert f"Gmina {gmina.nazwa}" in text


def test_key_numbers_from_the_inputs_in_polish_form(built, pages) -> None:
    reported, detected = _crimes(2025)
    before, _ = _crimes(2024)
    first, _ = chapter_pages(built.pdf, "Najważniejsze wnioski")
    summary = pages[first - 1]
    assert _polish(reported) in summary and _polish(before) in summary
    rate = f"{detected / reported * 100:.1f}".replace(".", ",") + "%"
    assert rate in summary  # wykrywalność with a decimal comma
    key_figures = next(p for p in pages if "Najważniejsze wskaźniki – powiat opoczyński" in p)
    dynamika = f"{reported / before * 100:.1f}".replace(".", ",") + "%"
    assert dynamika in key_figures
    people = sum(pd.read_csv(INPUTS / "2025" / "ludnosc.csv")["ludnosc"])
    assert _polish(people) in " ".join(pages)


def test_contents_page_numbers_point_at_their_headings(pages) -> None:
    contents = pages[1]
    entries = re.findall(r"((?:Gmina|Aneks|Plan na kolejny rok|Najważniejsze wnioski)[^.]*?) ?\.{3,} ?(\d+)", contents)
    assert len(entries) >= 11  # summary, 8 gminas, plan, annex
    for title, page in entries:
        target = pages[int(page) - 1]
        assert title.strip() in target, f"{title!r} is not on page {page}"


def test_pdf_bookmarks_for_every_chapter(built) -> None:
    reader = PdfReader(built.pdf)
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    for gmina in read_powiat(INPUTS).gminy:
        assert f"Gmina {gmina.nazwa}" in titles
    assert {"Najważniejsze wnioski", "Plan na kolejny rok", "Aneks"} <= set(titles)


def test_no_code_no_prompts_no_python_output(pages) -> None:
    text = " ".join(pages)
    for leak in ("In [", "Out[", "import ", "report.", "ds = ", "Traceback", "<Block", "DataFrame", "NaN",
                 "nan%", "<NA>", "None"):
        assert leak not in text, leak


def test_example_data_is_marked_on_every_page(pages) -> None:
    assert all("DANE PRZYKŁADOWE" in page for page in pages)


def test_every_chart_and_table_caption_names_its_area(pages) -> None:
    captions = re.findall(r"(?:Wykres|Tabela) \d+\. (.*?)(?:, (?:\d{4}|Opracowanie)|$)", "\n".join(pages), re.M)
    captions = [c for c in captions if "Pliki źródłowe" not in c]
    assert len(captions) > 60
    for caption in captions:  # "– gmina Drzewica", "– powiat opoczyński", "Gmina X na tle…", "…w gminach"
        assert re.search(r" – gmina | – powiat opoczyński|^Gmina | w gminach$", caption), caption


def test_place_names_are_never_hyphenated(pages) -> None:
    text = " ".join(pages)
    for name in [g.nazwa for g in read_powiat(INPUTS).gminy] + ["opoczyński"]:
        for cut in range(2, len(name) - 1):
            assert f"{name[:cut]}- {name[cut:]}" not in text, name


def test_small_enough_to_download_from_the_bip(built) -> None:
    """Fonts stored once, the structure tree in compressed object streams: about 2.6 MB."""
    assert built.pdf.stat().st_size < 3_500_000


def test_every_page_says_which_page_of_how_many(pages) -> None:
    total = len(pages)
    for number, page in enumerate(pages[1:], start=2):
        assert f"strona {number} z {total}" in page


def test_executed_notebooks_have_no_errors_or_stray_output(built) -> None:
    for path in (built.pdf.parent / "notebooks").glob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            for output in cell.get("outputs", []):
                assert output["output_type"] not in ("stream", "error"), (path.name, output)


# ---------------------------------------------------------------- the failure path


def _failing_notebooks(tmp_path: Path, teryt: str) -> Path:
    """A copy of the notebooks where the gmina chapter of `teryt` fails in its 5th cell."""
    folder = tmp_path / "notebooks"
    shutil.copytree(INPUTS.parent / "notebooks", folder)
    path = folder / "gmina.ipynb"
    notebook = nbformat.read(path, as_version=4)
    assert notebook.cells[4].source == "report.key_figures(ds, teryt)"
    notebook.cells[4].source = f"if teryt == {teryt!r}:\n    1 / 0\n" + notebook.cells[4].source
    nbformat.write(notebook, path)
    return folder


def test_a_failed_chapter_names_gmina_notebook_and_cell_and_keeps_the_old_report(tmp_path) -> None:
    from pipeline.errors import ChapterError

    out = tmp_path / "reports"
    old = out / "2025" / "raport_opoczynski_2025.pdf"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"%PDF-1.7 the previous report")
    for folder in ("notebooks", "gminy", "html", "dane"):
        (out / "2025" / folder).mkdir()
        (out / "2025" / folder / "poprzedni.txt").write_text(folder, encoding="utf-8")

    with pytest.raises(ChapterError) as raised:
        build_report(INPUTS, 2025, out, jobs=2, notebooks=_failing_notebooks(tmp_path, "1007083"))

    error = raised.value
    assert error.chapter == "gmina Żarnów"
    assert error.notebook == "notebooks/gmina.ipynb"
    assert error.cell == 5
    assert error.exception == "ZeroDivisionError: division by zero"
    message = str(error)
    assert "gmina Żarnów" in message and "komórka nr 5" in message and "ZeroDivisionError" in message
    assert old.read_bytes() == b"%PDF-1.7 the previous report"  # the previous report is untouched
    for folder in ("notebooks", "gminy", "html", "dane"):  # and so are its extracts, edition and data
        assert (out / "2025" / folder / "poprzedni.txt").read_text(encoding="utf-8") == folder
    kept = out / "2025" / "nieudane" / "gmina-1007083.ipynb"
    assert error.kept_at == kept and kept.is_file()  # evidence to open in Jupyter
    assert "ZeroDivisionError" in kept.read_text(encoding="utf-8")
    assert not list((out / "2025").glob(".budowa-*"))


def test_the_cli_exits_1_with_the_chapter_error(tmp_path, capsys) -> None:
    from pipeline import cli

    notebooks = _failing_notebooks(tmp_path, "1007023")
    code = cli.main(["report", "--inputs", str(INPUTS), "--rok", "2025", "--out", str(tmp_path / "out"),
                     "--jobs", "2", "--notebooks", str(notebooks)])
    assert code == 1
    err = capsys.readouterr().err
    assert "Rozdział „gmina Drzewica” nie powstał" in err and "Traceback" not in err


def test_inputs_are_only_read(built) -> None:
    for source in built.dataset.sources:  # hashed when loaded, before anything ran
        expected = source.original_sha256 or source.sha256  # the commentary's PDF copy differs from its file
        assert hashlib.sha256(source.path.read_bytes()).hexdigest() == expected, source.label
