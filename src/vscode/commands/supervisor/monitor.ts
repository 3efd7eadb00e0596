import { attribute, IcwsError } from '../../../icws';
import { denyMonitoring } from '../actionContext';
import { interactionCommand } from '../interactionCommand';

type MonitorMode = 'listen' | 'coach' | 'join';

const MEMBERS_ATTRIBUTE = { listen: 'Eic_Monitors', coach: 'Eic_Coaches', join: 'Eic_ConferenceMembers' } as const;
const LABEL = { listen: 'listening', coach: 'coaching', join: 'joining' } as const;
const PLACEHOLDER = { listen: 'Listen to which interaction?', coach: 'Coach on which interaction?', join: 'Join which interaction?' } as const;

/**
 * `icws.listen(interaction, on?)`, `icws.coach(interaction, on?)`, `icws.join(interaction)`: a
 * supervisor on another agent's call. Whether this user has the supervisor right shows only when
 * the server answers: after a 403 neither the menus nor the palette offer monitoring in this session.
 */
function monitorCommand(mode: MonitorMode) {
  return interactionCommand({
    id: `icws.${mode}`,
    placeHolder: PLACEHOLDER[mode],
    run: ({ session, id, item, send }, on?: boolean) => {
      const me = session.identity.userId;
      const already = (attribute(item, MEMBERS_ATTRIBUTE[mode]) ?? '').split(',').includes(me);
      const start = mode === 'join' || (typeof on === 'boolean' ? on : !already);
      const work = () => (mode === 'join' ? session.interactions.join(id) : mode === 'listen' ? session.interactions.listen(id, start) : session.interactions.coach(id, start));
      return send(start ? LABEL[mode] : `ending ${LABEL[mode]}`, () =>
        work().catch((error: unknown) => {
          if (error instanceof IcwsError && error.status === 403) denyMonitoring(session);
          throw error;
        }),
      );
    },
  });
}

export const listen = monitorCommand('listen');
export const coach = monitorCommand('coach');
export const join = monitorCommand('join');
