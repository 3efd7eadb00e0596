import { IcwsError } from './IcwsError';
import type { FeatureInfo } from './wire';

/** A feature version an operation needs. Versions grow with capability: always compare with >=. */
export interface FeatureRequirement {
  featureId: string;
  version: number;
  /** What the requirement enables, for the error message. */
  what: string;
}

export const REQUIRES = {
  consult: { featureId: 'interactions', version: 6, what: 'consult transfer' },
  consultAdditionalAttributes: { featureId: 'interactions', version: 10, what: 'additional attributes on a consult' },
  consultToQueue: { featureId: 'interactions', version: 13, what: 'consult transfer to a queue' },
  serverSentEvents: { featureId: 'messaging', version: 2, what: 'server-sent events' },
  queueSubscriptions: { featureId: 'queues', version: 1, what: 'queue subscriptions' },
  // Unconfirmed: the docs put attribute reads and writes and the basic actions in interactions 1,
  // and give no separate version for record, pause, secure pause, DTMF, park, voicemail, private.
  interactionActions: { featureId: 'interactions', version: 1, what: 'interaction actions' },
  // Unconfirmed: the docs name the "status" feature but not the version that brought these resources.
  userStatus: { featureId: 'status', version: 1, what: 'agent status' },
} as const satisfies Record<string, FeatureRequirement>;

/** The feature versions one server reported. Cached per session: they change only on upgrade. */
export class FeatureSet {
  private readonly versions: ReadonlyMap<string, number>;

  constructor(features: readonly FeatureInfo[]) {
    this.versions = new Map(features.map((f) => [f.featureId, f.version]));
  }

  /** 0 when the server does not list the feature at all. */
  version(featureId: string): number {
    return this.versions.get(featureId) ?? 0;
  }

  supports(requirement: FeatureRequirement): boolean {
    return this.version(requirement.featureId) >= requirement.version;
  }

  /** Throws before any request is sent when the server is too old for `requirement`. */
  require(requirement: FeatureRequirement, operation: string): void {
    if (this.supports(requirement)) return;
    const has = this.version(requirement.featureId);
    const hasText = has === 0 ? `does not offer "${requirement.featureId}"` : `has "${requirement.featureId}" ${has}`;
    throw new IcwsError({
      kind: 'unsupported',
      operation,
      reason: `${requirement.what} needs ICWS feature "${requirement.featureId}" version ${requirement.version} or later; this server ${hasText}`,
    });
  }

  toJSON(): FeatureInfo[] {
    return [...this.versions].map(([featureId, version]) => ({ featureId, version }));
  }
}
