"""End to end: the sections a police report to the council always has, read back from the real
example PDF, its extracts, its HTML edition and its open data. Each section's numbers add up
to the totals other sections print, for every gmina and for the powiat; the offices and councils
are named as each gmina's kind has them; the accidents one by one never leave the inputs."""

from __future__ import annotations

import csv
import hashlib
import json
import re

import pikepdf
import pytest
from pypdf import PdfReader

from pipeline.content.report.privacy import COVERED, SMALL
from pipeline.making.outputs import ReportPaths

from .pdf_reading import Table, chapter_pages, chapters, plain, tables
from .test_report_pages import MAX_PAGES

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def read(example_report) -> list[Table]:
    return tables(example_report.pdf)


@pytest.fixture(scope="module")
def text(example_report) -> list[str]:
    return [plain(page.extract_text()) for page in PdfReader(example_report.pdf).pages]


def _table(read: list[Table], caption: str) -> Table:
    (found,) = [t for t in read if caption in t.caption]
    return found


def _number(cell: str) -> int | None:
    """ "2 295" -> 2295, "−7" -> -7; None for the words a hidden count prints."""
    if cell in (SMALL, COVERED, "–", "b.d."):
        return None
    return int(cell.replace(" ", "").replace("\u2212", "-").replace("+", ""))


def _chapter(example_report, text: list[str], gmina: str) -> list[str]:
    first, last = chapter_pages(example_report.pdf, f"Gmina {gmina}")
    return text[first - 1:last]


def _row(read: list[Table], label: str) -> tuple[str, ...]:
    """The row of that label wherever it stands (a table split across pages is read in parts)."""
    (cells,) = [r.cells[1:] for t in read for r in t.body if r.cells and r.cells[0] == label]
    return cells


def _by_first_cell(table: Table) -> dict[str, tuple[str, ...]]:
    return {row.cells[0]: row.cells[1:] for row in table.body}


def test_every_section_is_in_the_report(example_report, text) -> None:
    outline = [title for title, _, _ in chapters(example_report.pdf)]
    assert outline[0] == "Spis treści"
    contents = text[1]
    for heading in ("Powiat na tle województwa i kraju", "Porządek publiczny i przemoc domowa", "Siły i środki Policji",
                    "Cele na 2026 r."):
        assert heading in contents, heading
    cover = text[0]
    assert "Podstawa: art. 10 ustawy z dnia 6 kwietnia 1990 r. o Policji" in cover
    assert "uchwałą nr XXXVIII/312/2021 Rady Powiatu Opoczyńskiego z dnia 20 grudnia 2021 r." in cover
    assert "Opracowanie: Komenda Powiatowa Policji w Opocznie" in cover
    assert "Na tle województwa i kraju (na 10 tys. mieszkańców, wykrywalność w %): przestępstwa stwierdzone" \
        in text[3]  # the findings page
    assert len(text) <= MAX_PAGES


def test_public_order_adds_up_between_the_powiat_and_each_gmina(example_report, read) -> None:
    powiat = _table(read, "Porządek publiczny i przemoc domowa w gminach – powiat opoczyński")
    rows = _by_first_cell(powiat)
    total = rows["powiat 2025 r."]
    for column in range(len(total)):
        shown = [_number(rows[g.nazwa][column]) for g in example_report.dataset.powiat.gminy]
        known = sum(n for n in shown if n is not None)
        hidden = shown.count(None)
        # A hidden count is 1 or 2 ("mniej niż 3") or one more above 3 ("ukryte"): the rest of the total.
        assert (known == _number(total[column])) if not hidden else (known + hidden <= _number(total[column]))
    for gmina in example_report.dataset.powiat.gminy:
        own = _by_first_cell(_table(read, f"Porządek publiczny i przemoc domowa – gmina {gmina.nazwa}"))
        assert own["2025 r."] == rows[gmina.nazwa], gmina.nazwa  # the same figures, hidden the same way
        assert len(own["zmiana"]) == len(total)


def test_domestic_violence_agrees_with_the_interventions(read, text) -> None:
    rows = _by_first_cell(_table(read, "Porządek publiczny i przemoc domowa w gminach – powiat opoczyński"))
    columns = _table(read, "Porządek publiczny i przemoc domowa w gminach").columns
    home = [c.replace(" ", "") for c in columns].index("interwencjedomowe") - 1  # wrapped headers lose the space
    interventions = next(page for page in text if "podjęli 2 973 interwencje" in page)
    assert f"w tym {rows['powiat 2025 r.'][home]} domowych (w 2024 r.: {rows['powiat 2024 r.'][home]})" \
        in interventions


def test_road_victims_and_causes_add_up_to_the_road_figures(example_report, read, text) -> None:
    roads = _by_first_cell(_table(read, "Bezpieczeństwo w ruchu drogowym – powiat opoczyński"))
    roles = _by_first_cell(_table(read, "Ofiary wypadków drogowych według roli"))
    causes = _by_first_cell(_table(read, "Wypadki drogowe według głównej przyczyny"))
    killed, injured = _number(roads["zabici"][1]), _number(roads["ranni"][1])
    assert (_number(roles["razem"][0]), _number(roles["razem"][1])) == (killed, injured)
    assert sum(_number(cells[0]) for role, cells in roles.items() if role not in ("razem", "w tym dzieci do 14 lat")) \
        == killed
    assert _number(causes["razem"][0]) == _number(roads["wypadki drogowe"][1])
    assert sum(_number(c[0]) for cause, c in causes.items() if cause != "razem") == _number(causes["razem"][0])
    for gmina in example_report.dataset.powiat.gminy:  # a gmina's victims in words: its road table's killed + injured
        own = _by_first_cell(_table(read, f"Bezpieczeństwo w ruchu drogowym – gmina {gmina.nazwa}"))
        victims = sum(_number(own[w][1]) for w in ("zabici", "ranni") if w in own)
        sentence = " ".join(_chapter(example_report, text, gmina.nazwa))
        said = re.search(r"Ofiary wypadków: (.*?); przyczyny", sentence)
        if victims:
            assert said and sum(int(n) for n in re.findall(r"(\d+) ", said.group(1))) == victims, gmina.nazwa


def test_dzielnicowi_add_up_and_stand_in_each_gminas_facts(example_report, read, text) -> None:
    beats = _by_first_cell(_table(read, "Dzielnicowi w gminach"))
    columns = _table(read, "Dzielnicowi w gminach").columns[1:]
    officers = dict(zip(columns, beats["dzielnicowi"], strict=True))
    resources = _by_first_cell(_table(read, "Siły i środki Policji – powiat opoczyński"))
    assert officers["powiat"] == resources["2025 r."][4]  # the komenda's dzielnicowi
    assert sum(int(officers[g.nazwa]) for g in example_report.dataset.powiat.gminy) == int(officers["powiat"])
    for gmina in example_report.dataset.powiat.gminy:
        first = _chapter(example_report, text, gmina.nazwa)[0]
        assert f"Dzielnicowi: {officers[gmina.nazwa]} (1 na" in first, gmina.nazwa


def test_the_powiat_against_its_region_uses_the_reports_own_figures(example_report, read) -> None:
    bench = _by_first_cell(_table(read, "Powiat na tle województwa łódzkiego i kraju"))
    figures = _by_first_cell(_table(read, "Najważniejsze wskaźniki – powiat opoczyński"))
    crimes = _number(figures["przestępstwa stwierdzone"][1])
    people = int(example_report.dataset.table("ludnosc", 2025)["ludnosc"].sum())
    assert bench["przestępstwa stwierdzone"][0] == f"{crimes / people * 10_000:.1f}".replace(".", ",")
    assert _row(read, "wykrywalność sprawców (%)")[0] == figures["wykrywalność sprawców"][1]


def test_next_years_goals_start_from_this_years_figures(read) -> None:
    goals = _table(read, "Cele na 2026 r. z miernikami – powiat opoczyński")
    figures = _by_first_cell(_table(read, "Najważniejsze wskaźniki – powiat opoczyński"))
    crimes = next(r.cells for r in goals.body if r.cells[1] == "przestępstwa stwierdzone")
    assert crimes[3] == figures["przestępstwa stwierdzone"][1] and crimes[4] == "najwyżej 1 700"


def test_offices_and_councils_named_by_kind_in_the_pdf_the_extracts_and_the_html(example_report, text) -> None:
    dataset = example_report.dataset
    paths = ReportPaths.of(example_report.pdf.parents[1], dataset)
    for gmina in dataset.powiat.gminy:
        town = gmina.rodzaj != "wiejska"
        office, council = (("Urząd Miejski", "Rada Miejska") if town else ("Urząd Gminy", "Rada Gminy"))
        assert gmina.urzad.startswith(office) and gmina.rada.startswith(council)
        first = _chapter(example_report, text, gmina.nazwa)[0]
        assert f"Urząd: {gmina.urzad}" in first and f"Rada: {gmina.rada}" in first
        extract = paths.extract(gmina)
        cover = plain(PdfReader(extract).pages[0].extract_text())
        head = "burmistrzowi" if town else "wójtowi"
        dative = gmina.rada.replace("Rada Miejska", "Radzie Miejskiej").replace("Rada Gminy", "Radzie Gminy")
        assert f"Informacja przekazywana {head} i {dative}" in cover, gmina.nazwa
        with pikepdf.open(extract) as pdf:
            subject, keywords = str(pdf.docinfo["/Subject"]), str(pdf.docinfo["/Keywords"])
        genitive = gmina.rada.replace("Rada Miejska", "Rady Miejskiej").replace("Rada Gminy", "Rady Gminy")
        assert f"Wyciąg z raportu dla {'burmistrza' if town else 'wójta'} i {genitive}" in subject
        assert gmina.rada in keywords and gmina.urzad in keywords
        page = (paths.html / f"gmina-{gmina.slug}.html").read_text(encoding="utf-8").replace("&nbsp;", " ")
        assert f"dla {'burmistrza' if town else 'wójta'} i {genitive}." in page.replace("\u00a0", " ")
        assert gmina.urzad in page.replace("\u00a0", " ")


def test_the_accidents_one_by_one_never_leave_the_inputs(example_report) -> None:
    dataset = example_report.dataset
    paths = ReportPaths.of(example_report.pdf.parents[1], dataset)
    with pikepdf.open(example_report.pdf) as pdf:
        attached = {name: bytes(spec.obj.EF.F.read_bytes()) for name, spec in pdf.attachments.items()}
    assert "2025-wypadki.csv" not in attached and "2025-wypadki-zbiorczo.csv" in attached
    original = (dataset.sources[0].path.parent / "2025" / "wypadki.csv").read_bytes()
    manifest = json.loads(attached["manifest.json"])
    entry = next(f for f in manifest["pliki"] if f["plik"] == "2025/wypadki.csv")
    assert entry["sha256_oryginalu"] == hashlib.sha256(original).hexdigest()
    places = {row["miejsce"] for row in csv.DictReader(original.decode("utf-8").splitlines())}
    published = [p for p in (paths.html.rglob("*"), paths.data.rglob("*")) for p in p if p.is_file()]
    for path in published:  # the edition offers the inputs too, as the analyst saved them (some in Windows-1250)
        content = path.read_bytes()
        assert not any(place.encode(code) in content for place in places for code in ("utf-8", "cp1250")), path.name
    assert not any(place.encode("utf-8") in attached["2025-wypadki-zbiorczo.csv"] for place in places)


NEW_FILES = ("zasoby.csv", "porzadek.csv", "wypadki.csv", "porownanie.csv", "plan_cele.csv")


@pytest.fixture(scope="module")
def without_new_files(tmp_path_factory):
    """The example data as it was before these sections: none of the new files, 2025's goals in its own cele.csv."""
    import shutil

    from pipeline.making.chain import build_report

    from .conftest import INPUTS

    inputs = tmp_path_factory.mktemp("before") / "inputs"
    shutil.copytree(INPUTS, inputs)
    shutil.copy(inputs / "2024" / "plan_cele.csv", inputs / "2025" / "cele.csv")
    for path in inputs.rglob("*.csv"):
        if path.name in NEW_FILES:
            path.unlink()
    return build_report(inputs, 2025, tmp_path_factory.mktemp("out"), jobs=2)


def _sections(pdf, title: str) -> list[str]:
    outline = PdfReader(pdf).outline
    index = next(i for i, item in enumerate(outline) if not isinstance(item, list) and plain(item.title) == title)
    children = outline[index + 1] if index + 1 < len(outline) and isinstance(outline[index + 1], list) else []
    return [plain(item.title) for item in children if not isinstance(item, list)]


def test_none_of_the_new_files_renders_as_before(without_new_files) -> None:
    """Only the legal basis on the cover, the offices and councils among a gmina's facts and the
    domestic violence per gmina (from interwencje.csv, which the inputs always had) are new."""
    from pipeline.data.commentary.places import GMINA_SECTIONS, POWIAT_SECTIONS

    pdf = without_new_files.pdf
    pages = [plain(page.extract_text()) for page in PdfReader(pdf).pages]
    titles = [title for title, _, _ in chapters(pdf)]
    gminas = [f"Gmina {g.nazwa}" for g in without_new_files.dataset.powiat.gminy]
    assert titles == ["Spis treści", "Słowo wstępne", "Najważniejsze wnioski", "Cele współpracy i ich realizacja",
                      "Powiat opoczyński w 2025 r.", *gminas, "Plan na kolejny rok", "Aneks"]
    assert _sections(pdf, "Powiat opoczyński w 2025 r.") == [s.title for s in POWIAT_SECTIONS] + ["Przemoc domowa"]
    paths = ReportPaths.of(pdf.parents[1], without_new_files.dataset)
    for gmina in without_new_files.dataset.powiat.gminy:  # a gmina's sections: its extract's bookmarks
        expected = [s.title for s in GMINA_SECTIONS]
        expected.insert(expected.index("Krajowa Mapa Zagrożeń Bezpieczeństwa") + 1, "Przemoc domowa")
        assert _sections(paths.extract(gmina), f"Gmina {gmina.nazwa}") == expected, gmina.nazwa
    assert _sections(pdf, "Plan na kolejny rok") == ["Realizacja planu na 2025 r.", "Działania zaplanowane na 2026 r."]
    captions = " | ".join(t.caption for t in tables(pdf))
    for new in ("Porządek publiczny", "Siły i środki", "Dzielnicowi", "Ofiary wypadków", "według głównej przyczyny",
                "na tle województwa", "Cele na 2026 r."):
        assert new not in captions, new
    assert "Interwencje policji – powiat opoczyński" in captions  # its own table, as before
    assert "Podstawa: art. 10 ustawy z dnia 6 kwietnia 1990 r. o Policji" in pages[0]
    assert "Na tle województwa i kraju" not in " ".join(pages)
    drzewica = pages[chapter_pages(pdf, "Gmina Drzewica")[0] - 1]
    assert "Urząd: Urząd Miejski w Drzewicy" in drzewica and "Rada: Rada Miejska w Drzewicy" in drzewica
    assert "Dzielnicowi" not in drzewica and "Jednostka Policji" not in drzewica
    assert len(pages) <= MAX_PAGES
