"""The wójt's page: the first page of a gmina's extract after its cover, "Gmina X w 2025 r.".

What a wójt or burmistrz reads first about his gmina, on one page and by the report's own
rules, never a second set of them:

- the gmina's findings (`findings.findings(ds, teryt)`: the same rule as the report's
  "Najważniejsze wnioski", GMINA_FINDINGS of them), its own place in the funnel last;
- the gmina against the average of all gminas on the first page's rates per 10,000 residents,
  judged by the same funnel limits (`report.summary.AT_A_GLANCE`, `report.common.relation`);
- the goals of the cooperation (the powiat's, and those measured in the gmina), the patrols the
  gmina paid for, and its plan: how last year's was done and what it plans for next year.

Its table has no number: the extract's tables keep the numbers they have in the full report,
and a "Tabela 1" here would be a second one. The figures are worked out once per build for
every gmina (`gmina_summaries`, the averages shared), apart from the page numbers the page
refers to, which come last (`gmina_page`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from ..data.dataset import Dataset
from ..data.figures import indicators as ind
from ..data.figures.goals import goals as judged_goals
from ..data.formatting import MISSING, fmt_int, fmt_list, fmt_money, fmt_number, money_digits
from ..data.schema import EVENT_KINDS
from . import blocks
from .blocks import Block, Column, Row
from .findings import PATROLS, findings
from .narrative import hours, plural
from .report.common import comparing, prev_year, relation
from .report.goals import SHOWN, met_count
from .report.goals import TITLE as GOALS_TITLE
from .report.patrols import patrol_results
from .report.plan import realisation
from .report.summary import AT_A_GLANCE

__all__ = ["UNNUMBERED", "GminaSummary", "gmina_page", "gmina_summaries", "page_title"]

UNNUMBERED = "unnumbered"  # a table's class: no "Tabela N" of its own (report.css)
WHERE = "{where}"  # in a summary's sentence on the goals: the page of their chapter


def page_title(ds: Dataset, teryt: str) -> str:
    return f"Gmina {ds.powiat.name_of(teryt)} w {ds.year} r."


@dataclass(frozen=True)
class GminaSummary:
    """What a gmina's page says, all but the page numbers it refers to."""

    teryt: str
    opening: Block  # the title, the lead and the findings
    against_average: Block | None
    goals: str | None  # "Cele współpracy … (rozdział „…”{where})": the page of the goals, put in last
    lines: tuple[str, ...]  # the patrols and the plan
    name: str
    next_year: int


def gmina_summaries(ds: Dataset) -> dict[str, GminaSummary]:
    """Every gmina's page but its page numbers, by TERYT: the averages worked out once for all."""
    comparisons = _comparisons(ds)
    return {g.teryt: _summary(ds, g.teryt, comparisons) for g in ds.powiat.gminy}


def _comparisons(ds: Dataset) -> Comparisons:
    if not ds.has("ludnosc", ds.year):
        return []
    return [(c, c.rates(ds), c.average(ds)) for c in ind.COMPARISONS if c.key in AT_A_GLANCE]


def gmina_page(ds: Dataset | GminaSummary, teryt: str = "", pages: Mapping[str, int] | None = None) -> Block:
    """The page of the gmina `teryt` (or of a summary made before); `pages` gives the
    extract's page of the gmina's chapter ("chapter") and of the goals ("goals"), which its
    sentences refer to."""
    summary = ds if isinstance(ds, GminaSummary) else _summary(ds, teryt, _comparisons(ds))
    pages = pages or {}
    parts = [summary.opening]
    if summary.against_average is not None:
        parts += [blocks.heading(2, "Na tle średniej gmin powiatu"), summary.against_average]
    goals = summary.goals.replace(WHERE, f", s.\u00a0{pages['goals']}" if "goals" in pages else "") \
        if summary.goals else None
    lines = [line for line in (goals, *summary.lines) if line]
    if lines:
        parts += [blocks.heading(2, f"Cele, służby i plan na {summary.next_year} r."), blocks.paragraphs(*lines)]
    if "chapter" in pages:
        parts.append(blocks.paragraphs(f"Liczby, tabele i wykresy gminy: rozdział „Gmina {summary.name}”, "
                                       f"s.\u00a0{pages['chapter']}.", css="chart-note"))
    return blocks.join(parts)


Comparisons = list[tuple[ind.Comparison, pd.DataFrame, object]]  # a rate, every gmina's, and their average


def _summary(ds: Dataset, teryt: str, comparisons: Comparisons) -> GminaSummary:
    found = findings(ds, teryt)
    name = ds.powiat.name_of(teryt)
    lead = (f"Rok {ds.year} w gminie {name} na tle {prev_year(ds)} r., według tych samych zasad co "
            "„Najważniejsze wnioski” dla całego powiatu:" if comparing(ds) else
            f"Rok {ds.year} w gminie {name}: pierwszy rok w danych raportu, bez porównań z poprzednimi latami.")
    opening = blocks.join([blocks.heading(1, page_title(ds, teryt)), blocks.paragraphs(lead, css="lead intro"),
                           blocks.led_items([(f.headline, f.text) for f in found], css="findings")])
    lines = tuple(line for line in (_patrols(ds, teryt, any(f.about == PATROLS for f in found)), _plan(ds, teryt))
                  if line)
    return GminaSummary(teryt, opening, _against_average(ds, teryt, comparisons) if comparisons else None,
                        _goals(ds, teryt), lines, name, ds.year + 1)


def _against_average(ds: Dataset, teryt: str, comparisons: Comparisons) -> Block:
    """The first page's rates per 10,000 residents, the gmina's beside the average of all
    gminas, "▲ wyżej" or "▼ niżej" only outside the funnel's limits for a gmina of its size."""
    rows = []
    for comparison, rates, average in comparisons:
        value, rate, people = (rates.at[teryt, c] for c in ("wartosc", "na_10_tys", "ludnosc"))
        few = not pd.isna(value) and value < ind.FEW_CASES
        rows.append(Row([comparison.label, fmt_number(rate) if not pd.isna(rate) else MISSING,
                         fmt_number(average), relation(value, people, average, few)]))
    return blocks.table(f"Gmina {ds.powiat.name_of(teryt)} na tle średniej gmin, na 10 tys. mieszkańców, "
                        f"{ds.year} r.",
                        [Column("wskaźnik", False), Column("gmina"), Column("średnia gmin"),
                         Column("gmina wobec średniej", False, "nowrap")], rows, css=f"glance {UNNUMBERED}")


def _goals(ds: Dataset, teryt: str) -> str | None:
    """ "Cele współpracy na 2025 r. są wspólne dla powiatu i gmin: z 3 celów osiągnięto 1, …
    Mierzone w gminie: poczucie bezpieczeństwa mieszkańców (cel „…”) – ✓ osiągnięty.", with
    WHERE for the page of the goals' chapter."""
    found = judged_goals(ds)
    if not found:
        return None
    text = (f"Cele współpracy na {ds.year} r. są wspólne dla powiatu i gmin: {met_count(found)} "
            f"(rozdział „{GOALS_TITLE}”{WHERE}).")
    own = [(goal, r) for goal in found for r in goal.results if r.area == teryt]
    if own:
        text += " Mierzone w gminie: " + "; ".join(f"{r.measure.label} (cel „{goal.name}”) – {SHOWN[r.status]}"
                                                   for goal, r in own) + "."
    return text


def _patrols(ds: Dataset, teryt: str, in_findings: bool) -> str | None:
    """What the gmina paid for patrols this year and last, and what they did; the money only
    when no finding above says it already."""
    if not ds.has("sluzby_ponadnormatywne", ds.year):
        return None
    now = ind.patrols_table(ds, teryt, ds.year)
    before = ind.patrols_table(ds, teryt, ds.previous_year) \
        if ds.has("sluzby_ponadnormatywne", ds.previous_year) else None
    paid = not now.empty and now["liczba_godzin"].sum() > 0
    if in_findings:
        return f"Służby ponadnormatywne: {patrol_results(now)[0].lower()}{patrol_results(now)[1:]}" if paid else None
    if not paid:
        was = ""
        if before is not None and not before.empty and before["liczba_godzin"].sum() > 0:
            was = f" (w {prev_year(ds)} r.: {_paid(before)})"
        return f"Służby ponadnormatywne: w {ds.year} r. gmina nie finansowała dodatkowych służb policji{was}."
    was = f" (w {prev_year(ds)} r.: {_paid(before) if before is not None and not before.empty else 'żadnej'})" \
        if before is not None else ""
    return f"Służby ponadnormatywne: gmina sfinansowała {_paid(now)}{was}. {patrol_results(now)}"


def _paid(table: pd.DataFrame) -> str:
    """ "184 godziny za 8 924 zł" """
    money = table["kwota_zl"].sum(min_count=1)
    amount = "" if pd.isna(money) else f" za {fmt_money(money, money_digits([money]))}"
    return f"{hours(table['liczba_godzin'].sum())}{amount}"


def _plan(ds: Dataset, teryt: str) -> str | None:
    """How last year's plan for this year was done, and what is planned for next year."""
    sentences = []
    done = ind.plan_vs_done(ds, teryt)
    if done is not None and not done.empty:
        sentences.append(f"Plan na {ds.year} r.: {realisation(done)}.")
    plan = ind.plan_next(ds, teryt)
    if plan is not None:
        if plan.empty:
            sentences.append(f"Na {ds.year + 1} r. nie zaplanowano działań w gminie.")
        else:
            kinds = fmt_list([f"{EVENT_KINDS[k]} ({fmt_int(n)})" for k, n in plan["rodzaj"].value_counts().items()])
            sentences.append(f"Na {ds.year + 1} r. zaplanowano {fmt_int(len(plan))} "
                             f"{plural(len(plan), 'działanie', 'działania', 'działań')}: {kinds}.")
    return " ".join(sentences) or None
