import type { IcwsErrorBody } from './wire';

/**
 * Why an operation failed.
 * - `http`: the server answered with a non-2xx status (see `status`, `errorId`, `serverMessage`).
 * - `session-ended`: 401; the session is gone and a new login is needed.
 * - `unsupported`: the server's feature versions do not offer the operation; nothing was sent.
 * - `invalid-argument`: the caller's input was rejected before anything was sent.
 * - `network`: the request could not be sent or no response came back (safe requests only).
 * - `outcome-unknown`: a state-changing request may have reached the server but no answer came
 *   back. It is never resent: the caller must look at the interaction to learn what happened.
 */
export type IcwsErrorKind =
  | 'http'
  | 'session-ended'
  | 'unsupported'
  | 'invalid-argument'
  | 'network'
  | 'outcome-unknown';

export interface IcwsErrorDetails {
  kind: IcwsErrorKind;
  /** What was being done, in words ("consult transfer of 1001234567"). */
  operation: string;
  status?: number;
  errorId?: string;
  errorCode?: number;
  /** The server's own human-readable message, when it sent one. */
  serverMessage?: string;
  /** For errors raised before any request: what is wrong, in plain words. */
  reason?: string;
  /** The parsed error body (e.g. `alternateHosts` on a 503). */
  body?: unknown;
  cause?: unknown;
}

/** The one error type the client throws. Its message never carries a secret. */
export class IcwsError extends Error {
  readonly kind: IcwsErrorKind;
  readonly operation: string;
  readonly status?: number;
  readonly errorId?: string;
  readonly errorCode?: number;
  readonly serverMessage?: string;
  readonly body?: unknown;

  constructor(details: IcwsErrorDetails) {
    super(describe(details), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'IcwsError';
    this.kind = details.kind;
    this.operation = details.operation;
    this.status = details.status;
    this.errorId = details.errorId;
    this.errorCode = details.errorCode;
    this.serverMessage = details.serverMessage;
    this.body = details.body;
  }

  static fromResponse(operation: string, status: number, body: unknown): IcwsError {
    const errorBody = isErrorBody(body) ? body : {};
    return new IcwsError({
      kind: status === 401 ? 'session-ended' : 'http',
      operation,
      status,
      errorId: errorBody.errorId,
      errorCode: typeof errorBody.errorCode === 'number' ? errorBody.errorCode : undefined,
      serverMessage: typeof errorBody.message === 'string' ? errorBody.message : undefined,
      body,
    });
  }
}

/** A failure no retry can mend: the session is gone, or the server refuses the request itself (400, 403). */
export function isFinalFailure(error: unknown): boolean {
  return error instanceof IcwsError && (error.kind === 'session-ended' || error.status === 400 || error.status === 403);
}

function isErrorBody(body: unknown): body is IcwsErrorBody {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

function describe(details: IcwsErrorDetails): string {
  const what = `${details.operation} failed`;
  switch (details.kind) {
    case 'session-ended':
      return details.status === undefined ? `${what}: ${details.reason ?? 'the ICWS session has ended'}` : answerText(what, details);
    case 'http':
      return answerText(what, details);
    case 'outcome-unknown':
      return `${what}: no answer from the server${details.reason ? ` (${details.reason})` : ''}, so the outcome is unknown. It was not resent; check the interaction before trying again${details.reason ? '' : causeText(details.cause)}`;
    case 'network':
      return details.reason ? `${what}: ${details.reason}` : `${what}: the server could not be reached${causeText(details.cause)}`;
    default:
      return `${what}: ${details.reason ?? 'rejected'}`;
  }
}

/** An HTTP answer in the server's own words. */
function answerText(what: string, details: IcwsErrorDetails): string {
  const serverSays = details.serverMessage ? `: ${details.serverMessage}` : '';
  const id = details.errorId ? ` [${details.errorId}]` : '';
  const ended = details.kind === 'session-ended' ? ' (the ICWS session has ended; log in again)' : '';
  return `${what} (HTTP ${details.status})${serverSays}${id}${ended}`;
}

function causeText(cause: unknown): string {
  if (cause instanceof Error && cause.message) {
    const code = (cause as NodeJS.ErrnoException).code;
    return ` (${code ?? cause.message})`;
  }
  return '';
}
