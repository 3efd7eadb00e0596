// got's phases of one exchange as a waterfall: each phase a bar that starts where the previous
// one ended, scaled to the whole exchange, as in a browser's Timing tab.
import type { ExchangePhases } from '../../../icws/httpTypes';
import { el } from './dom';

const PHASES: [keyof ExchangePhases, string, string][] = [
  ['wait', 'Waiting for a socket', 'queue'],
  ['dns', 'DNS lookup', 'dns'],
  ['connect', 'TCP connect', 'connect'],
  ['tls', 'TLS handshake', 'tls'],
  ['send', 'Request sent', 'send'],
  ['firstByte', 'Waiting for the server (first byte)', 'wait'],
  ['download', 'Content download', 'download'],
];

export function waterfall(phases: ExchangePhases | undefined, durationMs: number): Node {
  if (!phases) return el('div', { className: 'empty' }, 'No timing was recorded for this request (it failed before an answer, or came from a file without timings).');
  const total = phases.total ?? durationMs;
  const scale = total > 0 ? 100 / total : 0;
  const rows: Node[] = [];
  let offset = 0;
  for (const [key, label, kind] of PHASES) {
    const value = phases[key];
    if (typeof value !== 'number') continue;
    const bar = el('div', { className: `bar ${kind}` });
    // Sized from script: the page's CSP allows no inline style attributes.
    bar.style.marginLeft = `${Math.min(100, offset * scale)}%`;
    bar.style.width = `${Math.max(0.5, Math.min(100 - offset * scale, value * scale))}%`;
    rows.push(el('div', { className: 'phase', role: 'row' }, el('span', { className: 'label', role: 'cell' }, label), el('div', { className: 'track', role: 'cell' }, bar), el('span', { className: 'ms', role: 'cell' }, `${value.toFixed(1)} ms`)));
    offset += value;
  }
  // Two clocks, both named: got's phases end at the last byte; the exchange (the table's Duration)
  // ends when the body was read and parsed, a little later.
  const line = (className: string, label: string, ms: number, about: string) => el('div', { className: `phase ${className}`, role: 'row', title: about }, el('span', { className: 'label', role: 'cell' }, label), el('div', { className: 'track', role: 'cell' }), el('span', { className: 'ms', role: 'cell' }, `${ms.toFixed(1)} ms`));
  rows.push(line('total', 'got total', total, 'The sum of the phases above, as got timed them: to the last byte of the answer.'));
  if (phases.total !== undefined && Math.abs(durationMs - total) >= 0.05) rows.push(line('until-read', 'Until the body was read', durationMs, 'The whole exchange, until the body was read and parsed: the Duration column of the table.'));
  return el('div', { className: 'waterfall', role: 'table', 'aria-label': 'Timing phases' }, ...rows);
}
