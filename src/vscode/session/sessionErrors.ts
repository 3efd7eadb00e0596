import { IcwsError } from '../../icws';

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function notConnected(): IcwsError {
  return new IcwsError({ kind: 'invalid-argument', operation: 'this command', reason: 'not connected to an ICWS server. Run "ICWS: Connect" first' });
}
