"""Chapter notebooks: listed in the table of contents, committed executed, checked strictly."""

import json
import subprocess
import sys
from pathlib import Path

from specs import toc_files

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))


def test_every_notebook_is_in_the_table_of_contents():
    listed = set(toc_files())
    assert NOTEBOOKS
    for notebook in NOTEBOOKS:
        assert notebook.relative_to(ROOT).with_suffix("").as_posix() in listed


def test_every_notebook_is_committed_executed_and_thin():
    for notebook in NOTEBOOKS:
        cells = [c for c in json.loads(notebook.read_text())["cells"] if c["cell_type"] == "code"]
        for cell in cells:
            assert cell["execution_count"] is not None, f"{notebook.name}: run make execute"
            source = "".join(cell["source"])
            assert "def " not in source and "class " not in source, f"{notebook.name}: logic belongs in exercises/"
            assert len(source.splitlines()) <= 4, f"{notebook.name}: keep cells to a few calls"


def test_nbval_is_strict_and_catches_a_stale_output(tmp_path):
    """Change one stored output: the same nbval run the suite uses must fail on it."""
    notebook = json.loads((ROOT / "book" / "sequencing.ipynb").read_text())
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            if "text/plain" in output.get("data", {}) and "Initiative" in "".join(output["data"]["text/plain"]):
                output["data"]["text/plain"] = ["a stale table\n"]
                output["data"].pop("text/html", None)
                break
    stale = tmp_path / "stale.ipynb"
    stale.write_text(json.dumps(notebook))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", str(stale), "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
         "-q", f"--rootdir={ROOT}", "-c", str(ROOT / "pyproject.toml")],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stdout[-2000:]
    assert "1 failed" in result.stdout
