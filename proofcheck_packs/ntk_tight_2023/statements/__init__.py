"""One module per numbered statement of the paper; each defines ``STATEMENT``.

Modules declare what a statement is (see ``_template.py``); they never import the search, the
runner, the reports or the CLI.
"""
