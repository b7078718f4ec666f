"""The assembly: chapters typeset, abbreviations spelled out once per chapter."""

from __future__ import annotations

from pipeline.document.assemble import gmina_chapter


def _chapter(powiat, html: str) -> str:
    return gmina_chapter(powiat.gminy[0], html).markup


def test_the_first_abbreviation_in_a_chapter_is_spelled_out_once(powiat) -> None:
    markup = _chapter(powiat, "<h1>Gmina</h1><p>Zgłoszenia na KMZB i akcje BRD.</p><p>Znowu KMZB i BRD.</p>")
    assert markup.count("(Krajowa Mapa Zagrożeń Bezpieczeństwa)") == 1
    assert markup.count("(bezpieczeństwo ruchu drogowego)") == 1
    assert '<abbr title="Krajowa Mapa Zagrożeń Bezpieczeństwa">KMZB</abbr> (Krajowa' in markup
    assert "Znowu KMZB i BRD." in markup.replace("\u00a0", " ")


def test_an_abbreviation_already_explained_in_brackets_is_left_alone(powiat) -> None:
    markup = _chapter(powiat, "<h1>Gmina</h1><p>Krajowa Mapa Zagrożeń Bezpieczeństwa (KMZB) działa.</p>")
    assert "(Krajowa Mapa Zagrożeń Bezpieczeństwa)" not in markup


def test_words_that_only_contain_an_abbreviation_are_not_touched(powiat) -> None:
    markup = _chapter(powiat, "<h1>Gmina</h1><p>SPORT, OSPA i KPPX zostają.</p>")
    assert "<abbr" not in markup
