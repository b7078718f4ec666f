"""What the notebooks display: one function per section of the report.

Notebooks narrate, this package computes. Every function takes the dataset and an *area*
(a gmina's TERYT code, or None for the whole powiat) and returns a `Block` of HTML with
its tables, charts and generated sentences, so the powiat chapter and a gmina chapter
are built by the same tested code at two scales. One module per section, in the order
the report tells them; the notebooks import this API as `from pipeline import report`.
"""

from .annex import data_quality, data_sources
from .basis import legal_basis
from .benchmark import benchmark, benchmark_line
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
from .public_order import public_order
from .resources import police_resources
from .roads import road_safety
from .summary import conclusions, gmina_chapters_here, gmina_heading, key_figures, powiat_heading
from .targets import next_year_targets
from .victims import road_victims
from .violence import domestic_violence

__all__ = [
    "benchmark",
    "benchmark_line",
    "commentary",
    "conclusions",
    "cooperation",
    "crime",
    "data_quality",
    "data_sources",
    "domestic_violence",
    "foreword",
    "gmina_chapters_here",
    "gmina_heading",
    "gmina_vs_powiat",
    "gminas_compared",
    "goals",
    "interventions",
    "key_figures",
    "kmzb",
    "legal_basis",
    "load",
    "next_year_targets",
    "past_years",
    "patrols",
    "plan_done",
    "plan_next_year",
    "police_resources",
    "powiat_heading",
    "prevention",
    "public_order",
    "road_safety",
    "road_victims",
    "seven_categories",
]
