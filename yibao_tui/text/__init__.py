"""The text layer: every user-facing string by key, in Chinese and English, and the one formatter.

- ``t(key, lang, **values)``: a catalogue string, filled in.
- ``render(value, lang)``: a ``Msg`` worded, a (zh, en) pair or {zh, en} table picked, other text
  as written; None stays None.
- ``label(pair, lang)``: a (zh, en) pair or {zh, en} table in ``lang``.
- ``term(id, lang)``: the name of a vocabulary id (scheme, category, care kind, grade …).

Core code never picks a language: it hands out ids, figures and ``Msg``s; this layer words them.
"""


from yibao_tui.text.format import (
    LANGS,
    care_name,
    care_names,
    city_year,
    grade_name,
    grade_names,
    label,
    month_text,
    render,
    renders,
    t,
    term,
)

__all__ = ["LANGS", "care_name", "care_names", "city_year", "grade_name", "grade_names", "label",
           "month_text", "render", "renders", "t", "term"]


def __getattr__(name):
    # The help screen's glossary is read only when help opens.
    if name == "GLOSSARY":
        from yibao_tui.text.catalog.glossary import GLOSSARY

        return GLOSSARY
    raise AttributeError(name)
