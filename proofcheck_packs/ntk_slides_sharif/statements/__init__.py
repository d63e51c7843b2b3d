"""One module per statement of the slides; each defines ``STATEMENT`` (see the first pack's ``_template.py``)."""
