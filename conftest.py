"""Test-suite set-up shared by every test, notebooks included.

Notebook outputs are committed in the ``static`` render context (see exercises/display.py);
nbval's kernels inherit this process's environment, so setting it here makes
``pytest --nbval`` re-run every chapter in the same context it was executed in.
"""

import os

os.environ["LEADING_PRODUCTS_RENDER"] = "static"
