"""Engine and `yibao estimate` speed against the budgets in the README.

    python benchmarks/engine.py

Budgets: ≤ 1 ms per visit; ≤ 50 ms for a 1,000-visit year; the `estimate --json` process
≤ 4× `python -c pass` (both measured here, in turn, best of 30 to damp a busy machine), with
the parsed-policy cache warm. On a machine too busy for wall time, count instructions:
`valgrind --tool=callgrind yibao estimate …` against `python -c pass` (2026-12: 139.9 M against
38.7 M, 3.6×; without the cache 231 M; 2026-12-07 with policy years: 142.5 M against 38.75 M,
3.68×).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from decimal import Decimal

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from yibao_tui.core.engine import Claim, Person, estimate, estimate_year  # noqa: E402
from yibao_tui.core.policy import load_city  # noqa: E402

ARGS = ["estimate", "--city", "liaoyuan", "--scheme", "resident", "--category", "adult",
        "--care", "inpatient", "--grade", "3", "--amount", "80000", "--class-b", "10000", "--json"]


def best(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main():
    liaoyuan = load_city("liaoyuan")
    shenyang = load_city("shenyang")
    person = Person("resident", "adult")
    visit = Claim("inpatient", Decimal("80000"), grade="3", class_b=Decimal("10000"))
    per_visit = best(lambda: [estimate(liaoyuan, person, visit) for _ in range(1000)], 5) / 1000

    # A year of 1,000 visits mixing care kinds, quarterly and yearly pools, caps and 大病.
    kinds = [("outpatient", "primary", None), ("two-disease", "1", "hypertension"),
             ("inpatient", "3", None), ("emergency", "2", None), ("chronic", "2", "dialysis")]
    year = [Claim(k, Decimal(100 + (i * 37) % 5000), grade=g, disease=d,
                  date=dt.date(2024, 1, 1) + dt.timedelta(days=i * 365 // 1000))
            for i in range(1000) for k, g, d in [kinds[i % len(kinds)]]]
    year_t = best(lambda: estimate_year(shenyang, person, year), 5)

    def procs(*cmds, repeat=30):
        """Best wall time of each command, run in turn (bare, estimate, bare, …) so both see
        the same load on a busy machine."""
        times = [[] for _ in cmds]
        for _ in range(repeat):
            for t, cmd in zip(times, cmds, strict=True):
                start = time.perf_counter()
                subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
                t.append(time.perf_counter() - start)
        return [min(t) for t in times]

    # Time what users run: the installed console script, with bytecode compiled as pip does
    # for a wheel (PYTHONDONTWRITEBYTECODE would otherwise make every run recompile).
    import compileall

    compileall.compile_dir(os.path.join(ROOT, "yibao_tui"), quiet=1)
    script = os.path.join(os.path.dirname(sys.executable), "yibao")
    cmd = [script] if os.path.exists(script) else [sys.executable, "-m", "yibao_tui"]
    # The first run parses and checks the policy file and keeps it in the parsed-policy cache
    # (storage/policy_cache.py, keyed by the file's sha256); the runs timed use it, as a user's
    # second and later estimates do. YIBAO_CACHE=off times the parse every run.
    subprocess.run([*cmd, *ARGS], check=True, stdout=subprocess.DEVNULL)
    bare, est = procs([sys.executable, "-c", "pass"], [*cmd, *ARGS])
    rows = [
        ("estimate, one visit (辽源 inpatient, bands + 大病)", per_visit * 1e3, "ms", 1.0),
        ("estimate_year, 1,000 visits (沈阳, mixed care)", year_t * 1e3, "ms", 50.0),
        ("python -c pass", bare * 1e3, "ms", None),
        ("yibao estimate --json (process)", est * 1e3, "ms", None),
        ("  ratio to python -c pass", est / bare, "×", 4.0),
    ]
    ok = True
    for name, value, unit, budget in rows:
        mark = ""
        if budget is not None:
            good = value <= budget
            ok &= good
            mark = f"(budget {budget:g} {unit}) {'ok' if good else 'OVER'}"
        print(f"{name:<52} {value:8.3f} {unit}  {mark}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
