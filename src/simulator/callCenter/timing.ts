// How fast the simulated call center moves; tests shorten these.

export interface CallCenterTiming {
  /** How long a simulated remote party (consulted, called) takes to answer. */
  answerDelayMs: number;
  /** How long a disconnected interaction stays visible before it leaves the queues. */
  disconnectLingerMs: number;
  /** How long an ACD call rings at an agent with a live session before it is offered to another. */
  alertTimeoutMs: number;
  /** A cancelled consult leaves the caller held (false) or reconnects it (true). */
  resumeCallerOnCancel: boolean;
  /** How long a secure pause "with the default timeout" lasts (CIC's default is configured per server). */
  securePauseDefaultMs: number;
}

export const DEFAULT_TIMING: CallCenterTiming = {
  answerDelayMs: 800,
  disconnectLingerMs: 2_000,
  alertTimeoutMs: 20_000,
  resumeCallerOnCancel: false,
  securePauseDefaultMs: 60_000,
};
