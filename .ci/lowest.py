"""Print pip constraints pinning every dependency of pyproject.toml (and its test extra) to its
lower bound: ``.ci/run`` installs with them and runs the fast tests, so a ``>=`` there is a
version the project has been run on, not a hope."""

import re
import sys
import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())["project"]
for req in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(?:\[[^\]]*\])?\s*>=\s*([0-9][^,;\s]*)", req)
    if not m:
        sys.exit(f"{req!r}: every dependency needs a lower bound (>=)")
    print(f"{m[1]}=={m[2]}")
