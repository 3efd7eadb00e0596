// Where a transfer, consult or park goes: a `target` (user, extension, workgroup or number) or a
// `queueID` ({queueType, queueName}), checked against the directory.
import { QueueType } from '../../icws/wire';
import { queueKey } from '../CallCenter';
import type { DirectoryLookup, Party } from '../directory';
import { asObject } from '../http/bodies';
import { SimError, simErrors } from '../SimError';

/** Checks a `{queueType, queueName}` and says which queue it is and who stands behind it. */
export function resolveQueue(directory: DirectoryLookup, queue: unknown, property: string): { key: string; party: Party } {
  const { queueType, queueName } = asObject(queue);
  if (typeof queueType !== 'number' || !(queueType in QueueType)) throw simErrors.invalidProperty(`${property}.queueType`, 'expected 0 (system), 1 (user), 2 (workgroup) or 3 (station)');
  if (typeof queueName !== 'string' || !queueName) throw simErrors.missingProperty(`${property}.queueName`);
  const workgroup = queueType === QueueType.Workgroup ? directory.workgroup(queueName) : undefined;
  const user = queueType === QueueType.Workgroup ? undefined : queueType === QueueType.Station ? directory.userByExtension(queueName) : directory.user(queueName);
  const party: Party | undefined = workgroup ? { kind: 'workgroup', workgroup } : user ? { kind: 'user', user } : undefined;
  if (!party) throw simErrors.unknownQueue(queueName);
  return { key: queueKey(queueType, queueName), party };
}

/**
 * `target` or `queueID`. With `queueAllowed` (consult from interactions 13; blind transfer and
 * park, a simulator choice since the docs leave it open) both or neither is an error; otherwise
 * `target` is required.
 */
export function destination(directory: DirectoryLookup, body: Record<string, unknown>, queueAllowed: boolean): Party {
  const target = body.target;
  const queue = body.queueID;
  if (!queueAllowed) {
    if (typeof target !== 'string' || !target.trim()) throw simErrors.missingProperty('target');
    return partyForTarget(directory, target);
  }
  if ((target === undefined) === (queue === undefined)) {
    throw new SimError(400, 'error.request.invalidRepresentation.invalidProperty', 'Specify exactly one of "target" and "queueID".', { __type: 'urn:inin.com:common:invalidPropertyError', propertyName: 'target' });
  }
  if (target !== undefined) {
    if (typeof target !== 'string' || !target.trim()) throw simErrors.invalidProperty('target', 'must be a non-empty string');
    return partyForTarget(directory, target);
  }
  return resolveQueue(directory, queue, 'queueID').party;
}

export function partyForTarget(directory: DirectoryLookup, target: string): Party {
  const party = directory.resolveTarget(target);
  if (!party) throw simErrors.unknownTarget(target);
  return party;
}
