#!/usr/bin/python3
"""The reference side of the comparator benchmark (compare_versions.sh): orders the same version
pairs with the ecosystem's own tool and checks craft's results against it.

Usage: reference_compare.py debian PAIRS.tsv CRAFT_RESULTS.txt [--dpkg-sample 2000] [--runs 3]
       reference_compare.py pypi   PAIRS.tsv CRAFT_RESULTS.txt [--runs 3]

debian: apt_pkg.version_compare (python3-apt: libapt-pkg's implementation of dpkg's ordering) over
every pair, in one process; then a sample of the pairs through `dpkg --compare-versions`, one
process per call (dpkg itself, and the cost of calling it that way). A pair dpkg refuses (exit
status 2: bad syntax) is counted as refused, not as a disagreement.
pypi: packaging.version.Version (python3-packaging) parses both versions and compares them, per
pair, in one process. A pair with a version `packaging` refuses (InvalidVersion) is counted as
refused, not as a disagreement.

Times are CPU time of this process (time.process_time), as bench_compare measures craft's, except
for dpkg, where they are wall time (the processes dpkg runs in are the point).
Prints one `key=value` line per figure and up to 20 disagreements; exits 1 when there is one.
Run it with Debian's python3 (/usr/bin/python3), where python3-apt and python3-packaging live.
"""
import argparse
import random
import subprocess
import sys
import time


def read_pairs(path):
    pairs = []
    with open(path, encoding="utf-8", newline="\n") as f:
        for line in f:
            line = line.rstrip("\n")
            if "\t" in line:
                pairs.append(tuple(line.split("\t", 1)))
    return pairs


def read_results(path):
    with open(path, encoding="ascii") as f:
        return [int(x) for x in f.read().split()]


def sign(x):
    return (x > 0) - (x < 0)


def timed_best(runs, fn):
    best, out = None, None
    for _ in range(runs):
        start = time.process_time()
        out = fn()
        took = time.process_time() - start
        best = took if best is None or took < best else best
    return best, out


def apt_reference(pairs, runs):
    import apt_pkg
    apt_pkg.init_system()
    compare = apt_pkg.version_compare

    def run():
        return [sign(compare(a, b)) for a, b in pairs]

    return timed_best(runs, run)


def pypi_reference(pairs, runs):
    from packaging.version import InvalidVersion, Version

    def run():
        out = []
        for a, b in pairs:
            try:
                x, y = Version(a), Version(b)
            except InvalidVersion:
                out.append(None)
                continue
            out.append(-1 if x < y else (1 if x > y else 0))
        return out

    return timed_best(runs, run)


def dpkg_compare(a, b):
    def holds(op):
        r = subprocess.run(["dpkg", "--compare-versions", a, op, b], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        if r.returncode not in (0, 1):
            raise ValueError("refused")
        return r.returncode == 0

    if holds("lt"):
        return -1
    return 0 if holds("eq") else 1


def report(name, pairs, craft, reference, seconds, craft_ns_per_pair):
    checked = agree = refused = 0
    disagreements = []
    for (a, b), c, r in zip(pairs, craft, reference):
        if r is None:
            refused += 1
            continue
        checked += 1
        if c == r:
            agree += 1
        elif len(disagreements) < 20:
            disagreements.append("  %r vs %r: craft %d, %s %d" % (a, b, c, name, r))
    print("%s.pairs=%d" % (name, len(reference)))
    print("%s.refused=%d" % (name, refused))
    print("%s.checked=%d" % (name, checked))
    print("%s.agree=%d" % (name, agree))
    print("%s.agreement_pct=%.4f" % (name, 100.0 * agree / checked if checked else 100.0))
    print("%s.ms=%.1f" % (name, seconds * 1000))
    print("%s.ns_per_pair=%.0f" % (name, seconds * 1e9 / max(1, len(reference))))
    if craft_ns_per_pair > 0:  # how many times craft's time per pair the reference takes
        print("%s.ratio=%.1f" % (name, seconds * 1e9 / max(1, len(reference)) / craft_ns_per_pair))
    for d in disagreements:
        print(d)
    return checked - agree


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scheme", choices=("debian", "pypi"))
    parser.add_argument("pairs")
    parser.add_argument("craft_results")
    parser.add_argument("--craft-ms", type=float, default=0.0,
                        help="craft's time for all pairs, for the speed ratio")
    parser.add_argument("--dpkg-sample", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pairs = read_pairs(args.pairs)
    craft = read_results(args.craft_results)
    if len(craft) != len(pairs):
        sys.exit("reference_compare: %d pairs but %d craft results" % (len(pairs), len(craft)))
    craft_ns = args.craft_ms * 1e6 / max(1, len(pairs))
    bad = 0
    if args.scheme == "debian":
        seconds, reference = apt_reference(pairs, args.runs)
        bad += report("apt_pkg", pairs, craft, reference, seconds, craft_ns)
        sample = sorted(random.Random(1).sample(range(len(pairs)), min(args.dpkg_sample,
                                                                        len(pairs))))
        sample_pairs = [pairs[i] for i in sample]
        sample_craft = [craft[i] for i in sample]
        start = time.perf_counter()
        reference = []
        for a, b in sample_pairs:
            try:
                reference.append(dpkg_compare(a, b))
            except ValueError:
                reference.append(None)
        seconds = time.perf_counter() - start
        bad += report("dpkg", sample_pairs, sample_craft, reference, seconds, craft_ns)
    else:
        seconds, reference = pypi_reference(pairs, args.runs)
        bad += report("packaging", pairs, craft, reference, seconds, craft_ns)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
