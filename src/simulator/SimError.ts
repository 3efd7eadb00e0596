/** An error the simulator answers with: a CIC status and error body. */
export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly errorId: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return { errorId: this.errorId, message: this.message, ...this.extra };
  }
}

export const simErrors = {
  invalidJson: () => new SimError(400, 'error.request.invalidRepresentation', 'The request body is not valid JSON.'),
  missingProperty: (name: string) =>
    new SimError(400, 'error.request.invalidRepresentation.missingRequiredParameter', `The required property "${name}" is missing.`, {
      __type: 'urn:inin.com:common:missingPropertyError',
      propertyName: name,
    }),
  invalidProperty: (name: string, why: string) =>
    new SimError(400, 'error.request.invalidRepresentation.invalidProperty', `The property "${name}" is invalid: ${why}`, {
      __type: 'urn:inin.com:common:invalidPropertyError',
      propertyName: name,
    }),
  interactionNotFound: (id: string) => new SimError(404, 'error.request.interactions.notFound', `The interaction ${id} was not found.`),
  consultNotFound: (id: string) => new SimError(404, 'error.request.interactions.consultNotFound', `The consult transfer ${id} was not found.`),
  // Simulator choice: real servers' errorId for an action in the wrong state is not documented.
  invalidState: (id: string, action: string, state: string) =>
    new SimError(400, 'error.request.interactions.invalidState', `Cannot ${action} interaction ${id} while its state is "${state || 'none'}".`),
  unknownTarget: (target: string) => new SimError(400, 'error.request.interactions.invalidTarget', `"${target}" is not a user, extension, workgroup or phone number.`),
  unknownQueue: (name: string) => new SimError(400, 'error.request.queues.invalidQueue', `The queue "${name}" does not exist.`),
  accessDenied: (why: string) => new SimError(403, 'error.request.accessDenied', `Access denied: ${why}.`),
  notFound: () => new SimError(404, 'error.request.notFound', 'The requested resource does not exist.'),
  methodNotAllowed: () => new SimError(405, 'error.request.methodNotAllowed', 'The method is not allowed on this resource.'),
  /** An ICWS operation a CIC server has and the simulator does not (not a wrong path). */
  notSimulated: (operation: { module: string; name: string; method: string; template: string }) =>
    new SimError(501, 'error.request.notImplemented', `The ICWS simulator does not implement ${operation.module} ${operation.name} (${operation.method} ${operation.template}). A CIC server answers it; the path is right.`),
};
