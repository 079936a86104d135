// Building the page's elements. Everything that comes from a delivery reaches the DOM through
// textContent, text nodes and setAttribute; nothing is ever parsed as HTML, so a payload can never
// become markup.

/** An element of index.html, by id. */
export function $<T extends HTMLElement = HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

type PropValue = string | number | boolean | null | undefined | ((event: Event) => void);
export type Props = Record<string, PropValue>;
export type Child = Node | string | null | undefined | false | readonly Child[];

/** Builds an element. Props: class, text, on<event>; anything else is set with setAttribute. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') {
      if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    } else if (key === 'class') node.className = String(value);
    else if (key === 'text') node.textContent = String(value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  const append = (child: Child) => {
    if (child === null || child === undefined || child === false) return;
    if (typeof child === 'string' || child instanceof Node) node.append(child);
    else for (const item of child) append(item);
  };
  for (const child of children) append(child);
  return node;
}

/** A titled section of the detail pane, with buttons on the right of its title. */
export function card(title: string, toolbar: readonly Child[] | null, ...content: Child[]): HTMLElement {
  return el(
    'section',
    { class: 'card' },
    el('h3', {}, title, toolbar ? el('span', { class: 'toolbar' }, toolbar) : null),
    content,
  );
}
