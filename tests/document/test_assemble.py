"""The assembly: chapters typeset, abbreviations spelled out once per chapter, in the case the
sentence needs."""

from __future__ import annotations

import re

import pytest

from pipeline.document.assemble import gmina_chapter, nbsp


def _chapter(powiat, html: str) -> str:
    return gmina_chapter(powiat.gminy[0], html).markup


def test_the_first_abbreviation_in_a_chapter_is_spelled_out_once(powiat) -> None:
    markup = _chapter(powiat, "<h1>Gmina</h1><p>Zgłoszenia na KMZB i akcje BRD.</p><p>Znowu KMZB i BRD.</p>")
    assert markup.count("Krajowej Mapie Zagrożeń Bezpieczeństwa (") == 1
    assert markup.count("akcje bezpieczeństwa ruchu drogowego (") == 1
    assert '(<abbr title="Krajowa Mapa Zagrożeń Bezpieczeństwa">KMZB</abbr>)' in markup
    assert "Znowu KMZB i BRD." in markup.replace("\u00a0", " ")


@pytest.mark.parametrize(("sentence", "spelled_out"), [
    ("Wydział Ruchu Drogowego KPP w Opocznie.", "Wydział Ruchu Drogowego Komendy Powiatowej Policji (KPP) w"),
    ("Zgłoszenia KMZB potwierdzone.", "Zgłoszenia Krajowej Mapy Zagrożeń Bezpieczeństwa (KMZB) potwierdzone"),
    ("Dyżur w KPP.", "Dyżur w Komendzie Powiatowej Policji (KPP)."),
    ("Pomoc dla OSP w Sławnie.", "Pomoc dla Ochotniczej Straży Pożarnej (OSP) w"),
])
def test_an_abbreviation_is_spelled_out_in_the_case_its_sentence_needs(powiat, sentence, spelled_out) -> None:
    assert spelled_out in _plain(_chapter(powiat, f"<h1>Gmina</h1><p>{sentence}</p>"))


def _plain(markup: str) -> str:
    return re.sub(r"<[^>]+>", "", markup).replace("\u00a0", " ")


@pytest.mark.parametrize("sentence", [
    "Rajd z KPP w Opocznie.",  # "z": genitive or instrumental, cannot tell
    "KMZB działa od 2016 r.",  # the start of a sentence
])
def test_an_abbreviation_whose_case_cannot_be_told_waits_for_its_next_use(powiat, sentence) -> None:
    markup = _chapter(powiat, f"<h1>Gmina</h1><p>{sentence}</p><p>Dane KMZB, wydział KPP, akcje BRD.</p>")
    text = _plain(markup)
    assert sentence in text  # untouched
    assert ") (" not in text
    assert ("Dane Krajowej Mapy Zagrożeń Bezpieczeństwa (KMZB), wydział Komendy Powiatowej Policji (KPP), akcje "
            "bezpieczeństwa ruchu drogowego (BRD).") in text


def test_before_a_bracket_of_its_own_an_abbreviation_gives_way_to_its_full_name(powiat) -> None:
    markup = _chapter(powiat, "<h1>Gmina</h1><p>Zrealizowane: akcja BRD (3 wydarzenia).</p><p>Akcje BRD.</p>")
    assert _plain(markup) == "GminaZrealizowane: akcja bezpieczeństwa ruchu drogowego (3 wydarzenia)." \
                             "Akcje bezpieczeństwa ruchu drogowego (BRD)."


def test_captions_and_headings_keep_the_abbreviation_short_a_table_s_cell_spells_it_out(powiat) -> None:
    markup = _chapter(powiat, "<h1>Gmina</h1><h2>Zgłoszenia KMZB</h2><table><caption>Zgłoszenia na KMZB</caption>"
                              "<tr><td>akcja BRD</td></tr></table><p>Zgłoszenia KMZB rosną.</p>")
    before_the_table = markup.split("<tr>")[0]
    assert "Krajow" not in before_the_table
    assert "akcja bezpieczeństwa ruchu drogowego (BRD)" in _plain(markup)
    assert "Zgłoszenia Krajowej Mapy Zagrożeń Bezpieczeństwa (KMZB) rosną." in _plain(markup)


def test_an_abbreviation_already_explained_in_brackets_is_left_alone(powiat) -> None:
    markup = _chapter(powiat, "<h1>Gmina</h1><p>Krajowa Mapa Zagrożeń Bezpieczeństwa (KMZB) działa. Zgłoszenia "
                              "KMZB.</p>")
    assert "Krajowej Mapy" not in markup and "(Krajowa" not in markup


def test_words_that_only_contain_an_abbreviation_are_not_touched(powiat) -> None:
    markup = _chapter(powiat, "<h1>Gmina</h1><p>SPORT, OSPA i KPPX zostają.</p>")
    assert "<abbr" not in markup


@pytest.mark.parametrize(("text", "bound"), [
    ("i 5 osób", "5\u00a0osób"),
    ("(4 wydarzenia)", "(4\u00a0wydarzenia)"),
    ("zrealizowane 5 (100,0%)", "5\u00a0(100,0%)"),
    ("26 037 osób", "037\u00a0osób"),
    ("2 osoby", "2\u00a0osoby"),
    ("w 2025 r.", "2025\u00a0r."),
])
def test_a_number_never_leaves_its_noun_unit_or_bracket_at_a_line_end(text, bound) -> None:
    assert bound in nbsp(text)


def test_a_number_may_end_a_line_before_a_word_that_starts_a_new_phrase() -> None:
    assert nbsp("z 4 do 9") == "z\u00a04 do 9" and nbsp("24 i 26").startswith("24 i")
