// The one way the page builds DOM: elements with attributes, and children that are nodes or
// strings. A string always becomes a text node, so data can never become markup.

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
