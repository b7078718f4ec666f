"""What the notebooks display: one function per section of the report.

Notebooks narrate, this package computes. Every function takes the dataset and an *area*
(a gmina's TERYT code, or None for the whole powiat) and returns a `Block` of HTML with
its tables, charts and generated sentences, so the powiat chapter and a gmina chapter
are built by the same tested code at two scales. One module per section, in the order
the report tells them; the notebooks import this API as `from pipeline import report`.
"""

from .annex import data_quality, data_sources
from .commentary import commentary, foreword
from .crime import crime, gmina_vs_powiat, gminas_compared, seven_categories
from .goals import goals
from .history import past_years
from .interventions import interventions
from .kmzb import kmzb
from .loading import load
from .patrols import patrols
from .plan import plan_done, plan_next_year
from .prevention import cooperation, prevention
from .roads import road_safety
from .summary import conclusions, gmina_chapters_here, gmina_heading, key_figures, powiat_heading

__all__ = [
    "commentary",
    "conclusions",
    "cooperation",
    "crime",
    "data_quality",
    "data_sources",
    "foreword",
    "gmina_chapters_here",
    "gmina_heading",
    "gmina_vs_powiat",
    "gminas_compared",
    "goals",
    "interventions",
    "key_figures",
    "kmzb",
    "load",
    "past_years",
    "patrols",
    "plan_done",
    "plan_next_year",
    "powiat_heading",
    "prevention",
    "road_safety",
    "seven_categories",
]
