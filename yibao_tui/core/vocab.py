"""The vocabulary of the policy files: ids for schemes, categories, care kinds, grades …

Ids only; their names are in the catalogue (``label.<id>``, text/catalog/labels.py). Imported by
the policy validator, its section validators and the engine alike, so it imports nothing.
"""

SCHEMES = ("employee", "resident")
CATEGORIES = {"employee": ("active", "retired"), "resident": ("adult", "minor", "student")}
ALL_CATEGORIES = (*CATEGORIES["employee"], *CATEGORIES["resident"])
CARE_KINDS = ("outpatient", "inpatient", "chronic", "two-disease", "emergency")
GRADES = ("primary", "1", "2", "3", "3-special")
PERIODS = ("visit", "quarter", "year")
CROSS_REGION = ("registered", "unregistered", "long-term", "not-direct", "self-referred")
FIRST_PAY_PARTS = ("class_b", "special_drugs")
SI_BASES = ("self_pay", "beyond_fund_cap")
EDGES = ("inclusive", "exclusive")
