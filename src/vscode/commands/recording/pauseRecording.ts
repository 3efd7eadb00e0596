import { attribute } from '../../../icws';
import { interactionCommand } from '../interactionCommand';

/** `icws.pauseRecording(interaction, on?)`: pauses or resumes the recording (toggles without `on`). */
export const pauseRecording = interactionCommand({
  id: 'icws.pauseRecording',
  placeHolder: 'Pause the recording of which interaction?',
  run: ({ session, id, item, send }, on?: boolean) => {
    const pause = typeof on === 'boolean' ? on : attribute(item, 'Eic_RecordingPaused') !== '1';
    return send(pause ? 'pausing recording' : 'resuming recording', () => session.interactions.pauseRecording(id, pause));
  },
});
