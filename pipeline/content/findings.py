"""The conclusions a council member reads first: 5–7 findings, each a fact, a word of
interpretation and the figure it rests on.

Every finding names which way the year went and whether that is good news or needs the
council's attention; the figure behind it follows the rules of the tables (no percentage
on a base under 10: "+4 (z 1 do 5)"). A part of the data that is missing gives no finding,
never an invented one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ..data import indicators as ind
from ..data.dataset import Dataset
from ..data.formatting import fmt_change, fmt_int, fmt_money, fmt_number, fmt_percent, money_digits
from ..data.indicators import KeyFigure
from ..data.schema import SEVEN_CATEGORIES
from .narrative import SEVEN_GENITIVE, hours, killed_in_them, more_or_less, plural

__all__ = ["ATTENTION", "Finding", "findings"]

ATTENTION = "wymaga uwagi"  # the words that flag a change for the worse, in the headline


@dataclass(frozen=True)
class Finding:
    headline: str  # the interpretation: "Przestępczość spadła."
    text: str  # the fact and its figures
    attention: bool = False  # a change for the worse: the headline says "wymaga uwagi"


def findings(ds: Dataset) -> list[Finding]:
    """The powiat's findings in the order of the report's sections; missing data gives none.
    In a first year of use (no last year to compare with) they state the year's levels."""
    figures = {f.code: f for f in ind.key_figures(ds)}
    if ds.previous_year is None:
        makers: list[Callable[[], Finding | None]] = [lambda: _levels(ds, figures), lambda: _gminas(ds)]
    else:
        makers = [lambda: _crime(ds, figures), lambda: _seven(ds, figures), lambda: _roads(ds, figures),
                  lambda: _kmzb(ds), lambda: _prevention(ds, figures), lambda: _patrols(ds, figures),
                  lambda: _gminas(ds)]
    found = [make() for make in makers]
    return [f for item in found for f in (item if isinstance(item, list) else [item]) if f is not None]


def _levels(ds: Dataset, figures: dict[str, KeyFigure]) -> list[Finding]:
    """The year on its own: what was counted, without a direction to interpret."""
    def now(code: str) -> object:
        return figures[code].current

    def count(code: str, one: str, few: str, many: str) -> str:
        return f"{fmt_int(now(code))} {plural(int(now(code)), one, few, many)}"

    found = []
    if not pd.isna(now("przestepstwa")):
        crimes = count("przestepstwa", "przestępstwo", "przestępstwa", "przestępstw")
        found.append(Finding("Przestępczość.", f"Stwierdzono {crimes}; wykrywalność sprawców: "
                                               f"{fmt_percent(now('wykrywalnosc'))}."))
    seven = [figures[c] for c in SEVEN_CATEGORIES if not pd.isna(figures[c].current)]
    if seven and (top := max(seven, key=lambda f: f.current)).current > 0:
        found.append(Finding(f"Najczęstsze z 7 kategorii: {top.label}.",
                             f"{fmt_int(top.current)} wśród przestępstw najbardziej dokuczliwych społecznie."))
    if not pd.isna(now("wypadki")) and not pd.isna(now("zabici")):
        accidents = count("wypadki", "wypadek drogowy", "wypadki drogowe", "wypadków drogowych")
        found.append(Finding("Na drogach.", f"{accidents}; {killed_in_them(int(now('zabici')))}."))
    if not pd.isna(now("kmzb")):
        found.append(Finding("Mieszkańcy zgłaszają zagrożenia.",
                             f"Na Krajowej Mapie Zagrożeń Bezpieczeństwa (KMZB) "
                             f"{count('kmzb', 'zgłoszenie', 'zgłoszenia', 'zgłoszeń')}; policjanci potwierdzili "
                             f"{fmt_percent(now('kmzb_potwierdzone'))} z nich."))
    if not pd.isna(now("dzialania")) and not pd.isna(now("uczestnicy")):
        events = count("dzialania", "działanie", "działania", "działań")
        found.append(Finding("Działania profilaktyczne.", f"{events} z udziałem "
                                                          f"{count('uczestnicy', 'osoby', 'osób', 'osób')}."))
    if not pd.isna(now("godziny")) and now("godziny"):
        found.append(Finding("Służby ponadnormatywne.", f"{hours(now('godziny'))} za "
                                                        f"{fmt_money(now('kwota'), money_digits([now('kwota')]))}."))
    return found


def _known(*figures: KeyFigure) -> bool:
    return all(not pd.isna(f.current) and not pd.isna(f.previous) for f in figures)


def _was(figure: KeyFigure, ds: Dataset, fmt: Callable[[object], str] = fmt_int) -> str:
    """ "(w 2024 r.: 1 601)" """
    return f"(w {ds.year - 1} r.: {fmt(figure.previous)})"


def _crime(ds: Dataset, figures: dict[str, KeyFigure]) -> Finding | None:
    crimes, detection = figures["przestepstwa"], figures["wykrywalnosc"]
    if not _known(crimes):
        return None
    headline = {1: f"Przestępczość wzrosła – {ATTENTION}.", -1: "Przestępczość spadła.",
                0: "Przestępczość bez zmian."}[_direction(crimes)]
    text = (f"Stwierdzono {fmt_int(crimes.current)} "
            f"{plural(int(crimes.current), 'przestępstwo', 'przestępstwa', 'przestępstw')}, "
            f"{more_or_less(crimes)} w {ds.year - 1} r. ({fmt_int(crimes.previous)}).")
    if _known(detection):
        text += (f" Wykrywalność sprawców: {fmt_percent(detection.current)} "
                 f"{_was(detection, ds, fmt_percent)}.")
    return Finding(headline, text, _direction(crimes) > 0)


def _seven(ds: Dataset, figures: dict[str, KeyFigure]) -> Finding | None:
    """The largest rise among the 7 categories (or, if none rose, the largest fall)."""
    known = [figures[c] for c in SEVEN_CATEGORIES if _known(figures[c])]
    if not known:
        return None
    worst = max(known, key=lambda f: (f.change, f.current))
    best = min(known, key=lambda f: (f.change, -f.current))
    figure = worst if worst.change > 0 else best
    if figure.change == 0:
        return None
    name = SEVEN_GENITIVE[figure.code]
    rose = figure.change > 0
    headline = f"Więcej {name} – {ATTENTION}." if rose else f"Mniej {name}."
    extreme = "największy wzrost" if rose else "największy spadek"
    text = (f"Z {fmt_int(figure.previous)} w {ds.year - 1} r. do {fmt_int(figure.current)} w {ds.year} r. "
            f"({fmt_change(figure.change)}) – {extreme} wśród 7 kategorii przestępstw najbardziej "
            "dokuczliwych społecznie.")
    return Finding(headline, text, rose)


def _roads(ds: Dataset, figures: dict[str, KeyFigure]) -> Finding | None:
    accidents, killed = figures["wypadki"], figures["zabici"]
    if not _known(accidents, killed):
        return None
    if _direction(killed) > 0:
        headline, attention = f"Więcej ofiar śmiertelnych na drogach – {ATTENTION}.", True
    elif _direction(accidents) > 0:
        headline, attention = f"Więcej wypadków drogowych – {ATTENTION}.", True
    elif _direction(killed) < 0 or _direction(accidents) < 0:
        headline, attention = "Bezpieczniej na drogach.", False
    else:
        headline, attention = "Na drogach bez zmian.", False
    text = (f"{fmt_int(accidents.current)} "
            f"{plural(int(accidents.current), 'wypadek drogowy', 'wypadki drogowe', 'wypadków drogowych')} "
            f"{_was(accidents, ds)}; {killed_in_them(int(killed.current))} {_was(killed, ds)}.")
    return Finding(headline, text, attention)


def _kmzb(ds: Dataset) -> Finding | None:
    now = ind.kmzb_summary(ds, None, ds.year)
    before = ind.kmzb_summary(ds, None, ds.previous_year)
    if pd.isna(now["zgloszenia"]):
        return None
    count = int(now["zgloszenia"])
    if pd.isna(before["zgloszenia"]) or count == before["zgloszenia"]:
        headline = "Mieszkańcy zgłaszają zagrożenia."
    elif count > before["zgloszenia"]:
        headline = "Mieszkańcy częściej zgłaszają zagrożenia."
    else:
        headline = "Mniej zgłoszeń zagrożeń od mieszkańców."
    text = (f"Na Krajowej Mapie Zagrożeń Bezpieczeństwa (KMZB) {fmt_int(count)} "
            f"{plural(count, 'zgłoszenie', 'zgłoszenia', 'zgłoszeń')} (w {ds.year - 1} r.: "
            f"{fmt_int(before['zgloszenia'])})")
    if count and not pd.isna(now["udzial_wyeliminowanych"]):
        text += (f"; policjanci potwierdzili {fmt_percent(now['udzial_potwierdzonych'])} z nich, a "
                 f"{fmt_percent(now['udzial_wyeliminowanych'])} potwierdzonych zagrożeń wyeliminowano")
    return Finding(headline, text + ".")


def _prevention(ds: Dataset, figures: dict[str, KeyFigure]) -> Finding | None:
    events, people = figures["dzialania"], figures["uczestnicy"]
    if not _known(events, people):
        return None
    direction = _direction(events)
    headline = {1: "Więcej działań profilaktycznych.", -1: f"Mniej działań profilaktycznych – {ATTENTION}.",
                0: "Tyle samo działań profilaktycznych."}[direction]
    text = (f"{fmt_int(events.current)} "
            f"{plural(int(events.current), 'działanie', 'działania', 'działań')} z udziałem "
            f"{fmt_int(people.current)} {plural(int(people.current), 'osoby', 'osób', 'osób')} "
            f"(w {ds.year - 1} r.: {fmt_int(events.previous)} i {fmt_int(people.previous)}).")
    return Finding(headline, text, direction < 0)


def _patrols(ds: Dataset, figures: dict[str, KeyFigure]) -> Finding | None:
    paid, money = figures["godziny"], figures["kwota"]
    if not _known(paid, money) or paid.current == 0:
        return None
    direction = _direction(paid)
    headline = {1: "Samorządy sfinansowały więcej służb policji.", -1: "Samorządy sfinansowały mniej służb policji.",
                0: "Samorządy sfinansowały tyle samo służb policji."}[direction]
    digits = money_digits([money.current, money.previous])
    text = (f"{hours(paid.current)} służb ponadnormatywnych za {fmt_money(money.current, digits)} "
            f"(w {ds.year - 1} r.: {hours(paid.previous)} za {fmt_money(money.previous, digits)}).")
    return Finding(headline, text)


def _gminas(ds: Dataset) -> Finding | None:
    """The gmina with the highest crime rate, among those with enough cases to rank."""
    if not ds.has("przestepstwa", ds.year) or not ds.has("ludnosc", ds.year):
        return None
    rates = ind.gmina_rates(ds)
    ranked = rates[~rates["malo_przypadkow"] & rates["na_10_tys"].notna()]
    if len(ranked) < 2:
        return None
    top, bottom = ranked.iloc[0], ranked.iloc[-1]
    average = ind.gminas_rate(ds)
    text = (f"Przestępstwa na 10 tys. mieszkańców: {fmt_number(top['na_10_tys'])} wobec średniej gmin "
            f"{fmt_number(average)}; najniższy wskaźnik: gmina {bottom['gmina']} ({fmt_number(bottom['na_10_tys'])}).")
    return Finding(f"Najwyższy wskaźnik przestępczości: gmina {top['gmina']}.", text)


def _direction(figure: KeyFigure) -> int:
    return int(figure.current > figure.previous) - int(figure.current < figure.previous)
