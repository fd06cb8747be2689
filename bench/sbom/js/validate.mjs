// The reference JavaScript validator of CycloneDX JSON (npm @cyclonedx/cyclonedx-library's
// JsonStrictValidator, on ajv), timed on one file: node validate.mjs FILE [SPEC_VERSION]
// Prints "valid|invalid <milliseconds>"; the time covers JSON parsing and validation, not the
// one-off schema compilation (done first, on a minimal document).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';

const [file, version = '1.6'] = process.argv.slice(2);
const spec = { '1.4': Spec.Version.v1dot4, '1.5': Spec.Version.v1dot5, '1.6': Spec.Version.v1dot6,
               '1.7': Spec.Version.v1dot7 }[version];
const validator = new Validation.JsonStrictValidator(spec);
await validator.validate(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: version, version: 1 }));
const text = readFileSync(file, 'utf8');
const start = performance.now();
const errors = await validator.validate(text);
const ms = performance.now() - start;
console.log(`${errors === null ? 'valid' : 'invalid'} ${ms.toFixed(0)}`);
if (errors !== null) console.error(JSON.stringify(errors).slice(0, 2000));
