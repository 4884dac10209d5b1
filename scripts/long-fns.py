#!/usr/bin/env python3
"""Lists the Rust functions under src/ longer than a limit (default 80 lines), longest first.

A function runs from its `fn` line to the line of the brace that closes its body; braces in
strings, chars and comments are skipped. Usage: scripts/long-fns.py [LIMIT] [DIR]
"""
import os
import re
import sys

FN = re.compile(r"^\s*(?:pub(?:\([^)]*\))?\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?fn\s+(\w+)")


def code_only(line, in_block):
    """The line with strings, chars and comments blanked; whether a block comment stays open."""
    out = []
    i = 0
    while i < len(line):
        if in_block:
            end = line.find("*/", i)
            if end < 0:
                return "".join(out), True
            i, in_block = end + 2, False
        elif line.startswith("//", i):
            break
        elif line.startswith("/*", i):
            in_block, i = True, i + 2
        elif line[i] == '"' or line.startswith('r"', i) or line.startswith("r#", i):
            hashes = 0
            if line[i] == "r":
                j = i + 1
                while j < len(line) and line[j] == "#":
                    hashes += 1
                    j += 1
                close = '"' + "#" * hashes
                end = line.find(close, j + 1)
                i = len(line) if end < 0 else end + len(close)
            else:
                j = i + 1
                while j < len(line) and line[j] != '"':
                    j += 2 if line[j] == "\\" else 1
                i = j + 1
        elif line[i] == "'" and re.match(r"'(\\.|[^\\'])'", line[i:i + 4] if line[i + 1:i + 2] != "\\" else line[i:i + 5]):
            i += 5 if line[i + 1] == "\\" else 3
        else:
            out.append(line[i])
            i += 1
    return "".join(out), in_block


def functions(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    in_block = False
    stack = []  # (name, start line, depth at which its body opened)
    depth = 0
    pending = None  # a fn whose body brace has not come yet
    nesting = 0  # brackets open in a pending signature: `[u8; 4]` holds a `;`
    for number, line in enumerate(lines, 1):
        code, in_block = code_only(line, in_block)
        m = FN.match(code)
        if m:
            pending = (m.group(1), number)
            nesting = 0
        for c in code:
            if c in "([":
                nesting += 1
            elif c in ")]":
                nesting -= 1
            elif c == "{":
                depth += 1
                if pending:
                    stack.append((pending[0], pending[1], depth))
                    pending = None
            elif c == "}":
                if stack and stack[-1][2] == depth:
                    name, start, _ = stack.pop()
                    yield name, start, number - start + 1
                depth -= 1
            elif c == ";" and pending and nesting == 0:
                pending = None  # a declaration without a body (trait method)


def main():
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 80
    root = sys.argv[2] if len(sys.argv) > 2 else "src"
    found = []
    for folder, _, files in os.walk(root):
        for name in files:
            if name.endswith(".rs"):
                path = os.path.join(folder, name)
                found += [(length, path, start, fn) for fn, start, length in functions(path) if length > limit]
    for length, path, start, fn in sorted(found, key=lambda f: (-f[0], f[1])):
        print(f"{length:5}  {path}:{start}  {fn}")
    print(f"{len(found)} functions over {limit} lines", file=sys.stderr)


if __name__ == "__main__":
    main()
