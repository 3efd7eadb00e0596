// The one way the page builds DOM: elements with attributes, and children that are nodes or
// strings. A string always becomes a text node, so data can never become markup. (And the one
// way it writes a time.)

type Attributes = Record<string, string> & { className?: string };

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes?: Attributes, ...children: (Node | string)[]): HTMLElementTagNameMap[K];
export function el(tag: string, attributes?: Attributes, ...children: (Node | string)[]): HTMLElement;
export function el(tag: string, attributes: Attributes = {}, ...children: (Node | string)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'className') element.className = value;
    else element.setAttribute(name, value);
  }
  element.append(...children);
  return element;
}

/** A time of day to the millisecond, as the timeline shows it: `10:15:00.123`. */
export function clock(time: number): string {
  const d = new Date(time);
  return `${d.toTimeString().slice(0, 8)}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}
