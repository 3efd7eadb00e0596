// Configuration resources the extension reads: the workgroup list (names a consult or transfer
// to a queue can offer). Each item is its configurationId, as CIC answers without `select`.
import type { ConfigurationId, WorkgroupList } from '../../icws/wire';
import { type Route, route, SESSION_PATH } from '../http/routing';
import type { SimulatorContext } from '../SimulatorContext';

export function configurationRoutes(sim: SimulatorContext): Route[] {
  return [route('GET', `${SESSION_PATH}/configuration/workgroups`, 'session', () => ({ status: 200, body: workgroupList(sim) }))];
}

function workgroupList(sim: SimulatorContext): WorkgroupList {
  const identity = (name: string): ConfigurationId => ({ id: name, displayName: name, uri: `/configuration/workgroups/${encodeURIComponent(name)}` });
  return { items: sim.directory.directory.workgroups.map((workgroup) => ({ configurationId: identity(workgroup.name) })) };
}
