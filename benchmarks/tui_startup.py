"""Wizard start-up and per-keystroke cost against a bare Textual app, measured in the same run.

    python benchmarks/tui_startup.py [--runs N]

Start-up: each app runs headless in a fresh process and exits right after its first frame is
drawn (the bare app on its own refresh; yibao through ``YIBAO_BENCH_EXIT``). Each run happens
inside a small measuring process that times the child and reads its peak RSS with
``getrusage(RUSAGE_CHILDREN)``, so every figure belongs to exactly one child. Runs alternate
between the two apps; the best time and the lowest peak are kept (a busy machine only adds).

Budgets (README): yibao ≤ 1.2× the bare app's time and ≤ 1.3× its memory, on the wizard's first
step and opened on the breakdown from flags; engine work per keystroke ≤ 1 ms.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from decimal import Decimal

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

BARE = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.exit)

Bare().run(headless=True)
"""

YIBAO = "import sys; from yibao_tui.cli import main; sys.exit(main([]))"
YIBAO_PREFILLED = ("import sys; from yibao_tui.cli import main; sys.exit(main(['--city', 'shenyang', "
                   "'--scheme', 'resident', '--category', 'adult', '--care', 'inpatient', "
                   "'--grade', '3', '--amount', '10000']))")
KINDS = {"bare": BARE, "yibao": YIBAO, "yibao-prefilled": YIBAO_PREFILLED}


def measure_child(kind):
    """Run one app once; print seconds and peak RSS (KiB) as JSON."""
    env = dict(os.environ, YIBAO_BENCH_EXIT="1", PYTHONPATH=ROOT)
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", KINDS[kind]], env=env, capture_output=True)
    elapsed = time.perf_counter() - t
    if r.returncode:
        sys.stderr.write(r.stderr.decode(errors="replace"))
        raise SystemExit(f"{kind} exited {r.returncode}")
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"s": elapsed, "kib": rss}))


def run_once(kind):
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--child", kind],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def per_keystroke(repeat=2000):
    """What one keystroke in the amount box costs: parse, estimate, format every step, totals."""
    from yibao_tui.core.amount import parse_money
    from yibao_tui.core.engine import shown
    from yibao_tui.core.policy import load_city
    from yibao_tui.tui.wizard import Selection, compute
    from yibao_tui.views.estimate import step_label, step_text

    cases = [("shenyang", "resident", "adult", "inpatient", "3", None),
             ("liaoyuan", "resident", "adult", "inpatient", "3", None),
             ("liaoyang", "employee", "active", "chronic", "3", "diabetes"),
             ("tieling", "employee", "active", "outpatient", "3", None),
             ("yantai", "resident", "adult", "two-disease", "1", "hypertension")]
    out = []
    for city, scheme, cat, care, grade, disease in cases:
        policy = load_city(city)
        sel = Selection()
        sel.city, sel.scheme, sel.category, sel.care, sel.grade = city, scheme, cat, care, grade
        sel.disease = disease

        def keystroke(text="80,000.5"):
            sel.values["amount"] = parse_money(text)[0]  # noqa: B023 (run in this iteration)
            res, _ = compute(policy, sel)  # noqa: B023
            for st in res.steps:
                step_text(st, "zh")
                step_label(st, "zh")
            shown(res, policy)  # noqa: B023

        keystroke()
        best = min(_timed(keystroke, repeat) for _ in range(5)) / repeat
        out.append((f"{city} {care}", best))
    return out


def _timed(fn, n):
    t = time.perf_counter()
    for _ in range(n):
        fn()
    return time.perf_counter() - t


def main(argv):
    if argv[:1] == ["--child"]:
        measure_child(argv[1])
        return 0
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 7
    # An installed wheel has bytecode (pip compiles on install), as Textual's does here; with
    # PYTHONDONTWRITEBYTECODE set, a checkout would recompile yibao_tui on every start.
    import compileall

    compileall.compile_dir(os.path.join(ROOT, "yibao_tui"), quiet=1)
    results = {k: [] for k in KINDS}
    for k in KINDS:  # warm the disk cache and .pyc files once; not counted
        run_once(k)
    for _ in range(runs):
        for k in KINDS:
            results[k].append(run_once(k))
    best = {k: (min(r["s"] for r in v), min(r["kib"] for r in v)) for k, v in results.items()}
    bare_s, bare_kib = best["bare"]
    print(f"Start-up to first frame, headless, best of {runs} (Python {sys.version.split()[0]})")
    print(f"{'app':<18}{'time':>10}{'× bare':>9}{'peak RSS':>12}{'× bare':>9}")
    ok = True
    for k, (s, kib) in best.items():
        tr, mr = s / bare_s, kib / bare_kib
        print(f"{k:<18}{s * 1000:>8.0f}ms{tr:>9.2f}{kib / 1024:>10.1f}MB{mr:>9.2f}")
        if k != "bare":
            ok &= tr <= 1.2 and mr <= 1.3
    print("budget (yibao's first step, and yibao opened on the breakdown from flags): ≤ 1.2× time, "
          "≤ 1.3× memory → " + ("OK" if ok else "OVER"))
    print("The breakdown's first frame holds its context line, totals and bar; the inputs and the")
    print("steps table are mounted one frame later.")
    print()
    print("Engine work per keystroke (parse, estimate, format steps, totals), best of 5")
    worst = Decimal(0)
    for name, s in per_keystroke():
        us = Decimal(str(round(s * 1e6, 1)))
        worst = max(worst, us)
        print(f"  {name:<28}{us:>8} µs")
    print("budget: ≤ 1 ms → " + ("OK" if worst <= 1000 else "OVER"))
    return 0 if ok and worst <= 1000 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
