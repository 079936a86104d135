// The Compare card: what changed in the body since another delivery of the same event type.
import { getJson } from './api.js';
import type { DeliveryDetail, DiffAnswer, JsonChange } from './api-types.js';
import { card, el } from './dom.js';
import { comparisonFor } from './filters.js';
import { CHANGE_SYMBOLS, describeDiff, formatTime, pointerLabel, shortJson } from './format.js';
import { state } from './state.js';

function changeRow(change: JsonChange): HTMLElement {
  return el(
    'tr',
    { class: change.kind },
    el('td', { class: 'kind', title: change.kind, text: CHANGE_SYMBOLS[change.kind] }),
    el('td', {}, el('code', { text: pointerLabel(change.pointer) })),
    el(
      'td',
      {},
      change.kind !== 'added' ? el('span', { class: 'before', text: shortJson(change.before) }) : null,
      change.kind === 'changed' ? ' → ' : null,
      change.kind !== 'removed' ? el('span', { class: 'after', text: shortJson(change.after) }) : null,
    ),
  );
}

export function diffView(detail: DeliveryDetail): HTMLElement {
  const note = (text: string) => card('Compare', null, el('p', { class: 'note', text }));
  if (detail.event === null || detail.body.jsonText === null) {
    return note('Only JSON deliveries with an event type can be compared.');
  }
  const { candidates, preselected } = comparisonFor(state.deliveries, detail);
  if (preselected === undefined)
    return note(`No other ${detail.event} delivery in the history to compare with.`);
  const select = el(
    'select',
    { 'aria-label': `Compare with another ${detail.event} delivery` },
    candidates.map((summary) =>
      el('option', {
        value: summary.id,
        text: `${formatTime(summary.receivedAt)}  ${summary.method} ${summary.path}  (${summary.id})`,
      }),
    ),
  );
  select.value = preselected.id;
  const output = el('div', { 'aria-live': 'polite' });
  const compare = el('button', { type: 'button', text: 'Compare' });
  compare.addEventListener('click', async () => {
    output.replaceChildren(el('p', { class: 'note', text: 'Comparing…' }));
    try {
      const diff = await getJson<DiffAnswer>(
        `/api/diff?from=${encodeURIComponent(select.value)}&to=${encodeURIComponent(detail.id)}`,
      );
      if (diff.changes.length === 0) {
        output.replaceChildren(el('p', { class: 'note', text: 'The bodies are the same.' }));
        return;
      }
      output.replaceChildren(
        el('p', { class: 'note', text: describeDiff(diff.changes, diff.truncated) }),
        el('table', { class: 'diff' }, el('tbody', {}, diff.changes.map(changeRow))),
      );
    } catch (error) {
      output.replaceChildren(el('p', { class: 'problem', text: (error as Error).message }));
    }
  });
  return card(
    `Compare with another ${detail.event}`,
    null,
    el('div', { class: 'replay-row' }, select, compare),
    output,
  );
}
