// The Traffic panel's filter, in the words DevTools users already know: free text that must all
// appear (in a path, a type or a body), `-word` that must not, and properties:
//   method:POST   status:201   status:4xx   status:failed   is:request   is:message   id:1001234567
//   session:agent1   (a part of the session's name, "agent1 @ cic-dev")
// Text and properties combine with AND, as in a browser's Network filter.

import type { TrafficRow } from './rows';

type Test = (row: TrafficRow, text: string) => boolean;

export interface TrafficFilter {
  /** Whether nothing is asked (every entry matches). */
  readonly empty: boolean;
  matches(row: TrafficRow, searchText: string): boolean;
}

const PROPERTY = /^(-?)(method|status|is|id|session):(.+)$/i;

export function parseTrafficFilter(text: string): TrafficFilter {
  const tests: Test[] = [];
  for (const token of text.trim().split(/\s+/).filter(Boolean)) {
    const property = PROPERTY.exec(token);
    const test = property ? propertyTest(property[2]!.toLowerCase(), property[3]!) : undefined;
    if (test) {
      tests.push(property![1] ? (row, searched) => !test(row, searched) : test);
      continue;
    }
    const negated = token.startsWith('-') && token.length > 1;
    const needle = (negated ? token.slice(1) : token).toLowerCase();
    tests.push(negated ? (_row, searched) => !searched.includes(needle) : (_row, searched) => searched.includes(needle));
  }
  return { empty: tests.length === 0, matches: (row, searched) => tests.every((test) => test(row, searched)) };
}

/** A property test, or undefined for a value it does not understand (then the token is plain text). */
function propertyTest(name: string, value: string): Test | undefined {
  const lower = value.toLowerCase();
  switch (name) {
    case 'method':
      return (row) => row.method.toLowerCase() === lower;
    case 'is':
      if (lower === 'request' || lower === 'call') return (row) => row.kind === 'call';
      if (lower === 'message') return (row) => row.kind === 'message';
      return undefined;
    case 'id':
      return (row) => row.interactionIds.includes(value);
    case 'session':
      return (row) => (row.session ?? '').toLowerCase().includes(lower);
    case 'status': {
      if (lower === 'failed') return (row) => row.kind === 'call' && !row.status;
      const range = /^([1-5])xx$/.exec(lower);
      if (range) return (row) => Math.floor((row.status ?? 0) / 100) === Number(range[1]);
      if (/^\d{3}$/.test(lower)) return (row) => row.status === Number(lower);
      return undefined;
    }
  }
  return undefined;
}
