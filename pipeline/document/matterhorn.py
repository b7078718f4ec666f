"""PDF/UA-1 verified the way the Matterhorn Protocol 1.1 tests it: one verdict for each
failure condition a program can decide and our documents can meet.

The protocol (PDF Association) lists 136 failure conditions of ISO 14289-1; 87 of them a
program can decide. Many concern things the report never contains (forms, XFA,
encryption, multimedia, optional content, Ruby and Warichu, formulas); the conditions
here are the ones a WeasyPrint document with tables, lists, charts, links and embedded
files can fail. Two are read more strictly than the protocol, because a reader needs it:
every TH carries a /Scope even where /Headers and /ID link the cells (15-003), and every
font maps its codes to Unicode through /ToUnicode (10-001). Condition 15-005 is one the
protocol leaves to a person; its part a program can decide (/Headers name header cells of
the same table, rows of equal width) is checked here. README.md lists what is not checked.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pikepdf
from fontTools.ttLib import TTFont
from pikepdf import Array, Dictionary, Name

from .drawing import Drawing, read_drawing
from .pdfua import PDFUA_PART
from .structure import elements, kids, parent_tree, table_attributes

__all__ = ["CONDITIONS", "Verdict", "check_matterhorn"]

CONDITIONS = {
    "01-003": "artefakty nie leżą wewnątrz treści otagowanej",
    "01-004": "treść otagowana nie leży wewnątrz artefaktu",
    "01-005": "cała treść stron otagowana albo oznaczona jako artefakt (nagłówki, stopki, numery stron)",
    "01-007": "brak oznaczenia Suspects",
    "02-001": "znaczniki spoza standardu mapowane (RoleMap) na standardowe",
    "02-003": "mapowanie znaczników bez zapętleń",
    "02-004": "standardowe znaczniki nie są przemapowane",
    "06-001": "metadane XMP w katalogu dokumentu",
    "06-002": "XMP deklaruje PDF/UA-1 (pdfuaid:part)",
    "06-003": "tytuł w XMP (dc:title)",
    "07-001": "ViewerPreferences zawiera DisplayDocTitle",
    "07-002": "DisplayDocTitle = true: okno pokazuje tytuł, nie nazwę pliku",
    "09-004": "tabele zbudowane zgodnie z ISO 32000-1, tab. 337 (Table, THead, TBody, TR, TH, TD, Caption)",
    "09-005": "listy zbudowane zgodnie z ISO 32000-1, tab. 336 (L, LI, Lbl, LBody)",
    "10-001": "każdy znak tekstu ma odpowiednik w Unicode (ToUnicode)",
    "11-001": "język tekstu na stronach określony (/Lang)",
    "11-002": "język tekstów Alt, ActualText i E określony",
    "11-003": "język zakładek określony",
    "11-004": "język opisów adnotacji (Contents) określony",
    "11-006": "język metadanych określony",
    "13-004": "każdy element Figure z tekstem alternatywnym (Alt lub ActualText)",
    "14-002": "pierwszy nagłówek to H1",
    "14-003": "poziomy nagłówków bez przeskoków",
    "15-003": "każda komórka TH z atrybutem Scope (także gdy są Headers i ID)",
    "15-005": "nagłówki komórek jednoznaczne: Headers wskazują TH tej tabeli, wiersze równej szerokości",
    "19-003": "każdy przypis (Note) z ID",
    "19-004": "ID przypisów niepowtarzalne",
    "21-001": "specyfikacje osadzonych plików z kluczami F i UF",
    "28-008": "strony z adnotacjami mają klucz Tabs",
    "28-009": "Tabs = S: kolejność tabulacji według struktury",
    "28-011": "każde łącze (adnotacja Link) w elemencie Link, dołączone przez OBJR",
    "28-012": "każde łącze z opisem w Contents",
    "31-009": "czcionki użyte w tekście osadzone",
    "31-011": "osadzone czcionki mają wszystkie użyte glify",
    "31-030": "żaden znak nie wskazuje glifu .notdef",
}

# ISO 32000-1, 14.8.4: the standard structure types.
STANDARD_TYPES = frozenset({
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct",
    "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD",
    "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby",
    "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form",
})
# Table 337 and 336: which parent each table and list element may have, which kids each may have.
PARENTS = {"TR": {"Table", "THead", "TBody", "TFoot"}, "TH": {"TR"}, "TD": {"TR"},
           "THead": {"Table"}, "TBody": {"Table"}, "TFoot": {"Table"},
           "LI": {"L"}, "Lbl": {"LI"}, "LBody": {"LI"}}
CHILDREN = {"Table": {"TR", "THead", "TBody", "TFoot", "Caption"}, "THead": {"TR"}, "TBody": {"TR"},
            "TFoot": {"TR"}, "TR": {"TH", "TD"}, "L": {"L", "LI", "Caption"}, "LI": {"Lbl", "LBody"}}
TABLE_TYPES = frozenset({"Table", "TR", "TH", "TD", "THead", "TBody", "TFoot"})
LIST_TYPES = frozenset({"L", "LI", "Lbl", "LBody"})
SCOPES = frozenset({Name.Row, Name.Column, Name.Both})
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")


@dataclass(frozen=True)
class Verdict:
    condition: str  # the Matterhorn number, e.g. "15-003"
    ok: bool
    detail: str = ""

    @property
    def description(self) -> str:
        return CONDITIONS[self.condition]


def check_matterhorn(pdf: pikepdf.Pdf) -> list[Verdict]:
    """A verdict for every condition in CONDITIONS, in their order."""
    tree = _Tree(pdf)
    drawing = read_drawing(pdf, tree.is_tagged)
    verdicts = [*_real_content(pdf, drawing), *_role_mapping(tree), *_metadata(pdf), *_dictionary(pdf),
                *_tag_syntax(tree), *_unicode(drawing), *_language(pdf, tree), *_figures(tree), *_headings(tree),
                *_tables(tree), *_notes(tree), *_embedded_files(pdf), *_annotations(pdf, tree), *_fonts(drawing)]
    assert [v.condition for v in verdicts] == list(CONDITIONS), "every condition once, in order"
    return verdicts


class _Tree:
    """The structure tree: its elements in reading order, each with its standard type."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        root = pdf.Root.get("/StructTreeRoot", Dictionary())
        self.role_map = {str(k)[1:]: str(v)[1:] for k, v in root.get("/RoleMap", Dictionary()).items()}
        self.elements = list(elements(root))
        self.in_tree = {e.objgen for e in self.elements}
        self.parents = parent_tree(pdf)

    def type_of(self, element: pikepdf.Dictionary) -> str | None:
        """The standard type an element stands for, through the role map; None if none."""
        tag, seen = str(element.S)[1:], set()
        while tag not in STANDARD_TYPES:
            if tag in seen or tag not in self.role_map:
                return None
            seen.add(tag)
            tag = self.role_map[tag]
        return tag

    def parent_type(self, element: pikepdf.Dictionary) -> str | None:
        parent = element.get("/P")
        return self.type_of(parent) if isinstance(parent, Dictionary) and "/S" in parent else None

    def of_type(self, *types: str) -> Iterator[pikepdf.Dictionary]:
        return (e for e in self.elements if self.type_of(e) in types)

    def is_tagged(self, key: int | None, mcid: int) -> bool:
        owners = self.parents.get(key) if key is not None else None
        owner = owners[mcid] if isinstance(owners, Array) and 0 <= mcid < len(owners) else None
        return isinstance(owner, Dictionary) and owner.objgen in self.in_tree


def _pages(numbers: Iterable[int]) -> str:
    found = sorted(set(numbers))
    return "" if not found else "strony " + ", ".join(map(str, found[:5])) + (" …" if len(found) > 5 else "")


# -------------------------------------------------------------- 01, 02: real content, role map


def _real_content(pdf: pikepdf.Pdf, drawing: Drawing) -> list[Verdict]:
    suspects = pdf.Root.get("/MarkInfo", Dictionary()).get("/Suspects") is True
    return [Verdict("01-003", not drawing.artifacts_in_tagged, _pages(drawing.artifacts_in_tagged)),
            Verdict("01-004", not drawing.tagged_in_artifacts, _pages(drawing.tagged_in_artifacts)),
            Verdict("01-005", not drawing.unmarked, _pages(drawing.unmarked)),
            Verdict("01-007", not suspects)]


def _role_mapping(tree: _Tree) -> list[Verdict]:
    unmapped = sorted({str(e.S)[1:] for e in tree.elements if tree.type_of(e) is None})
    circular = sorted(tag for tag in tree.role_map if _circular(tree.role_map, tag))
    remapped = sorted(tag for tag in tree.role_map if tag in STANDARD_TYPES)
    return [Verdict("02-001", not unmapped, ", ".join(unmapped)), Verdict("02-003", not circular, ", ".join(circular)),
            Verdict("02-004", not remapped, ", ".join(remapped))]


def _circular(role_map: dict[str, str], tag: str) -> bool:
    seen = set()
    while tag in role_map and tag not in seen:
        seen.add(tag)
        tag = role_map[tag]
    return tag in seen


# -------------------------------------------------------------- 06, 07: metadata, viewer


def _metadata(pdf: pikepdf.Pdf) -> list[Verdict]:
    if "/Metadata" not in pdf.Root:
        return [Verdict("06-001", False), Verdict("06-002", False), Verdict("06-003", False)]
    # Read-only: by default pikepdf would also copy the XMP values over the document info.
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        part, title = xmp.get("pdfuaid:part"), xmp.get("dc:title")
    return [Verdict("06-001", True), Verdict("06-002", part == str(PDFUA_PART), f"pdfuaid:part={part}"),
            Verdict("06-003", bool(title and str(title).strip()))]


def _dictionary(pdf: pikepdf.Pdf) -> list[Verdict]:
    preferences = pdf.Root.get("/ViewerPreferences", Dictionary())
    return [Verdict("07-001", "/DisplayDocTitle" in preferences),
            Verdict("07-002", preferences.get("/DisplayDocTitle") is True)]


# -------------------------------------------------------------- 09: tables and lists


def _tag_syntax(tree: _Tree) -> list[Verdict]:
    return [Verdict("09-004", *_misplaced(tree, TABLE_TYPES)), Verdict("09-005", *_misplaced(tree, LIST_TYPES))]


def _misplaced(tree: _Tree, types: frozenset[str]) -> tuple[bool, str]:
    """Elements of `types` with a parent, or kids, that Table 336/337 does not allow, and
    tables whose caption is not their first or last kid."""
    wrong: Counter[str] = Counter()
    for element in tree.elements:
        kind, parent = tree.type_of(element), tree.parent_type(element)
        if (kind in types & PARENTS.keys() and parent not in PARENTS[kind]) or (
                parent in types & CHILDREN.keys() and kind not in CHILDREN[parent]):
            wrong[f"{kind} w {parent}"] += 1
        if kind == "Table" and kind in types:
            captions = [tree.type_of(k) for k in kids(element) if isinstance(k, Dictionary) and "/S" in k][1:-1]
            wrong["Caption w środku Table"] += "Caption" in captions
    wrong = +wrong  # only the counts above zero
    return not wrong, "; ".join(f"{what}: {n}" for what, n in wrong.most_common(3))


# -------------------------------------------------------------- 10, 31: characters and fonts


def _unicode(drawing: Drawing) -> list[Verdict]:
    unmapped = Counter()
    for objgen, codes in drawing.codes.items():
        font = drawing.fonts[objgen]
        unmapped[str(font.get("/BaseFont"))] += len(codes - _to_unicode(font))
    unmapped = +unmapped  # only the fonts with codes left over
    return [Verdict("10-001", not unmapped, "; ".join(f"{font}: {n} kodów" for font, n in unmapped.most_common(3)))]


def _to_unicode(font: pikepdf.Dictionary) -> frozenset[int]:
    """The codes a font's ToUnicode CMap maps (bfchar and bfrange)."""
    stream = font.get("/ToUnicode")
    return _cmap_codes(stream.read_bytes()) if isinstance(stream, pikepdf.Stream) else frozenset()


def _cmap_codes(cmap: bytes) -> frozenset[int]:
    text = cmap.decode("latin-1")
    codes: set[int] = set()
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        codes.update(int(source, 16) for source in re.findall(r"<([0-9A-Fa-f]+)>\s*<[0-9A-Fa-f]*>", block))
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<[0-9A-Fa-f]*>|\[[^\]]*\])", block):
            codes.update(range(int(low, 16), int(high, 16) + 1))
    return frozenset(codes)


def _fonts(drawing: Drawing) -> list[Verdict]:
    not_embedded, missing, notdef, unreadable = [], [], [], []
    glyph_counts: dict[tuple[int, int], int] = {}  # per font program: the parts' fonts share them
    for objgen, codes in drawing.codes.items():
        font = drawing.fonts[objgen]
        name = str(font.get("/BaseFont"))
        program = _program(font)
        if program is None and font.get("/Subtype") != Name.Type3:
            not_embedded.append(name)
        glyphs = _glyph_ids(font, codes)
        if glyphs is None or program is None:
            unreadable.append(name)
            continue
        if program.objgen not in glyph_counts:
            glyph_counts[program.objgen] = TTFont(io.BytesIO(program.read_bytes()), lazy=True)["maxp"].numGlyphs
        if max(glyphs, default=0) >= glyph_counts[program.objgen]:
            missing.append(name)
        if 0 in glyphs:
            notdef.append(name)
    cannot = f"nieobsługiwane czcionki: {', '.join(sorted(set(unreadable))[:3])}" if unreadable else ""
    return [Verdict("31-009", not not_embedded, ", ".join(sorted(set(not_embedded))[:3])),
            Verdict("31-011", not missing and not unreadable, ", ".join(sorted(set(missing))[:3]) or cannot),
            Verdict("31-030", not notdef and not unreadable, ", ".join(sorted(set(notdef))[:3]) or cannot)]


def _program(font: pikepdf.Dictionary) -> pikepdf.Stream | None:
    """The embedded font program of a font (of its CIDFont for a Type 0 font), if any."""
    described = font.DescendantFonts[0] if font.get("/Subtype") == Name.Type0 else font
    descriptor = described.get("/FontDescriptor", Dictionary())
    return next((descriptor[key] for key in ("/FontFile", "/FontFile2", "/FontFile3") if key in descriptor), None)


def _glyph_ids(font: pikepdf.Dictionary, codes: set[int]) -> set[int] | None:
    """The glyphs the codes select, for the fonts WeasyPrint writes (Type 0, Identity-H,
    TrueType outlines); None for any other kind, which these checks cannot read."""
    if font.get("/Subtype") != Name.Type0 or font.get("/Encoding") not in (Name("/Identity-H"), Name("/Identity-V")):
        return None
    cid_font = font.DescendantFonts[0]
    if cid_font.get("/Subtype") != Name.CIDFontType2:
        return None
    mapping = cid_font.get("/CIDToGIDMap", Name.Identity)
    if mapping == Name.Identity:
        return set(codes)
    table = mapping.read_bytes()
    return {int.from_bytes(table[2 * c:2 * c + 2], "big") for c in codes}


# -------------------------------------------------------------- 11: natural language


def _language(pdf: pikepdf.Pdf, tree: _Tree) -> list[Verdict]:
    default = str(pdf.Root.get("/Lang", ""))
    known = bool(LANGUAGE_TAG.fullmatch(default))
    wrong = sorted({str(e.Lang) for e in tree.elements if "/Lang" in e and not LANGUAGE_TAG.fullmatch(str(e.Lang))})
    detail = f"/Lang katalogu: „{default}”" + (f"; błędne /Lang elementów: {', '.join(wrong[:3])}" if wrong else "")
    return [Verdict("11-001", known and not wrong, detail), Verdict("11-002", known and not wrong, detail),
            Verdict("11-003", known, detail), Verdict("11-004", known, detail), Verdict("11-006", known, detail)]


# -------------------------------------------------------------- 13, 14: figures, headings


def _figures(tree: _Tree) -> list[Verdict]:
    figures = list(tree.of_type("Figure"))
    without = [e for e in figures if not any(str(e.get(key, "")).strip() for key in ("/Alt", "/ActualText"))]
    return [Verdict("13-004", not without, f"elementy Figure: {len(figures)}, bez opisu: {len(without)}")]


def _headings(tree: _Tree) -> list[Verdict]:
    levels = [int(kind[1]) for e in tree.elements if (kind := tree.type_of(e)) and re.fullmatch(r"H[1-6]", kind)]
    skips = [f"H{a}→H{b}" for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    return [Verdict("14-002", not levels or levels[0] == 1, f"pierwszy: H{levels[0]}" if levels else "brak nagłówków"),
            Verdict("14-003", not skips, f"nagłówki: {len(levels)}" + (f"; przeskoki: {', '.join(skips[:3])}"
                                                                        if skips else ""))]


# -------------------------------------------------------------- 15: tables


def _tables(tree: _Tree) -> list[Verdict]:
    headers = list(tree.of_type("TH"))
    unscoped = [h for h in headers if (table_attributes(h) or {}).get("/Scope") not in SCOPES]
    tables = list(tree.of_type("Table"))
    unclear = [t for t in tables if not _unambiguous(tree, t)]
    return [Verdict("15-003", not unscoped, f"komórki TH: {len(headers)}, bez Scope: {len(unscoped)}"),
            Verdict("15-005", not unclear, f"tabele: {len(tables)}, niejednoznaczne: {len(unclear)}")]


def _unambiguous(tree: _Tree, table: pikepdf.Dictionary) -> bool:
    """Every /Headers entry names a TH of this table, and every row is as wide as the
    first (column spans counted, and cells reaching down from rows above)."""
    cells = [e for e in elements(table) if tree.type_of(e) in ("TH", "TD")]
    ids = {str(c.ID) for c in cells if tree.type_of(c) == "TH" and "/ID" in c}
    named = {str(h) for c in cells for h in (table_attributes(c) or {}).get("/Headers", [])}
    widths, reaching = [], []  # reaching: (rows still to cover, columns) of cells spanning down
    for row in (e for e in elements(table) if tree.type_of(e) == "TR"):
        spans = [(int(a.get("/RowSpan", 1)), int(a.get("/ColSpan", 1)))
                 for c in kids(row) if isinstance(c, Dictionary) and tree.type_of(c) in ("TH", "TD")
                 for a in [table_attributes(c) or Dictionary()]]
        widths.append(sum(columns for _, columns in reaching) + sum(columns for _, columns in spans))
        reaching = [(rows - 1, columns) for rows, columns in reaching + spans if rows > 1]
    return named <= ids and len(set(widths)) <= 1


# -------------------------------------------------------------- 19, 21: notes, embedded files


def _notes(tree: _Tree) -> list[Verdict]:
    notes = list(tree.of_type("Note"))
    ids = Counter(str(e.ID) for e in tree.elements if "/ID" in e)
    repeated = [e for e in notes if "/ID" in e and ids[str(e.ID)] > 1]
    return [Verdict("19-003", all("/ID" in e for e in notes), f"przypisy: {len(notes)}"),
            Verdict("19-004", not repeated, f"powtórzone: {len(repeated)}" if repeated else "")]


def _embedded_files(pdf: pikepdf.Pdf) -> list[Verdict]:
    specs = [spec.obj for spec in pdf.attachments.values()] + list(pdf.Root.get("/AF", []))
    incomplete = sorted({str(s.get("/F", s.get("/UF", "?"))) for s in specs if "/F" not in s or "/UF" not in s})
    return [Verdict("21-001", not incomplete, f"pliki: {len(pdf.attachments)}"
                    + (f"; bez F lub UF: {', '.join(incomplete[:3])}" if incomplete else ""))]


# -------------------------------------------------------------- 28: annotations


def _annotations(pdf: pikepdf.Pdf, tree: _Tree) -> list[Verdict]:
    annotated = [(n, p.obj) for n, p in enumerate(pdf.pages, start=1) if len(p.obj.get("/Annots", []))]
    links = [a for _, page in annotated for a in page.Annots if a.get("/Subtype") == Name.Link]
    untabbed = [n for n, page in annotated if "/Tabs" not in page]
    not_s = [n for n, page in annotated if page.get("/Tabs", Name.S) != Name.S]
    outside = [a for a in links if not _in_link_element(tree, a)]
    silent = [a for a in links if not str(a.get("/Contents", "")).strip()]
    return [Verdict("28-008", not untabbed, _pages(untabbed)), Verdict("28-009", not not_s, _pages(not_s)),
            Verdict("28-011", not outside, f"łącza: {len(links)}, poza elementem Link: {len(outside)}"),
            Verdict("28-012", not silent, f"bez Contents: {len(silent)}" if silent else f"łącza: {len(links)}")]


def _in_link_element(tree: _Tree, annotation: pikepdf.Dictionary) -> bool:
    """The parent tree leads from the annotation to a Link element in the tree, and that
    element names the annotation in an object reference."""
    if "/StructParent" not in annotation:
        return False
    element = tree.parents.get(int(annotation.StructParent))
    if not isinstance(element, Dictionary) or element.objgen not in tree.in_tree or tree.type_of(element) != "Link":
        return False
    return any(isinstance(k, Dictionary) and k.get("/Type") == Name.OBJR and k.get("/Obj") is not None
               and k.Obj.objgen == annotation.objgen for k in kids(element))
