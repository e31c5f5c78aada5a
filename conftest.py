"""Test-suite set-up shared by every test, notebooks included.

Notebook outputs are committed in the ``static`` render context (see exercises/kit/display.py);
nbval's kernels inherit this process's environment, so setting it here makes
``pytest --nbval`` re-run every chapter in the same context it was executed in.

Property tests run derandomized by default, so the same commit always runs the same examples
(no flaky CI). ``HYPOTHESIS_PROFILE=explore pytest tests`` draws fresh random examples
instead: run it a few times when you change a model.
"""

import os

from hypothesis import settings

os.environ["LEADING_PRODUCTS_RENDER"] = "static"

settings.register_profile("book", derandomize=True, deadline=None)
settings.register_profile("explore", derandomize=False, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "book"))
