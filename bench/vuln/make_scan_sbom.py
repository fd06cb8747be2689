#!/usr/bin/env python3
"""Writes a CycloneDX SBOM of components drawn from an OSV all.zip, to time `craft vuln scan`.

Usage: make_scan_sbom.py ALL.zip OUT.cdx.json [--components 10000] [--seed 13] [--no-purl N%]

Like bench_vuln's BM_MatchComponents: packages drawn uniformly from those the data set names, at a
version taken from one of their advisories, and every fifth component a package no advisory names
(npm "no-such-package-<i>"). Each component has the purl of its ecosystem (distributions with
their `distro` qualifier); with --no-purl, that share of components has no purl (matched by name).
Python 3 standard library only; deterministic for a given seed.
"""
import argparse
import json
import random
import zipfile

DISTRO = {"Debian": ("deb", "debian", lambda r: "debian-" + r),
          "Ubuntu": ("deb", "ubuntu", lambda r: "ubuntu-" + r.split(":")[0]),
          "Alpine": ("apk", "alpine", lambda r: "alpine-" + r.lstrip("v")),
          "Red Hat": ("rpm", "redhat", lambda r: "rhel-" + r.split(":")[1])}
TYPE = {"npm": "npm", "PyPI": "pypi", "Maven": "maven", "Go": "golang", "crates.io": "cargo",
        "RubyGems": "gem", "NuGet": "nuget", "Packagist": "composer"}


def purl(ecosystem, name, version):
    base, _, release = ecosystem.partition(":")
    if base in DISTRO:
        kind, namespace, distro = DISTRO[base]
        return "pkg:%s/%s/%s@%s?distro=%s" % (kind, namespace, name, version, distro(release))
    if base == "Maven":
        return "pkg:maven/%s@%s" % (name.replace(":", "/"), version)
    return "pkg:%s/%s@%s" % (TYPE[base], name, version)


def packages(path, rng):
    seen = {}
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            record = json.loads(z.read(info))
            if record.get("withdrawn"):
                continue
            for affected in record.get("affected", []):
                package = affected.get("package") or {}
                key = (package.get("ecosystem"), package.get("name"))
                versions = affected.get("versions") or []
                if not versions:
                    events = ((affected.get("ranges") or [{}])[0]).get("events") or []
                    versions = [list(e.values())[0] for e in events[-1:]]
                if key[0] and key[1] and versions:
                    seen.setdefault(key, rng.choice(versions))
    return sorted((e, n, v) for (e, n), v in seen.items())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("zip")
    parser.add_argument("out")
    parser.add_argument("--components", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-purl", type=float, default=0.0, help="percent without purl")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pool = packages(args.zip, rng)
    components = []
    for i in range(args.components):
        if i % 5 == 4:
            ecosystem, name, version = "npm", "no-such-package-%d" % i, "1.0.0"
        else:
            ecosystem, name, version = rng.choice(pool)
        component = {"type": "library", "bom-ref": "c%d" % i, "name": name, "version": version}
        if rng.random() * 100 >= args.no_purl:
            component["purl"] = purl(ecosystem, name, version)
        components.append(component)
    with open(args.out, "w") as out:
        json.dump({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
                   "components": components}, out)
    print("wrote %d components to %s" % (len(components), args.out))


if __name__ == "__main__":
    main()
