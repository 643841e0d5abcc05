"""Dialogs of the household screens, one per module: member, visit, visits, binding, new
household. Choices come from the city's policy; bad input gets an inline message. The dialogs
other screens use too (confirmation, unsaved changes, save as, file changed on disk) are in
``tui/dialogs/``.

Each form dismisses with its result (None when cancelled); edits are applied to the app's
Session there, so a dialog that stays open can show why an edit was refused.
"""

from yibao_tui.tui.screens.household.forms.base import ID_RE, Form, text_input, value_of
from yibao_tui.tui.screens.household.forms.bind import BindForm
from yibao_tui.tui.screens.household.forms.enrolment import EnrolmentForm
from yibao_tui.tui.screens.household.forms.member import MemberForm
from yibao_tui.tui.screens.household.forms.new import NewHouseholdForm
from yibao_tui.tui.screens.household.forms.visit import VisitForm
from yibao_tui.tui.screens.household.forms.visits import VisitsForm
from yibao_tui.tui.screens.household.forms.year import YearForm

__all__ = ["ID_RE", "BindForm", "EnrolmentForm", "Form", "MemberForm", "NewHouseholdForm",
           "VisitForm", "VisitsForm", "YearForm", "text_input", "value_of"]
