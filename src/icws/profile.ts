// A connection profile: who logs in where, and how carefully. Plain data (no `vscode`), so the
// extension, `icws-test` and `icws-mcp` describe a session the same way.
import type { MessagingMode } from './MessageChannel';

export interface ConnectionProfile {
  /** Stable id (never shown): the profile's SecretStorage keys are named after it. */
  readonly id: string;
  /** What people call it: "agent1 @ cic-dev". */
  readonly name: string;
  readonly serverUrl: string;
  readonly userId: string;
  readonly station?: string;
  /** A theme colour id (`charts.blue`, …) for its tree root and status item. */
  readonly color?: string;
  /** A production server: state changes ask first, scenarios and the starter refuse it. */
  readonly production: boolean;
  /** On a production profile: ask in a modal before a state change (default true). */
  readonly confirmActions: boolean;
  /** On a production profile: language-model tools and `icws-mcp` may act on it (default false). */
  readonly allowAssistants: boolean;
  readonly messaging: MessagingMode | 'auto';
  /** The embedded simulator's profile (made by Start Simulator). */
  readonly simulator: boolean;
}

/** Whether a state change on this profile must be confirmed by a person first. */
export function needsConfirmation(profile: ConnectionProfile | undefined): boolean {
  return !!profile && profile.production && profile.confirmActions;
}
