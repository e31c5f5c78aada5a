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
# Kernels the tests start in the live context (make lab's test) keep no journal in the developer's
# own folder; the journal's tests give it a temporary folder (exercises/room/journal.py).
os.environ["LEADING_PRODUCTS_JOURNAL"] = "off"

settings.register_profile("book", derandomize=True, deadline=None)
settings.register_profile("explore", derandomize=False, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "book"))


# --------------------------------------------------------------------------- fast and slow, by markers

import ast  # noqa: E402
import functools  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


@functools.lru_cache(maxsize=None)
def _uses_the_browser(path: str) -> bool:
    """True when a test module imports from ``tests/browser.py`` (Chromium, or the built site), itself
    or through another helper module of ``tests/`` (``spoilers.py``, say)."""
    here = Path(path)
    tree = ast.parse(here.read_text(encoding="utf-8"))
    names = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    names |= {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
    if "browser" in names:
        return True
    helpers = [here.parent / f"{name}.py" for name in names if "." not in name]
    return any(helper.is_file() and helper != here and _uses_the_browser(str(helper)) for helper in helpers)


def pytest_collection_modifyitems(items):
    """Mark every test of a module that uses ``tests/browser.py`` as ``browser``: fast and slow tests
    are told apart by markers only (``make unit`` runs ``-m "not integration and not browser"``)."""
    for item in items:
        path = str(getattr(item, "path", "") or "")
        if path.endswith(".py") and _uses_the_browser(path):
            item.add_marker(pytest.mark.browser)
