"""The publishing workflow runs what the README tells a contributor to run, and publishes the build.

It cannot run here (no GitHub), so this reads it: the same ``make`` targets as the README's two
commands and ``.ci/run``, in the same order, no build command of its own, and the folder it
publishes is the one ``make book`` writes.
"""

from __future__ import annotations

import re

import yaml

from browser import ROOT, SITE

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def _make_targets(text: str) -> list[str]:
    return re.findall(r"^\s*(?:run:\s*)?make (\w+)\s*$", text, flags=re.M)


def _steps() -> list[dict]:
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    return [step for job in jobs.values() for step in job.get("steps", [])]


def test_the_workflow_runs_the_readme_commands_in_order():
    readme = re.findall(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), flags=re.S)
    first_two = [target for block in readme[:2] for target in _make_targets(block)]
    assert first_two == ["book", "test"]
    runs = [step["run"] for step in _steps() if "run" in step]
    assert [target for run in runs for target in _make_targets(run)] == first_two
    assert "test" in _make_targets((ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    assert not any(re.search(r"jupyter-book|sphinx-build|pytest", run) for run in runs), \
        "the workflow builds or tests in its own way: call the Makefile's targets"


def test_the_workflow_publishes_what_make_book_builds():
    uploads = [step for step in _steps() if str(step.get("uses", "")).startswith("actions/upload-pages-artifact")]
    assert len(uploads) == 1
    assert (ROOT / uploads[0]["with"]["path"]).resolve() == SITE.resolve()
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "jupyter-book build ." in makefile and "_build/html" in makefile
