"""Lines of cnnlib, per module, now and at an earlier commit (issue 13's size targets).

    python benchmarks/package_size.py [--base REV]   →  benchmarks/results/package_size.md

Counts every line of every ``cnnlib/**/*.py`` like ``find cnnlib -name '*.py' | xargs wc -l``
(blank lines, comments and docstrings included), read from git for the base commit.
"""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LIMIT_TOTAL, LIMIT_MODULE, LIMIT_BASE = 6000, 600, 400


def _sizes_now() -> dict[str, int]:
    return {
        str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
        for p in sorted((ROOT / "cnnlib").rglob("*.py"))
    }


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def _sizes_at(rev: str) -> dict[str, int]:
    names = _git("ls-tree", "-r", "--name-only", rev, "cnnlib").split()
    return {name: len(_git("show", f"{rev}:{name}").splitlines()) for name in names if name.endswith(".py")}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="d0f17af", help="the commit to compare with")
    args = parser.parse_args()
    now, before = _sizes_now(), _sizes_at(args.base)
    head = _git("rev-parse", "--short", "HEAD")
    rows = [
        f"| `{name}` | {before.get(name, '—')} | {now.get(name, '—')} |"
        for name in sorted(set(now) | set(before), key=lambda n: -max(now.get(n, 0), before.get(n, 0)))
    ]
    over = [f"`{n}` ({size})" for n, size in now.items() if size > LIMIT_MODULE]
    base = now.get("cnnlib/widgets/base.py", 0)
    lines = [
        "## Package size (issue 13)",
        "",
        f"Measured by `python benchmarks/package_size.py --base {args.base}` at commit {head.strip()} "
        "(every line of `cnnlib/**/*.py`, as `find cnnlib -name '*.py' | xargs wc -l` counts them).",
        "",
        f"- in all: **{sum(before.values()):,} → {sum(now.values()):,}** lines (target ≤ {LIMIT_TOTAL:,})",
        f"- modules over {LIMIT_MODULE} lines: {', '.join(over) if over else 'none'}",
        f"- the explorers' shared base `widgets/base.py`: {base} lines (target ≤ {LIMIT_BASE})",
        "",
        f"| module | lines at {args.base} | lines now |",
        "|---|---:|---:|",
        *rows,
    ]
    (HERE / "results" / "package_size.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:8]))


if __name__ == "__main__":
    main()
