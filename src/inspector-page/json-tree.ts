// The body as a collapsible, colour-coded JSON tree. Children are built on first expand, so big
// bodies open fast. tree-model.ts decides what each node shows.
import { el } from './dom.js';
import { childPointer, type Key, keyLabel, opensAtFirst, pointerPath, shapeOf } from './tree-model.js';

interface TreeNode {
  line: HTMLElement;
  expand(): void;
  collapse(): void;
}

export interface JsonTree {
  element: HTMLElement;
  /** Expands down to the node at a JSON pointer (or its nearest existing ancestor) and highlights it. */
  reveal(pointer: string): string;
  expandAll(): void;
  collapseAll(): void;
}

export function buildTree(root: unknown): JsonTree {
  const nodes = new Map<string, TreeNode>();

  function node(value: unknown, pointer: string, key: Key | null, depth: number): HTMLLIElement {
    const li = el('li');
    const line = el('span', { class: 'line', 'data-pointer': pointer });
    const keyParts = key === null ? [] : [el('span', { class: 'j-key', text: keyLabel(key) }), ': '];
    li.append(line);
    const shape = shapeOf(value);
    if (shape.kind !== 'branch') {
      const shown =
        shape.kind === 'leaf'
          ? el('span', { class: shape.className, text: shape.text })
          : el('span', { class: 'j-summary', text: shape.text });
      line.append(el('span', { class: 'spacer' }), ...keyParts, shown);
      nodes.set(pointer, { line, expand() {}, collapse() {} });
      return li;
    }
    const toggle = el('button', {
      type: 'button',
      class: 'toggle',
      'aria-expanded': 'false',
      'aria-label': `Expand ${pointer === '' ? 'the body' : pointer}`,
      text: '▸',
    });
    line.append(toggle, ...keyParts, el('span', { class: 'j-summary', text: shape.summary }));
    let children: HTMLUListElement | null = null;
    const entry: TreeNode = {
      line,
      expand() {
        if (children === null) {
          children = el('ul');
          for (const [childKey, childValue] of shape.entries) {
            children.append(node(childValue, childPointer(pointer, childKey), childKey, depth + 1));
          }
          li.append(children);
        }
        children.hidden = false;
        toggle.setAttribute('aria-expanded', 'true');
        toggle.textContent = '▾';
      },
      collapse() {
        if (children) children.hidden = true;
        toggle.setAttribute('aria-expanded', 'false');
        toggle.textContent = '▸';
      },
    };
    toggle.addEventListener('click', () => {
      if (toggle.getAttribute('aria-expanded') === 'true') entry.collapse();
      else entry.expand();
    });
    nodes.set(pointer, entry);
    if (opensAtFirst(depth, shape.entries.length)) entry.expand();
    return li;
  }

  const element = el('div', { class: 'tree' }, el('ul', {}, node(root, '', null, 0)));
  return {
    element,
    reveal(pointer) {
      // Opening a node builds its children, so each step can only be checked after the one before.
      let current = '';
      for (const step of pointerPath(pointer)) {
        const found = nodes.get(step);
        if (!found) break;
        current = step;
        found.expand();
      }
      for (const old of element.querySelectorAll('.line.target')) old.classList.remove('target');
      const target = nodes.get(current)!;
      target.line.classList.add('target');
      target.line.tabIndex = -1;
      target.line.scrollIntoView({ block: 'center' });
      target.line.focus({ preventScroll: true });
      return current;
    },
    expandAll() {
      // Expanding builds children, which registers more nodes; repeat until nothing new appears.
      let size = -1;
      while (size !== nodes.size) {
        size = nodes.size;
        for (const entry of [...nodes.values()]) entry.expand();
      }
    },
    collapseAll() {
      for (const [pointer, entry] of nodes) if (pointer !== '') entry.collapse();
    },
  };
}
