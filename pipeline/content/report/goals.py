"""The chapter "Cele współpracy i ich realizacja": did the cooperation reach its goals, and how
safe do residents feel. Present only when `cele.csv` or `ankieta.csv` exists; the judging
itself is `data.figures.goals`, the answers `data.figures.survey`.

A status is always a symbol and a word ("✓ osiągnięty", "× nieosiągnięty", "± nierozstrzygnięty",
"? brak danych"), never a colour alone, so it reads the same in black and white and to a screen
reader; the sentence about the goal says "w granicach błędu" where that is why. A survey's share
is a sample's: it carries its 95% Wilson interval.
"""

from __future__ import annotations

import pandas as pd

from ...data.commentary.places import GOALS, SURVEY_SECTION
from ...data.dataset import Dataset
from ...data.figures import stats, survey
from ...data.figures.goals import MET, MISSED, NO_DATA, UNDECIDED, Goal, MeasureResult, goals_set_last_year
from ...data.figures.goals import goals as judged_goals
from ...data.figures.indicators import FEW_CASES
from ...data.formatting import NOT_APPLICABLE, fmt_change, fmt_int, fmt_list, fmt_number, fmt_percent
from ...data.schema import SURVEY_ANSWERS
from .. import blocks, charts
from ..blocks import Annotated, Block, Column, Row
from ..narrative import plural, share_text, small_base
from .commentary import commentary
from .common import SMALL_BASE, caption_for, comparing, prev_year

__all__ = ["SHOWN", "TITLE", "goal_sentence", "goals", "goals_line", "measure_detail", "met_count"]

TITLE = "Cele współpracy i ich realizacja"
SURVEY_TITLE = "Poczucie bezpieczeństwa mieszkańców"
IN_MARGIN = "w granicach błędu"
SHOWN = {MET: f"✓ {MET}", MISSED: f"× {MISSED}", UNDECIDED: f"± {UNDECIDED}", NO_DATA: f"? {NO_DATA}"}
NOT_RANDOM = ("Ankiety zebrane na debatach i w szkołach nie są próbą losową: wynik opisuje osoby, które odpowiedziały, "
              "a nie wszystkich mieszkańców, a przedział podany przy wyniku (95%, metoda Wilsona) to najmniejsza "
              "z jego niepewności.")


def goals(ds: Dataset) -> Block:
    """The chapter, with its own heading; nothing when there are neither goals nor a survey."""
    found = judged_goals(ds)
    asked = ds.has("ankieta", ds.year)
    if found is None and not asked:
        return blocks.join([])
    parts = [blocks.heading(1, TITLE if found is not None else SURVEY_TITLE), commentary(ds, GOALS)]
    if found is not None:
        parts.append(blocks.paragraphs(
            f"Współpraca policji i samorządów służy celom zapisanym w {_programme(ds)}: ograniczeniu "
            "przestępczości, zmniejszeniu liczby zagrożeń i zwiększeniu poczucia bezpieczeństwa mieszkańców. "
            + (f"Cele na {ds.year} r. wyznaczono rok wcześniej, razem z planem działań. " if goals_set_last_year(ds)
               else "") + f"W {ds.year} r. {met_count(found)}.", css="intro"))
        for number, goal in enumerate(found, start=1):
            parts += [blocks.heading(2, goal.name), blocks.paragraphs(goal_sentence(ds, goal)),
                      _measures_table(ds, goal), commentary(ds, GOALS, f"cel_{number}")]
    if asked:
        parts += [*([blocks.heading(2, SURVEY_TITLE)] if found is not None else []), _survey(ds),
                  commentary(ds, GOALS, SURVEY_SECTION.key)]
    return blocks.join(parts)


def _programme(ds: Dataset) -> str:
    """ "programie przyjętym przez Radę Powiatu Opoczyńskiego (uchwała nr XXXVIII/312/2021)" """
    program = ds.powiat.program
    adopted = f"programie przyjętym przez {ds.powiat.rada.replace('Rada', 'Radę', 1)}"
    return adopted + (f" (uchwała nr {program.uchwala})" if program else "")


def goals_line(ds: Dataset) -> str | None:
    """The first page's line on the goals: "Cele współpracy: osiągnięto 2 z 3 …"."""
    found = judged_goals(ds)
    if not found:
        return None
    return f"Cele współpracy na {ds.year} r.: {met_count(found)} (rozdział „{TITLE}”)."


def met_count(found: list[Goal]) -> str:
    """Every outcome, none left for the reader to work out: "z 3 celów osiągnięto 1, nie
    osiągnięto 1, 1 nierozstrzygnięty"; "osiągnięto wszystkie cele (3)"."""
    count = {status: sum(g.status == status for g in found) for status in (MET, MISSED, UNDECIDED, NO_DATA)}
    total = len(found)
    if count[MET] == total:
        return "osiągnięto wyznaczony cel" if total == 1 else f"osiągnięto wszystkie cele ({fmt_int(total)})"
    if count[MISSED] == total:
        return "nie osiągnięto wyznaczonego celu" if total == 1 else \
            f"nie osiągnięto żadnego z {fmt_int(total)} celów"
    tally = [f"osiągnięto {fmt_int(count[MET])}" if count[MET] else "",
             f"nie osiągnięto {fmt_int(count[MISSED])}" if count[MISSED] else "",
             f"{fmt_int(count[UNDECIDED])} "
             f"{plural(count[UNDECIDED], UNDECIDED, 'nierozstrzygnięte', 'nierozstrzygniętych')}"
             if count[UNDECIDED] else "",
             f"{fmt_int(count[NO_DATA])} bez pełnych danych" if count[NO_DATA] else ""]
    return f"z {fmt_int(total)} {plural(total, 'celu', 'celów', 'celów')} " + ", ".join(t for t in tally if t)


def goal_sentence(ds: Dataset, goal: Goal) -> str:
    """ "Cel „Ograniczenie przestępczości” nie został osiągnięty: przestępstwa stwierdzone – 1 651
    wobec zakładanych najwyżej 1 600." """
    deciding = [r for r in goal.results if r.status == goal.status]
    details = "; ".join(measure_detail(ds, r) for r in deciding).removesuffix(".")
    if goal.status == MET:
        return f"Cel „{goal.name}” został osiągnięty: {details}."
    if goal.status == MISSED:
        return f"Cel „{goal.name}” nie został osiągnięty: {details}."
    if goal.status == UNDECIDED:
        return f"Nie da się rozstrzygnąć, czy cel „{goal.name}” został osiągnięty: {details}."
    return f"Celu „{goal.name}” nie da się w pełni ocenić: {details}."


def measure_detail(ds: Dataset, result: MeasureResult) -> str:
    what = f"{result.measure.label}{_where(ds, result)}"
    if result.status == NO_DATA:
        return f"{what} – brak danych za {ds.year if pd.isna(result.current) else prev_year(ds)} r."
    now = _value(result, result.current, counts=True) + _margin(result)
    margin = f", różnica {IN_MARGIN}" if result.status == UNDECIDED else ""
    if not pd.isna(result.target):
        return f"{what} – {now} wobec zakładanych {_target(result)}{margin}"
    return f"{what} – {now} wobec {_value(result, result.previous)} w {prev_year(ds)} r.{margin}"


def _margin(result: MeasureResult) -> str:
    """A sample's share in a sentence: " (±3 pkt proc.)", half its interval in whole points."""
    if result.interval is None or small_base(*result.counts):
        return ""
    low, high = result.interval
    return f" (±{fmt_number(max(result.current - low, high - result.current), 0)} pkt proc.)"


def _where(ds: Dataset, result: MeasureResult) -> str:
    return "" if result.area == ds.powiat.code else f" (gmina {ds.powiat.name_of(result.area)})"


def _value(result: MeasureResult, value: object, counts: bool = False, interval: bool = False) -> str:
    """A measure's value as printed; this year's share on a base under 10 as its counts, with
    `interval` a sample's share with its 95% interval."""
    if result.measure.percent and counts and small_base(*result.counts):
        return share_text(*result.counts)
    if result.measure.percent and interval and result.interval is not None:
        low, high = result.interval
        return f"{fmt_percent(value)}\n({fmt_number(low)}–{fmt_number(high)})"  # the interval on a line of its own
    if result.measure.percent:
        return fmt_percent(value)
    return fmt_number(value, 0) if result.key == "godziny_sluzb" else fmt_int(value)


def _target(result: MeasureResult) -> str:
    bound = "najwyżej" if result.direction == "spadek" else "co najmniej"
    return f"{bound} {_value(result, result.target)}"


def _aim(ds: Dataset, result: MeasureResult) -> str:
    if not pd.isna(result.target):
        return _target(result)
    return f"{'mniej' if result.direction == 'spadek' else 'więcej'} niż w {prev_year(ds)} r."


def _measures_table(ds: Dataset, goal: Goal) -> Block:
    """Each measure: last year (when there is one), this year, the aim, the change and the status."""
    compare = comparing(ds)

    def cells(r: MeasureResult) -> list[str | Annotated]:
        change: str | Annotated = fmt_change(r.change, 1 if r.measure.percent else 0) + (
            " pkt proc." if r.measure.percent and not pd.isna(r.change) else "")
        if r.small_base:
            change = Annotated(NOT_APPLICABLE, SMALL_BASE)
        before = share_text(*r.counts_before) if r.small_base and small_base(*r.counts_before) else \
            _value(r, r.previous)
        return [r.measure.label, ds.powiat.label_of(r.area), *([before] if compare else []),
                _value(r, r.current, counts=True, interval=True), _aim(ds, r), *([change] if compare else []),
                SHOWN[r.status]]

    columns = [Column("miernik", False, "c-measure"), Column("obszar", False, "c-area"),
               *([Column(f"{prev_year(ds)} r.", True, "c-year")] if compare else []),
               Column(f"{ds.year} r.", True, "c-year"), Column("cel", False, "c-aim"),
               *([Column("zmiana", True, "c-change")] if compare else []), Column("ocena", False, "c-status")]
    return blocks.table(caption_for(ds, None, f"Cel „{goal.name}”: mierniki", f"{ds.year} r."), columns,
                        [Row(cells(r)) for r in goal.results], css="fixed goals")


# ------------------------------------------------------------------ the residents' sense of safety


def _survey(ds: Dataset) -> Block:
    now = survey.sense_of_safety(ds, None, ds.year)
    before = survey.sense_of_safety(ds, None, ds.previous_year)
    if not now.answers:  # a survey file of zeros: no share, no interval (found by the generated data)
        text = (f"Na pytanie „Czy czuje się Pan/Pani bezpiecznie w swojej okolicy?” w {ds.year} r. nie "
                "odpowiedziała żadna osoba")
    else:
        text = (f"Na pytanie „Czy czuje się Pan/Pani bezpiecznie w swojej okolicy?” w {ds.year} r. odpowiedziało "
                f"{fmt_int(now.answers)} {plural(now.answers, 'osoba', 'osoby', 'osób')} (ankiety na debatach "
                f"społecznych i w szkołach); bezpiecznie czuje się {share_text(now.safe, now.answers)}"
                + ("" if small_base(now.safe, now.answers) else f" z nich, z błędem {_plus_minus(now)}"))
    if now.answers and before.answers and not small_base(before.safe, before.answers) \
            and not small_base(now.safe, now.answers):
        change = stats.share_change(before.safe, before.answers, now.safe, now.answers)
        text += (f"; w {prev_year(ds)} r. – {fmt_percent(before.share)} (zmiana "
                 f"{fmt_change(float(round(now.share, 1) - round(before.share, 1)), 1)} pkt proc. "
                 f"{'mieści się w granicach błędu' if not change.significant else 'jest większa niż błąd ankiety'})")
    parts = [blocks.paragraphs(f"{text}. {NOT_RANDOM}", css="intro")]
    table = survey.by_gmina(ds)
    table = table[table["odpowiedzi"] >= FEW_CASES]  # no shares of a handful of answers
    if not table.empty:
        parts.append(blocks.figure(_survey_chart(ds, table)))
    notes = [_gmina_changes(ds, table)] if comparing(ds) and not table.empty else []
    unassigned = now.answers - int(survey.by_gmina(ds)["odpowiedzi"].sum()) if not table.empty else 0
    if unassigned:
        notes.append(f"Wykres pokazuje odpowiedzi z gmin; {fmt_int(unassigned)} "
                     f"{plural(unassigned, 'odpowiedź', 'odpowiedzi', 'odpowiedzi')} z ankiet nieprzypisanych do gminy "
                     f"{plural(unassigned, 'liczy', 'liczą', 'liczy')} się tylko do wyniku powiatu.")
    silent = [g.nazwa for g in ds.powiat.gminy if g.teryt not in set(table["teryt"])]
    if silent:
        notes.append(f"Bez ankiet (albo z mniej niż {FEW_CASES} odpowiedziami) w {ds.year} r.: "
                     f"{plural(len(silent), 'gmina', 'gminy', 'gmin')} {fmt_list(silent)}.")
    if notes:
        parts.append(blocks.paragraphs(" ".join(n for n in notes if n), css="chart-note"))
    return blocks.join(parts)


def _plus_minus(sense: survey.Sense) -> str:
    """ "±3 pkt proc.": the 95% Wilson interval's larger half, in whole points."""
    return f"±{fmt_number(_margin_of(sense), 0)} pkt proc."


def _margin_of(sense: survey.Sense) -> float:
    low, high = stats.wilson(sense.safe, sense.answers)
    return max(sense.share - low, high - sense.share)


def _gmina_changes(ds: Dataset, table: pd.DataFrame) -> str:
    """Which gminas' shares moved by more than the survey's error (Fisher's exact test), and how
    wide the error is for a gmina's number of answers."""
    moved = []
    for _, row in table.iterrows():
        before = survey.sense_of_safety(ds, row["teryt"], ds.previous_year)
        if before.answers < FEW_CASES:
            continue
        now = survey.sense_of_safety(ds, row["teryt"], ds.year)
        change = stats.share_change(before.safe, before.answers, now.safe, now.answers)
        if change.significant:
            moved.append(f"{row['gmina']} ({'wzrost' if change.direction > 0 else 'spadek'} z "
                         f"{fmt_percent(before.share)} do {fmt_percent(now.share)})")
    margins = [_margin_of(survey.sense_of_safety(ds, teryt, ds.year)) for teryt in table["teryt"]]
    fewest, most = fmt_int(table["odpowiedzi"].min()), fmt_int(table["odpowiedzi"].max())
    text = (f"Przy {fewest}–{most} odpowiedziach w gminie błąd wyniku gminy wynosi od ±{fmt_number(min(margins), 0)} "
            f"do ±{fmt_number(max(margins), 0)} pkt proc. ")
    if not moved:
        return text + f"Zmiany wobec {prev_year(ds)} r. we wszystkich gminach mieszczą się w granicach błędu."
    return text + (f"Zmiany wobec {prev_year(ds)} r. mieszczą się w granicach błędu, z wyjątkiem: "
                   f"{fmt_list(moved)}.")


def _survey_chart(ds: Dataset, table: pd.DataFrame) -> charts.Chart:
    labels = [f"{g} ({fmt_int(n)} odp.{', mała próba' if n < survey.SMALL_SAMPLE else ''})"
              for g, n in zip(table["gmina"], table["odpowiedzi"], strict=True)]
    shares = {label: [float(v) for v in table[key]] for key, label in SURVEY_ANSWERS.items()}
    alt = (f"Wykres słupkowy skumulowany: odpowiedzi mieszkańców na pytanie o poczucie bezpieczeństwa w gminach w "
           f"{ds.year} r., od gminy, w której najwięcej osób czuje się bezpiecznie: "
           + "; ".join(f"{g}: bezpiecznie {fmt_percent(p)} z {fmt_int(n)} odpowiedzi"
                       for g, p, n in zip(table["gmina"], table["poczucie"], table["odpowiedzi"], strict=True))
           + ".")
    caption = caption_for(ds, None, "Czy czuje się Pan/Pani bezpiecznie w swojej okolicy? Odpowiedzi w gminach (%)",
                          f"{ds.year} r.")
    # The figure a reader looks up is each gmina's share feeling safe: printed at the bar's end.
    return charts.stacked_hbars(labels, shares, alt=alt, caption=caption, totals=False, scale_max=100,
                                end_labels=("bezpiecznie", [fmt_percent(p) for p in table["poczucie"]]))
