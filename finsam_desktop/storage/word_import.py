"""Last year's Word document (or pasted HTML) as the plan's Markdown chapters.

mammoth turns the .docx into clean HTML (we never read OOXML ourselves); `html_to_markdown`
keeps what the contract's Markdown can hold — headings, paragraphs, bold, italic, links
(http, https, mailto), nested bullet and numbered lists, tables, line breaks — and drops
everything else (styles, images, scripts, comments). The window's paste uses the same
function, so pasting from a web page and importing from Word keep the same things.
Chapters start at the level-1 headings; text before the first one becomes "Inledning".
"""

from __future__ import annotations

import zipfile
from html.parser import HTMLParser
from pathlib import Path

from markdown_it import MarkdownIt

from .errors import PlanFileError, reason

LINE_BREAK = "\u2028"
"""A hard line break inside a paragraph (as QTextDocument writes it too)."""
_ESCAPED = set("\\`*_[]<")
_LINK_SCHEMES = ("http://", "https://", "mailto:")
_SKIPPED = {"script", "style", "head", "title", "template", "noscript", "object", "svg"}
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre",
           "section", "article", "header", "footer", "tr", "table", "ul", "ol", "dd", "dt"}
_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "col", "area", "source"}
MAX_DOCX_BYTES = 50 * 1024 * 1024


_CONTROL = {code: None for code in [*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20),
                                    *range(0x7f, 0xa0)]}


def drop_control_characters(text: str) -> str:
    """Text without the control characters a plan may not hold (pasted or imported)."""
    return text.translate(_CONTROL)


def escape_markdown(text: str, in_table: bool = False, at_start: bool = True) -> str:
    """Backslash what Markdown would read as syntax, so typed or pasted text stays text.

    LINE_BREAK becomes a hard break (a space in a table cell); leading spaces of a line
    are dropped (Markdown drops them, and four would make a code block).
    """
    out = []
    line_start = at_start
    index = 0
    while index < len(text):
        char = text[index]
        following = text[index + 1:index + 2]
        index += 1
        if char == LINE_BREAK:
            out.append(" " if in_table else "\\\n")
            line_start = True
            continue
        if line_start and char in " \t":
            continue
        if line_start and char.isdigit():
            digits = char
            while index < len(text) and text[index].isdigit():
                digits += text[index]
                index += 1
            out.append(digits)
            if text[index:index + 1] in (".", ")"):  # "2026. " would start a list
                out.append("\\" + text[index])
                index += 1
        elif char in _ESCAPED or (char == "|" and in_table) or (
                char == "&" and (following.isalnum() or following == "#")) or (
                line_start and char in "#+->="):
            out.append("\\" + char)
        else:
            out.append(char)
        line_start = False
    return "".join(out)


class _Converter(HTMLParser):
    """HTML to the contract's Markdown, one pass, keeping only what Markdown can hold."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.runs: list[tuple[tuple[bool, bool, str], str]] = []  # (bold, italic, href), text
        self.bold = self.italic = 0
        self.links: list[str] = []
        self.skip = 0
        self.heading = 0
        self.lists: list[list[bool | int]] = []  # [ordered, next number, item's text pending]
        self.table: list[list[str]] | None = None
        self.pre = 0
        self.open: list[tuple[str, int, int]] = []  # open tags with the emphasis they add
        self.word_level = 0  # a Word list paragraph ("mso-list: l0 level2") being collected
        self.word_marker: str | None = None  # its bullet or number, while it is read
        self.word_lists = 0  # how many of self.lists Word's paragraphs opened

    # --- inline text ---

    def handle_data(self, data: str, literal: bool = False) -> None:
        data = drop_control_characters(data)
        if self.word_marker is not None:
            self.word_marker += data
            return
        if self.skip:
            return
        if not self.pre and not literal:  # HTML whitespace: any run is one space
            core = " ".join(data.split())
            data = (" " if data[:1].isspace() else "") + core + (
                " " if core and data[-1:].isspace() else "")
            if data.startswith(" ") and (not self.runs
                                         or self.runs[-1][1].endswith((" ", LINE_BREAK))):
                data = data[1:]
            if not data:
                return
        state = (bool(self.bold) and not self.heading, bool(self.italic),
                 self.links[-1] if self.links else "")
        if self.runs and self.runs[-1][0] == state:
            self.runs[-1] = (state, self.runs[-1][1] + data)
        else:
            self.runs.append((state, data))

    def inline(self, in_table: bool = False) -> str:
        runs, self.runs = self.runs, []
        out: list[str] = []
        for (bold, italic, href), text in runs:
            core = text.strip(" " + LINE_BREAK)
            if not core:
                out.append(escape_markdown(text, in_table, not out))
                continue
            lead = text[:len(text) - len(text.lstrip(" " + LINE_BREAK))]
            trail = text[len(text.rstrip(" " + LINE_BREAK)):]
            marks = ("**" if bold else "") + ("*" if italic else "")
            body = marks + escape_markdown(core, in_table, not out and not lead) + marks[::-1]
            if href:
                body = f"[{body}]({'<' + href + '>' if ' ' in href or ')' in href else href})"
            out.append(escape_markdown(lead, in_table, not out) + body
                       + escape_markdown(trail, in_table, False))
        text = "".join(out).strip()
        while text.endswith("\\\n"):
            text = text[:-2].rstrip()
        return text

    def flush(self) -> None:
        """End the paragraph, heading or list item being collected."""
        if self.table is not None:
            return
        text = self.inline()
        if not text:
            return
        if self.heading:
            level = self.heading
            self.blocks.append(("#" * level) + " " + text.replace("\\\n", " "))
        elif self.lists and self.lists[-1][2]:
            ordered, number, _ = self.lists[-1]
            marker = f"{number}." if ordered else "-"
            indent = sum(len(f"{n}." if o else "-") + 1 for o, n, _ in self.lists[:-1])
            body = text.replace("\n", "\n" + " " * (indent + len(marker) + 1))
            self.blocks.append(" " * indent + marker + " " + body)
            self.lists[-1][2] = False  # the item's first paragraph is written
        else:
            indent = sum(len(f"{n}." if o else "-") + 1 for o, n, _ in self.lists)
            self.blocks.append(" " * indent + text.replace("\n", "\n" + " " * indent))

    # --- tags ---

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in _SKIPPED:
            self.skip += 1
            return
        if self.skip:
            return
        style = "".join((attributes.get("style") or "").split()).lower()
        if tag in _BLOCKS and tag not in ("tr", "table"):
            self.flush()
            if tag == "p" and "mso-list:" in style and "level" in style:
                level = style.split("level", 1)[1]
                self.word_level = int("".join(c for c in level[:2] if c.isdigit()) or 1)
            elif self.word_lists and tag not in ("li", "ul", "ol"):
                self._end_word_lists()
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading = min(int(tag[1]), 4)
        elif tag in ("ul", "ol"):
            self.lists.append([tag == "ol", int(attributes.get("start") or 1) - 1, False])
        elif tag == "li" and self.lists:
            self.lists[-1][1] += 1
            self.lists[-1][2] = True
        elif tag == "a":
            href = (attributes.get("href") or "").strip()
            self.links.append(href if href.lower().startswith(_LINK_SCHEMES) else "")
        elif tag == "br":
            self.handle_data(LINE_BREAK, literal=True)
        elif tag == "pre":
            self.pre += 1
        elif tag == "table":
            self.table = []
        elif tag == "tr" and self.table is not None:
            self.table.append([])
        elif tag in ("td", "th"):
            self.runs = []
        if tag not in _VOID:
            bold = int(tag in ("b", "strong") or "font-weight:bold" in style
                       or "font-weight:700" in style)
            italic = int(tag in ("i", "em") or "font-style:italic" in style)
            self.bold += bold
            self.italic += italic
            self.open.append((tag, bold, italic))

    def unknown_decl(self, data: str) -> None:
        """Word's pasted lists: the bullet or number stands in `<![if !supportLists]>`."""
        condition = data.strip().lower()
        if condition.startswith("if !supportlists"):
            self.word_marker = ""
        elif condition == "endif" and self.word_marker is not None:
            self._word_item(self.word_marker.strip())
            self.word_marker = None

    def _word_item(self, marker: str) -> None:
        ordered = len(marker) > 1 and marker[-1] in ".)" and marker[:-1].isalnum()
        depth = max(1, self.word_level)
        while self.word_lists > depth or (self.word_lists == depth
                                         and self.lists[-1][0] != ordered):
            self.lists.pop()
            self.word_lists -= 1
        while self.word_lists < depth:
            self.lists.append([ordered, 0, False])
            self.word_lists += 1
        self.lists[-1][1] += 1
        self.lists[-1][2] = True

    def _end_word_lists(self) -> None:
        while self.word_lists:
            self.lists.pop()
            self.word_lists -= 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self.skip:
            self.handle_data(LINE_BREAK, literal=True)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        for position in range(len(self.open) - 1, -1, -1):
            if self.open[position][0] == tag:
                _, bold, italic = self.open.pop(position)
                self.bold -= bold
                self.italic -= italic
                break
        if tag == "a" and self.links:
            self.links.pop()
        elif tag in ("td", "th") and self.table is not None and self.table:
            self.table[-1].append(self.inline(in_table=True))
        elif tag == "table" and self.table is not None:
            rows, self.table = [r for r in self.table if r], None
            if rows:
                self._write_table(rows)
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in _BLOCKS and tag not in ("tr", "table", "td", "th"):
            self.flush()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.heading = 0
            elif tag in ("ul", "ol") and self.lists:
                self.lists.pop()

    def _write_table(self, rows: list[list[str]]) -> None:
        width = max(len(row) for row in rows)
        lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in rows]
        lines.insert(1, "|" + "|".join("---" for _ in range(width)) + "|")
        self.blocks.append("\n".join(lines))

    def markdown(self) -> str:
        self.flush()
        out = ""
        for block in self.blocks:
            if out:
                tight = _is_item(block) and _is_item(out.rsplit("\n\n", 1)[-1])
                out += "\n" if tight else "\n\n"
            out += block
        return out + "\n" if out else ""


def _is_item(block: str) -> bool:
    stripped = block.lstrip(" ")
    return stripped.startswith("- ") or (stripped[:1].isdigit() and ". " in stripped[:6])


def html_to_markdown(html: str) -> str:
    """The Markdown of an HTML text; level-1 headings stay "# " (the caller decides)."""
    converter = _Converter()
    converter.feed(html)
    converter.close()
    return converter.markdown()


def split_chapters(markdown: str) -> list[tuple[str, str]]:
    """(title, text) per level-1 heading; text before the first heading is "Inledning"."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    lines = markdown.split("\n")
    starts = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1" and token.map:
            starts.append((token.map[0], token.map[1], tokens[index + 1].content))
    chapters = []
    first = starts[0][0] if starts else len(lines)
    preface = "\n".join(lines[:first]).strip()
    if preface:
        chapters.append(("Inledning", preface + "\n"))
    for number, (_, end, title) in enumerate(starts):
        stop = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        text = "\n".join(lines[end:stop]).strip()
        chapters.append((title.replace("\\", "").strip() or "Inledning",
                         text + "\n" if text else ""))
    return chapters


def read_docx(path: Path) -> list[tuple[str, str]]:
    """The chapters of a Word document; PlanFileError in Swedish when it cannot be read."""
    import mammoth

    path = Path(path)
    try:
        if path.stat().st_size > MAX_DOCX_BYTES:
            raise PlanFileError(f"{path.name} är för stor för att vara ett textdokument.")
        if not zipfile.is_zipfile(path):
            raise PlanFileError(f"{path.name} är inget Word-dokument (.docx).")
        with path.open("rb") as handle:
            result = mammoth.convert_to_html(handle)
    except PlanFileError:
        raise
    except OSError as error:
        raise PlanFileError(f"{path.name} kunde inte läsas: {reason(error)}.") from None
    except Exception as error:  # mammoth raises many kinds on a broken package
        raise PlanFileError(f"{path.name} kunde inte läsas som Word-dokument "
                            f"({type(error).__name__}).") from None
    return split_chapters(html_to_markdown(result.value))
