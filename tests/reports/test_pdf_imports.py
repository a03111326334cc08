"""reportlab's costly start-up work is deferred, not changed: the patterns match as reportlab's
own would, and PIL's Image loads as soon as something uses it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import json, re, sys
import finsam_desktop.reports.pdf
from reportlab.platypus import paragraph
from reportlab.lib import textsplit
from finsam_desktop.reports.pdf_imports import DeferredPattern
report = {
    "deferred": [type(p) is DeferredPattern for p in (paragraph.uri_pat, textsplit.rx)],
    "others": type(paragraph._hy_letters_pat) is re.Pattern,
    "image_ran": "PIL._imaging" in sys.modules,
    "re_compile_restored": re.compile.__module__ == "re",
    "uri": [[paragraph.uri_pat.match(u) and paragraph.uri_pat.match(u).groups() for u in sys.argv[1:]]],
    "cjk": textsplit.rx.sub(r"\\1|", "東京都 と Åre"),
}
from PIL import Image
report["image_class"] = Image.Image.__name__
report["image_ran_after_use"] = "PIL._imaging" in sys.modules
print(json.dumps(report))
"""
URIS = ["https://example.org/plan?x=1", "ftp://user:pw@10.0.0.1:21/x", "www.samordning.se",
        "HTTPS://ÅÄÖ.SE/Väg", "mailto:a@b", "inte en adress", "http://localhost:8080"]


def test_deferred_patterns_match_as_compiled_ones_and_pil_loads_on_use():
    import json
    done = subprocess.run([sys.executable, "-c", CHILD, *URIS], capture_output=True, text=True,
                          cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert report["deferred"] == [True, True] and report["others"]
    assert report["re_compile_restored"]
    assert report["image_ran"] is False
    assert report["image_class"] == "Image" and report["image_ran_after_use"] is True
    from reportlab.platypus import paragraph
    source = Path(paragraph.__file__).read_text(encoding="utf-8")
    uri = re.search(r"^uri_pat = re\.compile\((.*), re\.I\)$", source, re.M)
    assert uri, "reportlab's URL pattern moved: update PATTERNS in reports/pdf_imports.py"
    reference = re.compile(eval(uri.group(1)), re.I)  # the literal, compiled as reportlab does
    assert report["uri"] == [[reference.match(u) and list(reference.match(u).groups())
                              for u in URIS]]
    assert report["cjk"] == "東|京|都| と| Åre"



MARKDOWN_CHILD = """
import sys
if sys.argv[1] == "deferred":
    import finsam_desktop.reports  # installs the finder
from markdown_it import MarkdownIt
html_block = sys.modules["markdown_it.rules_block.html_block"]
html_re = sys.modules["markdown_it.common.html_re"]
kinds = {type(html_block.HTML_SEQUENCES[0][0]).__name__, type(html_re.HTML_TAG_RE).__name__}
text = sys.stdin.read()
print(sorted(kinds))
print(MarkdownIt("commonmark", {"typographer": True}).enable(["replacements", "smartquotes"])
      .render(text))
"""
MARKDOWN = """<div class="x">
Rå **HTML**-block
</div>

<!-- en kommentar -->

Text med <span>inline</span>, "citat" och 'enkla', (c) (tm) +- ... ???? !!!! ,, -- och ---.

<?php echo 1; ?>
"""


def test_markdown_patterns_deferred_give_the_same_html_and_typography():
    """The raw-HTML and typographer patterns are compiled on their first use, not at import,
    and parse what markdown-it's own compiled patterns parse (`word_import` turns HTML on)."""
    runs = {}
    for mode in ("deferred", "plain"):
        done = subprocess.run([sys.executable, "-c", MARKDOWN_CHILD, mode], input=MARKDOWN,
                              capture_output=True, text=True, cwd=ROOT, timeout=120,
                              env=dict(os.environ, PYTHONPATH=str(ROOT)))
        assert done.returncode == 0, done.stderr[-2000:]
        runs[mode] = done.stdout.split("\n", 1)
    assert runs["deferred"][0] == "['DeferredPattern']"
    assert runs["plain"][0] == "['Pattern']"
    assert runs["deferred"][1] == runs["plain"][1]
    assert "<div class=\"x\">" in runs["plain"][1] and "©" in runs["plain"][1]
    assert "—" in runs["plain"][1] and "”" in runs["plain"][1]


FONTIFY_CHILD = """
import json, sys
if sys.argv[1] == "deferred":
    import finsam_desktop.reports  # installs the finder
from reportlab.lib import PyFontify, rl_safe_eval
kinds = sorted({type(PyFontify.matchRE).__name__, type(PyFontify.idRE).__name__,
                type(rl_safe_eval.__rl_unsafe_re__).__name__})
code = "def plan(x):  # en kommentar\\n    return 'Åre' + str(x) if x else \\"\\"\\"tom\\"\\"\\"\\n"
print(json.dumps([kinds, PyFontify.fontify(code),
                  bool(rl_safe_eval.__rl_unsafe_re__.search("x.__class__ globals"))]))
"""


def test_pyfontify_and_rl_safe_eval_patterns_are_deferred_and_match_the_same():
    import json
    runs = {}
    for mode in ("deferred", "plain"):
        done = subprocess.run([sys.executable, "-c", FONTIFY_CHILD, mode], capture_output=True,
                              text=True, cwd=ROOT, timeout=120,
                              env=dict(os.environ, PYTHONPATH=str(ROOT)))
        assert done.returncode == 0, done.stderr[-2000:]
        runs[mode] = json.loads(done.stdout)
    assert runs["deferred"][0] == ["DeferredPattern"] and runs["plain"][0] == ["Pattern"]
    assert runs["deferred"][1:] == runs["plain"][1:] and runs["plain"][1] and runs["plain"][2]
