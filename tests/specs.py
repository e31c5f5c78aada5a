"""Readers the tests share for what the book is made of: the table of contents and chart specs."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

__all__ = ["ROOT", "params", "toc_files"]


def toc_files() -> list[str]:
    """Every file ``_toc.yml`` names (its root first), without suffix, in order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    found = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            found.extend([node["file"]] if "file" in node else [])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk({key: value for key, value in toc.items() if key != "root"})
    return found


def params(spec: dict) -> dict[str, dict]:
    """Every parameter of a Vega-Lite ``spec`` (a ``chart.to_dict()``), its layers and concatenations
    included, by name."""
    found: dict[str, dict] = {}

    def walk(node):
        if isinstance(node, dict):
            for param in node.get("params", []) or []:
                if isinstance(param, dict) and "name" in param:
                    found.setdefault(param["name"], param)
            for key, value in node.items():
                if key != "datasets":
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(spec)
    return found
