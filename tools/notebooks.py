#!/usr/bin/env python3
"""Build, execute and check the lecture notebooks from their readable sources.

강의 노트북은 ``notebooks/src/*.py``(퍼센트 형식)에서 만들어집니다. 소스가 리뷰하기 쉽고, 저장된
.ipynb는 실행 결과와 함께 커밋됩니다.

    python tools/notebooks.py build   [NAME ...]   sources → notebooks/*.ipynb (keeps nothing stale)
    python tools/notebooks.py execute [NAME ...]   run top to bottom in a fresh kernel, save outputs
    python tools/notebooks.py all     [NAME ...]   build, then execute
    python tools/notebooks.py slides  [--lang=ko|en|both] [NAME ...]
                                                   notebooks/*.ipynb → build/slides/ (reveal.js, MathJax:
                                                   offline; one language per deck, or both)

Source format (what VS Code and jupytext call the "percent" format): ``# %% [markdown]`` starts a
markdown cell whose lines are written as comments (``# text``); ``# %%`` starts a code cell (an IPython
magic is written commented out, ``# %matplotlib inline``, and becomes the magic in the notebook). The
build adds what every notebook shares, so it is written once here: the "Open in Colab" badge on
top of the first cell, a setup cell that installs cnnlib only inside Colab (or, when the repository
cannot be reached, stops with one Korean and one English sentence saying what to do), and slideshow
metadata (``#``/``##`` headings start a slide, ``###`` a sub-slide, the setup cell, the settings, code
listings and solutions are skipped, the exercises keep their heading slide). A cell header may carry
a mark: ``# %% [markdown] slide=notes`` (speaker notes), ``slide=skip`` (notebook only), ``slide=same``
(a heading that does not start a slide). Each deck is budgeted for a 75-minute class (25–35 slides,
tests/test_notebooks.py checks it).
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "notebooks" / "src"
NOTEBOOKS = ROOT / "notebooks"
SLIDES = ROOT / "build" / "slides"
VENDOR = ROOT / "tools" / "vendor"  # reveal.js, require.js and MathJax: slides need no CDN (see its README)
sys.path.insert(0, str(ROOT))

from cnnlib import colab, i18n  # noqa: E402  (after the path so the checkout's cnnlib is used)

SETUP_TEMPLATE = '''# Colab에서만 cnnlib을 설치합니다(다른 곳에서는 아무것도 하지 않습니다).
# Installs cnnlib in Colab only (does nothing elsewhere); Colab's own torch is kept.
import os
import subprocess
import sys

REPOSITORY = @REPOSITORY@  # 설치할 저장소 · where cnnlib is installed from
BRANCH = @BRANCH@


class SetupStopped(Exception):
    def _render_traceback_(self):  # 추적 정보 없이 두 문장만 · just the two sentences, no traceback
        return list(self.args)


if "google.colab" in sys.modules:
    try:  # 먼저 저장소에 닿는지 봅니다 · first: can the repository be reached?
        answer = subprocess.run(
            ["git", "ls-remote", "--exit-code", REPOSITORY, BRANCH],
            capture_output=True,
            timeout=60,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},  # never wait for a password
        )
        reachable = answer.returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        reachable = False
    if not reachable:
        raise SetupStopped(
            @KOREAN@,
            @ENGLISH@,
        )
    %pip install --quiet "cnnlib @ git+{REPOSITORY}@{BRANCH}"'''


def setup_cell(repository: str | None = None, branch: str | None = None) -> str:
    """The code cell after the title: installs cnnlib inside Colab only, from ``cnnlib.colab``'s address.

    When the repository cannot be reached it stops with one Korean and one English sentence
    (``colab.unreachable`` in cnnlib/i18n/messages.py) saying what to do, instead of pip's traceback. The cell
    cannot import cnnlib (it is what installs it), so the address and the sentences are written in.
    """

    def literal(text: str) -> str:  # a Python string literal, double-quoted, Hangul kept
        return json.dumps(text, ensure_ascii=False)

    def sentence(template: str) -> str:  # "{url}" → an f-string reading the cell's own variables
        return "f" + literal(template.replace("{url}", "{REPOSITORY}").replace("{branch}", "{BRANCH}"))

    korean, english = i18n.STRINGS["colab.unreachable"]
    fields = {
        "@REPOSITORY@": literal(repository or colab.repository_url()),
        "@BRANCH@": literal(branch or colab.BRANCH),
        "@KOREAN@": sentence(korean),
        "@ENGLISH@": sentence(english),
    }
    cell = SETUP_TEMPLATE
    for placeholder, value in fields.items():
        cell = cell.replace(placeholder, value)
    return cell


SETUP_CELL = setup_cell()


SLIDE_MARKS = {"skip": "skip", "notes": "notes", "same": "-", "slide": "slide", "sub": "subslide"}


def parse(source: str) -> list[tuple[str, str]]:
    """Split a percent-format source into ``(kind, text)`` cells (see :func:`parse_marked`)."""
    return [(kind, text) for kind, text, _ in parse_marked(source)]


def parse_marked(source: str) -> list[tuple[str, str, str | None]]:
    """Split a percent-format source into ``(kind, text, slide mark)`` cells.

    A cell header may end in ``slide=skip`` (notebook only), ``slide=notes`` (speaker notes),
    ``slide=same`` (a heading that stays on the current slide), ``slide=slide`` or ``slide=sub``.
    """
    cells: list[tuple[str, str | None, list[str]]] = []
    for line in source.splitlines():
        header = re.fullmatch(r"# %%( \[markdown\])?(?: slide=(\w+))?\s*", line)
        if header:
            mark = header.group(2)
            if mark is not None and mark not in SLIDE_MARKS:
                raise SystemExit(f"unknown slide mark {mark!r} in {line!r}; known: {', '.join(SLIDE_MARKS)}")
            cells.append(("markdown" if header.group(1) else "code", mark, []))
        elif cells:
            cells[-1][2].append(line)
    result = []
    for kind, mark, lines in cells:
        if kind == "markdown":
            lines = [re.sub(r"^# ?", "", line) for line in lines]
        else:  # "# %matplotlib inline" keeps the source valid Python; the notebook gets the magic
            lines = [re.sub(r"^# (%{1,2}[A-Za-z]\w*.*)$", r"\1", line) for line in lines]
        text = "\n".join(lines).strip("\n")
        if text:
            result.append((kind, text, SLIDE_MARKS[mark] if mark else None))
    return result


def slide_type(kind: str, text: str) -> str:
    if kind == "markdown" and re.match(r"#{1,2} ", text):
        return "slide"
    if kind == "markdown" and text.startswith("### "):
        return "subslide"
    return "-"


# Sections kept for the notebook, not the 75-minute slide show: the settings cell, code listings
# (the slide says what the code does; students read it in the notebook) and worked solutions. The
# exercises keep their heading slide only: students do them after class.
NOTEBOOK_ONLY = re.compile(
    r"설정 · Settings|코드 읽기|코드로 읽기|실제 코드|코드로 보는|블록의 코드|정답 확인"
)
HEADING_ONLY = re.compile(r"연습 문제 · Exercises")


def slide_types(cells: list[tuple[str, str, str | None]]) -> list[str]:
    """Each cell's slideshow type: its mark if it has one, else from the headings and the sections above."""
    types, skipping, level = [], False, 0
    for kind, text, mark in cells:
        heading = re.match(r"(#{1,3}) ", text) if kind == "markdown" else None
        if heading and (not skipping or len(heading.group(1)) <= level):
            skipping, level = False, len(heading.group(1))
            if NOTEBOOK_ONLY.search(text.splitlines()[0]):
                skipping = True
                types.append(mark or "skip")
                continue
            if HEADING_ONLY.search(text.splitlines()[0]):
                skipping = True
                types.append(mark or slide_type(kind, text))
                continue
        if mark:
            types.append(mark)
        else:
            types.append("skip" if skipping else slide_type(kind, text))
    return types


def build(name: str) -> Path:
    """Write ``notebooks/<name>.ipynb`` (no outputs) from ``notebooks/src/<name>.py``."""
    cells = parse_marked((SOURCES / f"{name}.py").read_text(encoding="utf-8"))
    kinds = slide_types(cells)
    kind, title, _ = cells[0]
    if kind != "markdown":
        raise SystemExit(f"{name}: the first cell must be the markdown title")
    notebook = nbformat.v4.new_notebook()
    notebook.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "colab": {"provenance": []},
    }
    title = f"{colab.badge_markdown(name + '.ipynb')}\n\n{title}"
    slide, skip = {"slideshow": {"slide_type": "slide"}}, {"slideshow": {"slide_type": "skip"}}
    notebook.cells.append(nbformat.v4.new_markdown_cell(title, metadata=slide))
    notebook.cells.append(nbformat.v4.new_code_cell(SETUP_CELL, metadata=skip))
    for (kind, text, _), shown in zip(cells[1:], kinds[1:], strict=True):
        metadata = {"slideshow": {"slide_type": shown}}
        make = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
        notebook.cells.append(make(text, metadata=metadata))
    for i, cell in enumerate(notebook.cells):  # stable ids keep diffs small
        cell["id"] = f"{name[:2]}-{i:03d}"
    path = NOTEBOOKS / f"{name}.ipynb"
    nbformat.write(notebook, path)
    return path


def execute(name: str) -> float:
    """Run ``notebooks/<name>.ipynb`` top to bottom in a fresh kernel and save it with outputs."""
    from nbclient import NotebookClient

    path = NOTEBOOKS / f"{name}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    start = time.monotonic()
    where = {"metadata": {"path": str(NOTEBOOKS)}}  # run in notebooks/, as JupyterLab does
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources=where).execute()
    seconds = time.monotonic() - start
    nbformat.write(notebook, path)
    return seconds


# The theme's capitals would turn "AlexNet" into "ALEXNET"; Korean falls back to the fonts that
# Korean systems have (Chrome rejects the bundled NanumGothic.ttf as a web font: its empty TSI3 table).
# Sizes are for the 1280×720 slide (reveal.js scales the whole slide to the screen): body text 26 px,
# code and printed output 18 px, figures no taller than the space under a heading.
SLIDES_STYLE = """<style>
.reveal, .reveal h1, .reveal h2, .reveal h3, .reveal h4 {
  font-family: "Source Sans Pro", "NanumGothic", "Noto Sans KR", "Noto Sans CJK KR", "Malgun Gothic",
    "Apple SD Gothic Neo", Helvetica, sans-serif;
  text-transform: none;
}
.reveal { font-size: 26px; }
.reveal h1 { font-size: 1.9em; } .reveal h2 { font-size: 1.5em; } .reveal h3 { font-size: 1.25em; }
.reveal pre, .reveal code, .reveal .jp-OutputArea-output pre { font-size: 18px; line-height: 1.3; }
.reveal img { max-width: 100%; max-height: 500px; object-fit: contain; }
.reveal table { font-size: 18px; }
</style>
"""

MATHJAX = "mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"  # tools/vendor/mathjax (see its README)
LANGUAGES = ("both", "ko", "en")
UNUSED = "cnnlib-unused.js"  # stands for the template's CDN scripts the slides do not need
HANGUL = re.compile(r"[가-힣]")
SLIDE_CODE_LINES = 8  # a longer cell shows only its output on the slide
SLIDE_OUTPUT_LINES = 12  # a longer printed output is cut, with a pointer to the notebook
SLIDE_TABLE_ROWS = 12  # a longer table stays in the notebook
NOTEBOOK_POINTER = "… 전체는 노트북에서 · the whole output is in the notebook"
WIDGET_NOTE = "탐색기는 노트북에서 직접 다룹니다 · the explorer runs live in the notebook"


def _paragraphs_in(text: str, language: str) -> str:
    """Keep the markdown paragraphs of one language (headings and language-neutral blocks stay)."""
    if language == "both":
        return text
    kept = []
    for block in re.split(r"\n\s*\n", text):
        neutral = block.lstrip().startswith("#") or not re.search(r"[A-Za-z가-힣]", block)
        if neutral or bool(HANGUL.search(block)) == (language == "ko"):
            kept.append(block)
    return "\n\n".join(kept)


def _for_slides(notebook: nbformat.NotebookNode, language: str) -> nbformat.NotebookNode:
    """A copy of the executed notebook shaped for projection (the .ipynb itself is unchanged).

    One language per deck if asked; a long code cell shows only its output; a long printed output is
    cut; long tables and the explorers stay in the notebook, with a line saying so.
    """
    notebook = copy.deepcopy(notebook)
    notebook.metadata.pop("widgets", None)  # no widget renderer from a CDN: explorers stay in the notebook
    for cell in notebook.cells:
        if cell.metadata.get("slideshow", {}).get("slide_type") == "skip":
            continue
        if cell.cell_type == "markdown":  # the Colab badge is an image from the web: not on a slide
            badge_free = "\n".join(
                line for line in cell.source.splitlines() if "colab.research.google" not in line
            )
            cell.source = _paragraphs_in(badge_free.strip("\n"), language)
            continue
        if cell.cell_type != "code":
            continue
        if len(cell.source.splitlines()) > SLIDE_CODE_LINES:
            cell.metadata.setdefault("transient", {})["remove_source"] = True
        outputs = []
        for output in cell.outputs:
            data = output.get("data", {})
            if "application/vnd.jupyter.widget-view+json" in data:
                output = nbformat.v4.new_output("stream", name="stdout", text=WIDGET_NOTE)
            elif "text/html" in data and data["text/html"].count("<tr") > SLIDE_TABLE_ROWS:
                output = nbformat.v4.new_output("stream", name="stdout", text=NOTEBOOK_POINTER)
            elif output.output_type == "stream" and output.text.count("\n") > SLIDE_OUTPUT_LINES:
                head = "\n".join(output.text.splitlines()[: SLIDE_OUTPUT_LINES - 2])
                text = f"{head}\n{NOTEBOOK_POINTER}\n"
                output = nbformat.v4.new_output("stream", name=output.name, text=text)
            outputs.append(output)
        cell.outputs = outputs
    return notebook


def slide_count(notebook: nbformat.NotebookNode) -> int:
    """Slides a deck shows: cells that start a slide or a sub-slide (skipped cells excluded)."""
    types = [c.metadata.get("slideshow", {}).get("slide_type") for c in notebook.cells]
    return sum(t in ("slide", "subslide") for t in types)


def slides(name: str, folder: Path = SLIDES, language: str = "both") -> Path:
    """Export ``notebooks/<name>.ipynb`` (with its stored outputs) as reveal.js slides.

    The folder gets ``<name>.slides.html`` and what it loads — reveal.js, require.js and MathJax —
    so it can be copied to a USB stick and shown without a network, equations included.
    ``language``: ``"both"`` (Korean paragraph, then English), ``"ko"`` or ``"en"`` (one language per
    deck; headings stay bilingual). Press ``s`` in the deck for the speaker notes and their timings.
    슬라이드 폴더만 복사하면 인터넷 없이도 발표할 수 있습니다. 발표자 노트는 ``s`` 키로 엽니다.
    """
    from nbconvert import SlidesExporter

    if language not in LANGUAGES:
        raise SystemExit(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    exporter = SlidesExporter(
        reveal_url_prefix="reveal.js",
        reveal_theme="white",
        reveal_width="1280",
        reveal_height="720",
        reveal_scroll=True,  # a slide taller than the screen scrolls instead of being cut
        reveal_number="c/t",
        require_js_url="require.js/require.js",
        mathjax_url=MATHJAX,
        jquery_url=UNUSED,
        mermaid_js_url=UNUSED,
    )
    notebook = _for_slides(nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4), language)
    page, _ = exporter.from_notebook_node(notebook)
    # The template loads jQuery and Mermaid from CDNs; the slides use neither (no mermaid outputs).
    page = page.replace(f'<script src="{UNUSED}"></script>', "")
    page = re.sub(
        r"<script type=\"module\">\s*import mermaid from '" + UNUSED + r"'.*?</script>", "", page, flags=re.S
    )
    if UNUSED in page:
        raise SystemExit("nbconvert's reveal template changed: a CDN script is left in the slides")
    folder.mkdir(parents=True, exist_ok=True)
    for vendored in ("reveal.js", "require.js", "mathjax"):
        shutil.copytree(VENDOR / vendored, folder / vendored, dirs_exist_ok=True)
    suffix = "" if language == "both" else f".{language}"
    path = folder / f"{name}{suffix}.slides.html"
    path.write_text(page.replace("</head>", SLIDES_STYLE + "</head>", 1), encoding="utf-8")
    return path


def names(args: list[str]) -> list[str]:
    known = sorted(p.stem for p in SOURCES.glob("*.py"))
    chosen = [a.removesuffix(".py").removesuffix(".ipynb") for a in args] or known
    unknown = set(chosen) - set(known)
    if unknown:
        raise SystemExit(f"unknown notebook(s): {', '.join(sorted(unknown))}; known: {', '.join(known)}")
    return chosen


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("build", "execute", "all", "slides"):
        print(__doc__, file=sys.stderr)
        return 2
    args = argv[1:]
    language = "both"
    for arg in list(args):
        if arg.startswith("--lang="):
            language = arg.removeprefix("--lang=")
            args.remove(arg)
    for name in names(args):
        if argv[0] == "slides":
            path = slides(name, language=language)
            count = slide_count(nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4))
            print(f"wrote {path.relative_to(ROOT)} ({count} slides)")
        if argv[0] in ("build", "all"):
            print(f"built {build(name).relative_to(ROOT)}")
        if argv[0] in ("execute", "all"):
            print(f"executed notebooks/{name}.ipynb in {execute(name):.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
