import { interactionCommand } from '../interactionCommand';

/** `icws.sendToVoicemail(interaction)`: to my own voicemail. */
export const sendToVoicemail = interactionCommand({
  id: 'icws.sendToVoicemail',
  placeHolder: 'Send which interaction to voicemail?',
  run: ({ session, id, send }) => send('sending to voicemail', () => session.interactions.sendToVoicemail(id)),
});
