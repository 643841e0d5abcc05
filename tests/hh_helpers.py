"""Small builders for household tests."""

from yibao_tui.core import household as H
from yibao_tui.core.policy.cache import PolicyCache

from .conftest import POLICIES


def policies(year=2025):
    return PolicyCache([str(POLICIES)], year)


HEAD = """schema = 1
name = "t"
year = 2025
"""


def member(mid, relation, city, scheme="employee", category="active", **extra):
    lines = ["[[member]]", f'id = "{mid}"', f'name = "{mid}"', f'relation = "{relation}"',
             f'city = "{city}"']
    if scheme is not None:
        lines += [f'scheme = "{scheme}"', f'category = "{category}"']
    for k, v in extra.items():
        lines.append(f"{k} = {v}")
    return "\n".join(lines) + "\n"


def binding(holder, *bens, relations=None):
    s = f'[[binding]]\nholder = "{holder}"\nbeneficiaries = [{", ".join(repr(b) for b in bens)}]\n'
    s = s.replace("'", '"')
    if relations:
        s += "relations = { " + ", ".join(f'{k} = "{v}"' for k, v in relations.items()) + " }\n"
    return s


def household(*parts):
    return H.parse(HEAD + "\n".join(parts), "t.toml")
