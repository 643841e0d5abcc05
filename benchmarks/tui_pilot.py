"""The app's own cost as the test suite pays it: headless ``run_test`` at 80×24, in CPU time.

    python benchmarks/tui_pilot.py [--runs N] [--keys N]

Each Pilot test starts an app and presses keys; this measures both against a bare Textual app
(Header, Input, Static, Footer) in the same process: start (``run_test`` until the screen is
ready: for the prefilled breakdown, until its inputs and steps table are mounted), then N
keystrokes in the amount box (Backspace and a digit in turn: each one an estimate and a
redraw). CPU time of this process, best of ``--runs`` (the machine is shared: wall time lies).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

PREFILLED = ["--city", "liaoyang", "--scheme", "employee", "--category", "active",
             "--care", "chronic", "--grade", "3", "--disease", "diabetes", "--amount", "1000"]


def bare_app():
    from textual.app import App
    from textual.widgets import Footer, Header, Input, Static

    class Bare(App):
        def compose(self):
            yield Header()
            yield Input("1000", id="amount")
            yield Static("hello")
            yield Footer()

    return Bare()


def yibao_app(argv):
    from yibao_tui.tui.app import build

    return build(list(argv))


async def run(make, keys, ready=lambda app: True):
    """(start, keys) CPU seconds of one app run."""
    app = make()
    t0 = time.process_time()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(100):
            if ready(app):
                break
            await pilot.pause()
        t1 = time.process_time()
        if keys:
            await pilot.press("end")
            for key in keys:
                await pilot.press(key)
            await pilot.pause()
        t2 = time.process_time()
    return t1 - t0, t2 - t1


def built(app):
    return bool(getattr(app.screen, "built", False))


async def main(runs, n):
    keys = (["backspace", "5"] * n)[:n]
    cases = [("bare app", bare_app, lambda a: True),
             ("yibao (first step)", lambda: yibao_app([]), lambda a: True),
             ("yibao (prefilled breakdown)", lambda: yibao_app(PREFILLED), built)]
    for _name, make, ready in cases:  # warm: imports, the parsed-policy cache
        await run(make, ["5"], ready)
    print(f"Headless run_test at 80×24, CPU time, best of {runs} (Python {sys.version.split()[0]})")
    print(f"{'app':30s} {'start':>9s} {'per key':>9s}")
    for name, make, ready in cases:
        starts, per_key = [], []
        for _ in range(runs):
            start, _k = await run(make, [], ready)
            starts.append(start)
            if name != "yibao (first step)":
                _s, k = await run(make, keys, ready)
                per_key.append(k / (n + 1))
        key = f"{min(per_key) * 1000:7.1f}ms" if per_key else f"{'-':>9s}"
        print(f"{name:30s} {min(starts) * 1000:7.0f}ms {key}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keys", type=int, default=20)
    a = ap.parse_args()
    asyncio.run(main(a.runs, a.keys))
