// The ICWS operation catalog: every operation (method, URL template, request and response
// contracts) and every data contract (properties with types and required flags, enum values),
// read from the compact data file scripts/build-icws-catalog.mjs writes. Notebooks complete and
// check requests with it; the simulator names what it does not implement with it.

import { templateMatcher } from '../urls';

/** One ICWS operation. */
export interface CatalogOperation {
  /** The SDK's module, e.g. `Interactions`, `Configuration.People`. */
  module: string;
  /** The SDK's operation name, e.g. `consult`. */
  name: string;
  method: string;
  /** e.g. `/icws/{sessionId}/interactions/{interactionId}/consult`. */
  template: string;
  /** URN of the request body's contract, if it takes one. */
  request?: string;
  /** The success status, if the description names one. */
  success?: number;
  /** URN of the success answer's contract. */
  response?: string;
  usesCsrf: boolean;
}

export interface CatalogProperty {
  name: string;
  /** `string`, `boolean`, `date`, `any`, a contract URN, or `T[]` / `T{}` of one of them. */
  type: string;
  required: boolean;
}

export interface CatalogContract {
  urn: string;
  name: string;
  properties: CatalogProperty[];
  /** For an enumeration: its names and the integers sent on the wire. */
  enumValues?: Record<string, number>;
}

/** The data file's shape (see scripts/build-icws-catalog.mjs). */
export interface CatalogData {
  operations: [string, string, string, string, string | null, number | null, string | null, 0 | 1][];
  contracts: Record<string, [string, [string, string, 0 | 1][], Record<string, number>?]>;
}

export interface OperationMatch {
  operation: CatalogOperation;
  /** The `{name}` values of the path. */
  params: Record<string, string>;
}

/** One way to go on from a typed path: a segment, ending the path (then with its operations) or not. */
export interface PathCompletion {
  segment: string;
  last: boolean;
  operations: CatalogOperation[];
}

/** A problem in a request body, at a property path such as `queueID.queueType`. */
export interface BodyProblem {
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

export class IcwsCatalog {
  readonly operations: CatalogOperation[];
  private readonly contracts = new Map<string, CatalogContract>();
  private readonly matchers: { operation: CatalogOperation; params: (path: string) => Record<string, string> | undefined; literals: number }[];

  constructor(data: CatalogData) {
    this.operations = data.operations.map(([module, name, method, template, request, success, response, usesCsrf]) => ({
      module,
      name,
      method,
      template,
      ...(request ? { request } : {}),
      ...(success ? { success } : {}),
      ...(response ? { response } : {}),
      usesCsrf: usesCsrf === 1,
    }));
    for (const [urn, [name, properties, enumValues]] of Object.entries(data.contracts)) {
      this.contracts.set(urn, { urn, name, properties: properties.map(([property, type, required]) => ({ name: property, type, required: required === 1 })), ...(enumValues ? { enumValues } : {}) });
    }
    this.matchers = this.operations.map((operation) => ({
      operation,
      params: templateMatcher(operation.template),
      literals: operation.template.split('/').filter((segment) => segment && !segment.startsWith('{')).length,
    }));
  }

  contract(urn: string): CatalogContract | undefined {
    return this.contracts.get(urn);
  }

  /** The contracts of messages the server pushes (`urn:…:queueContentsMessage`), for expectations. */
  messageContracts(): CatalogContract[] {
    return [...this.contracts.values()].filter((contract) => /:[a-z]\w*Message$/.test(contract.urn));
  }

  /** A contract by URN, or by its name when only one contract has it (case-insensitive). */
  findContract(urnOrName: string): CatalogContract | undefined {
    const byUrn = this.contracts.get(urnOrName);
    if (byUrn) return byUrn;
    const lower = urnOrName.toLowerCase();
    const named = [...this.contracts.values()].filter((contract) => contract.name.toLowerCase() === lower || contract.urn.toLowerCase() === lower);
    return named.length === 1 ? named[0] : undefined;
  }

  /**
   * The operation a method and path name. A literal segment wins over a `{name}` one, as a
   * router would: `/interactions/conferences` is not `/interactions/{interactionId}`.
   */
  match(method: string, path: string): OperationMatch | undefined {
    const clean = pathOnly(path);
    let best: { match: OperationMatch; literals: number } | undefined;
    for (const { operation, params, literals } of this.matchers) {
      if (operation.method !== method || (best && best.literals >= literals)) continue;
      const found = params(clean);
      if (found) best = { match: { operation, params: found }, literals };
    }
    return best?.match;
  }

  /**
   * What may follow a path typed so far (`/interactions/1001234567/co`), segment by segment: the
   * next segments of the operations whose templates fit, `{name}` segments fitting any value.
   * `/icws/{sessionId}` is implied when the path does not start with `/icws/`.
   */
  nextSegments(method: string, typed: string): PathCompletion[] {
    const full = typed.startsWith('/icws/') ? typed : `/icws/{sessionId}${typed.startsWith('/') ? '' : '/'}${typed}`;
    const typedSegments = full.split('/');
    const partial = (typedSegments.pop() ?? '').toLowerCase();
    const candidates = this.operations.filter((operation) => {
      if (method && operation.method !== method) return false;
      const segments = operation.template.split('/');
      if (segments.length <= typedSegments.length) return false;
      return typedSegments.every((segment, index) => {
        const expected = segments[index]!;
        return segment === expected || (expected.startsWith('{') && segment !== '' && (!segment.includes('{') || segment.startsWith('{')));
      });
    });
    // As a router would: where a typed segment is some template's literal, the {name} readings go.
    const literalAt = typedSegments.map((segment, index) => candidates.some((operation) => operation.template.split('/')[index] === segment));
    const found = new Map<string, PathCompletion>();
    for (const operation of candidates) {
      const segments = operation.template.split('/');
      if (typedSegments.some((segment, index) => literalAt[index] && segments[index] !== segment)) continue;
      const segment = segments[typedSegments.length]!;
      if (partial && !segment.toLowerCase().startsWith(partial)) continue;
      const last = segments.length === typedSegments.length + 1;
      const key = `${segment}${last ? '' : '/'}`;
      const entry = found.get(key) ?? { segment, last, operations: [] };
      if (last) entry.operations.push(operation);
      found.set(key, entry);
    }
    return [...found.values()];
  }

  /** Operations on a path, whatever the method (to tell "wrong method" from "wrong path"). */
  operationsOnPath(path: string): CatalogOperation[] {
    const clean = pathOnly(path);
    return this.matchers.filter(({ params }) => params(clean) !== undefined).map(({ operation }) => operation);
  }

  /**
   * Checks a request body against a contract: unknown properties, missing required ones, and
   * values of the wrong type (enums by their integers), recursively. Problems name the property path.
   */
  checkBody(urn: string, body: unknown): BodyProblem[] {
    const problems: BodyProblem[] = [];
    this.checkValue(urn, body, '', problems, 0);
    return problems;
  }

  private checkValue(type: string, value: unknown, path: string, problems: BodyProblem[], depth: number): void {
    if (depth > 20 || value === null || type === 'any') return;
    const where = path || 'the body';
    if (type.endsWith('[]')) {
      if (!Array.isArray(value)) problems.push({ path, message: `${where} should be an array`, severity: 'error' });
      else value.forEach((item, index) => this.checkValue(type.slice(0, -2), item, `${path}[${index}]`, problems, depth + 1));
      return;
    }
    if (type.endsWith('{}')) {
      if (typeof value !== 'object' || Array.isArray(value)) problems.push({ path, message: `${where} should be an object of values`, severity: 'error' });
      else for (const [key, item] of Object.entries(value as Record<string, unknown>)) this.checkValue(type.slice(0, -2), item, path ? `${path}.${key}` : key, problems, depth + 1);
      return;
    }
    if (type === 'string' || type === 'date') {
      if (typeof value !== 'string') problems.push({ path, message: `${where} should be a string${type === 'date' ? ' (a date)' : ''}`, severity: 'error' });
      return;
    }
    if (type === 'boolean') {
      if (typeof value !== 'boolean') problems.push({ path, message: `${where} should be true or false`, severity: 'error' });
      return;
    }
    // A polymorphic body names its own contract in __type (a call's CreateCallParameters for CreateInteractionParameters).
    const named = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>).__type : undefined;
    const contract = (typeof named === 'string' ? this.contracts.get(named) : undefined) ?? this.contracts.get(type);
    if (!contract) return;
    if (contract.enumValues) {
      const allowed = Object.values(contract.enumValues);
      if (typeof value !== 'number' || !allowed.includes(value)) {
        const names = Object.entries(contract.enumValues).map(([name, number]) => `${number} (${name})`).join(', ');
        problems.push({ path, message: `${where} should be one of ${contract.name}: ${names}`, severity: 'error' });
      }
      return;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ path, message: `${where} should be an object (${contract.name})`, severity: 'error' });
      return;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (key === '__type') continue;
      const property = contract.properties.find((p) => p.name === key);
      if (!property) {
        problems.push({ path: path ? `${path}.${key}` : key, message: `${contract.name} has no property "${key}"`, severity: 'error' });
        continue;
      }
      this.checkValue(property.type, record[key], path ? `${path}.${key}` : key, problems, depth + 1);
    }
    for (const property of contract.properties) {
      if (property.required && !(property.name in record)) problems.push({ path, message: `${contract.name} requires "${property.name}"`, severity: 'error' });
    }
  }
}

/** The path without query, fragment or trailing slash. */
function pathOnly(path: string): string {
  return path.replace(/[?#].*$/, '').replace(/\/+$/, '') || '/';
}
