"""The wójt's page: the gmina's findings by the report's rule, its place against the average of
the gminas, its goals, patrols and plan, on one page and with no table number of its own."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from pipeline import report
from pipeline.content.findings import findings
from pipeline.content.gmina_page import UNNUMBERED, gmina_page, page_title

from ..conftest import INPUTS


@pytest.fixture(scope="module")
def example():
    return report.load(INPUTS, 2025)


def _soup(example, teryt: str, pages: dict[str, int] | None = None) -> BeautifulSoup:
    return BeautifulSoup(str(gmina_page(example, teryt, pages).html), "html.parser")


def _text(soup: BeautifulSoup) -> str:
    return " ".join(soup.get_text(" ").replace("\u00a0", " ").split())


def test_the_page_leads_with_the_gminas_findings(example) -> None:
    soup = _soup(example, "1007023")
    assert soup.h1.get_text() == page_title(example, "1007023") == "Gmina Drzewica w 2025 r."
    headlines = [li.strong.get_text() for li in soup.select("ul.findings > li")]
    assert headlines == [f.headline for f in findings(example, "1007023")]
    assert [h.get_text() for h in soup.find_all("h2")] == ["Na tle średniej gmin powiatu",
                                                           "Cele, służby i plan na 2026 r."]


def test_its_table_sets_the_gmina_against_the_average_by_the_funnel_and_has_no_number(example) -> None:
    table = _soup(example, "1007023").find("table")
    assert UNNUMBERED in table["class"]
    assert [th.get_text() for th in table.thead.find_all("th")] == ["wskaźnik", "gmina", "średnia gmin",
                                                                     "gmina wobec średniej"]
    rows = {tr.th.get_text(): [td.get_text() for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")}
    assert rows["przestępstwa stwierdzone"] == ["326,1", "256,7", "▲ wyżej"]
    assert rows["wypadki drogowe"][2] == "≈ w granicach *"  # 6 accidents: within the limits, and a handful


def test_goals_patrols_and_plan_each_say_their_part(example) -> None:
    text = _text(_soup(example, "1007032", {"chapter": 8, "goals": 5}))  # Mniszków paid more for patrols
    assert "Cele współpracy na 2025 r. są wspólne dla powiatu i gmin: z 3 celów osiągnięto 1, nie osiągnięto 1, " \
           "1 nierozstrzygnięty (rozdział „Cele współpracy i ich realizacja”, s. 5)." in text
    assert text.count("8 924 zł") == 1  # the finding says what it paid; the patrols' line only what they did
    assert "Służby ponadnormatywne: efekty służb:" in text
    assert "Plan na 2025 r.: rodzaje działań zaplanowane" in text and "Na 2026 r. zaplanowano" in text
    assert text.endswith("Liczby, tabele i wykresy gminy: rozdział „Gmina Mniszków”, s. 8.")


def test_a_gmina_that_paid_the_same_says_what_it_paid(example) -> None:
    text = _text(_soup(example, "1007072"))  # Sławno: more hours, a finding; Białaczów paid nothing either year
    assert "Służby ponadnormatywne:" in text
    bialaczow = _text(_soup(example, "1007013"))
    assert "Służby ponadnormatywne: w 2025 r. gmina nie finansowała dodatkowych służb policji." in bialaczow


def test_a_goal_measured_in_the_gmina_is_named_with_its_verdict(example) -> None:
    text = _text(_soup(example, "1007062"))  # Poświętne's own survey goal
    assert "Mierzone w gminie: poczucie bezpieczeństwa mieszkańców (cel „Zwiększenie poczucia bezpieczeństwa " \
           "mieszkańców”) – ? brak danych." in text
