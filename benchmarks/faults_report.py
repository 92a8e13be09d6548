"""Run the fault-injection tests and write what they tried to ``results/faults.md``.

고장 주입 시험(tests/test_faults.py)을 실행하고, 시도한 경우의 수를 ``results/faults.md``에 씁니다.

``python benchmarks/faults_report.py`` (about a minute on 2 CPU cores). The counts come from the
test module itself (``TRIED``), so they are what actually ran, and the run must pass.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        counts_file = Path(folder) / "counts.json"
        env = dict(os.environ, CNNLIB_FAULTS_REPORT=str(counts_file), PYTHONPATH=str(REPO))
        began = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_faults.py"],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - began
        summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr[-300:]
        if run.returncode != 0:
            sys.exit(f"tests/test_faults.py failed:\n{run.stdout[-3000:]}\n{run.stderr[-2000:]}")
        counts = json.loads(counts_file.read_text(encoding="utf-8"))
    lines = [
        "## Fault injection (issue 14)",
        "",
        "What `tests/test_faults.py` tried, counted by the tests themselves "
        f"(`python benchmarks/faults_report.py`: {summary}, {seconds:.0f} s wall on this machine). "
        "Each case must end in a bilingual ConfigError naming the cause, a NotSavedWarning with "
        "the result returned, or the damaged part skipped — never a traceback, a hang or a lost record. "
        "The network is a misbehaving HTTP server on 127.0.0.1 with the download limits at 1 s "
        "without progress (default 10 s) and 8 s in all (default 30 min).",
        "고장 주입 시험이 시도한 경우의 수입니다(시험 자신이 셉니다).",
        "",
        "| fault | cases |",
        "|---|---:|",
    ]
    lines += [f"| {name} | {count:,} |" for name, count in counts.items()]
    lines.append(f"| **total** | **{sum(counts.values()):,}** |")
    (HERE / "results" / "faults.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
