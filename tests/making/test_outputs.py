"""Publishing a build: the PDF and its folders replace the old ones together."""

from __future__ import annotations

from pipeline.data.dataset import load_dataset
from pipeline.making.outputs import ReportPaths, publish
from pipeline.making.staging import staging

from ..conftest import INPUTS


def _old_report(paths: ReportPaths) -> None:
    for folder in paths.folders:
        folder.mkdir(parents=True)
        (folder / "stare.txt").write_text("stare", encoding="utf-8")
    paths.pdf.write_bytes(b"%PDF old")


def test_the_new_pdf_extracts_edition_and_data_replace_the_old_ones(tmp_path) -> None:
    paths = ReportPaths.of(tmp_path, load_dataset(INPUTS, 2025))
    _old_report(paths)
    with staging(paths.folder) as stage:
        for folder in paths.folders:
            (stage / folder.name).mkdir()
            (stage / folder.name / "nowe.txt").write_text("nowe", encoding="utf-8")
        (stage / paths.pdf.name).write_bytes(b"%PDF new")
        publish(stage, paths)
    assert paths.pdf.read_bytes() == b"%PDF new"
    for folder in paths.folders:
        assert sorted(p.name for p in folder.iterdir()) == ["nowe.txt"], folder.name
    assert sorted(p.name for p in paths.folder.iterdir()) == [".cache", "dane", "gminy", "html", "notebooks",
                                                              "raport_opoczynski_2025.pdf"]


def test_a_report_without_its_copies_leaves_no_stale_copies_beside_it(tmp_path) -> None:
    paths = ReportPaths.of(tmp_path, load_dataset(INPUTS, 2025))
    _old_report(paths)
    with staging(paths.folder) as stage:
        (stage / "notebooks").mkdir()
        (stage / paths.pdf.name).write_bytes(b"%PDF new")
        publish(stage, paths)
    assert paths.pdf.read_bytes() == b"%PDF new"
    assert not paths.extracts.exists() and not paths.html.exists() and not paths.data.exists()


def test_extract_names_follow_the_report(tmp_path) -> None:
    ds = load_dataset(INPUTS, 2025)
    paths = ReportPaths.of(tmp_path, ds)
    zarnow = ds.powiat.gmina("1007083")
    assert paths.extract(zarnow) == tmp_path / "2025" / "gminy" / "raport_opoczynski_2025_zarnow.pdf"
