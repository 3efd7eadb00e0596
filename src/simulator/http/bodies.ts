// Reading request bodies the way a CIC server checks them: a missing required property and a
// property of the wrong type are 400s that name the property.
import { setOwnProperty } from '../../icws/ownProperty';
import { simErrors } from '../SimError';

export function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function stringProperty(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}

export function requiredString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (value === undefined) throw simErrors.missingProperty(name);
  if (typeof value !== 'string' || value === '') throw simErrors.invalidProperty(name, 'must be a non-empty string');
  return value;
}

export function booleanProperty(body: Record<string, unknown>, name: string): boolean {
  const value = body[name];
  if (typeof value !== 'boolean') throw value === undefined ? simErrors.missingProperty(name) : simErrors.invalidProperty(name, 'must be true or false');
  return value;
}

/** An enum property: one of `allowed` (the contract's enum numbers). */
export function enumProperty(body: Record<string, unknown>, name: string, allowed: Record<string, number>, required: boolean): number | undefined {
  const value = body[name];
  if (value === undefined) {
    if (required) throw simErrors.missingProperty(name);
    return undefined;
  }
  const values = Object.values(allowed);
  if (typeof value !== 'number' || !values.includes(value)) {
    throw simErrors.invalidProperty(name, `expected one of ${Object.entries(allowed).map(([label, number]) => `${number} (${label})`).join(', ')}`);
  }
  return value;
}

export function stringArray(body: Record<string, unknown>, name: string, options: { minItems?: number } = {}): string[] {
  const value = body[name];
  if (value === undefined) throw simErrors.missingProperty(name);
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item !== '')) throw simErrors.invalidProperty(name, 'must be an array of non-empty strings');
  if (value.length < (options.minItems ?? 0)) throw simErrors.invalidProperty(name, `needs at least ${options.minItems} item(s)`);
  return value as string[];
}

export function stringRecord(value: unknown, property: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  const object = asObject(value);
  if (object !== value) throw simErrors.invalidProperty(property, 'must be an object of string values');
  const out: Record<string, string> = {};
  for (const [name, item] of Object.entries(object)) {
    if (typeof item !== 'string') throw simErrors.invalidProperty(`${property}.${name}`, 'must be a string');
    setOwnProperty(out, name, item);
  }
  return out;
}

