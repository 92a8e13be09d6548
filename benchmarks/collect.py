"""Gather every benchmark's results into BENCHMARKS.md at the repository root.

Each script in benchmarks/ writes its own ``results/<name>.md``; run them, then this:
``python benchmarks/collect.py``. Figures are medians on the machine each result names.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["count_speed", "trace_speed", "data_baselines", "trainer_throughput", "experiments_time",
         "openmp_wait", "thread_policy", "notebooks_under_load", "diagram_speed", "widget_latency", "atlas",
         "recipe_plateau", "notebook_time", "test_suite_time", "faults", "package_size"]  # fmt: skip

HEADER = """# Benchmarks

Measured by the scripts in `benchmarks/` (never by timed unit tests). The shared 2-core machine
is noisy: each section names its machine and load, and quotes medians and ratios.
이 수치들은 `benchmarks/`의 스크립트가 측정한 것입니다(단위 테스트로 시간을 재지 않습니다).
"""


def main() -> None:
    results = {p.stem: p for p in (HERE / "results").glob("*.md")}
    names = [n for n in ORDER if n in results] + sorted(set(results) - set(ORDER))
    parts = [HEADER] + [results[n].read_text(encoding="utf-8").strip() + "\n" for n in names]
    (HERE.parent / "BENCHMARKS.md").write_text("\n".join(parts), encoding="utf-8")


if __name__ == "__main__":
    main()
