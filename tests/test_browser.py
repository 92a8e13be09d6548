"""The lectures as a student meets them: JupyterLab and the slides in a real (headless) Chromium.

학생이 보는 그대로: 실제 브라우저(헤드리스 Chromium)에서 JupyterLab으로 네 노트북을 모두 실행하고,
탐색기를 직접 조작하고, 슬라이드를 엽니다.

JupyterLab is started by the README's ``python3 dev.py lab`` on 127.0.0.1 (a free port, a random
token) over a temporary copy of the notebooks, so nothing in the repository changes, and it is
shut down whatever happens. For each
notebook the test clears the stored outputs, runs all cells from the *Run* menu, asserts that no
cell failed, then drives the explorer: it renders, moving a depth / reduction / width control
shows exactly the parameter count that ``cnnlib.count`` gives for that setting, and *Train* with
the smallest budget adds a row to the results table. Screenshots land in
``test-artifacts/browser/`` (git-ignored) for a reviewer to look at.

Chromium is Debian's (``/usr/bin/chromium``; ``python3 dev.py test`` installs it), or the file
named by ``CNNLIB_CHROMIUM``: Playwright never downloads a browser here.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import importlib.util
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, sync_playwright

from cnnlib import atlas, count
from cnnlib.atlas import LAB
from cnnlib.models import alexnet, inception, resnet, vgg
from cnnlib.widgets import AlexNetExplorer, Explorer, InceptionExplorer, ResNetExplorer, VGGExplorer

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = Path(os.environ.get("CNNLIB_CHROMIUM", "/usr/bin/chromium"))
# The flags a closed network needs (no update checks, no sync) and a container (no sandbox, no GPU).
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NOTEBOOK_TIMEOUT_S = 900  # one notebook, all cells; about 2-4 minutes on 2 cores


# --------------------------------------------------------------------------- the browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"Chromium is not at {CHROMIUM}: `python3 dev.py test` installs Debian's chromium; elsewhere set "
            f"CNNLIB_CHROMIUM to a Chromium or Chrome binary. "
            f"Chromium이 {CHROMIUM}에 없습니다: `python3 dev.py test`가 설치하며, 다른 곳에서는 "
            f"CNNLIB_CHROMIUM에 실행 파일 경로를 지정하세요."
        )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            yield chromium
        finally:
            chromium.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --------------------------------------------------------------------------- JupyterLab


@dataclass
class Lab:
    base: str  # http://127.0.0.1:PORT/
    token: str
    root: Path

    def url(self, path: str) -> str:
        return f"{self.base}{path}?token={self.token}"

    def api(self, path: str, method: str = "GET") -> Any:
        request = urllib.request.Request(
            f"{self.base}api/{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None


def lab_settings(folder: Path) -> None:
    """User settings of the throw-away JupyterLab: no news or update pop-ups over the notebook."""
    notification = folder / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True)
    notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    home = tmp_path_factory.mktemp("jupyterlab")
    root = home / "notebooks"
    root.mkdir()
    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
        shutil.copy(notebook, root)
    lab_settings(home / "settings")
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(home / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
        OMP_WAIT_POLICY=os.environ.get("OMP_WAIT_POLICY", "PASSIVE"),  # see dev.py: no spinning threads
    )
    # The README's own lab command starts it (with this test's Python environment as its venv).
    env["CNNLIB_VENV"] = sys.prefix
    port, token = free_port(), secrets.token_hex(16)
    command = [
        sys.executable, str(ROOT / "dev.py"), "lab", "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: lets the test read cell outputs
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",  # no PyPI look-ups from a closed network
    ]  # fmt: skip
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # CI containers run as root
    ARTIFACTS.mkdir(parents=True, exist_ok=True)  # this fixture may run before the browser's
    log = (ARTIFACTS / "jupyterlab.log").open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    running = Lab(f"http://127.0.0.1:{port}/", token, root)
    try:
        deadline = time.monotonic() + 120
        while True:
            if server.poll() is not None:
                pytest.fail(f"JupyterLab exited with code {server.returncode}; see {log.name}")
            with contextlib.suppress(OSError):
                running.api("status")
                break
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer on port {port} within 120 s; see {log.name}")
            time.sleep(0.5)
        yield running
    finally:
        stop_lab(running, server)
        log.close()


def stop_lab(lab: Lab, server: subprocess.Popen) -> None:
    """Shut JupyterLab and its kernels down: politely, then by signal, then by force."""
    with contextlib.suppress(OSError):
        lab.api("shutdown", method="POST")  # stops the kernels too (they run in sessions of their own)
    with contextlib.suppress(subprocess.TimeoutExpired):
        server.wait(timeout=30)
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=10)
            return


# JavaScript run in the page. JupyterLab exposes its application object as window.jupyterapp.
NOTEBOOK_READY = """async () => {
    const app = window.jupyterapp;
    await app.restored;
    const panel = app.shell.currentWidget;
    await panel.context.ready;
    await panel.sessionContext.ready;
    return panel.title.label;
}"""

NOTEBOOK_STATE = """() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const cells = panel.content.widgets.filter(cell => cell.model.type === "code");
    const errors = [], stderr = [];
    for (const cell of cells) {
        for (const output of cell.model.outputs.toJSON()) {
            if (output.output_type === "error") errors.push(`${output.ename}: ${output.evalue}`);
            if (output.output_type === "stream" && output.name === "stderr") stderr.push(String(output.text));
        }
    }
    const ran = cells.filter(cell => cell.model.executionCount !== null).length;
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    return {cells: cells.length, ran, errors, stderr, kernel: kernel ? kernel.status : "none"};
}"""


def menu(page: Page, title: str, item: str) -> None:
    """Click a menu of JupyterLab's menu bar, then one of its items, as a student would."""
    page.locator(".lm-MenuBar-item", has_text=re.compile(f"^{title}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{item}$")).click()


def run_all_cells(page: Page, lab: Lab, name: str) -> dict[str, Any]:
    """Open a notebook, clear its stored outputs, run every cell and wait until all have run."""
    page.goto(lab.url(f"lab/tree/{name}").replace("?", "?reset&"))  # reset: no tabs of earlier tests
    page.wait_for_function(
        "name => { const app = window.jupyterapp;"
        " return app && app.shell.currentWidget && app.shell.currentWidget.title.label === name; }",
        arg=name,
    )
    assert page.evaluate(NOTEBOOK_READY) == name
    menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function("() => document.querySelectorAll('.jp-OutputArea-output').length === 0")
    menu(page, "Run", "Run All Cells")
    deadline = time.monotonic() + NOTEBOOK_TIMEOUT_S
    while True:
        state = page.evaluate(NOTEBOOK_STATE)
        if state["errors"] or (state["ran"] == state["cells"] and state["kernel"] == "idle"):
            return state
        if time.monotonic() > deadline:
            pytest.fail(
                f"{name}: {state['ran']} of {state['cells']} code cells ran in {NOTEBOOK_TIMEOUT_S} s"
            )
        time.sleep(1)


# --------------------------------------------------------------------------- driving an explorer


def summary_text(explorer: Locator) -> str:
    return explorer.locator(".cnnlib-summary").inner_text()


def expect_count(explorer: Locator, params: int, before: str) -> str:
    """Wait until the summary changed and shows ``params``; return the new text."""
    shown = f"{params:,}"
    deadline = time.monotonic() + 30
    while True:
        text = summary_text(explorer)
        if text != before and shown in text:
            return text
        if time.monotonic() > deadline:
            pytest.fail(f"the summary should show {shown} parameters, it shows: {text!r}")
        time.sleep(0.1)


def choose(explorer: Locator, kind: type[Explorer], key: str, value: Any) -> None:
    """Pick ``value`` in the drop-down of knob ``key`` (options are listed in the knob's order)."""
    (knob,) = [knob for knob in kind.knobs if knob.key == key]
    explorer.locator(f".cnnlib-knob-{key} select").select_option(index=knob.choices.index(value))


def tick(explorer: Locator, key: str) -> None:
    explorer.locator(f".cnnlib-knob-{key} input[type=checkbox]").click()


def train_once(page: Page, explorer: Locator, name: str) -> None:
    """Training tab, a quick look of the smallest budget (1 s), Train: a new row must appear in results."""
    explorer.locator(".cnnlib-tabs .lm-TabBar-tab").nth(1).click()
    explorer.locator(".cnnlib-knob-budget button").nth(1).click()  # "quick look (seconds)", not the recipe
    readout = explorer.locator(".cnnlib-knob-seconds .widget-readout")
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("1")
    page.keyboard.press("Enter")
    rows = explorer.locator(".cnnlib-results table tbody tr")
    before = rows.count()
    explorer.locator(".cnnlib-train").click()
    try:
        rows.nth(before).wait_for(timeout=180_000)
    finally:
        explorer.screenshot(path=ARTIFACTS / f"{name}-training.png")
    assert rows.count() == before + 1
    assert readout.inner_text().strip() == "1"


def check_alexnet(explorer: Locator) -> None:
    """FC width 4096 → 1024: the fully-connected layers shrink."""
    state = AlexNetExplorer.default_state()
    before = summary_text(explorer)
    assert f"{count.params(alexnet(state['variant'], device='meta')):,}" in before
    choose(explorer, AlexNetExplorer, "fc", 1024)
    expected = alexnet(
        state["variant"], activation=state["act"], lrn=state["lrn"], fc_width=1024, device="meta"
    )
    expect_count(explorer, count.params(expected), before)


def check_vgg(explorer: Locator) -> None:
    """Configuration D (VGG-16) → A (VGG-11): fewer 3×3 layers."""
    before = summary_text(explorer)
    assert f"{count.params(vgg('D', device='meta')):,}" in before
    choose(explorer, VGGExplorer, "config", "A")
    expect_count(explorer, count.params(vgg("A", device="meta")), before)


def check_inception(explorer: Locator) -> None:
    """The 1×1 reductions off: the 3×3 and 5×5 branches see all 192 input channels."""
    state = InceptionExplorer.default_state()
    channels = [state[key] for key in ("in", "1x1", "3x3r", "3x3", "5x5r", "5x5", "pool")]
    before = summary_text(explorer)
    assert f"{count.params(inception(*channels, device='meta')):,}" in before
    tick(explorer, "reduce")
    expect_count(explorer, count.params(inception(*channels, reduce=False, device="meta")), before)


def check_resnet(explorer: Locator) -> None:
    """Depth 56 → 20 (lab scale, CIFAR), then the skip connections off."""
    lab = dict(LAB, width=ResNetExplorer.default_state()["width"])
    before = summary_text(explorer)
    assert f"{count.params(resnet(56, 'cifar', device='meta', **lab)):,}" in before
    choose(explorer, ResNetExplorer, "depth", 20)
    before = expect_count(explorer, count.params(resnet(20, "cifar", device="meta", **lab)), before)
    measured = f"{atlas.lookup('resnet', depth=20, width=lab['width']).test_acc.mean:.1%}"
    deadline = time.monotonic() + 30
    while measured not in explorer.locator(".cnnlib-accuracy").inner_text():  # the atlas, beside the count
        assert time.monotonic() < deadline, explorer.locator(".cnnlib-accuracy").inner_text()
        time.sleep(0.1)
    tick(explorer, "skip")
    plain = count.params(resnet(20, "cifar", skip=False, device="meta", **lab))
    deadline = time.monotonic() + 30
    while "Plain-20" not in summary_text(explorer):  # option A shortcuts have no parameters: same count
        assert time.monotonic() < deadline, summary_text(explorer)
        time.sleep(0.1)
    assert f"{plain:,}" in summary_text(explorer)


NOTEBOOKS: dict[str, Callable[[Locator], None]] = {
    "01_alexnet.ipynb": check_alexnet,
    "02_vgg.ipynb": check_vgg,
    "03_googlenet.ipynb": check_inception,
    "04_resnet.ipynb": check_resnet,
}


@pytest.mark.parametrize("name", sorted(NOTEBOOKS))
def test_notebook_runs_and_its_explorer_works_in_jupyterlab(lab: Lab, browser: Browser, name: str) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1800})
    page = context.new_page()
    page.set_default_timeout(60_000)
    stem = name.removesuffix(".ipynb")
    try:
        state = run_all_cells(page, lab, name)
        assert not state["errors"], f"{name}: cells failed: {state['errors']}"
        assert not state["stderr"], f"{name}: output on stderr: {state['stderr']}"  # no noise either
        explorer = page.locator(".cnnlib-explorer").first
        explorer.scroll_into_view_if_needed()
        explorer.locator(".cnnlib-diagram img").wait_for()  # the architecture diagram is drawn
        explorer.screenshot(path=ARTIFACTS / f"{stem}-explorer.png")
        NOTEBOOKS[name](explorer)
        explorer.screenshot(path=ARTIFACTS / f"{stem}-explorer-changed.png")
        train_once(page, explorer, stem)
    except Exception:
        page.screenshot(path=ARTIFACTS / f"{stem}-failure.png", full_page=True)
        raise
    finally:
        context.close()
        for session in lab.api("sessions"):  # the next notebook gets both cores
            lab.api(f"sessions/{session['id']}", method="DELETE")


# --------------------------------------------------------------------------- slides


def load_tool(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over HTTP on 127.0.0.1 (a free port) while the block runs."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_slides_show_the_bilingual_title_without_a_network(browser: Browser, tmp_path: Path) -> None:
    """reveal.js and MathJax come from the slides' own folder: every request off 127.0.0.1 is refused,
    and the equations still render as math, not TeX."""
    slides = load_tool("notebooks").slides("01_alexnet", folder=tmp_path)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    refused: list[str] = []
    with serve(tmp_path) as base:

        def only_local(route: Any) -> None:
            if route.request.url.startswith(base):
                route.continue_()
            else:
                refused.append(route.request.url)
                route.abort()

        page.route("**/*", only_local)
        try:
            page.goto(base + slides.name)
            page.locator(".reveal.ready").wait_for(timeout=60_000)  # reveal.js marks itself ready
            title = page.locator(".reveal .slides section.present h1").first
            title.wait_for()
            text = title.inner_text()
            assert "AlexNet" in text and "깊은 CNN의 시작" in text and "where deep CNNs began" in text
            page.screenshot(path=ARTIFACTS / "slides-01_alexnet.png")
            # MathJax (vendored) typesets every $$…$$: rendered math, and no raw TeX left in the text.
            page.wait_for_function(
                "() => window.MathJax && MathJax.Hub && MathJax.Hub.queue.pending === 0"
                " && document.querySelectorAll('.mjx-chtml').length > 0",
                timeout=60_000,
            )
            shown = page.evaluate(  # the text a reader sees: MathJax keeps the TeX only in <script>
                """() => {
                    const walker = document.createTreeWalker(document.querySelector('.reveal .slides'), 4);
                    const parts = [];
                    while (walker.nextNode()) {
                        if (walker.currentNode.parentElement.closest('script') === null) {
                            parts.push(walker.currentNode.textContent);
                        }
                    }
                    return parts.join(' ');
                }"""
            )
            assert "$$" not in shown and "\\alpha" not in shown
            assert page.locator("script[type^='math/tex']").count() >= 2  # the LRN and PCA equations
        finally:
            page.close()
    assert not refused, refused
