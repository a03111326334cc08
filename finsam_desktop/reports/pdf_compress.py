"""zlib for the PDF's streams on worker threads, while the main thread writes the rest.

zlib releases the GIL while it compresses, so the pages' streams and the structure's
object streams (about a second of a 50 000-intervention report) can be compressed on
the second core while the main thread formats the other objects. The bytes are those
zlib gives on the main thread: the same function, the same level, the same input.
"""

from __future__ import annotations

import queue
import sys
import threading
import zlib
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFStream, PDFZCompress

WORKERS = 2
"""Threads per document (0: compress on the calling thread, as reportlab does)."""
SWITCH_INTERVAL = 0.0005
"""How often (seconds) the busy main thread lets a waiting thread have the GIL while
compressing threads run. A thread that zlib returns to waits for the GIL, by default up
to 5 ms; a large plan's 3 000 streams then waited behind the main thread's Python and
were still being compressed when it was done (0,3-0,5 s of waiting at the end)."""


class Job:
    """One `zlib.compress(data, level)`; `result()` waits for it."""

    __slots__ = ("data", "level", "value", "error", "done", "stream")

    def __init__(self, data: str | bytes, level: int, open_ended: bool = False) -> None:
        self.data, self.level = data, level
        self.value: bytes | None = None
        self.error: BaseException | None = None
        self.done = threading.Event()
        self.stream = zlib.compressobj(level) if open_ended else None
        """An open-ended job's compressor, which `finish` ends with the rest of the data."""

    def run(self) -> None:
        try:
            data = self.data
            data = data.encode("utf8") if isinstance(data, str) else data
            if self.stream is not None:
                self.value = self.stream.compress(data)
            else:
                self.value = zlib.compress(data, self.level)
        except BaseException as error:  # handed to whoever waits for the result
            self.error = error
        finally:
            self.data = b""
            self.done.set()

    def result(self) -> bytes:
        self.done.wait()
        if self.error is not None:
            raise self.error
        assert self.value is not None
        return self.value

    def finish(self, rest: bytes) -> bytes:
        """An open-ended job's whole result once `rest` follows its data: what
        `zlib.compress(data + rest, level)` gives (zlib does not depend on how its input
        is cut up)."""
        head = self.result()
        assert self.stream is not None
        return head + self.stream.compress(rest) + self.stream.flush()


class Compressor:
    """Up to WORKERS threads that compress what is submitted, started on first use.

    `close()` lets them end once the queue is done and `join()` waits for that; a
    compressor is one document's.
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._closed = False

    def submit(self, data: str | bytes, level: int, open_ended: bool = False) -> Job:
        job = Job(data, level, open_ended)
        if self._closed or not WORKERS:
            job.run()
            return job
        self._jobs.put(job)
        if len(self._threads) < WORKERS:
            if not self._threads:
                _switching(+1)
            thread = threading.Thread(target=self._work, name="pdf-zlib", daemon=True)
            thread.start()
            self._threads.append(thread)
        return job

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            job.run()

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            for _ in self._threads:
                self._jobs.put(None)

    def join(self) -> None:
        self.close()
        for thread in self._threads:
            thread.join()
        if self._threads:
            self._threads.clear()
            _switching(-1)


_running = [0, 0.0]
"""Compressors with threads now, and the switch interval from before the first."""
_switch_lock = threading.Lock()


def _switching(change: int) -> None:
    """Keep SWITCH_INTERVAL while any compressor has threads; then the interval before."""
    with _switch_lock:
        if change > 0 and _running[0] == 0:
            _running[1] = sys.getswitchinterval()
            sys.setswitchinterval(min(SWITCH_INTERVAL, _running[1]))
        _running[0] += change
        if change < 0 and _running[0] == 0:
            sys.setswitchinterval(_running[1])


def compressor_of(document: Any) -> Compressor:
    """The document's compressor (made on first use)."""
    compressor: Compressor | None = document.__dict__.get("_finsam_compressor")
    if compressor is None:
        compressor = document._finsam_compressor = Compressor()
    return compressor


class _Precompressed:
    """A FlateDecode filter whose result for the page's own stream is already under way."""

    pdfname = "FlateDecode"

    def __init__(self, content: str, job: Job) -> None:
        self.content, self.level = content, job.level
        self.job: Job | None = job
        self.done = b""

    def encode(self, text: str | bytes) -> bytes:
        if text is self.content:
            if self.job is not None:  # the job (its thread event) is let go once it is done
                self.done, self.job = self.job.result(), None
            return self.done
        return zlib.compress(text.encode("utf8") if isinstance(text, str) else text, self.level)


def compress_page_soon(document: Any, page: Any, level: int) -> None:
    """Start compressing `page`'s stream, given it as `PDFPage.check_format` would make it
    (a page that has its stream already, or none, or no compression, is left alone)."""
    if page.Override_default_compilation or page.Contents or not page.stream \
            or not page.compression or rl_config.useA85:
        return
    stream = PDFStream()
    stream.filters = [_Precompressed(page.stream, compressor_of(document).submit(page.stream, level))]
    stream.content = page.stream
    stream.__Comment__ = "page stream"
    page.Contents = stream


def compress_streams_soon(document: Any) -> None:
    """Start compressing every stream the document holds that reportlab's own FlateDecode
    filter would compress when it is written: the font subsets, their character maps."""
    compressor = None
    for stream in list(document.idToObject.values()):
        if type(stream) is PDFStream and stream.filters == [PDFZCompress] \
                and stream.content is not None and "Filter" not in stream.dictionary.dict:
            compressor = compressor or compressor_of(document)
            stream.filters = [_Precompressed(stream.content, compressor.submit(stream.content, -1))]
