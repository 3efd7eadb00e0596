// An ICWS operation or data contract from the catalog, in the words a request is written in.
import { type CatalogContract, type CatalogOperation, documentationUrl, type IcwsCatalog } from '../icws/catalog';
import { fullPath } from '../icws/notebook';
import type { ToolInput } from './definitions';
import type { AssistantHost } from './host';
import { ToolProblem } from './sessionsView';

function contractData(catalog: IcwsCatalog, contract: CatalogContract, depth = 0): Record<string, unknown> {
  const data: Record<string, unknown> = { urn: contract.urn, name: contract.name };
  if (contract.enumValues) data.enumValues = contract.enumValues;
  if (contract.properties.length) {
    data.properties = contract.properties.map((property) => {
      const described: Record<string, unknown> = { name: property.name, type: property.type, required: property.required };
      // One level down: the enum values and properties of a property's own contract.
      const nested = depth < 1 ? catalog.contract(property.type.replace(/(\[\]|\{\})$/, '')) : undefined;
      if (nested?.enumValues) described.enumValues = nested.enumValues;
      else if (nested?.properties.length) described.properties = nested.properties.map((p) => ({ name: p.name, type: p.type, required: p.required }));
      return described;
    });
  }
  return data;
}

function operationData(catalog: IcwsCatalog, operation: CatalogOperation): Record<string, unknown> {
  const contract = (urn: string | undefined) => {
    const found = urn ? catalog.contract(urn) : undefined;
    return found ? contractData(catalog, found) : urn;
  };
  return {
    method: operation.method,
    template: operation.template,
    module: operation.module,
    name: operation.name,
    successStatus: operation.success,
    requestBody: contract(operation.request),
    response: contract(operation.response),
    documentation: documentationUrl(operation.template),
  };
}

export function describeOperation(host: AssistantHost, input: ToolInput<'icws_describe_operation'>): unknown {
  const catalog = host.catalog();
  if (!input.path?.trim() && !input.contract?.trim()) throw new ToolProblem('give a path (e.g. "/interactions/{interactionId}/consult") or a contract (URN or name)');
  const result: Record<string, unknown> = {};
  if (input.path?.trim()) {
    const path = fullPath(input.path.trim());
    const operations = input.method ? [catalog.match(input.method, path)?.operation].filter((o): o is CatalogOperation => !!o) : catalog.operationsOnPath(path);
    if (!operations.length) {
      const onPath = catalog.operationsOnPath(path);
      throw new ToolProblem(onPath.length ? `${input.method} is not an operation on ${path}; it has ${onPath.map((o) => o.method).join(', ')}` : `${path} is not an ICWS operation path`);
    }
    result.operations = operations.map((operation) => operationData(catalog, operation));
  }
  if (input.contract?.trim()) {
    const contract = catalog.findContract(input.contract.trim());
    if (!contract) throw new ToolProblem(`no ICWS data contract is called "${input.contract}"`);
    result.contract = contractData(catalog, contract);
  }
  return result;
}
