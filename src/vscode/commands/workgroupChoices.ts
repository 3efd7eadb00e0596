// The items of the workgroup pick: the server's workgroups, and what the user typed when it is not
// one of them (free text stays allowed: the list may be partial, or the name typed from elsewhere).
// No `vscode` import, so it is unit-tested in Node.
import { checkQueueName } from '../../icws';
import { plainText } from '../display/untrustedText';

export interface WorkgroupChoice {
  label: string;
  description?: string;
  /** Kept in view whatever the filter (the typed name). */
  alwaysShow?: boolean;
  /** The exact name sent (labels are made plain; names go as the server gave them). */
  name: string;
  /** Why this name cannot be used (the typed text), shown in the description. */
  problem?: string;
}

/** Longest name a pick row shows. */
const LABEL_LENGTH = 100;

export function workgroupChoices(names: readonly string[], typed: string): WorkgroupChoice[] {
  const listed: WorkgroupChoice[] = names.map((name) => ({ label: plainText(name, LABEL_LENGTH), name }));
  const value = typed.trim();
  if (!value || names.some((name) => name.toLowerCase() === value.toLowerCase())) return listed;
  const problem = checkQueueName(value);
  const typedChoice: WorkgroupChoice = { label: plainText(value, LABEL_LENGTH), description: problem ?? 'not in the server’s list: use this name', alwaysShow: true, name: value, problem };
  return [typedChoice, ...listed];
}
