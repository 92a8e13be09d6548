"""The lecture notebooks as files: built from their sources, executed, bilingual, Colab-ready,
presentable as slides. (nbval re-executes them and compares outputs: see dev.py.)"""

from __future__ import annotations

import json
import re
import sys
import types
from pathlib import Path

import nbformat
import pytest

from cnnlib import colab, i18n

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["01_alexnet", "02_vgg", "03_googlenet", "04_resnet"]
HANGUL = re.compile("[\uac00-\ud7a3]")
LATIN_WORD = re.compile("[A-Za-z]{2,}")
LOCAL_PATH = re.compile(r"(/work/|/root/|/home/\w+|/tmp/|/Users/\w+|[A-Z]:\\\\Users)")

sys.path.insert(0, str(ROOT / "tools"))
import notebooks as builder  # noqa: E402  (tools/notebooks.py)


def load(name: str) -> nbformat.NotebookNode:
    return nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)


def markdown_text(cell) -> str:
    text = re.sub(r"\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)", "", cell.source)  # the badge
    text = re.sub(r"\(https?://[^)]*\)|https?://\S+|`[^`]*`|\$[^$]*\$", "", text)  # links, code, maths
    return text


def test_all_four_notebooks_exist():
    assert sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb")) == NAMES
    assert sorted(p.stem for p in (ROOT / "notebooks" / "src").glob("*.py")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_built_from_its_source(name):
    """The committed notebook's cells are exactly what tools/notebooks.py builds from the source."""
    expected = builder.parse((ROOT / "notebooks" / "src" / f"{name}.py").read_text(encoding="utf-8"))
    cells = load(name).cells
    assert cells[0].source.startswith(colab.badge_markdown(f"{name}.ipynb"))
    assert cells[1].source == builder.setup_cell()  # the address comes from cnnlib.colab
    assert cells[0].source.endswith(expected[0][1])
    assert [(c.cell_type, c.source) for c in cells[2:]] == expected[1:]


def run_setup_cell(source: str, monkeypatch, *, in_colab: bool) -> dict:
    """Run the setup cell as IPython would (its ``%pip`` line becomes a call), in or out of Colab."""
    from IPython.core.inputtransformer2 import TransformerManager

    if in_colab:
        monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    else:
        monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    namespace: dict = {"get_ipython": lambda: pytest.fail("pip must not run")}
    exec(TransformerManager().transform_cell(source), namespace)
    return namespace


def test_setup_cell_does_nothing_outside_colab(monkeypatch):
    namespace = run_setup_cell(builder.setup_cell(), monkeypatch, in_colab=False)
    assert namespace["REPOSITORY"] == colab.repository_url() and namespace["BRANCH"] == colab.BRANCH
    pip = builder.setup_cell().splitlines()[-1].strip()  # IPython fills in the cell's variables
    assert pip == '%pip install --quiet "cnnlib @ git+{REPOSITORY}@{BRANCH}"'
    assert "cnnlib @ git+{REPOSITORY}@{BRANCH}".format(**namespace) == colab.install_spec()


def test_setup_cell_stops_with_two_sentences_when_the_repository_is_unreachable(monkeypatch):
    """Offline: nothing listens on port 9 of this machine, so git cannot reach the address."""
    address = "http://127.0.0.1:9/cnnlib.git"
    with pytest.raises(Exception) as info:
        run_setup_cell(builder.setup_cell(address, "main"), monkeypatch, in_colab=True)
    shown = info.value._render_traceback_()  # what IPython shows instead of a traceback
    korean, english = shown
    assert HANGUL.search(korean) and not HANGUL.search(english) and english.isascii()
    assert korean == i18n.both("colab.unreachable", url=address, branch="main")[0]
    assert english == i18n.both("colab.unreachable", url=address, branch="main")[1]
    assert "REPOSITORY" in korean and "REPOSITORY" in english  # what to change, named in both


@pytest.mark.parametrize("name", NAMES)
def test_executed_without_errors_or_noise(name):
    code = [c for c in load(name).cells if c.cell_type == "code" and c.source.strip()]
    assert all(c.execution_count is not None for c in code), "run tools/notebooks.py execute"
    for cell in code:
        for output in cell.outputs:
            assert output.output_type != "error", cell.source
            assert not (output.output_type == "stream" and output.name == "stderr"), (
                cell.source,
                output.text,
            )
            text = json.dumps(output.get("data", output.get("text", "")))
            assert not LOCAL_PATH.search(text), (cell.source, LOCAL_PATH.search(text).group())


@pytest.mark.parametrize("name", NAMES)
def test_every_markdown_cell_is_bilingual(name):
    for cell in load(name).cells:
        if cell.cell_type != "markdown":
            continue
        text = markdown_text(cell)
        korean = len(HANGUL.findall(text))
        english = sum(len(w) for w in LATIN_WORD.findall(HANGUL.sub("", text)))
        assert korean and english, f"not bilingual:\n{cell.source}"
        assert 0.08 <= korean / english <= 2.0, (
            f"one language is much shorter ({korean}/{english}):\n{cell.source}"
        )


def _variants(term: str) -> list[str]:
    return [v.strip().lower() for v in re.split(r"[()/,]", term) if v.strip()]


GLOSSARY = [(_variants(ko), _variants(en)) for ko, en in i18n.GLOSSARY.items()]


@pytest.mark.parametrize("name", NAMES)
def test_glossary_terms_are_used_consistently(name):
    """Where a markdown cell uses a glossary term in English, it uses the glossary's Korean term too."""
    problems = []
    for cell in load(name).cells:
        if cell.cell_type != "markdown":
            continue
        text = markdown_text(cell).lower()
        for korean, english in GLOSSARY:
            used = [e for e in english if re.search(rf"\b{re.escape(e)}s?\b", text)]
            if used and not any(k in text for k in korean):
                problems.append(f"{used[0]!r} without {korean[0]!r} in: {cell.source[:80]!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", NAMES)
def test_slides(name, tmp_path):
    """Every cell carries slideshow metadata, and ``tools/notebooks.py slides`` turns the notebook into
    reveal.js slides that load reveal.js from their own folder (tests/test_browser.py opens one)."""
    notebook = load(name)
    assert all("slide_type" in c.metadata.get("slideshow", {}) for c in notebook.cells)
    slides = sum(c.metadata.slideshow.slide_type == "slide" for c in notebook.cells)
    assert slides >= 8
    page = builder.slides(name, folder=tmp_path)
    body = page.read_text(encoding="utf-8")
    assert body.count("<section") >= slides
    title = notebook.cells[0].source.splitlines()[2]  # "# 제목 · Title" under the badge
    assert HANGUL.search(title) and LATIN_WORD.search(title)
    heading = re.sub(r"^#+\s*", "", title)
    assert heading.split("·")[0].strip() in body
    for asset in ("reveal.js/dist/reveal.js", "reveal.js/dist/reveal.css", "require.js/require.js"):
        assert f'"{asset}"' in body and (tmp_path / asset).is_file()
    assert "unpkg.com/reveal.js" not in body and "cdnjs.cloudflare.com/ajax/libs/require.js" not in body
    assert 'src="mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"' in body
    assert (tmp_path / "mathjax" / "MathJax.js").is_file()
    web = re.compile(r'src="https?://|<link[^>]*href="https?://|from \'https?://')
    assert not web.search(body)  # nothing is loaded from the web


# A 75-minute class at about 2–3 minutes a slide, with live demos in the notebook between them.
SLIDE_BUDGET = range(22, 36)


@pytest.mark.parametrize("name", NAMES)
def test_each_deck_fits_a_75_minute_class(name):
    """Slides = cells that start a slide or sub-slide; speaker notes carry the timing of every section."""
    notebook = load(name)
    assert builder.slide_count(notebook) in SLIDE_BUDGET
    notes = [c.source for c in notebook.cells if c.metadata.slideshow.slide_type == "notes"]
    assert len(notes) >= 8
    timings = [re.search(r"(\d):(\d\d)–(\d):(\d\d)", n) for n in notes]
    ends = [int(m.group(3)) * 60 + int(m.group(4)) for m in timings]
    assert ends == sorted(ends) and ends[-1] == 75, ends  # in order, and the class ends at 1:15


def test_one_language_per_deck(tmp_path):
    """``--lang=ko`` keeps the Korean paragraphs (headings stay bilingual), ``--lang=en`` the English."""
    korean = builder.slides("02_vgg", folder=tmp_path, language="ko").read_text(encoding="utf-8")
    english = builder.slides("02_vgg", folder=tmp_path, language="en").read_text(encoding="utf-8")
    assert "작은 필터로 더 깊게" in korean and "going deeper with small filters" in korean  # the title
    assert "VGG's rule" not in korean and "VGG의 규칙" in korean
    assert "VGG의 규칙" not in english and "VGG's rule" in english


@pytest.mark.parametrize("name", NAMES)
def test_has_exercises_summary_and_references(name):
    notebook = load(name)
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert 3 <= code.count("check(") <= 8
    # the settings cell: how long to train (SETTING) or whether to retrain the atlas's lessons (RUN_LIVE)
    assert ("SETTING" in code or "RUN_LIVE" in code) and "DATA" in code
    for heading in ("학습 목표", "요약", "참고"):
        assert heading in text, heading
    assert re.search(r"https://(arxiv\.org|papers\.nips\.cc|proceedings|jmlr)", text)
