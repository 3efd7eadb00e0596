// How feedback names an interaction: a person reads "Alice Smith (+1 317 555 0100)", not
// "1001234522". The text is the caller's (untrusted): the display layer makes it plain text.
import { attribute, type CachedInteraction } from './QueueCache';

/**
 * "Alice Smith (+1 317 555 0100)", the name or the number alone, or "interaction 1001234522" when
 * the interaction is not cached (or carries neither), or what the caller says instead (`unnamed`).
 */
export function nameOfInteraction(item: CachedInteraction | undefined, interactionId: string, unnamed = `interaction ${interactionId}`): string {
  const name = attribute(item, 'Eic_RemoteName')?.trim();
  const number = attribute(item, 'Eic_RemoteAddress')?.trim();
  if (name && number && number !== name) return `${name} (${number})`;
  if (name || number) return (name || number)!;
  return unnamed;
}
