"""The dialog every household form is: title, rows of label + field, an inline message, a hint."""

from __future__ import annotations

from typing import ClassVar

from yibao_tui.core import household as H
from yibao_tui.core.amount import MAX_AMOUNT, AmountError, parse_amount
from yibao_tui.text import t
from yibao_tui.tui.dialogs.base import DIALOG_CSS, Dialog, text_input, value_of

__all__ = ["ID_RE", "Form", "money_box", "text_input", "value_of"]

ID_RE = H.ID_RE


class Form(Dialog):
    """A household form: the dialog frame (``tui.dialogs.base.Dialog``) with the household
    screens' styles too."""

    CSS_PATH: ClassVar[list] = [DIALOG_CSS, "../household.tcss"]  # Textual wants a list


def money_box(text, label_key, lang, errs):
    """A money box's figure by the one amount rule (``core.amount.parse_amount``): a Decimal,
    or None when empty; a bad figure adds "label: why" to ``errs`` (an inline message)."""
    text = text.strip()
    if not text:
        return None
    try:
        return parse_amount(text)
    except AmountError as e:
        errs.append(t(label_key, lang).removesuffix(t("hh.optional", lang)) + t("hh.colon", lang)
                    + t(f"money.{e.code}", lang, v=text, max=f"{MAX_AMOUNT:,}"))
        return None
