// The server's workgroups, for offering queue names (consult or transfer to a workgroup) instead of
// free text where a typo fails only after sending.
import type { IcwsHttp } from './http';
import type { WorkgroupList } from './wire';

const WORKGROUPS = '/icws/{sessionId}/configuration/workgroups';
/** More names than a pick list can usefully show; the rest can still be typed. */
const MAX_WORKGROUPS = 5_000;

/**
 * The names of the workgroups this user may see, sorted (GET configuration/workgroups; without
 * `select` the server answers each workgroup's configurationId only). Entries that are not a
 * configurationId with a string id are left out: the body is the server's.
 */
export async function listWorkgroups(http: IcwsHttp): Promise<string[]> {
  const result = await http.request<WorkgroupList>({ method: 'GET', template: WORKGROUPS, operation: 'listing the workgroups' });
  const items: unknown = result.body?.items;
  if (!Array.isArray(items)) return [];
  const names = new Set<string>();
  for (const item of items.slice(0, MAX_WORKGROUPS)) {
    const id: unknown = (item as { configurationId?: { id?: unknown } } | null)?.configurationId?.id;
    if (typeof id === 'string' && id.trim()) names.add(id.trim());
  }
  return [...names].sort((a, b) => a.localeCompare(b));
}
