#!/usr/bin/env python3
"""Writes a schema-valid CycloneDX 1.6 JSON SBOM of N components, for bench/sbom/run.sh.

  generate_cyclonedx.py --components 2000 --properties 50 > bom-15mb.json    (~15 MB)
  generate_cyclonedx.py --components 100000 --properties 1 > bom-100k.json    (~111 MB)

Each component has a bom-ref, group, name, version, description, purl, a SHA-256 hash, a licence,
two external references, a supplier and `--properties` properties; every component depends on the
next. Deterministic: the same arguments give the same bytes.
"""
import argparse
import hashlib
import json
import sys


def component(i, properties):
    name = f"component-{i}"
    version = f"{i % 7}.{i % 13}.{i % 101}"
    digest = hashlib.sha256(name.encode()).hexdigest()
    return {
        "type": "library",
        "bom-ref": f"pkg:npm/@bench/{name}@{version}",
        "group": "@bench",
        "name": name,
        "version": version,
        "description": f"Generated component {i} for the craft SBOM benchmark.",
        "supplier": {"name": f"Supplier {i % 50}", "url": [f"https://supplier{i % 50}.example"]},
        "purl": f"pkg:npm/@bench/{name}@{version}",
        "hashes": [{"alg": "SHA-256", "content": digest}],
        "licenses": [{"license": {"id": ["MIT", "Apache-2.0", "BSD-3-Clause"][i % 3]}}],
        "externalReferences": [
            {"type": "vcs", "url": f"https://git.example/bench/{name}.git"},
            {"type": "website", "url": f"https://bench.example/{name}"},
        ],
        "properties": [
            {"name": f"bench:property:{k}", "value": f"value {k} of {name}, " + "x" * 40}
            for k in range(properties)
        ],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--components", type=int, required=True)
    parser.add_argument("--properties", type=int, default=3)
    args = parser.parse_args()
    n = args.components
    refs = [component(i, 0)["bom-ref"] for i in range(n)]
    bom = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
        "version": 1,
        "metadata": {
            "timestamp": "2026-01-01T00:00:00Z",
            "component": {"type": "application", "bom-ref": "app", "name": "bench-app",
                          "version": "1.0.0"},
        },
        "components": [component(i, args.properties) for i in range(n)],
        "dependencies": [{"ref": "app", "dependsOn": refs[:1]}]
        + [{"ref": refs[i], "dependsOn": refs[i + 1:i + 2]} for i in range(n)],
    }
    json.dump(bom, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
