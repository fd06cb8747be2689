#!/usr/bin/env python3
"""Writes a synthetic OSV data set shaped like osv.dev's: an all.zip of OSV JSON records.

Usage: generate_osv.py OUT.zip [--records 500000] [--seed 1]

The mix follows the published data (by share of records): malicious-package records (npm and
PyPI, versions[] only), language advisories with SEMVER/ECOSYSTEM ranges (often several ranges
and introduced/fixed pairs, some last_affected, GIT ranges beside PyPI ones), and distribution
advisories with one affected entry per release (Debian, Ubuntu with long versions[] lists, Alpine,
Red Hat). Package popularity is Zipf-like, so a few packages (the Linux kernel, big libraries)
carry thousands of records, as in the real data. Python 3 standard library only; deterministic
for a given seed.
"""
import argparse
import json
import random
import zipfile

# ecosystem, share of records, number of distinct packages, releases (distributions)
MIX = [
    ("npm", 0.30, 60000, None),
    ("PyPI", 0.12, 25000, None),
    ("Maven", 0.06, 12000, None),
    ("Go", 0.04, 6000, None),
    ("crates.io", 0.02, 3000, None),
    ("RubyGems", 0.02, 3000, None),
    ("NuGet", 0.02, 3000, None),
    ("Packagist", 0.03, 4000, None),
    ("Debian", 0.14, 8000, ["11", "12", "13"]),
    ("Ubuntu", 0.12, 6000, ["20.04:LTS", "22.04:LTS", "24.04:LTS"]),
    ("Alpine", 0.07, 2500, ["v3.18", "v3.19", "v3.20"]),
    ("Red Hat", 0.06, 4000, ["rhel_aus:8.6::appstream", "enterprise_linux:9::appstream"]),
]

PREFIX = {"npm": "GHSA", "PyPI": "PYSEC", "Maven": "GHSA", "Go": "GO", "crates.io": "RUSTSEC",
          "RubyGems": "GHSA", "NuGet": "GHSA", "Packagist": "GHSA", "Debian": "DEBIAN",
          "Ubuntu": "UBUNTU", "Alpine": "ALPINE", "Red Hat": "RHSA"}

WORDS = ("buffer overflow in the parser allows remote attackers to execute arbitrary code via a "
         "crafted request when the server processes untrusted input leading to denial of service "
         "information disclosure privilege escalation cross site scripting path traversal").split()


def zipf_index(rng, n):
    # Log-uniform: P(index i) falls as 1/i, so the first packages carry most records.
    return min(n, int(n ** rng.random())) - 1


def package_name(eco, i):
    if eco == "Maven":
        return "org.example%d:artifact-%d" % (i % 500, i)
    if eco == "Go":
        return "github.com/org%d/module%d" % (i % 900, i)
    if eco == "Packagist":
        return "vendor%d/package%d" % (i % 700, i)
    if eco == "Ubuntu" and i == 0:
        return "linux"
    return "%s-pkg%d" % (eco.lower().replace(" ", "").replace(".", ""), i)


def version(rng, eco, major=None):
    a = rng.randint(0, 12) if major is None else major
    b, c = rng.randint(0, 30), rng.randint(0, 40)
    if eco == "Debian":
        return "%d.%d.%d-%d+deb12u%d" % (a, b, c, rng.randint(1, 5), rng.randint(1, 3))
    if eco == "Ubuntu":
        return "%d.%d.%d-%d.%d" % (a, b, c, rng.randint(1, 200), rng.randint(1, 300))
    if eco == "Alpine":
        return "%d.%d.%d-r%d" % (a, b, c, rng.randint(0, 9))
    if eco == "Red Hat":
        return "0:%d.%d.%d-%d.el9" % (a, b, c, rng.randint(1, 20))
    return "%d.%d.%d" % (a, b, c)


def ranges(rng, eco):
    out = []
    kind = "SEMVER" if eco in ("npm", "Go", "crates.io") else "ECOSYSTEM"
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        events = []
        start = rng.randint(0, 8)
        end = "last_affected" if rng.random() < 0.05 else "fixed"  # never both in one range
        for k in range(rng.choice((1, 1, 2, 3))):
            major = start + 2 * k
            events.append({"introduced": "0" if (k == 0 and rng.random() < 0.5)
                           else version(rng, eco, major)})
            if rng.random() < 0.9:
                events.append({end: version(rng, eco, major + 1)})
        out.append({"type": kind, "events": events})
    if eco == "PyPI" and rng.random() < 0.3:
        out.append({"type": "GIT", "repo": "https://github.com/example/repo",
                    "events": [{"introduced": "0"}, {"fixed": "%040x" % rng.getrandbits(160)}]})
    return out


def affected_entries(rng, eco, releases, name, malicious):
    if malicious:
        return [{"package": {"ecosystem": eco, "name": name},
                 "versions": [version(rng, eco) for _ in range(rng.randint(1, 4))]}]
    entries = []
    for release in (releases or [None]):
        entry = {"package": {"ecosystem": eco if release is None else eco + ":" + release,
                             "name": name}, "ranges": ranges(rng, eco)}
        if eco in ("PyPI", "Ubuntu") or rng.random() < 0.2:
            count = rng.randint(20, 200) if eco in ("PyPI", "Ubuntu") else rng.randint(1, 20)
            entry["versions"] = [version(rng, eco) for _ in range(count)]
        entries.append(entry)
        if release is not None and rng.random() < 0.3:
            break  # not every release is affected
    return entries


def record(rng, n, eco, releases, packages):
    malicious = eco in ("npm", "PyPI") and rng.random() < 0.55
    name = package_name(eco, zipf_index(rng, packages))
    prefix = "MAL" if malicious else PREFIX[eco]
    rec = {
        "schema_version": "1.6.0",
        "id": "%s-%d-%d" % (prefix, 2015 + n % 11, n),
        "modified": "2025-%02d-%02dT12:00:00Z" % (1 + n % 12, 1 + n % 28),
        "published": "2024-%02d-%02dT12:00:00Z" % (1 + n % 12, 1 + n % 28),
        "aliases": ["CVE-%d-%d" % (2015 + n % 11, 10000 + n)] if not malicious else [],
        "summary": " ".join(rng.choice(WORDS) for _ in range(8)),
        "details": " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 250))),
        "affected": affected_entries(rng, eco, releases, name, malicious),
        "references": [{"type": "WEB", "url": "https://example.org/advisory/%d/%d" % (n, i)}
                       for i in range(rng.randint(1, 6))],
    }
    if not malicious and rng.random() < 0.7:
        rec["severity"] = [{"type": "CVSS_V3",
                            "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}]
    if rng.random() < 0.01:
        rec["withdrawn"] = "2025-06-01T00:00:00Z"
    return rec


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--records", type=int, default=500000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    weights = [share for _, share, _, _ in MIX]
    with zipfile.ZipFile(args.out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for n in range(args.records):
            eco, _, packages, releases = rng.choices(MIX, weights)[0]
            rec = record(rng, n, eco, releases, packages)
            z.writestr(rec["id"] + ".json", json.dumps(rec, separators=(",", ":")))
    print("wrote %d records to %s" % (args.records, args.out))


if __name__ == "__main__":
    main()
