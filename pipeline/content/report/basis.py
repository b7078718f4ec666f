"""On what legal basis, and for which of the council's programmes, the report is made: one
sentence for the cover of the report and of each gmina's extract.

The article is quoted as far as it was verified in the consolidated text: art. 10 of the act
on the Police (the komendant's yearly information to the councils). The programme and its
resolution come from `[program]` in powiat.toml; without it the sentence names the act only.
"""

from __future__ import annotations

from ...data.formatting import fmt_date
from ...data.registry import Powiat

__all__ = ["ACT", "legal_basis"]

ACT = "art. 10 ustawy z dnia 6 kwietnia 1990 r. o Policji"


def legal_basis(powiat: Powiat) -> str:
    """ "Podstawa: art. 10 ustawy … o Policji (informacja o stanie porządku i bezpieczeństwa publicznego);
    raport opisuje też realizację programu przyjętego uchwałą nr … Rady Powiatu … z dnia …: „…”." """
    text = f"Podstawa: {ACT} (informacja o stanie porządku i bezpieczeństwa publicznego)"
    program = powiat.program
    if program is None:
        return text + "."
    council = powiat.rada.replace("Rada", "Rady", 1)
    return (f"{text}; raport opisuje też realizację programu przyjętego uchwałą nr {program.uchwala} {council} "
            f"z dnia {fmt_date(program.data)}: „{program.nazwa}”.")
