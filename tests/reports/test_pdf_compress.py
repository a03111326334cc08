"""The streams compressed on worker threads are the bytes zlib gives on the main thread,
a failure reaches the caller, and no thread outlives the report it wrote."""

from __future__ import annotations

import sys
import threading
import zlib

import pytest

from finsam_desktop.domain.outcome import compute
from finsam_desktop.reports import pdf_compress, tagging_file
from finsam_desktop.reports.pdf import render_report
from tests.conftest import load_plan


def _workers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "pdf-zlib"]


@pytest.mark.parametrize("fast_pages", [tagging_file.FAST_PAGES, 0])
def test_a_report_is_the_same_file_as_with_reportlabs_own_compression(tmp_path, monkeypatch,
                                                                      fast_pages):
    from reportlab import rl_config
    monkeypatch.setattr(rl_config, "invariant", 1)  # no dates, no random ID
    monkeypatch.setattr(tagging_file, "FAST_PAGES", fast_pages)  # zlib level 6, then 1
    plan = load_plan("skaraborg-2026")
    render_report(plan, compute(plan), tmp_path / "threads.pdf")
    assert not _workers()
    # reportlab's own compression of the pages, the object streams on this thread
    monkeypatch.setattr(pdf_compress, "compress_page_soon", lambda document, page, level: None)
    monkeypatch.setattr(tagging_file, "compress_streams_soon", lambda document: None)
    monkeypatch.setattr(pdf_compress, "WORKERS", 0)
    render_report(plan, compute(plan), tmp_path / "inline.pdf")
    assert (tmp_path / "threads.pdf").read_bytes() == (tmp_path / "inline.pdf").read_bytes()


def test_a_job_gives_zlibs_bytes_and_its_error():
    compressor = pdf_compress.Compressor()
    text = "BT /F1 10 Tf (Sjuhärad) Tj ET\n" * 500
    jobs = [compressor.submit(text, level) for level in (-1, 1, 3)]
    broken = compressor.submit(object(), 6)  # type: ignore[arg-type]
    assert [job.result() for job in jobs] == [zlib.compress(text.encode("utf8"), level)
                                              for level in (-1, 1, 3)]
    with pytest.raises(TypeError):
        broken.result()
    rows = bytes(range(256)) * 4000  # a cross-reference stream: its last rows come later
    head = compressor.submit(rows[:700_001], -1, open_ended=True)
    assert head.finish(rows[700_001:]) == zlib.compress(rows)
    compressor.join()
    assert not _workers()


def test_a_report_that_fails_while_it_is_written_leaves_no_thread(tmp_path, monkeypatch):
    from reportlab.pdfgen.canvas import Canvas

    def broken(canvas):  # after the pages went to the threads, before the file is written
        raise OSError("disken är full")
    monkeypatch.setattr(Canvas, "save", broken)
    plan = load_plan("skaraborg-2026")
    with pytest.raises(OSError):
        render_report(plan, compute(plan), tmp_path / "plan.pdf")
    assert not _workers()


def test_the_switch_interval_is_short_only_while_compressing_threads_run():
    before = sys.getswitchinterval()
    first, second = pdf_compress.Compressor(), pdf_compress.Compressor()
    jobs = [first.submit(b"a" * 10_000, 1), second.submit(b"b" * 10_000, 1)]
    assert sys.getswitchinterval() == min(pdf_compress.SWITCH_INTERVAL, before)
    first.join()
    assert sys.getswitchinterval() == min(pdf_compress.SWITCH_INTERVAL, before)  # second runs
    second.join()
    second.join()
    assert sys.getswitchinterval() == before
    assert [zlib.decompress(job.result()) for job in jobs] == [b"a" * 10_000, b"b" * 10_000]
