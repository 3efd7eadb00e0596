import type { TrafficFilesModule } from '../../traffic/loadTrafficFiles';
import type { TrafficRecording } from '../../traffic/TrafficRecording';
import type { TrafficViewProvider } from '../../traffic/TrafficViewProvider';

/** What the traffic commands work with, passed in (built in extension.ts). */
export interface TrafficCommandContext {
  recording: TrafficRecording;
  /** The Traffic panel: its selected entry, and showing it. */
  panel: TrafficViewProvider;
  /** The file formats, from their own bundle, loaded the first time a file is saved or opened. */
  formats(): TrafficFilesModule;
  /** The extension's version, written into exported archives. */
  version: string;
  /** Opens a notebook with one request cell of this text. */
  openInNotebook(source: string): Thenable<unknown>;
}
