#!/usr/bin/env bash
# Copies seed inputs for one fuzz target (or all) from ../shared/corpora into a work folder outside
# the repository: $CRAFT_FUZZ_WORK/<target>/seeds (default /tmp/craft-fuzz). Seeds are the
# standards bodies' and tools' own files (see ../shared/corpora/README.md), capped at 128 KiB each
# so that mutations stay fast; file names are content hashes, so reruns add nothing twice.
#
#   fuzz/seed.sh [TARGET...]     e.g. fuzz/seed.sh fuzz_cyclonedx_xml
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
corpora=${CRAFT_CORPORA:-$(cd "$here/../.." && pwd)/shared/corpora}
[[ -d $corpora ]] || corpora=/work/shared/corpora
work=${CRAFT_FUZZ_WORK:-/tmp/craft-fuzz}
max_bytes=131072

all=(fuzz_cyclonedx_json fuzz_cyclonedx_xml fuzz_spdx_json fuzz_spdx_tag_value fuzz_spdx3_jsonld
     fuzz_purl fuzz_license_expression fuzz_osv_record fuzz_nvd_page fuzz_vex)
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all[@]}")

# Files under the given folders whose name matches `name_glob` and whose content matches `marker`
# (an extended regex), at most max_bytes long.
candidates() {
  local name_glob=$1 marker=$2
  shift 2
  find "$@" -type f -name "$name_glob" -size -$((max_bytes + 1))c -print0 2>/dev/null |
    xargs -0 -r grep -lEZ -- "$marker" 2>/dev/null | tr '\0' '\n'
}

copy_files() {
  local dest=$1
  while IFS= read -r f; do
    [[ -n $f ]] || continue
    cp "$f" "$dest/$(sha1sum <"$f" | cut -c1-40)"
  done
}

# One seed file per string: `python3 extract` prints the strings NUL-separated.
write_strings() {
  local dest=$1
  python3 -c '
import hashlib, os, sys
dest = sys.argv[1]
for s in sys.stdin.buffer.read().split(b"\0"):
    if s:
        open(os.path.join(dest, hashlib.sha1(s).hexdigest()), "wb").write(s)
' "$dest"
}

seed() {
  local target=$1 dest=$work/$1/seeds
  mkdir -p "$dest"
  case $target in
    fuzz_cyclonedx_json)
      candidates '*.json' '"bomFormat"' "$corpora/cyclonedx-spec" "$corpora/cyclonedx-bom-examples" \
        "$corpora/sbomqs" "$corpora/sbom-scorecard" "$corpora/ntia-conformance-checker" |
        copy_files "$dest" ;;
    fuzz_cyclonedx_xml)
      candidates '*.xml' 'cyclonedx.org/schema/bom' "$corpora/cyclonedx-spec" \
        "$corpora/cyclonedx-bom-examples" "$corpora/sbomqs" "$corpora/sbom-scorecard" \
        "$corpora/ntia-conformance-checker" | copy_files "$dest" ;;
    fuzz_spdx_json)
      candidates '*.json' '"spdxVersion"' "$corpora/spdx-spec" "$corpora/spdx-examples" \
        "$corpora/sbomqs" "$corpora/sbom-scorecard" "$corpora/ntia-conformance-checker" |
        copy_files "$dest" ;;
    fuzz_spdx_tag_value)
      candidates '*' '^SPDXVersion:' "$corpora/spdx-spec" "$corpora/spdx-examples" \
        "$corpora/sbomqs" "$corpora/sbom-scorecard" "$corpora/ntia-conformance-checker" |
        copy_files "$dest" ;;
    fuzz_spdx3_jsonld)
      candidates '*.json*' 'spdx.org/rdf/3' "$corpora/spdx-examples" "$corpora/sbomqs" \
        "$corpora/ntia-conformance-checker" | copy_files "$dest" ;;
    fuzz_purl)
      # Every "input" string and every canonical output of the purl-spec test vectors.
      python3 -c '
import json, sys
out = []
for path in sys.argv[1:]:
    for t in json.load(open(path)).get("tests", []):
        for key in ("input", "expected_output"):
            v = t.get(key)
            if isinstance(v, str):
                out.append(v)
sys.stdout.buffer.write(b"\0".join(s.encode() for s in out))
' "$corpora"/purl-spec/tests/spec/*.json "$corpora"/purl-spec/tests/types/*.json |
        write_strings "$dest" ;;
    fuzz_license_expression)
      # Licence expressions as SBOMs in the corpora write them (SPDX and CycloneDX).
      { candidates '*.json' '"(licenseConcluded|licenseDeclared|expression)"' \
          "$corpora/spdx-spec" "$corpora/spdx-examples" "$corpora/cyclonedx-spec" \
          "$corpora/sbomqs"; } | python3 -c '
import json, sys
seen = set()
def walk(v):
    if isinstance(v, dict):
        for k, x in v.items():
            if k in ("licenseConcluded", "licenseDeclared", "expression", "licenseInfoFromFiles") \
               and isinstance(x, str):
                seen.add(x)
            walk(x)
    elif isinstance(v, list):
        for x in v:
            walk(x)
for path in sys.stdin.read().split("\n"):
    if path:
        try:
            walk(json.load(open(path)))
        except Exception:
            pass
seen.update(["MIT", "(MIT OR Apache-2.0) AND GPL-2.0-or-later WITH Classpath-exception-2.0",
             "LicenseRef-foo", "DocumentRef-x:LicenseRef-y", "GPL-2.0+", "NOASSERTION", "NONE"])
sys.stdout.buffer.write(b"\0".join(s.encode() for s in sorted(seen)))
' | write_strings "$dest" ;;
    fuzz_osv_record)
      candidates '*.json' '"(modified|affected)"' "$corpora/vuln/osv" | copy_files "$dest" ;;
    fuzz_nvd_page)
      candidates '*.json' '"(vulnerabilities|resultsPerPage)"' "$corpora/vuln/nvd" |
        copy_files "$dest" ;;
    fuzz_vex)
      candidates '*.json' '"(analysis|statements|document)"' "$corpora/vuln/vex" \
        "$corpora/vuln/csaf" | copy_files "$dest" ;;
    *)
      echo "seed.sh: unknown target $target" >&2
      return 2 ;;
  esac
  echo "$target: $(find "$dest" -type f | wc -l) seeds in $dest"
}

for t in "${targets[@]}"; do seed "$t"; done
