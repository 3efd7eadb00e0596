// Builds data/icws-catalog.json, the ICWS operation catalog the notebooks and the simulator use,
// from a JSON description of the ICWS API (operations with method, URL template, request and
// response contracts; data contracts with properties and enum values), such as a dump of the
// vendor's generated JavaScript SDK. Run when the description changes; the output is committed.
//
//   node scripts/build-icws-catalog.mjs <api-description.json>
//
// The catalog is compact (arrays, not objects with names) since it ships in the extension and is
// read when the first notebook opens:
//   operations: [module, name, method, template, requestContract, successStatus, responseContract, usesCsrf]
//   contracts:  { urn: [name, properties: [name, type, required][], enumValues?] }
// Types are `string`, `boolean`, `date`, `any`, a contract URN, or `T[]` / `T{}` of one of them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const source = process.argv[2];
if (!source) {
  console.error('usage: node scripts/build-icws-catalog.mjs <api-description.json>');
  process.exit(2);
}
const description = JSON.parse(readFileSync(source, 'utf8'));
const PRIMITIVES = { String: 'string', Boolean: 'boolean', Date: 'date', unknown: 'any', urn: 'string', Guid: 'string', '_util.Duration': 'string' };

const lowerFirst = (text) => text.charAt(0).toLowerCase() + text.slice(1);
const moduleOfUrn = (urn) => urn.split(':')[2] ?? '';
const byName = new Map();
for (const [urn, contract] of Object.entries(description.contracts)) {
  const list = byName.get(contract.name) ?? [];
  list.push(urn);
  byName.set(contract.name, list);
}

let unresolved = 0;
/** The URN a contract reference names: `Module.Name`, or `Name` in the module `context`. */
function resolve(reference, contextModule) {
  const parts = reference.split('.');
  const name = parts.pop();
  const candidates = byName.get(name) ?? [];
  const wanted = parts.length ? parts.map(lowerFirst).join('.') : contextModule;
  const exact = candidates.find((urn) => moduleOfUrn(urn) === wanted);
  if (exact) return exact;
  const nested = candidates.filter((urn) => wanted && (moduleOfUrn(urn).startsWith(`${wanted}.`) || wanted.startsWith(`${moduleOfUrn(urn)}.`)));
  if (nested.length === 1) return nested[0];
  if (candidates.length === 1) return candidates[0];
  unresolved++;
  return undefined;
}

function typeOf(raw, contextModule) {
  if (!raw) return 'any';
  const suffix = /((\[\]|\{\})*)$/.exec(raw)[1];
  const base = raw.slice(0, raw.length - suffix.length);
  const resolved = PRIMITIVES[base] ?? resolve(base, contextModule) ?? 'any';
  return resolved + suffix;
}

const contracts = {};
for (const [urn, contract] of Object.entries(description.contracts)) {
  const module = moduleOfUrn(urn);
  const properties = Object.entries(contract.properties).filter(([name]) => name !== '__type').map(([name, property]) => [name, typeOf(property.type, module), property.required ? 1 : 0]);
  const entry = [contract.name, properties];
  if (contract.enumValues && Object.keys(contract.enumValues).length) entry.push(contract.enumValues);
  contracts[urn] = entry;
}

const operations = description.resources.map((resource) => {
  const module = resource.module.split('.').map(lowerFirst).join('.');
  const success = Object.keys(resource.responseContracts ?? {}).find((status) => status.startsWith('2'));
  const request = resource.requestContent ? typeOf(resource.requestContent, module) : null;
  const response = success ? typeOf(resource.responseContracts[success], module) : null;
  return [resource.module, resource.operation, resource.method, resource.urlTemplate, request, success ? Number(success) : null, response, resource.usesCsrfHeader ? 1 : 0];
});

const catalog = { about: 'ICWS operations and data contracts, built by scripts/build-icws-catalog.mjs from a description of the ICWS API', operations, contracts };
const target = join(import.meta.dirname, '..', 'data', 'icws-catalog.json');
writeFileSync(target, `${JSON.stringify(catalog)}\n`);
console.log(`${operations.length} operations, ${Object.keys(contracts).length} contracts, ${unresolved} references left untyped -> ${target} (${(JSON.stringify(catalog).length / 1024).toFixed(0)} KB)`);
