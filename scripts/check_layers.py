#!/usr/bin/python3
"""Checks that no source file includes across layers against docs/architecture.md's rules.

The rules are the table between the markers `<!-- layer-rules:begin -->` and
`<!-- layer-rules:end -->` of docs/architecture.md ("Who may include whom"): one row per folder,
the folders it may include, and two lines naming the include roots (the folders CMake puts on the
include path) and the headers generated in the build tree. The doc is the only copy of the rules.

For every C/C++ source under a folder the table lists (tests/ and bench/, which may include
anything, are skipped), each `#include "..."` is resolved the way the compiler resolves it: the
including file's folder first, then the include roots in order; an `#include <...>` that resolves
under an include root is checked too (any other is a system header). The header's folder is the
longest folder of the table that contains it. An include is legal when it stays in its folder or
names a folder the table allows or one under it (`models` allows `models/dram`). A subfolder with
its own row (models/cpu/rv32) is a folder of its own: its parent must name it to include it.

Prints each violation as `file:line: #include "x" reaches <folder>/ (<path>); <folder>/ may
include only ...` and exits 1; exit 2 for a missing or malformed rules table; 0 when clean.

Usage: check_layers.py [--root DIR] [--rules FILE]   (defaults: the repository, its
docs/architecture.md)
"""
import argparse
import fnmatch
import os
import re
import sys

BEGIN = "<!-- layer-rules:begin -->"
END = "<!-- layer-rules:end -->"
SOURCE_EXT = (".h", ".hpp", ".c", ".cc", ".cpp", ".inc")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]')
ANYTHING = "anything"


class RulesError(Exception):
    pass


def ticked(cell):
    """The `backticked` words of a table cell."""
    return re.findall(r"`([^`]+)`", cell)


def norm_folder(f):
    return f.strip().strip("/")


def parse_rules(path):
    """Returns (allowed, roots, generated): allowed maps a folder to the set of folders it may
    include (None: anything)."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError as e:
        raise RulesError(f"{path}: cannot read the rules: {e.strerror}")
    if text.count(BEGIN) != 1 or text.count(END) != 1 or text.index(BEGIN) > text.index(END):
        raise RulesError(f"{path}: needs exactly one block between '{BEGIN}' and '{END}'")
    start = text[: text.index(BEGIN)].count("\n") + 1
    block = text[text.index(BEGIN) + len(BEGIN): text.index(END)].split("\n")
    allowed, roots, generated = {}, None, []
    for offset, line in enumerate(block):
        where = f"{path}:{start + offset}"
        s = line.strip()
        if s.startswith("Include roots"):
            roots = [norm_folder(r) if r != "." else "" for r in ticked(s)]
            continue
        if s.startswith("Generated"):
            generated = ticked(s)
            continue
        if not s.startswith("|") or re.match(r"^\|[\s|:-]+\|$", s):
            continue
        cells = [c.strip() for c in s.strip("|").split("|")]
        if len(cells) < 2:
            raise RulesError(f"{where}: a rule row needs | folder | may include |")
        if cells[0].lower() == "folder":
            continue  # the header row
        folders = ticked(cells[0])
        if not folders:
            raise RulesError(f"{where}: the first cell must name a folder in backticks")
        may = None if cells[1].strip().lower().startswith(ANYTHING) else \
            {norm_folder(f) for f in ticked(cells[1])}
        if may is not None and not ticked(cells[1]) and cells[1].strip() not in ("", "-", "nothing"):
            raise RulesError(f"{where}: 'may include' must list folders in backticks, "
                             f"'nothing' or '{ANYTHING}'")
        for f in folders:
            f = norm_folder(f)
            if f in allowed:
                raise RulesError(f"{where}: folder `{f}` has two rows")
            allowed[f] = may
    if not allowed:
        raise RulesError(f"{path}: the rules block has no table rows")
    if roots is None:
        raise RulesError(f"{path}: the rules block needs an 'Include roots: `...`' line")
    for f, may in allowed.items():
        for m in may or ():
            if not any(within(g, m) for g in allowed):
                raise RulesError(f"{path}: `{f}` may include `{m}`, which is no folder of the rules")
    return allowed, roots, generated


def folder_of(path, folders):
    """The longest rule folder containing path (a repository-relative file path), or None."""
    best = None
    for f in folders:
        if path == f or path.startswith(f + "/"):
            if best is None or len(f) > len(best):
                best = f
    return best


def within(folder, outer):
    return folder == outer or folder.startswith(outer + "/")


def may_include(src, dst, allowed):
    """src may include its own folder, anything when its row says so, and every folder its row
    names or that lies under one its row names (`models` allows models/dram)."""
    may = allowed[src]
    return src == dst or may is None or any(within(dst, m) for m in may)


def source_files(root, folders):
    for top in sorted({f.split("/")[0] for f in folders}):
        base = os.path.join(root, top)
        if not os.path.isdir(base):
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames.sort()
            for n in sorted(filenames):
                if n.endswith(SOURCE_EXT):
                    yield os.path.relpath(os.path.join(dirpath, n), root).replace(os.sep, "/")


def resolve(root, roots, including, name, quoted):
    dirs = ([os.path.dirname(including)] if quoted else []) + roots
    for d in dirs:
        cand = os.path.normpath(os.path.join(d, name)).replace(os.sep, "/")
        if not cand.startswith("../") and os.path.isfile(os.path.join(root, cand)):
            return cand
    return None


def check(root, rules):
    allowed, roots, generated = parse_rules(rules)
    problems = []
    for rel in source_files(root, allowed):
        src = folder_of(rel, allowed)
        if src is None or allowed[src] is None:
            continue
        with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as fh:
            for lineno, line in enumerate(fh, 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                quoted, name = m.group(1) == '"', m.group(2)
                target = resolve(root, roots, rel, name, quoted)
                shown = f'"{name}"' if quoted else f"<{name}>"
                if target is None:
                    if quoted and not any(fnmatch.fnmatch(os.path.basename(name), g) for g in generated):
                        problems.append(f"{rel}:{lineno}: #include {shown} is found under no include "
                                        f"root ({', '.join(r or '.' for r in roots)}) nor beside the file; "
                                        "add its folder to the include roots of the rules")
                    continue
                dst = folder_of(target, allowed)
                if dst is None:
                    problems.append(f"{rel}:{lineno}: #include {shown} reaches {target}, in no folder of "
                                    "the rules; give its folder a row")
                elif not may_include(src, dst, allowed):
                    may = sorted(allowed[src])
                    rule = f"may include only {', '.join(m + '/' for m in may)}" if may else "may include no other folder"
                    problems.append(f"{rel}:{lineno}: #include {shown} reaches {dst}/ ({target}); {src}/ {rule}")
    return problems


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", default=os.path.dirname(here), help="the source tree (default: this repository)")
    ap.add_argument("--rules", help="the file holding the rules block (default: ROOT/docs/architecture.md)")
    a = ap.parse_args()
    rules = a.rules or os.path.join(a.root, "docs", "architecture.md")
    try:
        problems = check(a.root, rules)
    except RulesError as e:
        print(f"check_layers: {e}", file=sys.stderr)
        return 2
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"check_layers: {len(problems)} include(s) break the layer rules of {os.path.relpath(rules, a.root)}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
