"""Dialogs of the household screens, one per module: member, visit, visits, binding, new
household, save as, unsaved changes, file changed on disk. Choices come from the city's policy;
bad input gets an inline message.

Each form dismisses with its result (None when cancelled); edits are applied to the app's
Session there, so a dialog that stays open can show why an edit was refused.
"""

from yibao_tui.tui.screens.household.forms.base import ID_RE, Form, text_input, value_of
from yibao_tui.tui.screens.household.forms.bind import BindForm
from yibao_tui.tui.screens.household.forms.changed import CHANGED_KINDS, ChangedForm
from yibao_tui.tui.screens.household.forms.choice import Choice
from yibao_tui.tui.screens.household.forms.confirm import ConfirmationModal
from yibao_tui.tui.screens.household.forms.member import MemberForm
from yibao_tui.tui.screens.household.forms.new import NewHouseholdForm
from yibao_tui.tui.screens.household.forms.save_as import SaveAsForm
from yibao_tui.tui.screens.household.forms.unsaved import UnsavedForm
from yibao_tui.tui.screens.household.forms.visit import VisitForm
from yibao_tui.tui.screens.household.forms.visits import VisitsForm

__all__ = ["CHANGED_KINDS", "ID_RE", "BindForm", "ChangedForm", "Choice", "ConfirmationModal", "Form",
           "MemberForm", "NewHouseholdForm", "SaveAsForm", "UnsavedForm", "VisitForm", "VisitsForm",
           "text_input", "value_of"]
