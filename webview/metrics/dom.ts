/** Small DOM builders of the metrics page. */

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

/** A custom element (the VS Code Elements), with attributes and children. */
export function custom(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

export function button(text: string, id: string, onClick: () => void, secondary = true): HTMLElement {
  const b = custom('vscode-button', { id, ...(secondary ? { secondary: '' } : {}) }, text);
  b.addEventListener('click', onClick);
  return b;
}
