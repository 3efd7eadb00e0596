// Supervisor monitoring of another agent's call: listen, coach, join. Each needs the supervisor
// right (403 otherwise, as for a CIC user without it).
import { booleanProperty } from '../http/bodies';
import { INTERACTION_PATH, type RequestContext, type Route, route } from '../http/routing';
import type { SimulatorContext } from '../SimulatorContext';
import { act } from './interactions';
import { requireSupervisor } from './recording';

export function supervisorRoutes(sim: SimulatorContext): Route[] {
  const monitor = (mode: 'listen' | 'coach' | 'join') => (c: RequestContext) =>
    act(sim, c, (id, body) => {
      const user = c.session!.user;
      requireSupervisor(user.rights, user.userId);
      const on = mode === 'join' ? true : booleanProperty(body, 'on');
      if (mode !== 'join') booleanProperty(body, 'supervisor'); // required by the contract
      sim.callCenter.monitor(id, user, mode, on);
    }, { keepOwner: true });
  return [
    route('POST', `${INTERACTION_PATH}/listen`, 'session', monitor('listen')),
    route('POST', `${INTERACTION_PATH}/coach`, 'session', monitor('coach')),
    route('POST', `${INTERACTION_PATH}/join`, 'session', monitor('join')),
  ];
}
