// Copying untrusted keys: a key named `__proto__` must stay an ordinary key. Plain assignment
// (`out[key] = value`) would set the object's prototype instead and drop the key.

/** Sets `name` as an own, enumerable property of `target`, whatever the name. */
export function setOwnProperty<T>(target: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}
