#!/usr/bin/env python3
"""Writes version pairs for the comparator benchmark (compare_versions.sh): one pair a line, the two
versions separated by a tab.

Usage: generate_version_pairs.py SCHEME OUT.tsv [--pairs 100000] [--seed 1]
       SCHEME is debian or pypi.

The versions are drawn from the comparison fixtures osv-scalibr publishes
(../shared/corpora/vuln/osv/osv-scalibr/semantic/testdata/<scheme>-versions*.txt: real versions
of Debian packages and PyPI projects), then mutated the way versions really differ: a number
bumped or dropped, an epoch, a "~" pre-release, a revision or a "+debNuM" security upload (Debian);
a pre, post, dev or local segment, an epoch, a different spelling of the same version (PyPI).
Half of the pairs are a version and a mutation of it (close versions: the comparisons that
matter), a quarter two mutations of one version, a quarter two unrelated versions. A few PyPI
mutations make strings PEP 440 rejects, as real package indexes hold some. Python 3 standard
library only; deterministic for a given seed.
"""
import argparse
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.normpath(
    os.path.join(HERE, "..", "..", "..", "shared", "corpora", "vuln", "osv", "osv-scalibr",
                 "semantic", "testdata"))


def fixture_versions(corpus, scheme):
    versions = set()
    for name in sorted(os.listdir(corpus)):
        if not name.startswith(scheme + "-versions"):
            continue
        with open(os.path.join(corpus, name), encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line or line.startswith("# ") or line.startswith("// "):
                    continue
                parts = line.split(" ")
                if len(parts) == 3 and parts[1] in ("<", "=", ">"):
                    versions.update((parts[0], parts[2]))
    return sorted(versions)


def bump_number(rng, v):
    numbers = list(re.finditer(r"\d+", v))
    if not numbers:
        return v + "1"
    m = rng.choice(numbers)
    n = int(m.group())
    choice = rng.random()
    if choice < 0.5:
        n += rng.choice((1, 1, 2, 10))
    elif choice < 0.8:
        n = max(0, n - 1)
    else:
        return v[:m.start()] + "0" + m.group() + v[m.end():]  # a leading zero: the same number
    return v[:m.start()] + str(n) + v[m.end():]


def debian_mutation(rng, v):
    epoch, rest = (v.split(":", 1) if ":" in v else ("", v))
    upstream, revision = (rest.rsplit("-", 1) if "-" in rest else (rest, ""))
    r = rng.random()
    if r < 0.25:
        return bump_number(rng, v)
    if r < 0.35:
        epoch = str(rng.choice((0, 1, 1, 2))) if not epoch else ""
    elif r < 0.50:
        upstream += rng.choice(("~rc1", "~beta2", "~dfsg", "~~", "~pre1", "+dfsg", "+ds1", "a",
                                ".1", "+git20240101"))
    elif r < 0.65:
        revision = (revision or "1") + rng.choice(
            ("+deb12u1", "+deb11u3", "+deb12u2", "~deb12u1", "ubuntu0.22.04.1", "ubuntu1", "build1",
             ".1", "+b1", "~bpo12+1"))
    elif r < 0.75:
        revision = "" if revision else str(rng.randint(0, 5))
    elif r < 0.85:
        revision = str(rng.randint(0, 9)) + rng.choice(("", ".1", "+deb12u1", "ubuntu2"))
    elif r < 0.92:
        upstream = upstream.replace(".", rng.choice(("+", "~", ".")), 1)
    else:
        upstream = upstream.upper() if rng.random() < 0.5 else upstream + "-" + "1"
    out = upstream
    if epoch:
        out = epoch + ":" + out
    if revision:
        out += "-" + revision
    return out


PYPI_PRE = ("a", "b", "rc", "alpha", "beta", "c", "pre", "preview", ".a", "-rc", "_b")
PYPI_POST = (".post", "-post", "post", ".r", "-rev", "-")
PYPI_DEV = (".dev", "dev", "-dev", "_dev")


def pypi_mutation(rng, v):
    r = rng.random()
    if r < 0.25:
        return bump_number(rng, v)
    if r < 0.40:
        return v + rng.choice(PYPI_PRE) + rng.choice(("", "0", "1", "2", "11"))
    if r < 0.50:
        return v + rng.choice(PYPI_POST) + rng.choice(("0", "1", "3")) if rng.random() < 0.9 \
            else v + ".post"
    if r < 0.60:
        return v + rng.choice(PYPI_DEV) + rng.choice(("", "0", "1", "5"))
    if r < 0.68:
        return v + "+" + rng.choice(("local", "ubuntu1", "1", "abc.5", "cpu", "cu118", "1.2-x"))
    if r < 0.74:
        return str(rng.choice((1, 2))) + "!" + v
    if r < 0.80:
        return v + rng.choice((".0", ".0.0", ".1"))
    if r < 0.86:  # another spelling of the same version
        return rng.choice(("v" + v, v.upper(), " " + v, v + " ", v.replace(".", ".0", 1)))
    if r < 0.92:
        return re.sub(r"\.0+$", "", v) or v
    # strings PEP 440 rejects (counted apart from disagreements)
    return rng.choice((v + "-beta-final", v + ".x", "dev-" + v, v + "++", v + ".*", "latest",
                       v.replace(".", "..", 1), v + "+", v + "_" + "abc"))


def synthetic_debian(rng):
    v = "%d.%d" % (rng.randint(0, 30), rng.randint(0, 40))
    if rng.random() < 0.6:
        v += ".%d" % rng.randint(0, 60)
    if rng.random() < 0.2:
        v += rng.choice(("~rc1", "+dfsg", "+ds", "~beta1", "a", "+git20230510.1a2b3c"))
    v += "-%d" % rng.randint(0, 8)
    if rng.random() < 0.3:
        v += rng.choice(("+deb%du%d" % (rng.randint(9, 13), rng.randint(1, 9)),
                         "ubuntu%d" % rng.randint(0, 3), ".%d" % rng.randint(1, 3),
                         "build%d" % rng.randint(1, 2)))
    if rng.random() < 0.1:
        v = "%d:%s" % (rng.randint(1, 3), v)
    return v


def synthetic_pypi(rng):
    v = ".".join(str(rng.randint(0, 25)) for _ in range(rng.choice((1, 2, 3, 3, 3, 4))))
    if rng.random() < 0.2:
        v += rng.choice(("a1", "b2", "rc1", ".post1", ".dev0", "rc2.post1.dev3", "+local.7"))
    return v


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scheme", choices=("debian", "pypi"))
    parser.add_argument("out")
    parser.add_argument("--pairs", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    args = parser.parse_args()
    rng = random.Random("%s-%d" % (args.scheme, args.seed))
    pool = fixture_versions(args.corpus, args.scheme)
    synthetic = synthetic_debian if args.scheme == "debian" else synthetic_pypi
    mutate = debian_mutation if args.scheme == "debian" else pypi_mutation
    pool += [synthetic(rng) for _ in range(len(pool) // 2 + 1000)]
    with open(args.out, "w", encoding="utf-8") as out:
        for _ in range(args.pairs):
            base = rng.choice(pool)
            r = rng.random()
            if r < 0.5:
                a, b = base, mutate(rng, base)
            elif r < 0.75:
                a, b = mutate(rng, base), mutate(rng, base)
            else:
                a, b = base, rng.choice(pool)
            if rng.random() < 0.5:
                a, b = b, a
            out.write("%s\t%s\n" % (a.replace("\t", " "), b.replace("\t", " ")))
    print("wrote %d %s pairs to %s (%d distinct fixture and synthetic versions drawn from)"
          % (args.pairs, args.scheme, args.out, len(pool)))


if __name__ == "__main__":
    main()
