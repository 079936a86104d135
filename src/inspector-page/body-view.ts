// The body card: the JSON tree (or GitHub's form `payload` field), the raw text, copy.
import type { DeliveryDetail } from './api-types.js';
import { type Child, card, el } from './dom.js';
import { formatSize } from './format.js';
import { buildTree, type JsonTree } from './json-tree.js';

export interface BodyView {
  element: HTMLElement;
  /** Whether the body has a tree that `reveal` can open. */
  canReveal: boolean;
  /** Shows the tree, open at a JSON pointer. */
  reveal(pointer: string): void;
}

function copyText(text: string, button: HTMLButtonElement): void {
  const done = (label: string) => {
    button.textContent = label;
    setTimeout(() => {
      button.textContent = 'Copy';
    }, 1500);
  };
  if (navigator.clipboard?.writeText) {
    navigator.clipboard.writeText(text).then(
      () => done('Copied'),
      () => done('Copy failed'),
    );
  } else done('Copy failed');
}

function treeOf(jsonText: string | null): JsonTree | null {
  if (jsonText === null) return null;
  try {
    return buildTree(JSON.parse(jsonText));
  } catch {
    return null;
  }
}

export function bodyView(detail: DeliveryDetail): BodyView {
  const body = detail.body;
  const parts: Child[] = [];
  if (body.problem) parts.push(el('p', { class: 'problem', text: body.problem }));
  if (body.decodedFrom)
    parts.push(
      el('p', {
        class: 'note',
        text: `Shown decoded from Content-Encoding: ${body.decodedFrom} (${formatSize(body.size)} as received).`,
      }),
    );
  const tree = treeOf(body.jsonText);
  if (body.kind === 'form' && tree)
    parts.push(el('p', { class: 'note', text: 'A form body: the tree shows its "payload" field.' }));
  if (body.encoding === 'base64')
    parts.push(el('p', { class: 'note', text: 'Not UTF-8 text: shown as base64.' }));
  const raw = el('pre', { class: 'raw', text: body.kind === 'empty' ? '(empty body)' : body.text });
  const treeButton = el('button', { type: 'button', 'aria-pressed': 'true', text: 'Tree' });
  const rawButton = el('button', { type: 'button', 'aria-pressed': 'false', text: 'Raw' });
  const copyButton = el('button', { type: 'button', text: 'Copy', title: 'Copy the raw body' });
  const expandButton = el('button', { type: 'button', text: 'Expand all' });
  const collapseButton = el('button', { type: 'button', text: 'Collapse' });
  const show = (which: 'tree' | 'raw') => {
    const showTree = which === 'tree' && tree !== null;
    if (tree) tree.element.hidden = !showTree;
    raw.hidden = showTree;
    treeButton.setAttribute('aria-pressed', String(showTree));
    rawButton.setAttribute('aria-pressed', String(!showTree));
    expandButton.hidden = !showTree;
    collapseButton.hidden = !showTree;
  };
  treeButton.addEventListener('click', () => show('tree'));
  rawButton.addEventListener('click', () => show('raw'));
  copyButton.addEventListener('click', () => copyText(body.text, copyButton));
  expandButton.addEventListener('click', () => tree?.expandAll());
  collapseButton.addEventListener('click', () => tree?.collapseAll());
  const toolbar = tree ? [expandButton, collapseButton, treeButton, rawButton, copyButton] : [copyButton];
  if (tree) parts.push(tree.element);
  parts.push(raw);
  show(tree ? 'tree' : 'raw');
  return {
    element: card('Body', toolbar, parts),
    canReveal: tree !== null,
    reveal(pointer) {
      if (!tree) return;
      show('tree');
      tree.reveal(pointer);
    },
  };
}
