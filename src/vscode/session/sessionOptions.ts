import { readFile } from 'node:fs/promises';
import { type ConnectionProfile, type HttpExchange, IcwsError, type SessionOptions } from '../../icws';
import type { IcwsLogChannel } from '../log/IcwsLogChannel';
import type { IcwsSettings } from './settings';

/** What a profile's session is made with: the settings shared by all, the profile's messaging, its exchanges' forwarder. */
export async function sessionOptionsFor(settings: IcwsSettings, log: IcwsLogChannel, server: string, profile: ConnectionProfile, onExchange: (exchange: HttpExchange) => void): Promise<SessionOptions> {
  const caFile = settings.certificateAuthorityFile;
  let certificateAuthority: string | undefined;
  if (caFile) {
    try {
      certificateAuthority = await readFile(caFile, 'utf8');
    } catch (error) {
      throw new IcwsError({ kind: 'invalid-argument', operation: 'reading the CA certificate', reason: `"icws.certificateAuthorityFile" (${caFile}) could not be read: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return {
    server,
    applicationName: settings.applicationName,
    language: settings.language,
    messaging: profile.messaging === 'auto' ? settings.messagingMode : profile.messaging,
    certificateAuthority,
    log,
    onExchange,
  };
}
