"""The chapter "Cele współpracy i ich realizacja": did the cooperation reach its goals, and how
safe do residents feel. Present only when `cele.csv` or `ankieta.csv` exists; the judging
itself is `data.goals`, the answers `data.survey`.

A status is always a symbol and a word ("✓ osiągnięty", "× nieosiągnięty", "? brak danych"),
never a colour alone, so it reads the same in black and white and to a screen reader.
"""

from __future__ import annotations

import pandas as pd

from ...data import survey
from ...data.commentary.places import GOALS, SURVEY_SECTION
from ...data.dataset import Dataset
from ...data.formatting import fmt_change, fmt_int, fmt_list, fmt_number, fmt_percent
from ...data.goals import MET, MISSED, NO_DATA, Goal, MeasureResult, goals_set_last_year
from ...data.goals import goals as judged_goals
from ...data.schema import SURVEY_ANSWERS
from .. import blocks, charts
from ..blocks import Block, Column, Row
from ..narrative import plural
from .commentary import commentary
from .common import caption_for, comparing, prev_year

__all__ = ["TITLE", "goal_sentence", "goals", "goals_line"]

TITLE = "Cele współpracy i ich realizacja"
SURVEY_TITLE = "Poczucie bezpieczeństwa mieszkańców"
SHOWN = {MET: f"✓ {MET}", MISSED: f"× {MISSED}", NO_DATA: f"? {NO_DATA}"}


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
               else "") + f"W {ds.year} r. {_met_count(found)}.", css="intro"))
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
    return f"Cele współpracy na {ds.year} r.: {_met_count(found)} (rozdział „{TITLE}”)."


def _met_count(found: list[Goal]) -> str:
    met = sum(g.status == MET for g in found)
    unknown = sum(g.status == NO_DATA for g in found)
    text = f"osiągnięto {fmt_int(met)} z {fmt_int(len(found))} {plural(len(found), 'celu', 'celów', 'celów')}"
    return text + (f", {fmt_int(unknown)} bez pełnych danych do oceny" if unknown else "")


def goal_sentence(ds: Dataset, goal: Goal) -> str:
    """ "Cel „Ograniczenie przestępczości” nie został osiągnięty: przestępstwa stwierdzone – 1 651
    wobec zakładanych najwyżej 1 600." """
    deciding = [r for r in goal.results if r.status == goal.status]
    details = "; ".join(_detail(ds, r) for r in deciding).removesuffix(".")
    if goal.status == MET:
        return f"Cel „{goal.name}” został osiągnięty: {details}."
    if goal.status == MISSED:
        return f"Cel „{goal.name}” nie został osiągnięty: {details}."
    return f"Celu „{goal.name}” nie da się w pełni ocenić: {details}."


def _detail(ds: Dataset, result: MeasureResult) -> str:
    what = f"{result.measure.label}{_where(ds, result)}"
    if result.status == NO_DATA:
        return f"{what} – brak danych za {ds.year if pd.isna(result.current) else prev_year(ds)} r."
    if not pd.isna(result.target):
        return f"{what} – {_value(result, result.current)} wobec zakładanych {_target(result)}"
    return f"{what} – {_value(result, result.current)} wobec {_value(result, result.previous)} w {prev_year(ds)} r."


def _where(ds: Dataset, result: MeasureResult) -> str:
    return "" if result.area == ds.powiat.code else f" (gmina {ds.powiat.name_of(result.area)})"


def _value(result: MeasureResult, value: object) -> str:
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

    def cells(r: MeasureResult) -> list[str]:
        change = fmt_change(r.change, 1 if r.measure.percent else 0) + (
            " pkt proc." if r.measure.percent and not pd.isna(r.change) else "")
        return [r.measure.label, ds.powiat.label_of(r.area), *([_value(r, r.previous)] if compare else []),
                _value(r, r.current), _aim(ds, r), *([change] if compare else []), SHOWN[r.status]]

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
    text = (f"Na pytanie „Czy czuje się Pan/Pani bezpiecznie w swojej okolicy?” w {ds.year} r. odpowiedziało "
            f"{fmt_int(now.answers)} {plural(now.answers, 'osoba', 'osoby', 'osób')} (ankiety na debatach "
            f"społecznych i w szkołach); bezpiecznie czuje się {fmt_percent(now.share)} z nich")
    if before.answers:
        change = float(round(now.share, 1) - round(before.share, 1))
        text += f" (w {prev_year(ds)} r.: {fmt_percent(before.share)}; {fmt_change(change, 1)} pkt proc.)"
    parts = [blocks.paragraphs(text + ".", css="intro")]
    table = survey.by_gmina(ds)
    if not table.empty:
        parts.append(blocks.figure(_survey_chart(ds, table)))
    notes = []
    unassigned = now.answers - int(table["odpowiedzi"].sum()) if not table.empty else 0  # no chart: nothing to say
    if unassigned:
        notes.append(f"Wykres pokazuje odpowiedzi z gmin; {fmt_int(unassigned)} "
                     f"{plural(unassigned, 'odpowiedź', 'odpowiedzi', 'odpowiedzi')} z ankiet nieprzypisanych do gminy "
                     f"{plural(unassigned, 'liczy', 'liczą', 'liczy')} się tylko do wyniku powiatu.")
    silent = [g.nazwa for g in ds.powiat.gminy if g.teryt not in set(table["teryt"])]
    if silent:
        notes.append(f"Bez ankiet w {ds.year} r.: {plural(len(silent), 'gmina', 'gminy', 'gmin')} {fmt_list(silent)}.")
    if notes:
        parts.append(blocks.paragraphs(" ".join(notes), css="chart-note"))
    return blocks.join(parts)


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
    return charts.stacked_hbars(labels, shares, alt=alt, caption=caption, totals=False, scale_max=100)
