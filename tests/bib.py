"""A tiny BibTeX reader for docs/references.bib (standard library only).

Used by tests/test_references.py and docs/make_validation.py.
"""

from __future__ import annotations

import re


def parse_bib(text: str) -> dict[str, dict[str, str]]:
    """Entries of a BibTeX file: ``{key: {"type": ..., field: value}}``.

    A small parser for this file's own style: ``@type{key,`` then
    ``field = {value},`` lines, braces balanced inside values; ``%`` lines are
    comments. Raises ValueError on a duplicate key or an unbalanced entry.
    """
    entries: dict[str, dict[str, str]] = {}
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("%"))
    pos = 0
    head = re.compile(r"@(\w+)\s*\{\s*([^,\s]+)\s*,")
    field = re.compile(r"\s*(\w+)\s*=\s*\{")
    while (m := head.search(text, pos)) is not None:
        kind, key = m.group(1).lower(), m.group(2)
        if key in entries:
            raise ValueError(f"references.bib: key {key!r} appears twice")
        fields = {"type": kind}
        pos = m.end()
        while (f := field.match(text, pos)) is not None:
            depth, i = 1, f.end()
            while depth:
                if i >= len(text):
                    raise ValueError(f"references.bib: unbalanced braces in {key!r}")
                depth += {"{": 1, "}": -1}.get(text[i], 0)
                i += 1
            fields[f.group(1).lower()] = " ".join(text[f.end() : i - 1].split())
            pos = i
            while pos < len(text) and text[pos] in " \t\n,":
                pos += 1
        while pos < len(text) and text[pos] in " \t\n":
            pos += 1
        if pos >= len(text) or text[pos] != "}":
            raise ValueError(f"references.bib: entry {key!r} is not closed after its fields")
        entries[key] = fields
    return entries
