#!/usr/bin/env python3
"""Loads an RIS file with rispy, as a Python user would; prints the entry count and load time.

    rispy_load.py FILE              load FILE, print "<entries> entries, <seconds>s in rispy.load"
    rispy_load.py --usable FILE...  print the FILEs from which rispy reads at least one entry

Used by scripts/bench.sh to compare `trialrex records` with rispy on the same file. rispy does
not read every sample export (single-space tags give no entries; concatenated after other
files they raise KeyError), so the comparison file is built from the ones it reads.
"""

import sys
import time

import rispy


def load(path):
    with open(path, encoding="utf-8-sig", errors="replace") as f:
        return rispy.load(f)


def main(argv):
    if argv[1:2] == ["--usable"]:
        for path in argv[2:]:
            try:
                if load(path):
                    print(path)
            except Exception:  # noqa: BLE001 - any failure means "not usable for the comparison"
                pass
        return
    start = time.perf_counter()
    entries = load(argv[1])
    elapsed = time.perf_counter() - start
    print(f"{len(entries)} entries, {elapsed:.2f}s in rispy.load")


if __name__ == "__main__":
    main(sys.argv)
