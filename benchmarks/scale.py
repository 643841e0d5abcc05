"""Scale: a big household and a big claims file, against the budgets of issue #9.

    python benchmarks/scale.py

Budgets: ``yibao household list`` with one household of 400 members × 12 visits ≤ 1 s (it was
quadratic: 34 s); ``yibao estimate --claims FILE --json`` for 100,000 visits ≤ 10 s and ≤ 600 MB
peak (it was 29 s and 3.2 GB), and the same with a figure no source gives (沈阳: the 大病
threshold; issue #20: it was computed whole, 8.8 s and past 600 MB); ``household year`` with
沈阳 stays (the same unknown figure) linear in visits and ≤ 5 KB of memory a visit (it was about
40 KB: every visit's result, steps and ranges held; streamed with ``run_year(keep=False)``, about
1.5 KB). Each is the whole process, timed from outside, best of N.
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


def claims_text(n, city="liaoyang", year=2025, outpatient_grade="3"):
    out = [f'city = "{city}"', 'scheme = "resident"', 'category = "adult"', f"year = {year}", ""]
    d0 = dt.date(year, 1, 1)
    for i in range(n):
        d = d0 + dt.timedelta(days=i * 365 // n)
        care = "inpatient" if i % 10 == 0 else "outpatient"
        grade = "3" if care == "inpatient" else outpatient_grade
        out += ["[[claim]]", f'care = "{care}"', f'grade = "{grade}"', f"amount = {100 + i % 900}",
                f"date = {d.isoformat()}", ""]
    return "\n".join(out)


def unknown_household(members, visits):
    """沈阳 adults, each with ``visits`` stays a year: the 大病 threshold no source gives."""
    out = ["schema = 1", 'name = "big"', "year = 2024", ""]
    for i in range(members):
        out += ["[[member]]", f'id = "m{i}"', f'name = "成员{i}"',
                f'relation = "{"self" if i == 0 else "child"}"', 'city = "shenyang"',
                'scheme = "resident"', 'category = "adult"', "birth_year = 1980", ""]
        for j in range(visits):
            out += ["[[member.visit]]", f"month = {j % 12 + 1}", 'care = "inpatient"',
                    'grade = "3"', f"amount = {1000 + 37 * j}", ""]
    return "\n".join(out)


def run_alone(argv, repeat):
    """(best wall seconds, the least peak RSS MB) of the CLI with ``argv``, each run's own peak
    (the child reports its ru_maxrss)."""
    code = ("import sys, resource; from yibao_tui.cli import main; rc = main(sys.argv[1:]); "
            "sys.stderr.write(f'\\nPEAK {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n'); "
            "sys.exit(rc)")
    best, peak = None, None
    for _ in range(repeat):
        t = time.perf_counter()
        p = subprocess.run([sys.executable, "-c", code, *argv], cwd=ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - t
        if p.returncode not in (0, 1):
            raise SystemExit(f"{argv}: exit {p.returncode}: {p.stderr[-500:]}")
        mb = int(p.stderr.rsplit("PEAK ", 1)[1].split()[0]) / 1024
        best = wall if best is None else min(best, wall)
        peak = mb if peak is None else min(peak, mb)
    return best, peak


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
        ok &= unknown_budgets(tmp)
    return 0 if ok else 1


def unknown_budgets(tmp):
    """Issue #20: a year with a figure no source gives streams; a household year is linear."""
    ok = True
    claims = os.path.join(tmp, "claims-shenyang.toml")
    with open(claims, "w", encoding="utf-8") as f:
        f.write(claims_text(100_000, "shenyang", 2024, "primary"))
    wall, peak = run_alone(["estimate", "--claims", claims, "--json", "--no-supplied"], 2)
    good = wall <= 10 and peak <= 600
    ok &= good
    print(f"estimate --claims --json, 100,000 沈阳 visits (大病 threshold unknown): {wall:.1f} s, "
          f"peak {peak:.0f} MB (budget 10 s, 600 MB) {'ok' if good else 'OVER'}")
    got = []
    for members in (20, 40):
        path = os.path.join(tmp, f"year-{members}.toml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(unknown_household(members, 100))
        got.append((members * 100, *run_alone(["household", "year", path, "--json"], 2)))
    (n1, w1, m1), (n2, w2, m2) = got
    per_visit = (m2 - m1) * 1024 / (n2 - n1)  # KB a visit
    good = per_visit <= 5 and w2 - w1 <= 1.5 * (w1 - 0.3) * (n2 - n1) / n1 + 0.5
    ok &= good
    print(f"household year, 沈阳 stays: {n1:,} visits {w1:.1f} s {m1:.0f} MB, {n2:,} visits "
          f"{w2:.1f} s {m2:.0f} MB: {per_visit:.1f} KB a visit (budget 5 KB, linear) "
          f"{'ok' if good else 'OVER'}")
    return ok


if __name__ == "__main__":
    sys.exit(main())
