"""The conclusions a council member reads first: the year's heaviest changes, good and bad alike.

The rule (docs/dane.md, "Jak czytać raport"):

- *Outcomes* happen to the powiat (crimes, accidents, drunk drivers caught, KMZB reports,
  interventions, the survey): a change counts only when the exact test says it is more than
  chance (`data.figures.stats`), and then weighs |ln(this year ÷ last year)|, so that a doubling and a
  halving weigh the same.
- *Outputs* are decided by the police and the gminas (debates and other prevention by kind,
  road checks, paid patrol hours): a change is a fact and weighs the same |ln ratio|, when the
  larger of the two years is at least FEW_CASES. A payer that stopped or started paying for
  patrols is always a finding.
- Related figures make one finding (crime with its groups and detection, drunk drivers with
  the road checks that find them); a finding weighs as much as its heaviest change.

The page lists the findings by weight, at most MAX_FINDINGS with the gminas' finding (who lies
outside the funnel's limits, and what drives it); when fewer than MIN_FINDINGS weigh anything,
the lightest are added saying that they stayed within the usual swings. A part of the data
that is missing gives no finding, never an invented one.

The same rule speaks of one gmina (`findings(ds, teryt)`, the first page of its extract): its
own figures, its own payments for patrols, and in place of the gminas' finding its own place
in the funnel against the average of all gminas; GMINA_FINDINGS of them, a page holds no more.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from ..data.dataset import Dataset
from ..data.figures import indicators as ind
from ..data.figures import stats
from ..data.figures.indicators import Area
from ..data.figures.keyfigures import KeyFigure, key_figures
from ..data.formatting import fmt_int, fmt_list, fmt_money, fmt_number, fmt_percent, money_digits
from ..data.schema import CRIME_GROUPS, SEVEN_CATEGORIES
from .narrative import (
    CHANCE,
    KIND_GENITIVE,
    SEVEN_GENITIVE,
    chance_words,
    hours,
    killed_in_them,
    more_or_less,
    plural,
    share_text,
)

__all__ = ["ATTENTION", "GMINA_FINDINGS", "PATROLS", "MAX_FINDINGS", "MIN_FINDINGS", "Finding", "findings"]

ATTENTION = "wymaga uwagi"  # the words that flag bad news in the headline
MIN_FINDINGS, MAX_FINDINGS = 5, 7
GMINA_FINDINGS = (4, 6)  # at least, at most: for one gmina
ALWAYS = math.inf  # the weight of a finding that is always shown
PATROLS = "patrols"  # a finding about the patrols the gminas pay for (Finding.about)


@dataclass(frozen=True)
class Finding:
    headline: str  # the interpretation: "Przestępczość spadła."
    text: str  # the facts and their figures
    attention: bool = False  # bad news: the headline says "wymaga uwagi"
    weight: float = 0.0  # of its heaviest change; 0: nothing beyond the usual swings
    about: str = ""  # what it is about, where a page says the same apart ("patrols")


def findings(ds: Dataset, area: Area = None) -> list[Finding]:
    """The findings of the powiat (or of the gmina `area`), heaviest first, then the gminas
    against the average (or the gmina's own place among them)."""
    figures = {f.code: f for f in key_figures(ds, area)}
    gminas = _gminas(ds) if area is None else _place(ds, area)
    if ds.previous_year is None:
        return [*_levels(ds, figures), *([gminas] if gminas else [])]
    makers: list[Callable[[], Finding | None]] = [
        lambda: _crime(ds, figures, area), lambda: _seven(figures), lambda: _roads(ds, area),
        lambda: _kmzb(ds, figures), lambda: _prevention(ds, area), lambda: _patrols(ds, area),
        lambda: _interventions(ds, area), lambda: _survey(figures)]
    least, most = (MIN_FINDINGS, MAX_FINDINGS) if area is None else GMINA_FINDINGS
    return _chosen([f for make in makers if (f := make()) is not None], gminas, least, most)


def _chosen(candidates: list[Finding], gminas: Finding | None, least: int, most: int) -> list[Finding]:
    """The heaviest, then the lightest as "within the usual swings" up to `least`."""
    room = most - (gminas is not None)
    weighty = sorted((f for f in candidates if f.weight > 0), key=lambda f: -f.weight)[:room]
    quiet = [f for f in candidates if f.weight == 0]
    wanted = max(0, least - (gminas is not None) - len(weighty))
    return [*weighty, *quiet[:wanted], *([gminas] if gminas else [])]


def _known(*figures: KeyFigure) -> bool:
    return all(not pd.isna(f.current) and not pd.isna(f.previous) for f in figures)


def _was(ds: Dataset, value: str) -> str:
    """ "(w 2024 r.: 1 601)" """
    return f"(w {ds.year - 1} r.: {value})"


def _weight(figure: KeyFigure) -> float:
    """An outcome's change weighs only beyond chance; an output's when it is not a handful."""
    if not _known(figure) or figure.current == figure.previous:
        return 0.0
    if figure.outcome:
        test = figure.test()
        return stats.weight(figure.previous, figure.current) if test is not None and test.significant else 0.0
    return stats.weight(figure.previous, figure.current) if max(figure.current, figure.previous) >= ind.FEW_CASES \
        else 0.0


def _count(code: str, current: object, previous: object) -> KeyFigure:
    return KeyFigure(code, code, current, previous)


# ------------------------------------------------------------------ outcomes


def _crime(ds: Dataset, figures: dict[str, KeyFigure], area: Area) -> Finding | None:
    """All crimes, what drove the change (the groups and the residual) and the detection rate."""
    crimes, detection = figures["przestepstwa"], figures["wykrywalnosc"]
    if not _known(crimes):
        return None
    table = ind.crime_table(ds, area)
    groups = [_count(code, table.at[code, "biezacy"], table.at[code, "poprzedni"])
              for code in [*CRIME_GROUPS, ind.RESIDUAL] if code != "ogolem"]
    test = crimes.test()
    headline = {1: f"Przestępczość wzrosła – {ATTENTION}.", -1: "Przestępczość spadła."}.get(
        test.direction if test.significant else 0, f"Przestępczość {CHANCE}.")
    text = (f"Stwierdzono {fmt_int(crimes.current)} "
            f"{plural(int(crimes.current), 'przestępstwo', 'przestępstwa', 'przestępstw')}, "
            f"{more_or_less(crimes)} w {ds.year - 1} r. ({fmt_int(crimes.previous)}){chance_words(test)}.")
    moved = [g for g in groups if _weight(g) > 0]
    if moved:
        text += " Ponad zwykłe wahania zmieniła się liczba " + fmt_list(
            [f"{_GROUP_GENITIVE[g.code]}: {fmt_int(g.current)} wobec {fmt_int(g.previous)}" for g in moved]) + "."
    if _known(detection):
        text += (f" Wykrywalność sprawców: {share_text(detection.parts[0], detection.bases[0], detection.current)} "
                 f"{_was(ds, share_text(detection.parts[1], detection.bases[1], detection.previous))}.")
    weight = max([_weight(crimes), _weight(detection), *(_weight(g) for g in groups)])
    return Finding(headline, text, bool(test.significant and test.direction > 0), weight)


_GROUP_GENITIVE = {"kryminalne": "przestępstw kryminalnych", "gospodarcze": "przestępstw gospodarczych",
                   "drogowe": "przestępstw drogowych",
                   ind.RESIDUAL: "przestępstw pozostałych (innych niż kryminalne, gospodarcze i drogowe)"}


def _seven(figures: dict[str, KeyFigure]) -> Finding | None:
    """The 7 categories: the heaviest change beyond chance, or that all stayed within the swings."""
    known = [figures[c] for c in SEVEN_CATEGORIES if _known(figures[c])]
    if not known:
        return None
    moved = sorted((f for f in known if _weight(f) > 0), key=lambda f: -_weight(f))
    if not moved:
        return Finding("7 kategorii przestępstw bez zmian ponad zwykłe wahania.",
                       "Zmiany liczby przestępstw najbardziej dokuczliwych społecznie mieszczą się w granicach "
                       "zwykłych wahań.")
    top = moved[0]
    rose = bool(top.current > top.previous)
    headline = f"Więcej {SEVEN_GENITIVE[top.code]} – {ATTENTION}." if rose else f"Mniej {SEVEN_GENITIVE[top.code]}."
    text = "; ".join(f"{SEVEN_GENITIVE[f.code]}: {fmt_int(f.current)} wobec {fmt_int(f.previous)}" for f in moved)
    return Finding(headline, f"Ponad zwykłe wahania zmieniła się liczba {text}.", rose, _weight(top))


def _roads(ds: Dataset, area: Area) -> Finding | None:
    """Accidents and their victims; drunk drivers caught always with the road checks that find them."""
    table = ind.roads_table(ds, area)
    figure = {c: _count(c, table.at[c, "biezacy"], table.at[c, "poprzedni"]) for c in table.index}
    accidents, killed, drunk = figure["wypadki"], figure["zabici"], figure["nietrzezwi_kierujacy"]
    if not _known(accidents, killed):
        return None
    checks = _count("kontrole", ind.events_total(ds, ds.year, area, controls=True)[0],
                    ind.events_total(ds, ds.previous_year, area, controls=True)[0])
    text = (f"{fmt_int(accidents.current)} "
            f"{plural(int(accidents.current), 'wypadek drogowy', 'wypadki drogowe', 'wypadków drogowych')} "
            f"{_was(ds, fmt_int(accidents.previous))}; {killed_in_them(int(killed.current))} "
            f"{_was(ds, fmt_int(killed.previous))}{chance_words(_worst(figure['wypadki'], figure['zabici']))}.")
    harm = max(_weight(figure[c]) for c in ("wypadki", "zabici", "ranni"))
    pair = max(_weight(figure["nietrzezwi_kierujacy"]), _weight(checks)) if _known(drunk) else 0.0
    headline, attention = _road_headline(figure, harm)
    if _known(drunk) and (pair > 0 or harm == 0):
        text += " " + _drunk_and_checks(ds, figure["nietrzezwi_kierujacy"], checks)
        if pair > harm:
            headline, attention = _pair_headline(figure["nietrzezwi_kierujacy"], checks)
    return Finding(headline, text, attention, max(harm, pair))


def _worst(*figures: KeyFigure) -> stats.Change | None:
    tests = [t for f in figures if (t := f.test()) is not None]
    return min(tests, key=lambda t: t.p_value) if tests else None


def _road_headline(figure: dict[str, KeyFigure], harm: float) -> tuple[str, bool]:
    if harm == 0:
        return f"Na drogach {CHANCE}.", False
    worse = [c for c in ("zabici", "wypadki", "ranni") if _weight(figure[c]) > 0 and
             figure[c].current > figure[c].previous]
    if worse:
        what = {"zabici": "ofiar śmiertelnych", "wypadki": "wypadków drogowych", "ranni": "rannych"}[worse[0]]
        return f"Więcej {what} na drogach – {ATTENTION}.", True
    return "Bezpieczniej na drogach.", False


def _drunk_and_checks(ds: Dataset, drunk: KeyFigure, checks: KeyFigure) -> str:
    text = (f"Zatrzymano {fmt_int(drunk.current)} nietrzeźwych kierujących {_was(ds, fmt_int(drunk.previous))}"
            f"{chance_words(drunk.test())}")
    if _known(checks) and max(checks.current, checks.previous) > 0:
        text += (f", a policjanci przeprowadzili {fmt_int(checks.current)} "
                 f"{plural(int(checks.current), 'kontrolę drogową', 'kontrole drogowe', 'kontroli drogowych')} "
                 f"{_was(ds, fmt_int(checks.previous))}")
    return text + "."


def _pair_headline(drunk: KeyFigure, checks: KeyFigure) -> tuple[str, bool]:
    """Drunk drivers caught depend on the checks that find them: the headline names both."""
    test = drunk.test()
    caught = "liczba zatrzymanych nietrzeźwych kierujących " + CHANCE if test is None or not test.significant \
        else f"{'więcej' if test.direction > 0 else 'mniej'} zatrzymanych nietrzeźwych kierujących"
    if not _known(checks) or checks.current == checks.previous:
        first = caught[0].upper() + caught[1:]
        return f"{first}.", test is not None and test.significant and test.direction > 0
    more = checks.current > checks.previous
    joint = " i " if test is not None and test.significant else "; "
    return f"{'Więcej' if more else 'Mniej'} kontroli drogowych{joint}{caught}.", not more


def _kmzb(ds: Dataset, figures: dict[str, KeyFigure]) -> Finding | None:
    reports, confirmed = figures["kmzb"], figures["kmzb_potwierdzone"]
    if not _known(reports):
        return None
    test = reports.test()
    headline = {1: "Mieszkańcy częściej zgłaszają zagrożenia.", -1: "Mniej zgłoszeń zagrożeń od mieszkańców."}.get(
        test.direction if test.significant else 0, f"Zgłoszenia zagrożeń od mieszkańców {CHANCE}.")
    text = (f"Na Krajowej Mapie Zagrożeń Bezpieczeństwa (KMZB) {fmt_int(reports.current)} "
            f"{plural(int(reports.current), 'zgłoszenie', 'zgłoszenia', 'zgłoszeń')} "
            f"{_was(ds, fmt_int(reports.previous))}{chance_words(test)}")
    if _known(confirmed):
        text += (f"; policjanci potwierdzili {share_text(confirmed.parts[0], confirmed.bases[0], confirmed.current)}"
                 f" z nich{chance_words(confirmed.test())}")
    return Finding(headline, text + ".", False, max(_weight(reports), _weight(confirmed)))


def _interventions(ds: Dataset, area: Area) -> Finding | None:
    table = ind.interventions_table(ds, area)
    if table is None or not ds.has("interwencje", ds.previous_year):
        return None
    moved = [(c, f) for c in table.index
             if _weight(f := _count(c, table.at[c, "biezacy"], table.at[c, "poprzedni"])) > 0]
    if not moved:
        return None  # interventions within the usual swings are not worth a line of their own
    code, top = max(moved, key=lambda m: _weight(m[1]))
    label = table.at[code, "wskaznik"]
    rose = bool(top.current > top.previous)
    text = "; ".join(f"{table.at[c, 'wskaznik']}: {fmt_int(f.current)} {_was(ds, fmt_int(f.previous))}"
                     for c, f in moved)
    return Finding(f"{'Więcej' if rose else 'Mniej'}: {label}{f' – {ATTENTION}' if rose else ''}.",
                   f"Ponad zwykłe wahania zmieniły się: {text}.", rose, _weight(top))


def _survey(figures: dict[str, KeyFigure]) -> Finding | None:
    sense = figures.get("poczucie_bezpieczenstwa")
    if sense is None or not _known(sense) or sense.small_base(0) or sense.small_base(1):
        return None
    test = sense.test()
    low, high = stats.wilson(int(sense.parts[0]), int(sense.bases[0]))
    text = (f"Bezpiecznie czuje się {fmt_percent(sense.current)} ankietowanych (przedział 95%: {fmt_number(low)}–"
            f"{fmt_number(high)}%; w poprzednim roku {fmt_percent(sense.previous)}){chance_words(test)}.")
    if test is None or not test.significant:
        return Finding(f"Poczucie bezpieczeństwa mieszkańców {CHANCE}.", text)
    rose = bool(test.direction > 0)
    return Finding(f"Poczucie bezpieczeństwa mieszkańców {'wzrosło' if rose else 'spadło'}"
                   f"{'' if rose else f' – {ATTENTION}'}.", text, not rose, _weight(sense))


# ------------------------------------------------------------------ outputs


def _prevention(ds: Dataset, area: Area) -> Finding | None:
    """Prevention by kind: the heaviest changes of what the police and the gminas decided to hold."""
    events_now, people_now = ind.events_total(ds, ds.year, area)
    events_before, people_before = ind.events_total(ds, ds.previous_year, area)
    if pd.isna(events_now) or pd.isna(events_before):
        return None
    kinds = ind.events_by(ds, "rodzaj", area)
    changes = [_count(k, r["wydarzenia"], r["wydarzenia_poprzednio"]) for k, r in kinds.iterrows()]
    moved = sorted((f for f in changes if _weight(f) > 0), key=lambda f: -_weight(f))[:3]
    total = (f"Razem {fmt_int(events_now)} {plural(int(events_now), 'działanie', 'działania', 'działań')} "
             "profilaktycznych "
             f"z udziałem {fmt_int(people_now)} {_people(people_now)} "
             f"{_was(ds, fmt_int(events_before) + ' i ' + fmt_int(people_before))}.")
    if not moved:
        return Finding("Działania profilaktyczne bez większych zmian.", total)
    top = moved[0]
    fell = bool(top.current < top.previous)
    headline = (f"{'Mniej' if fell else 'Więcej'} {KIND_GENITIVE[top.code]}"
                f"{f' – {ATTENTION}' if fell else ''}.")
    text = "; ".join(f"{KIND_GENITIVE[f.code]}: {fmt_int(f.current)} {_was(ds, fmt_int(f.previous))}" for f in moved)
    return Finding(headline, f"{text[0].upper()}{text[1:]}. {total}", fell, _weight(top))


def _people(count: object) -> str:
    """ "osoby" after 1, "osób" otherwise; a count left empty in the file ("b.d. osób") too."""
    return "osób" if pd.isna(count) else plural(int(count), "osoby", "osób", "osób")


def _patrols(ds: Dataset, area: Area) -> Finding | None:
    """Extra patrols paid by the gminas and the powiat: a payer that stopped or started is always news."""
    if not ds.has("sluzby_ponadnormatywne", ds.year) or not ds.has("sluzby_ponadnormatywne", ds.previous_year):
        return None
    now = ind.patrols_table(ds, area, ds.year)
    before = ind.patrols_table(ds, area, ds.previous_year)
    paid_now, paid_before = (_paying(t) for t in (now, before))
    stopped = [c for c in paid_before if c not in paid_now]
    started = [c for c in paid_now if c not in paid_before]
    hours_now, hours_before = now["liczba_godzin"].sum(), before["liczba_godzin"].sum()
    money_now, money_before = now["kwota_zl"].sum(), before["kwota_zl"].sum()
    digits = money_digits([money_now, money_before])
    was = f"{hours(hours_before)} za {fmt_money(money_before, digits)}"
    paid = "Samorządy sfinansowały" if area is None else "Gmina sfinansowała"
    text = (f"{paid} {hours(hours_now)} służb ponadnormatywnych za "
            f"{fmt_money(money_now, digits)} {_was(ds, was)}.")
    weight = _weight(KeyFigure("godziny", "", hours_now, hours_before))
    if not stopped and not started:
        if weight == 0:
            return None
        fell = bool(hours_now < hours_before)
        return Finding(f"{paid} {'mniej' if fell else 'więcej'} służb policji"
                       f"{f' – {ATTENTION}' if fell else ''}.", text, fell, weight, PATROLS)
    headline = " ".join(_payers(ds, codes, verb) for codes, verb in ((stopped, "stop"), (started, "start")) if codes)
    changes = [f"{ds.powiat.label_of(c)} – {hours(before.at[c, 'liczba_godzin'])} w {ds.year - 1} r., w {ds.year} r. "
               "żadnej" for c in stopped]
    changes += [f"{ds.powiat.label_of(c)} – {hours(now.at[c, 'liczba_godzin'])} w {ds.year} r." for c in started]
    if area is None:
        text = f"{'; '.join(changes)[0].upper()}{'; '.join(changes)[1:]}. {text}"
    elif stopped:  # one gmina: what it paid last year is the news, "0 godzin za 0 zł" is not
        text = (f"W {ds.year - 1} r. gmina sfinansowała {hours(hours_before)} służb ponadnormatywnych za "
                f"{fmt_money(money_before, digits)}, w {ds.year} r. – żadnej.")
    return Finding(headline.removesuffix(".") + (f" – {ATTENTION}." if stopped else "."), text, bool(stopped), ALWAYS,
                   PATROLS)


def _paying(table: pd.DataFrame) -> list[str]:
    return [c for c, h in table["liczba_godzin"].items() if not pd.isna(h) and h > 0]


def _payers(ds: Dataset, codes: Sequence[str], verb: str) -> str:
    """ "Gminy Drzewica i Poświętne przestały opłacać służby policji.", "Gmina Sławno zaczęła…" """
    gminas = [ds.powiat.name_of(c) for c in codes if c != ds.powiat.code]
    names = ([f"{'Gmina' if len(gminas) == 1 else 'Gminy'} {fmt_list(gminas)}"] if gminas else []) + \
        ([ds.powiat.nazwa] if ds.powiat.code in codes else [])
    subject = fmt_list(names)
    subject = subject[0].upper() + subject[1:]
    if len(codes) > 1:
        done = "przestały" if verb == "stop" else "zaczęły"
    elif gminas:
        done = "przestała" if verb == "stop" else "zaczęła"
    else:
        done = "przestał" if verb == "stop" else "zaczął"
    return f"{subject} {done} opłacać służby policji."


# ------------------------------------------------------------------ gminas, and a first year


def _gminas(ds: Dataset) -> Finding | None:
    """The gminas whose crime rate lies outside the funnel's 99,8% limits, and what drives it."""
    if not ds.has("przestepstwa", ds.year) or not ds.has("ludnosc", ds.year):
        return None
    rates = ind.gmina_rates(ds)
    rates = rates[rates["wartosc"].notna() & rates["ludnosc"].notna() & (rates["ludnosc"] > 0)]
    average = ind.gminas_rate(ds)
    if rates.empty or pd.isna(average):
        return None
    rates = rates.assign(pozycja=[stats.funnel_position(float(n), float(p), float(average) / 10_000)
                                  for n, p in zip(rates["wartosc"], rates["ludnosc"], strict=True)])
    above, below = rates[rates["pozycja"] > 0], rates[rates["pozycja"] < 0]
    if above.empty and below.empty:
        return None
    parts = []
    for teryt, row in above.iterrows():
        why = _driver(ds, str(teryt))
        parts.append(f"gmina {row['gmina']}: {fmt_number(row['na_10_tys'])} przestępstwa na 10 tys. mieszkańców wobec "
                     f"średniej gmin {fmt_number(average)}" + (f", najwięcej wśród nich {why}" if why else ""))
    text = "; ".join(parts) + ("." if parts else "")
    if not below.empty:
        names = fmt_list(list(below["gmina"]))
        text += (f" Poniżej średniej: {plural(len(below), 'gmina', 'gminy', 'gmin')} {names}." if parts else
                 f"Poniżej średniej gmin ({fmt_number(average)} na 10 tys. mieszkańców): "
                 f"{plural(len(below), 'gmina', 'gminy', 'gmin')} {names}.")
    headline = (f"Powyżej średniej gmin w przestępczości, poza granicami zwykłych wahań: "
                f"{fmt_list(['gmina ' + g for g in above['gmina']])}." if parts else
                "Żadna gmina nie ma przestępczości powyżej średniej ponad zwykłe wahania.")
    return Finding(headline, text[0].upper() + text[1:])


def _place(ds: Dataset, teryt: str) -> Finding | None:
    """One gmina's crime rate against the average of all gminas, by the same funnel limits as
    the gminas' finding: above or below only outside the 99,8% limits for a gmina of its size."""
    if not ds.has("przestepstwa", ds.year) or not ds.has("ludnosc", ds.year):
        return None
    rates, average = ind.gmina_rates(ds), ind.gminas_rate(ds)
    if teryt not in rates.index or pd.isna(average):
        return None
    count, people, rate = (rates.at[teryt, c] for c in ("wartosc", "ludnosc", "na_10_tys"))
    if pd.isna(count) or pd.isna(people) or not people:
        return None
    position = stats.funnel_position(float(count), float(people), float(average) / 10_000)
    text = (f"{fmt_number(rate)} przestępstwa na 10 tys. "
            f"mieszkańców wobec średniej gmin powiatu {fmt_number(average)}")
    if position > 0 and (why := _driver(ds, teryt)):
        text += f"; najwięcej wśród nich {why}"
    headline = {1: f"Przestępczość powyżej średniej gmin, poza granicami zwykłych wahań – {ATTENTION}.",
                -1: "Przestępczość poniżej średniej gmin, poza granicami zwykłych wahań.",
                0: "Przestępczość w granicach zwykłych wahań wokół średniej gmin."}[position]
    return Finding(headline, f"{text}.", position > 0)


def _driver(ds: Dataset, area: str) -> str | None:
    """What most of a gmina's crimes are, by group: "przestępstwa pozostałe (181 z 314)"."""
    table = ind.crime_table(ds, area)
    total = table.at["ogolem", "biezacy"]
    parts = table.loc[[c for c in [*CRIME_GROUPS, ind.RESIDUAL] if c != "ogolem"], "biezacy"].dropna()
    if pd.isna(total) or not total or parts.empty:
        return None
    top = parts.astype(float).idxmax()
    return f"{_GROUP_NAMES[top]} ({fmt_int(parts[top])} z {fmt_int(total)})"


_GROUP_NAMES = {"kryminalne": "przestępstwa kryminalne", "gospodarcze": "przestępstwa gospodarcze",
                "drogowe": "przestępstwa drogowe", ind.RESIDUAL: "przestępstwa pozostałe"}


def _levels(ds: Dataset, figures: dict[str, KeyFigure]) -> list[Finding]:
    """The year on its own: what was counted, without a direction to interpret."""
    def now(code: str) -> object:
        return figures[code].current

    def count(code: str, one: str, few: str, many: str) -> str:
        return f"{fmt_int(now(code))} {plural(int(now(code)), one, few, many)}"

    found = []
    if not pd.isna(now("przestepstwa")):
        detection = figures["wykrywalnosc"]
        crimes = count("przestepstwa", "przestępstwo", "przestępstwa", "przestępstw")
        detected = share_text(detection.parts[0], detection.bases[0], now("wykrywalnosc"))
        found.append(Finding("Przestępczość.", f"Stwierdzono {crimes}; wykrywalność sprawców: {detected}."))
    seven = [figures[c] for c in SEVEN_CATEGORIES if not pd.isna(figures[c].current)]
    if seven and (top := max(seven, key=lambda f: f.current)).current > 0:
        found.append(Finding(f"Najczęstsze z 7 kategorii: {top.label}.",
                             f"{fmt_int(top.current)} wśród przestępstw najbardziej dokuczliwych społecznie."))
    if not pd.isna(now("wypadki")) and not pd.isna(now("zabici")):
        accidents = count("wypadki", "wypadek drogowy", "wypadki drogowe", "wypadków drogowych")
        found.append(Finding("Na drogach.", f"{accidents}; {killed_in_them(int(now('zabici')))}."))
    if not pd.isna(now("kmzb")):
        confirmed = figures["kmzb_potwierdzone"]
        found.append(Finding("Mieszkańcy zgłaszają zagrożenia.",
                             f"Na Krajowej Mapie Zagrożeń Bezpieczeństwa (KMZB) "
                             f"{count('kmzb', 'zgłoszenie', 'zgłoszenia', 'zgłoszeń')}; policjanci potwierdzili "
                             f"{share_text(confirmed.parts[0], confirmed.bases[0], now('kmzb_potwierdzone'))} z nich."))
    if not pd.isna(now("dzialania")) and not pd.isna(now("uczestnicy")):
        events = count("dzialania", "działanie", "działania", "działań")
        found.append(Finding("Działania profilaktyczne.", f"{events} z udziałem "
                                                          f"{count('uczestnicy', 'osoby', 'osób', 'osób')}."))
    if not pd.isna(now("godziny")) and now("godziny"):
        found.append(Finding("Służby ponadnormatywne.", f"{hours(now('godziny'))} za "
                                                        f"{fmt_money(now('kwota'), money_digits([now('kwota')]))}."))
    return found

