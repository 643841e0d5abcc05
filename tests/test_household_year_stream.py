"""Issue #20: ``household year --json`` of a big family streams — a slim row a visit, each
visit's steps and ranges run again as it is written — and prints what the whole year held in
memory printed (``year_json`` of a year run with every result kept), byte for byte."""

import io
import json
import tracemalloc
from contextlib import redirect_stdout

from yibao_tui.cli import main
from yibao_tui.core import household as H
from yibao_tui.core.policy.cache import PolicyCache
from yibao_tui.inputs.policy import policy_dirs
from yibao_tui.storage import store, supplied
from yibao_tui.views.estimate_json import stamped
from yibao_tui.views.household_json import year_json


def _household(members, visits):
    """沈阳 adults with ``visits`` stays each (the 大病 threshold no source gives: ranges)."""
    out = ["schema = 1", 'name = "big"', "year = 2024", ""]
    for i in range(members):
        out += ["[[member]]", f'id = "m{i}"', f'name = "成员{i}"',
                f'relation = "{"self" if i == 0 else "child"}"', 'city = "shenyang"',
                'scheme = "resident"', 'category = "adult"', "birth_year = 1980", ""]
        for j in range(visits):
            out += ["[[member.visit]]", f"month = {j % 12 + 1}", f"day = {28 - j % 27}",
                    'care = "inpatient"', 'grade = "3"', f"amount = {1000 + 37 * j}", ""]
    return "\n".join(out)


class _Null(io.TextIOBase):
    def write(self, s):
        return len(s)


def _run(path):
    out = io.StringIO()
    with redirect_stdout(out):
        rc = main(["household", "year", str(path), "--json"])
    return rc, out.getvalue()


def test_streamed_json_is_the_whole_years(tmp_path):
    path = tmp_path / "big.toml"
    path.write_text(_household(2, 14), encoding="utf-8")
    rc, got = _run(path)
    assert rc == 0
    doc = json.loads(got)
    assert len(doc["visits"]) == 28
    assert doc["totals"]["self_pay"] is None and "self_pay_range" in doc["totals"]
    ld = store.read(path)
    pols = H.with_supplied(ld.household, PolicyCache(policy_dirs(None), ld.household.year,
                                                     fill=supplied.fill))
    whole = H.run_year(ld.household, pols)  # every visit's result and ranges kept
    assert whole.kept and all(r.result is not None for r in whole.rows)
    want = json.dumps(stamped(year_json(ld, whole, H.enrolment_summary(ld.household, pols))),
                      ensure_ascii=False, indent=2) + "\n"
    assert got == want


def _peak(path):
    with redirect_stdout(_Null()):
        tracemalloc.start()
        try:
            main(["household", "year", str(path), "--json"])
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()


def test_memory_a_visit_is_small(tmp_path):
    # 72 more visits: held whole it was ~40 KB a visit (~2.9 MB more); streamed ~1.5 KB.
    small, big = tmp_path / "small.toml", tmp_path / "big.toml"
    small.write_text(_household(1, 24), encoding="utf-8")
    big.write_text(_household(4, 24), encoding="utf-8")
    _peak(small)  # policies and caches loaded once
    per_visit = (_peak(big) - _peak(small)) / 72
    assert per_visit <= 5 * 1024, per_visit
