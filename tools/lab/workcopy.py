"""The facilitator's working copy: ``make lab`` opens ``_lab/``, never the committed notebooks.

Opening a committed notebook in JupyterLab marks it changed, and saving would overwrite the
outputs the site is built from. So ``make lab`` first copies every chapter notebook into
``_lab/`` (ignored by git and by the book build) and opens that folder:

* a copy is made once and then kept, so a facilitator's edits and answers survive the next
  ``make lab``; ``--fresh`` replaces every copy with the committed chapter;
* outputs are cleared: the committed ones are the static site's (charts that load scripts from
  the built site), and a live session makes its own;
* citations become readable text: JupyterLab renders the chapter's MyST (admonitions, labels)
  through ``jupyterlab-myst``, which has no bibliography, so ``{cite:p}`key``` is written as
  "(Reinertsen 2009)" from ``book/references.bib``, and a glossary term ``{term}`text <Term>```
  (the glossary is a page of the site, not of the Lab) is written as its text;
* Lab's settings for this folder never ask about or fetch news, and draw every cell at once
  (``_lab/.settings``).

Usage: ``python tools/lab/workcopy.py [--fresh] [--target DIR]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from pybtex.database import parse_file

ROOT = Path(__file__).resolve().parent.parent.parent
BOOK = ROOT / "book"
TARGET = ROOT / "_lab"
# Lab's settings for the copy: no news prompt, no news fetched, no update check; and every cell
# drawn when the notebook opens (windowing "none"). Lab 4.5 otherwise draws cells far from the
# screen later, when the CPU is idle, and "Run all" can reach a Markdown cell not yet drawn: its
# cell toolbar then throws "Cannot read properties of undefined (reading 'node')"
# (_markdownOverlapsToolbar reads the cell's rendered input before it exists). A chapter is a
# few dozen cells, so drawing them all at once costs nothing a facilitator would notice.
SETTINGS = {"@jupyterlab/apputils-extension/notification.jupyterlab-settings":
            {"fetchNews": "false", "checkForUpdates": False},
            "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"}}
_CITE = re.compile(r"\{cite:([pt])\}`([^`]+)`")


def bibliography(path: Path = BOOK / "references.bib") -> dict[str, tuple[str, str]]:
    """Each key of the .bib file as (first author's surname, plus "et al." when more; year)."""
    found = {}
    for key, entry in parse_file(str(path)).entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        name = " ".join(people[0].last_names) if people else entry.fields.get("organization", key)
        name += " et al." if len(people) > 2 else f" and {' '.join(people[1].last_names)}" if len(people) == 2 else ""
        found[key] = (name, entry.fields.get("year", "n.d."))
    return found


def readable_citations(text: str, works: dict[str, tuple[str, str]]) -> str:
    """``{cite:p}`a,b``` -> "(A 2009; B 2004)" and ``{cite:t}`a``` -> "A (2009)"; unknown keys stay visible."""
    def replace(match):
        keys = [k.strip() for k in match.group(2).split(",")]
        cited = [works.get(k, (k, "?")) for k in keys]
        if match.group(1) == "t":
            return "; ".join(f"{name} ({year})" for name, year in cited)
        return "(" + "; ".join(f"{name} {year}" for name, year in cited) + ")"
    return _CITE.sub(replace, text)


_TERM = re.compile(r"\{term\}`([^`<]+?)(?:\s*<[^>`]+>)?`")


def plain_terms(text: str) -> str:
    """``{term}`cost of delay <Cost of delay>``` -> "cost of delay"; ``{term}`WSJF``` -> "WSJF"."""
    return _TERM.sub(lambda match: match.group(1).strip(), text)


def working_notebook(source: Path, works: dict[str, tuple[str, str]], markdown=None) -> dict:
    """The chapter as a facilitator opens it: no outputs, readable citations and glossary terms.

    ``markdown(text) -> text`` rewrites each Markdown cell instead (the workshop's apps make
    theirs plainer still); by default citations become readable and glossary terms plain text.
    """
    rewrite = markdown or (lambda text: plain_terms(readable_citations(text, works)))
    notebook = json.loads(source.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
            cell.get("metadata", {}).pop("execution", None)
        elif cell["cell_type"] == "markdown":
            cell["source"] = rewrite("".join(cell["source"])).splitlines(keepends=True)
    notebook["metadata"].pop("widgets", None)
    return notebook


def write_settings(settings: Path) -> None:
    """Lab user settings for the working copy only (``--LabApp.user_settings_dir``): ours are set,
    whatever else the facilitator chose in Lab is kept; a file Lab wrote with comments (JSON5)
    is theirs and left as it is."""
    for name, values in SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            kept = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        except (ValueError, UnicodeDecodeError):
            continue
        path.write_text(json.dumps({**kept, **values} if isinstance(kept, dict) else values, indent=1),
                        encoding="utf-8")


def make(target: Path = TARGET, fresh: bool = False) -> tuple[list[str], list[str]]:
    """Write missing (or, with ``fresh``, all) copies into ``target``; return (written, kept) names."""
    target.mkdir(parents=True, exist_ok=True)
    write_settings(target / ".settings")
    works = bibliography()
    written, kept = [], []
    for source in sorted(BOOK.glob("*.ipynb")):
        copy = target / source.name
        if copy.exists() and not fresh:
            kept.append(source.name)
            continue
        copy.write_text(json.dumps(working_notebook(source, works), indent=1, ensure_ascii=False) + "\n",
                        encoding="utf-8")
        written.append(source.name)
    return written, kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="replace every copy with the committed chapter")
    parser.add_argument("--target", type=Path, default=TARGET, help="folder of the working copy (default: _lab/)")
    args = parser.parse_args(argv)
    written, kept = make(args.target, args.fresh)
    where = args.target.relative_to(ROOT) if args.target.is_relative_to(ROOT) else args.target
    print(f"Working copy in {where}/: " + ", ".join(
        [f"copied {', '.join(written)}"] * bool(written) + [f"kept your {', '.join(kept)} "
                                                            "(make lab FRESH=1 starts it again)"] * bool(kept)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
