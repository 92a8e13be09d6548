#!/usr/bin/env python3
"""Build, execute and check the lecture notebooks from their readable sources.

강의 노트북은 ``notebooks/src/*.py``(퍼센트 형식)에서 만들어집니다. 소스가 리뷰하기 쉽고, 저장된
.ipynb는 실행 결과와 함께 커밋됩니다.

    python tools/notebooks.py build   [NAME ...]   sources → notebooks/*.ipynb (keeps nothing stale)
    python tools/notebooks.py execute [NAME ...]   run top to bottom in a fresh kernel, save outputs
    python tools/notebooks.py all     [NAME ...]   build, then execute
    python tools/notebooks.py slides  [NAME ...]   notebooks/*.ipynb → build/slides/ (reveal.js, offline)

Source format (what VS Code and jupytext call the "percent" format): ``# %% [markdown]`` starts a
markdown cell whose lines are written as comments (``# text``); ``# %%`` starts a code cell (an IPython
magic is written commented out, ``# %matplotlib inline``, and becomes the magic in the notebook). The
build adds what every notebook shares, so it is written once here: the "Open in Colab" badge on
top of the first cell, a setup cell that installs cnnlib only inside Colab (or, when the repository
cannot be reached, stops with one Korean and one English sentence saying what to do), and slideshow
metadata (``#``/``##`` headings start a slide, ``###`` a sub-slide, the setup cell is skipped).
"""

from __future__ import annotations

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
VENDOR = ROOT / "tools" / "vendor"  # reveal.js and require.js, so slides need no CDN (see its README)
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
    (``colab.unreachable`` in cnnlib/i18n.py) saying what to do, instead of pip's traceback. The cell
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


def parse(source: str) -> list[tuple[str, str]]:
    """Split a percent-format source into ``(kind, text)`` cells."""
    cells: list[tuple[str, list[str]]] = []
    for line in source.splitlines():
        header = re.fullmatch(r"# %%( \[markdown\])?\s*", line)
        if header:
            cells.append(("markdown" if header.group(1) else "code", []))
        elif cells:
            cells[-1][1].append(line)
    result = []
    for kind, lines in cells:
        if kind == "markdown":
            lines = [re.sub(r"^# ?", "", line) for line in lines]
        else:  # "# %matplotlib inline" keeps the source valid Python; the notebook gets the magic
            lines = [re.sub(r"^# (%{1,2}[A-Za-z]\w*.*)$", r"\1", line) for line in lines]
        text = "\n".join(lines).strip("\n")
        if text:
            result.append((kind, text))
    return result


def slide_type(kind: str, text: str) -> str:
    if kind == "markdown" and re.match(r"#{1,2} ", text):
        return "slide"
    if kind == "markdown" and text.startswith("### "):
        return "subslide"
    return "-"


def build(name: str) -> Path:
    """Write ``notebooks/<name>.ipynb`` (no outputs) from ``notebooks/src/<name>.py``."""
    cells = parse((SOURCES / f"{name}.py").read_text(encoding="utf-8"))
    kind, title = cells[0]
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
    for kind, text in cells[1:]:
        metadata = {"slideshow": {"slide_type": slide_type(kind, text)}}
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
SLIDES_STYLE = """<style>
.reveal, .reveal h1, .reveal h2, .reveal h3, .reveal h4 {
  font-family: "Source Sans Pro", "NanumGothic", "Noto Sans KR", "Noto Sans CJK KR", "Malgun Gothic",
    "Apple SD Gothic Neo", Helvetica, sans-serif;
  text-transform: none;
}
</style>
"""


def slides(name: str, folder: Path = SLIDES) -> Path:
    """Export ``notebooks/<name>.ipynb`` (with its stored outputs) as reveal.js slides.

    The folder gets ``<name>.slides.html`` and what it loads — reveal.js and require.js — so it
    can be copied to a USB stick and shown without a network (equations need MathJax's CDN).
    슬라이드 폴더만 복사하면 인터넷 없이도 발표할 수 있습니다.
    """
    from nbconvert import SlidesExporter

    exporter = SlidesExporter(
        reveal_url_prefix="reveal.js", reveal_theme="white", require_js_url="require.js/require.js"
    )
    page, _ = exporter.from_filename(str(NOTEBOOKS / f"{name}.ipynb"))
    folder.mkdir(parents=True, exist_ok=True)
    for vendored in ("reveal.js", "require.js"):
        shutil.copytree(VENDOR / vendored, folder / vendored, dirs_exist_ok=True)
    path = folder / f"{name}.slides.html"
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
    for name in names(argv[1:]):
        if argv[0] == "slides":
            print(f"wrote {slides(name).relative_to(ROOT)}")
        if argv[0] in ("build", "all"):
            print(f"built {build(name).relative_to(ROOT)}")
        if argv[0] in ("execute", "all"):
            print(f"executed notebooks/{name}.ipynb in {execute(name):.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
