// The traffic file formats (JSON lines, HAR) come from their own bundle, dist/trafficFiles.js,
// loaded the first time a file is saved or opened: their schemas are not needed to activate.
import * as path from 'node:path';
import type * as TrafficFiles from '../../traffic/formats';

export type TrafficFilesModule = typeof TrafficFiles;

let loaded: TrafficFilesModule | undefined;

export function trafficFiles(extensionPath: string): TrafficFilesModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require(path.join(extensionPath, 'dist', 'trafficFiles.js')) as TrafficFilesModule;
  return loaded;
}
