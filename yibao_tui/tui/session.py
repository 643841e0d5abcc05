"""One household open for editing in the TUI, without Textual: the edits, the dirty flag, saving.

Every edit is made on a copy and kept only if the copy still reads back as a valid file (the same
checks as ``household.parse``), so the household in memory can always be saved. The screens
only display this and turn its messages into inline text.
"""

from __future__ import annotations

import copy
from pathlib import Path

from yibao_tui.core import household as H
from yibao_tui.core.msg import Msg
from yibao_tui.core.policy.cache import PolicyCache
from yibao_tui.storage import store, supplied
from yibao_tui.text import care_names, grade_names
from yibao_tui.text import render as text


class EditError(Exception):
    """An edit that would make the file invalid: ``reasons`` say why (reason only: a ``Msg`` or
    text); ``texts(lang)`` formats them, ``messages`` is the English."""

    def __init__(self, reasons):
        self.reasons = list(reasons)
        self.messages = self.texts("en")
        super().__init__("; ".join(self.messages))

    def texts(self, lang="en"):
        return [text(r, lang) for r in self.reasons]


def problems_of(household):
    """The reasons ``household`` would not read back, [] when it would."""
    try:
        H.validate(H.to_dict(household), "edit")
    except H.HouseholdError as e:
        return [reason for _f, _line, reason in e.problems]
    return []


def visit_msg(v, policy=None, scheme=None):
    """A visit in a few words, for a question or a notice: 5月 普通门诊 一级 200.00 (the care and
    grade as the member's city ``policy`` names them)."""
    care = care_names(policy, scheme, v.care)
    if v.grade:
        return Msg("hh.visit_words", month=v.month, care=care, grade=grade_names(policy, v.grade),
                   amount=v.amount)
    return Msg("hh.visit_words_nograde", month=v.month, care=care, amount=v.amount)


def _set_history(h, m, years, free):
    """Member ``m``'s earlier entries in their city and scheme: one per year in ``years``
    (what an entry already said is kept), ``claim_free`` as ``free`` says."""
    def same(e):
        return e.get("city", m.city) == m.city and e.get("scheme", m.scheme) == m.scheme

    old = {e["year"]: e for e in m.enrolment if same(e) and e["year"] < h.year}
    kept = [e for e in m.enrolment if not (same(e) and e["year"] < h.year)]
    earlier = []
    for y in sorted(years):
        if y >= h.year:
            continue
        e = dict(old.get(y, {"year": y}))
        e.pop("claim_free", None)
        if y in free:
            e["claim_free"] = True
        earlier.append(e)
    m.enrolment = earlier + kept


class Session:
    """The household being edited, where it came from and whether it differs from the disk."""

    def __init__(self, household, path, fingerprint, *, demo=False, profiles=None, dirs=None):
        self.household = household
        self.path = Path(path) if path is not None else None
        self.fingerprint = fingerprint  # None: not on disk yet
        self.demo = demo
        self.profiles = profiles
        self.dirs = dirs
        self.dirty = False
        self.policies = PolicyCache(dirs, household.year, fill=supplied.fill)
        self._check = self._enrolment = None
        # The household before the last destructive edit (delete, unbind), for one undo:
        # (household, dirty, saves so far, what went as a Msg). Any later edit drops it, so an
        # undo never takes back more than that one edit.
        self.undo_point = None
        self.saves = 0

    @classmethod
    def from_loaded(cls, loaded, profiles=None, dirs=None):
        # The store's object stays as loaded: a reload or discard starts from the disk again.
        return cls(copy.deepcopy(loaded.household), loaded.path, loaded.fingerprint,
                   demo=loaded.demo, profiles=profiles, dirs=dirs)

    @classmethod
    def new(cls, name, year, profiles=None, dirs=None):
        h = H.Household(name=name.strip(), year=year)
        errs = problems_of(h)
        if errs:
            raise EditError(errs)
        s = cls(h, store.free_path(name, profiles), None, profiles=profiles, dirs=dirs)
        s.dirty = True
        return s

    # ── derived views ──

    @property
    def check(self):
        if self._check is None:
            self._check = H.check(self.household, self.policies)
        return self._check

    @property
    def enrolment(self):
        """Premiums, cover starts and (烟台) cap adjustments: ``household.enrolment_summary``."""
        if self._enrolment is None:
            self._enrolment = H.enrolment_summary(self.household, self.policies)
        return self._enrolment

    def run_year(self):
        return H.run_year(self.household, self.policies, self.check)

    def pairs(self):
        """[(holder id, beneficiary id)] in file order: one row per bound relative."""
        return [(b.holder, x) for b in self.household.bindings for x in b.beneficiaries]

    def rules_for(self, holder, beneficiary):
        """Holder-level rules, then this beneficiary's, as check() reports them."""
        return [r for r in self.check.rules.get(holder, ())
                if r.beneficiary in (None, beneficiary)]

    # ── editing ──

    def own_copy(self):
        """The bundled demo is read-only: copy it into the households dir before the first edit.

        Returns the new path when a copy was made, else None."""
        if not self.demo:
            return None
        loaded = store.copy_demo(self.profiles)
        self.path, self.fingerprint, self.demo = loaded.path, loaded.fingerprint, False
        return loaded.path

    def _apply(self, change, undo=None):
        """Make ``change`` on a copy; keep it if it reads back. ``undo`` (a Msg saying what
        goes) makes it undoable: the household before it is kept."""
        h = copy.deepcopy(self.household)
        change(h)
        errs = problems_of(h)
        if errs:
            raise EditError(errs)
        before = (self.household, self.dirty, self.saves, undo)
        self.own_copy()
        self._set(h)
        self.dirty = True
        self.undo_point = before if undo is not None else None

    def _set(self, h):
        """Hold ``h``; the policies follow its year."""
        if h.year != self.household.year:
            self.policies = PolicyCache(self.dirs, h.year, fill=supplied.fill)
        self.household = h
        self._check = self._enrolment = None

    def undo(self):
        """Bring back the household as it was before the last destructive edit; returns what
        came back (the Msg the edit was recorded with), or None when there is nothing to undo."""
        if self.undo_point is None:
            return None
        h, dirty, saves, what = self.undo_point
        self._set(h)
        # Saved since the edit: the file holds the edited household, so this differs from it.
        self.dirty = dirty if saves == self.saves else True
        self.undo_point = None
        return what

    # ── years ──

    def set_year(self, year):
        """The household's year (its members' entries for other years are kept)."""

        def change(h):
            h.year = year

        self._apply(change)

    def rollover(self, to_year=None):
        """The same family carried into the next year (``household.rollover``); undoable.
        Returns the ``Rollover`` (its ``changes`` and ``confirm`` say what happened)."""
        ro = H.rollover(self.household, self.run_year(), self.policies, to_year)

        def change(h):
            for k, v in vars(ro.household).items():
                setattr(h, k, v)

        self._apply(change, undo=Msg("hhy.undo_rollover", frm=self.household.year,
                                     to=ro.household.year))
        return ro

    def put_enrolment(self, mid, values, history=None, claim_free=None):
        """The member's entry for the household's year set to ``values`` (None: key removed)
        and, when given, the earlier years enrolled in the member's city and scheme
        (``history``) and those of them that were claim-free; checked as the file reader
        checks an entry, then against the member's policy (a tier it does not offer, a payment
        for another year) with its messages."""

        def change(h):
            m = h.member(mid)
            _j, e = H.this_year_entry(h, m)
            if e is None:
                e = {"year": h.year}
                m.enrolment.append(e)
            for k, v in values.items():
                if v is None:
                    e.pop(k, None)
                else:
                    e[k] = v
            if history is not None:
                _set_history(h, m, set(history) | set(claim_free or ()), set(claim_free or ()))

        before = (self.household, self.dirty, self.undo_point)
        self._apply(change)
        problems = [p for who, p in H.enrolment_problems(self.household, self.policies)
                    if who == mid]
        if problems:
            self._set(before[0])
            self.dirty, self.undo_point = before[1:]
            raise EditError([reason for _f, _line, reason in problems])

    def year_view(self, year):
        """(household, policies) as the file keeps ``year`` (read-only), or None."""
        h = H.year_of(self.household, year)
        if h is None:
            return None
        if h is self.household:
            return h, self.policies
        return h, PolicyCache(self.dirs, year, fill=supplied.fill)

    def put_member(self, member, replace=None):
        """Add ``member``, or replace the member whose id was ``replace`` (bindings follow an id
        change)."""

        def change(h):
            if replace is None:
                h.members.append(member)
                return
            i = next(i for i, m in enumerate(h.members) if m.id == replace)
            h.members[i] = member  # the form starts from the old member: visits etc. are kept
            if member.id != replace:
                for b in h.bindings:
                    if b.holder == replace:
                        b.holder = member.id
                    b.beneficiaries = [member.id if x == replace else x for x in b.beneficiaries]
                    if replace in b.relations:
                        b.relations[member.id] = b.relations.pop(replace)

        self._apply(change)

    def delete_member(self, mid):
        """Remove a member (with their visits) and every binding row naming them; undoable."""
        name = self.household.member(mid).name

        def change(h):
            h.members = [m for m in h.members if m.id != mid]
            kept = []
            for b in h.bindings:
                if b.holder == mid:
                    continue
                b.beneficiaries = [x for x in b.beneficiaries if x != mid]
                b.relations.pop(mid, None)
                if b.beneficiaries:
                    kept.append(b)
            h.bindings = kept

        self._apply(change, undo=Msg("hh.undo.member", name=name))

    def bind(self, holder, beneficiary, relation=None):
        """Let ``beneficiary`` spend ``holder``'s account; returns the rules now broken for it.

        A binding that breaks a rule is still recorded (the family says it exists) and shown as
        broken; the year does not draw on it."""

        def change(h):
            b = next((b for b in h.bindings if b.holder == holder), None)
            if b is None:
                b = H.Binding(holder=holder, beneficiaries=[])
                h.bindings.append(b)
            b.beneficiaries.append(beneficiary)
            if relation:
                b.relations[beneficiary] = relation

        self._apply(change)
        return [r for r in self.rules_for(holder, beneficiary) if r.status == "broken"]

    def unbind(self, holder, beneficiary):
        """End the binding of ``beneficiary`` to ``holder``'s account; undoable."""
        h0 = self.household
        what = Msg("hh.undo.binding", holder=h0.member(holder).name, ben=h0.member(beneficiary).name)

        def change(h):
            for b in h.bindings:
                if b.holder == holder and beneficiary in b.beneficiaries:
                    b.beneficiaries.remove(beneficiary)
                    b.relations.pop(beneficiary, None)
            h.bindings = [b for b in h.bindings if b.beneficiaries]

        self._apply(change, undo=what)

    def add_visit(self, mid, visit):
        def change(h):
            h.member(mid).visits.append(visit)

        self._apply(change)

    def put_visit(self, mid, index, visit):
        """Replace the member's visit at ``index`` (its place in the year is kept)."""

        def change(h):
            h.member(mid).visits[index] = visit

        self._apply(change)

    def delete_visit(self, mid, index):
        """Remove one of the member's visits; undoable."""
        m = self.household.member(mid)
        visit = visit_msg(m.visits[index], self.policies.get(m.city), m.scheme)
        what = Msg("hh.undo.visit", name=m.name, visit=visit)

        def change(h):
            del h.member(mid).visits[index]

        self._apply(change, undo=what)

    # ── disk ──

    def save(self):
        """Write to the file it came from. Raises store.ChangedOnDisk if it changed since."""
        if self.demo:
            self.own_copy()
        self.fingerprint = store.save(self.household, self.path, self.fingerprint)
        self.dirty = False
        self.saves += 1

    def save_again(self):
        """The file was deleted since it was loaded: write it again where it was (as a new file,
        so one created there meanwhile is still not overwritten)."""
        self.fingerprint = store.save(self.household, self.path, None)
        self.dirty = False
        self.saves += 1

    def save_as(self, name):
        """Save under a new name in the households dir; this session follows the new file."""
        loaded = store.save_new(self.household, self.profiles, name)
        self.path, self.fingerprint, self.demo = loaded.path, loaded.fingerprint, False
        self.dirty = False
        self.saves += 1
        return loaded.path

    def reload(self):
        """Drop the edits and read the file again (raises HouseholdError / StoreError)."""
        loaded = store.read(self.path)
        self.household = copy.deepcopy(loaded.household)
        self.fingerprint = loaded.fingerprint
        self.policies = PolicyCache(self.dirs, self.household.year, fill=supplied.fill)
        self.dirty = False
        self._check = self._enrolment = None
        self.undo_point = None  # the edits are gone: nothing of theirs to undo
