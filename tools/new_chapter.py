"""Create a small working chapter from the template: ``make chapter TOPIC=name``.

Writes ``exercises/<topic>/`` (model, chart, widget, room view), ``data/<topic>_scenarios.csv``,
the four test files and ``book/<topic>.ipynb`` from ``tools/chapter_template/``, then lists the
topic in ``exercises.CHAPTERS`` and ``_toc.yml``. The Makefile then executes the notebook so
it is committed with its outputs (strict nbval). The new chapter passes the contract test
and the strict build as it is; replace its model, chart, widget, data and prose with yours.

Usage: ``python tools/new_chapter.py TOPIC [--title "Title"] [--root DIR]``.
"""

from __future__ import annotations

import argparse
import keyword
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "chapter_template"
# template file -> where it goes, relative to the root (``{t}`` is the topic)
FILES = {
    "model.py": "exercises/{t}/model.py",
    "chart.py": "exercises/{t}/chart.py",
    "widget.py": "exercises/{t}/widget.py",
    "room.py": "exercises/{t}/room.py",
    "scenarios.csv": "data/{t}_scenarios.csv",
    "test_model.py": "tests/test_{t}_model.py",
    "test_chart.py": "tests/test_{t}_chart.py",
    "test_widget.py": "tests/test_{t}_widget.py",
    "test_static.py": "tests/test_{t}_static.py",
}
SETUP_CELL = f"from exercises.book import setup\nfrom exercises.{{t}} import widget\n\nsetup()"


def _fill(text: str, topic: str, title: str) -> str:
    return text.replace("__topic__", topic).replace("__Title__", title)


def check_topic(topic: str, root: Path) -> str | None:
    """Why ``topic`` cannot be a new chapter's name, or None if it can."""
    if not re.fullmatch(r"[a-z][a-z0-9_]{1,30}", topic) or keyword.iskeyword(topic):
        return f"{topic!r}: a topic is a short lowercase name (letters, digits, _), such as 'delegation'"
    if (root / "exercises" / topic).exists() or (root / "book" / f"{topic}.ipynb").exists():
        return f"{topic!r} already exists"
    return None


def _notebook(topic: str, title: str) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata.update({"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                              "language_info": {"name": "python"}})
    setup = nbformat.v4.new_code_cell(SETUP_CELL.format(t=topic), metadata={"tags": ["remove-cell"]})
    exercise = nbformat.v4.new_code_cell("widget.reach()", metadata={"tags": ["remove-input"]})
    prose = _fill((TEMPLATE / "notebook.md").read_text(encoding="utf-8"), topic, title)
    closing = nbformat.v4.new_markdown_cell(f"({topic}-check)=\n## Check your understanding\n\n"
                                            "Answer, then press Check: each option says why.")
    check = nbformat.v4.new_code_cell("widget.check()", metadata={"tags": ["remove-input"]})
    notebook.cells = [nbformat.v4.new_markdown_cell(prose), setup, exercise, closing, check]
    for cell in notebook.cells:
        cell.pop("id", None)
    return notebook


#: The book's closing chapter (the learner's own plan): a new chapter goes before it.
CLOSING = "plan"


def _register(topic: str, root: Path) -> None:
    init = root / "exercises" / "__init__.py"
    text = init.read_text(encoding="utf-8")
    match = re.search(r"CHAPTERS = \(([^)]*)\)", text)
    listed = [t.strip().strip("\"'") for t in match.group(1).split(",") if t.strip()]
    at = listed.index(CLOSING) if CLOSING in listed else len(listed)
    chapters = listed[:at] + [topic] + listed[at:]
    init.write_text(text.replace(match.group(0), "CHAPTERS = (" + ", ".join(f'"{t}"' for t in chapters)
                                 + ("," if len(chapters) == 1 else "") + ")"), encoding="utf-8")
    toc = root / "_toc.yml"
    lines = toc.read_text(encoding="utf-8").splitlines()
    entry = [i for i, line in enumerate(lines) if re.match(rf"\s*- file: book/({'|'.join(listed)})\s*$", line)]
    closing = [i for i in entry if lines[i].strip() == f"- file: book/{CLOSING}"]
    where = closing[0] if closing else max(entry) + 1
    indent = lines[entry[-1]][: len(lines[entry[-1]]) - len(lines[entry[-1]].lstrip())]
    lines.insert(where, f"{indent}- file: book/{topic}")
    toc.write_text("\n".join(lines) + "\n", encoding="utf-8")


def create(topic: str, title: str, root: Path = ROOT) -> list[Path]:
    """Write the chapter ``topic`` under ``root`` and register it; return the files written."""
    problem = check_topic(topic, root)
    if problem:
        raise ValueError(problem)
    written = []
    package = root / "exercises" / topic
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(
        f'"""{title}: model, chart and widget."""\n\n#: The word a reader searches the book for to find '
        f'this chapter (the search test holds it).\nKEY_TERM = "{title.split()[0].lower()}"\n', encoding="utf-8")
    written.append(package / "__init__.py")
    for source, target in FILES.items():
        path = root / target.format(t=topic)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_fill((TEMPLATE / source).read_text(encoding="utf-8"), topic, title), encoding="utf-8")
        written.append(path)
    notebook = root / "book" / f"{topic}.ipynb"
    nbformat.write(_notebook(topic, title), notebook)
    written.append(notebook)
    _register(topic, root)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topic")
    parser.add_argument("--title", help="the chapter's title (default: from the topic)")
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root (default: this one)")
    args = parser.parse_args(argv)
    title = args.title or args.topic.replace("_", " ").capitalize()
    try:
        written = create(args.topic, title, args.root)
    except ValueError as err:
        print(f"make chapter: {err}", file=sys.stderr)
        return 2
    for path in written:
        print(f"  wrote {path.relative_to(args.root)}")
    print(f"Listed {args.topic!r} in exercises/__init__.py (CHAPTERS) and _toc.yml.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
