"""How a tagged document is written: reportlab's objects as usual, the structure packed.

A report's structure tree has an element for every table cell (tens of thousands in a
large plan). Written as ordinary objects they would make the file ten times bigger and
cost reportlab's per-object formatting each. Instead the elements go into compressed
object streams and the file ends in a cross-reference stream (PDF 1.5 and later), which
is how tagged PDFs are usually written. Everything else is formatted by reportlab's own
code, object by object, exactly as before; only the loop around it is ours.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate, chain, islice
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFDocument, PDFFile, PDFIndirectObject, PDFObject, PDFStream

from .pdf_compress import Job, compress_streams_soon, compressor_of

FAST_PAGES = 200
"""A document of more pages has its page streams compressed at zlib level 1 instead of
reportlab's 6: at 50 000 interventions (1 800 pages, 35 MB of page content) that is
about a third of a second less for a file a tenth larger; the content is the same."""
LEVELS = (3, 1)
"""The object streams' zlib level, usually and beyond FAST_PAGES (a large plan's structure
is tens of megabytes)."""
PER_STREAM = 400
"""Structure elements per object stream."""
XREF_ROW = struct.Struct(">BIH")
"""One cross-reference stream entry: type, offset or stream number, generation or index."""
_INDEXES = [index.to_bytes(2, "big") for index in range(PER_STREAM)]


def _head_format(count: int) -> str:
    """An object stream's head, "number offset" for each of `count` objects, as one `%`
    format: a large plan has hundreds of thousands of objects."""
    made = _HEADS.get(count)
    if made is None:
        made = _HEADS[count] = " ".join(["%d %d"] * count) + "\n"
    return made


_HEADS: dict[int, str] = {}


class Late(PDFObject):  # type: ignore[misc]  # reportlab is untyped
    """An object formatted after every other (the structure tree root): it names objects
    whose numbers are known only once reportlab has numbered all of its own."""

    __RefOnly__ = 1

    def __init__(self, build: Callable[[int], tuple[bytes, int, Iterator[str]]]) -> None:
        self.build = build
        """build(first free object number) -> (own bytes, how many objects are packed,
        each one's text in turn); the texts are ASCII (PDF objects written as latin-1)."""
        self.data = b""

    def format(self, document: PDFDocument) -> bytes:
        return self.data


class _FastFlate:
    """reportlab's FlateDecode filter at zlib level 1."""

    pdfname = "FlateDecode"

    def encode(self, text: str | bytes) -> bytes:
        return zlib.compress(text.encode("utf8") if isinstance(text, str) else text, 1)


def _compress_pages_fast(pages: Iterable[Any]) -> None:
    """Give each page its content stream as `PDFPage.check_format` would make it, with
    the faster filter (a page that already has its stream, or none, is left alone)."""
    for page in pages:
        if page.Contents or not page.stream or not page.compression or rl_config.useA85 \
                or page.Override_default_compilation:
            continue
        stream = PDFStream()
        stream.filters = [_FAST_FLATE]
        stream.content = page.stream
        stream.__Comment__ = "page stream"
        page.Contents = stream


_FAST_FLATE = _FastFlate()


def page_level(pages: int) -> int:
    """The zlib level of the page streams of a document of `pages` pages (see FAST_PAGES;
    -1 is zlib's default, 6, which reportlab's own filter uses)."""
    return 1 if pages > FAST_PAGES else -1


class TaggedDocument(PDFDocument):  # type: ignore[misc]  # reportlab is untyped
    """A PDFDocument whose file packs the structure elements into object streams."""

    structure: Late | None = None

    def format(self) -> bytes:
        try:
            return self._format()
        finally:
            compressor_of(self).join()

    def _format(self) -> bytes:
        if self.structure is None or self.encrypt.info():
            own: bytes = super().format()  # nothing packed (or encrypted: reportlab's own way)
            return own
        self.encrypt.prepare(self)
        self.Reference(self.Catalog)
        self.Reference(self.info)
        fast = len(self.Pages.pages) > FAST_PAGES
        if fast:
            _compress_pages_fast(self.Pages.pages)
        compress_streams_soon(self)
        numbers = self.numberToId
        objects = self.idToObject
        offsets = self.idToOffset
        file = self.__accum__ = PDFFile(self._pdfVersion)
        late = []
        counter = 0
        while True:  # reportlab's loop: objects may register more objects as they format
            counter += 1
            if counter not in numbers:
                break
            name = numbers[counter]
            if objects[name] is self.structure:
                late.append(name)
                continue
            offsets[name] = file.add(PDFIndirectObject(name, objects[name]).format(self))
        del self.__accum__
        first = counter
        self.structure.data, packed, texts = self.structure.build(first)
        for name in late:
            offsets[name] = file.add(PDFIndirectObject(name, objects[name]).format(self))
        pack = XREF_ROW.pack
        rows = [pack(0, 0, 65535), *[pack(1, offsets[numbers[n]], 0) for n in range(1, first)]]
        first_stream = first + packed
        for stream, start in enumerate(range(0, packed, PER_STREAM), start=first_stream):
            in_stream = XREF_ROW.pack(2, stream, 0)[:5]  # type 2, this stream, index:
            rows.append(b"".join(map(in_stream.__add__, _INDEXES[:min(PER_STREAM, packed - start)])))
        compressor = compressor_of(self)
        # the cross-reference rows known so far, compressed while the structure is made
        xref = compressor.submit(b"".join(rows), -1, open_ended=True)
        streams = []
        for start in range(0, packed, PER_STREAM):  # compressed on the workers, in order
            chunk = list(islice(texts, PER_STREAM))
            starts = accumulate(map((1).__add__, map(len, chunk)), initial=0)  # text and "\n"
            numbered = chain.from_iterable(zip(  # the starts run on to where the next would be
                range(first + start, first + start + len(chunk)), starts, strict=False))
            head = (_head_format(len(chunk)) % tuple(numbered)).encode("ascii")
            body = "\n".join(chunk).encode("latin-1") + b"\n"
            streams.append((chunk, head, compressor.submit(head + body, LEVELS[fast])))
        if sum(len(chunk) for chunk, _, _ in streams) != packed or next(texts, None) is not None:
            raise ValueError("the structure made more or fewer objects than it numbered")
        stream_number = first_stream + len(streams)
        compressor.close()
        stream_offsets = []
        for number, (chunk, head, job) in enumerate(streams, start=first_stream):
            content = job.result()
            offset = file.add(f"{number} 0 obj\n<< /Type /ObjStm /N {len(chunk)} /First "
                              f"{len(head)} /Filter /FlateDecode /Length {len(content)} >>\n"
                              "stream\n".encode("ascii") + content + b"\nendstream\nendobj\n")
            stream_offsets.append(offset)
        count = first + packed + len(stream_offsets)
        formatted: bytes = file.format(self)
        return formatted + self._xref_stream(
            file, xref, [pack(1, offset, 0) for offset in stream_offsets], count, stream_number)

    def _xref_stream(self, file: PDFFile, head: Job, rows: list[bytes], count: int,
                     number: int) -> bytes:
        """The cross-reference stream (it lists itself last, as entry `count`) and the end:
        `head` compresses the rows before `rows`, the object streams' own."""
        offset = file.offset
        rows.append(XREF_ROW.pack(1, offset, 0))
        content = head.finish(b"".join(rows))
        root = self.Reference(self.Catalog).format(self).decode("ascii")
        info = self.Reference(self.info).format(self).decode("ascii")
        header = (f"{number} 0 obj\n<< /Type /XRef /Size {count + 1} /W [1 4 2] /Root {root} "
                  f"/Info {info} /Filter /FlateDecode /Length {len(content)} /ID ").encode("ascii")
        ident: bytes = self.ID()
        return (header + ident + b" >>\nstream\n" + content + b"\nendstream\nendobj\n"
                + f"startxref\n{offset}\n%%EOF\n".encode("ascii"))
