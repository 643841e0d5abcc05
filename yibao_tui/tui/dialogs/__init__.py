"""Dialogs used across screens, one per module (as frogmouth keeps ``dialogs/``):

- ``base``: ``Dialog``, the frame every dialog and household form is (title, rows of label +
  field, an inline message, a hint; Esc cancels, ctrl+s or Enter submits);
- ``confirm``: ``ConfirmationModal(ModalScreen[bool])``, asked before a destructive act
  (posting's pattern);
- ``choice``: a question with a few answers, each on a key;
- ``unsaved``, ``changed``, ``save_as``: leaving with unsaved changes, a file changed on disk,
  saving under another name.

Styles in ``dialogs.tcss`` beside them. Nothing here imports a screen.
"""
