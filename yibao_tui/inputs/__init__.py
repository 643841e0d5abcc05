"""What a run of the app is given, below the faces (cli, tui, ask) so each can use it without
importing another: the options every face takes (``options``: the parser that turns bad input
into one line and exit 2, amounts, the visit options), the user's own TOML files through the
reading door (``userfiles``), and the policy those choose (``policy``: one rule for opening a
city's file for a year, its flags checked, supplied figures filled in).

Light: on the ``yibao estimate`` fast path (no Textual, questionary, Rich or platformdirs).
Above core, text and storage; nothing here imports a face.
"""
