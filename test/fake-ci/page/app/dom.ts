type Attrs = Record<string, string | number | boolean | null | undefined>;

/** `el('a.font-monospace', {title: …}, ['text'])`: tag with classes, attributes, children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  spec: K | `${K}.${string}`,
  attrs: Attrs = {},
  children: Array<Node | string> = [],
): HTMLElementTagNameMap[K] {
  const [tag, ...classes] = spec.split('.');
  const node = document.createElement(tag as K);
  if (classes.length) node.className = classes.join(' ');
  for (const [k, v] of Object.entries(attrs))
    if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? '' : String(v));
  for (const c of children) node.append(c);
  return node;
}

let svgIds = 0;

/** A FontAwesome-like inline icon; its "title" is a child <title> referenced by aria-labelledby, as in Treeherder. */
export function icon(className: string, title?: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', `svg-inline--fa ${className}`);
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('role', 'img');
  if (title) {
    const id = `svg-inline--fa-title-${++svgIds}`;
    svg.setAttribute('aria-labelledby', id);
    const t = document.createElementNS(ns, 'title');
    t.id = id;
    t.textContent = title;
    svg.append(t);
  } else svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M2 2h12v12H2z');
  svg.append(path);
  return svg;
}

/** Treeherder's escapeId. */
export function escapeId(id: string): string {
  return id.replace(/[:[\]?,.\s]/g, '-');
}

/** Nodes the page created; anything else in our containers belongs to someone else (an extension). */
export const owned = new WeakSet<Node>();

export function own<T extends Node>(node: T): T {
  owned.add(node);
  return node;
}

/**
 * Puts our nodes in `desired` order inside `parent` and removes our nodes that are no longer wanted, moving
 * as little as possible and leaving foreign nodes alone (like React keeps keyed children).
 */
export function placeChildren(parent: Node, desired: Node[]): void {
  const wanted = new Set(desired);
  for (const child of [...parent.childNodes]) if (owned.has(child) && !wanted.has(child)) parent.removeChild(child);
  let ref: Node | null = null;
  for (let i = desired.length - 1; i >= 0; i--) {
    const node = desired[i];
    if (!node) continue;
    if (node.parentNode !== parent || nextOwnedSibling(node) !== ref) parent.insertBefore(node, ref);
    ref = node;
  }
}

function nextOwnedSibling(node: Node): Node | null {
  let n = node.nextSibling;
  while (n && !owned.has(n)) n = n.nextSibling;
  return n;
}

/** Sets the text of our own text node in `host` (children others added survive). */
export function setOwnText(host: Element, value: string): void {
  let textNode = [...host.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && owned.has(n)) as Text | undefined;
  if (!textNode) {
    textNode = own(document.createTextNode(value));
    host.insertBefore(textNode, host.firstChild);
  } else if (textNode.nodeValue !== value) textNode.nodeValue = value;
}
