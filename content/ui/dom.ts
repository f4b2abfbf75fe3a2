/** Attributes for `element()`: strings set as attributes, `false`/`undefined` skipped, `true` as "". */
export type Attributes = Record<string, string | number | boolean | undefined>;

/**
 * Creates an element with attributes and children. Text is always set as text (never HTML), so page
 * or API strings cannot inject markup.
 */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  children: ReadonlyArray<Node | string> = [],
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    created.setAttribute(name, value === true ? '' : String(value));
  }
  created.append(...children);
  return created;
}

/** A `<button type="button">`: buttons default to submit, which we never want. */
export function button(
  attributes: Attributes,
  children: ReadonlyArray<Node | string>,
  onClick: (event: MouseEvent) => void,
): HTMLButtonElement {
  const created = element('button', { type: 'button', ...attributes }, children);
  created.addEventListener('click', onClick);
  return created;
}

let idCounter = 0;
/** A document-unique id for aria-controls / aria-labelledby links. */
export function uniqueId(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
