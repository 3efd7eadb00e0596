// Message types and their fields from the catalog's contracts: what an expectation line may name.
import type { CatalogContract, IcwsCatalog } from '../../catalog/IcwsCatalog';
import { shortMessageType } from '../../messages';

/** The message contract an expectation names, by short name (`queueContentsMessage`) or full URN. */
export function messageContract(catalog: IcwsCatalog, type: string): CatalogContract | undefined {
  return catalog.contract(type) ?? catalog.messageContracts().find((contract) => shortMessageType(contract.urn) === type);
}

/**
 * The type reached by the property names of a path (`interactionsChanged`, `attributes`): arrays
 * step into their items (a condition or index does not change the type), a map (`string{}`) takes
 * any key. `unknownAt`: the index of the first name its contract does not have (-1 when none).
 */
export function typeAtPath(catalog: IcwsCatalog, root: string, names: readonly string[]): { type?: string; unknownAt: number } {
  let type: string | undefined = root;
  for (const [index, name] of names.entries()) {
    while (type?.endsWith('[]')) type = type.slice(0, -2);
    if (type === undefined || type === 'any') return { unknownAt: -1 };
    if (type.endsWith('{}')) {
      type = type.slice(0, -2);
      continue;
    }
    const contract = catalog.contract(type);
    if (!contract) return { unknownAt: -1 };
    type = contract.properties.find((property) => property.name === name)?.type;
    if (type === undefined) return { unknownAt: index };
  }
  while (type?.endsWith('[]')) type = type.slice(0, -2);
  return { ...(type ? { type } : {}), unknownAt: -1 };
}

/** The property names along a path as written (`interactionsChanged[interactionId=1].attributes.Eic_State` → 3 names). */
export function propertyNames(pathText: string): string[] {
  return pathText.replace(/\[[^\]]*\]?/g, '').split('.').filter(Boolean);
}
