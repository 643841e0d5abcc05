"""Scale: a big household and a big claims file, against the budgets of issue #9.

    python benchmarks/scale.py

Budgets: ``yibao household list`` with one household of 400 members × 12 visits ≤ 1 s (it was
quadratic: 34 s); ``yibao estimate --claims FILE --json`` for 100,000 visits ≤ 10 s and ≤ 600 MB
peak (it was 29 s and 3.2 GB). Each is the whole process, timed from outside, best of N.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
YIBAO = [sys.executable, "-c", "import sys; from yibao_tui.cli import main; sys.exit(main())"]


def household_text(members, visits):
    out = ["schema = 1", 'name = "big"', "year = 2025", ""]
    for i in range(members):
        out += ["[[member]]", f'id = "m{i}"', f'name = "成员{i}"',
                f'relation = "{"self" if i == 0 else "child"}"', 'city = "liaoyang"',
                'scheme = "resident"', 'category = "adult"', "birth_year = 1980", ""]
        for j in range(visits):
            out += ["[[member.visit]]", f"month = {j % 12 + 1}", 'care = "outpatient"', 'grade = "1"',
                    "amount = 100", ""]
    return "\n".join(out)


def claims_text(n):
    out = ['city = "liaoyang"', 'scheme = "resident"', 'category = "adult"', "year = 2025", ""]
    d0 = dt.date(2025, 1, 1)
    for i in range(n):
        d = d0 + dt.timedelta(days=i * 365 // n)
        care = "inpatient" if i % 10 == 0 else "outpatient"
        out += ["[[claim]]", f'care = "{care}"', 'grade = "3"', f"amount = {100 + i % 900}",
                f"date = {d.isoformat()}", ""]
    return "\n".join(out)


def run(argv, repeat):
    """(best wall seconds, peak RSS MB of the slowest-memory run) of the CLI with ``argv``."""
    best, peak = None, 0.0
    for _ in range(repeat):
        t = time.perf_counter()
        p = subprocess.run([*YIBAO, *argv], cwd=ROOT, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - t
        if p.returncode not in (0, 1):
            raise SystemExit(f"{argv}: exit {p.returncode}: {p.stderr[-500:]}")
        best = wall if best is None else min(best, wall)
    # ru_maxrss of the children so far (KB on Linux): the largest of the runs
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return best, peak


def main():
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        hh = os.path.join(tmp, "households")
        os.mkdir(hh, 0o700)
        with open(os.path.join(hh, "big.toml"), "w", encoding="utf-8") as f:
            f.write(household_text(400, 12))
        wall, _ = run(["household", "list", "--profiles", hh, "--lang", "en"], 3)
        good = wall <= 1.0
        ok &= good
        print(f"household list, 400 members x 12 visits: {wall:.2f} s (budget 1 s) "
              f"{'ok' if good else 'OVER'}")
        claims = os.path.join(tmp, "claims.toml")
        with open(claims, "w", encoding="utf-8") as f:
            f.write(claims_text(100_000))
        wall, peak = run(["estimate", "--claims", claims, "--json"], 2)
        good = wall <= 10 and peak <= 600
        ok &= good
        print(f"estimate --claims --json, 100,000 visits: {wall:.1f} s, peak {peak:.0f} MB "
              f"(budget 10 s, 600 MB) {'ok' if good else 'OVER'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
