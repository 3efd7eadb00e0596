// The feature versions the server reported, and which of the extension's features they enable.
import { type FeatureRequirement, type FeatureSet, REQUIRES } from '../features';
import type { FeatureSnapshot } from './healthTypes';

/** Every reported feature, and every feature the extension needs that the server did not report (version 0). */
export function featureSnapshot(features: FeatureSet, requirements: readonly FeatureRequirement[] = Object.values(REQUIRES)): FeatureSnapshot[] {
  const ids = new Set([...features.toJSON().map((feature) => feature.featureId), ...requirements.map((requirement) => requirement.featureId)]);
  return [...ids].sort().map((featureId) => {
    const version = features.version(featureId);
    const needs = requirements.filter((requirement) => requirement.featureId === featureId);
    return {
      featureId,
      version,
      enables: needs.filter((requirement) => version >= requirement.version).map((requirement) => requirement.what),
      lacks: needs.filter((requirement) => version < requirement.version).map((requirement) => ({ what: requirement.what, version: requirement.version })),
    };
  });
}
