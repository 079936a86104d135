// The list of deliveries: filters applied, marks, counts in the top bar, keyboard moves.
import type { DeliverySummary } from './api-types.js';
import { openDelivery } from './detail-view.js';
import { $, el } from './dom.js';
import { eventOptions, visibleDeliveries } from './filters.js';
import { formatSize, formatTime, plural } from './format.js';
import { marksOf } from './marks.js';
import { state } from './state.js';

function currentFilters() {
  return {
    event: $<HTMLSelectElement>('filter-event').value,
    status: $<HTMLSelectElement>('filter-status').value,
    textMatches: state.textMatches,
  };
}

function renderEventOptions(): void {
  const select = $<HTMLSelectElement>('filter-event');
  const current = select.value;
  select.replaceChildren(
    ...eventOptions(state.deliveries, current).map(({ value, text }) => el('option', { value, text })),
  );
  select.value = current;
}

function renderCounts(shown: number): void {
  const total = state.deliveries.length;
  const failed = state.deliveries.filter((summary) => summary.failed).length;
  const parts: Array<Node | string> = [plural(total, 'delivery', 'deliveries'), ' · '];
  parts.push(el('span', { class: failed > 0 ? 'bad' : '', text: `${failed} failed` }));
  if (shown !== total) parts.push(` · ${shown} shown`);
  if (total >= state.limit) parts.push(` · keeping the newest ${state.limit}`);
  $('counts').replaceChildren(...parts);
}

function renderItem(summary: DeliverySummary): HTMLElement {
  const classes = [summary.failed ? 'failed' : '', state.fresh.has(summary.id) ? 'fresh' : '']
    .join(' ')
    .trim();
  return el(
    'div',
    {
      role: 'option',
      class: classes || null,
      'data-id': summary.id,
      tabindex: summary.id === state.activeId ? '0' : '-1',
      'aria-selected': summary.id === state.selectedId ? 'true' : 'false',
      onclick: () => {
        setActive(summary.id, true);
        openDelivery(summary.id);
      },
    },
    el(
      'div',
      { class: 'row' },
      el('span', { class: 'time', text: formatTime(summary.receivedAt) }),
      el('span', { class: 'method', text: summary.method }),
      el('span', { class: 'path', text: summary.path, title: summary.path }),
    ),
    el(
      'div',
      { class: 'row' },
      el('span', { class: summary.event ? 'event' : 'event muted', text: summary.event ?? 'no event type' }),
      el('span', { class: 'size', text: formatSize(summary.size) }),
    ),
    el(
      'div',
      { class: 'marks' },
      marksOf(summary).map((mark) =>
        el('span', { class: `mark ${mark.tone}`, title: mark.title, text: mark.text }),
      ),
    ),
  );
}

function renderList(): void {
  const list = $('list');
  const hadFocus = list.contains(document.activeElement);
  const visible = visibleDeliveries(state.deliveries, currentFilters());
  if (!visible.some((summary) => summary.id === state.activeId)) state.activeId = visible[0]?.id ?? null;
  list.replaceChildren(...visible.map(renderItem));
  state.fresh.clear();
  const empty = $('empty');
  empty.hidden = visible.length > 0;
  empty.textContent =
    state.deliveries.length === 0
      ? 'Waiting for deliveries… send one to the listener and it appears here.'
      : 'No delivery matches the filters.';
  renderEventOptions();
  renderCounts(visible.length);
  if (hadFocus) focusActive();
}

let renderQueued = false;
/** Renders the list at the next frame, once however many deliveries arrived before it. */
export function scheduleRender(): void {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    renderList();
  });
}

function items(): HTMLElement[] {
  return [...$('list').children] as HTMLElement[];
}

function itemFor(id: string): HTMLElement | null {
  return items().find((item) => item.dataset.id === id) ?? null;
}

export function focusActive(): void {
  const item = state.activeId === null ? null : itemFor(state.activeId);
  if (item) {
    item.focus();
    item.scrollIntoView({ block: 'nearest' });
  }
}

function setActive(id: string, focus: boolean): void {
  const previous = state.activeId === null ? null : itemFor(state.activeId);
  if (previous) previous.tabIndex = -1;
  state.activeId = id;
  const item = itemFor(id);
  if (item) {
    item.tabIndex = 0;
    if (focus) {
      item.focus();
      item.scrollIntoView({ block: 'nearest' });
    }
  }
}

/** ↑/↓ or j/k move, Home/End jump, Enter or Space opens. */
export function onListKey(event: KeyboardEvent): void {
  const all = items();
  if (all.length === 0) return;
  const index = Math.max(
    0,
    all.findIndex((item) => item.dataset.id === state.activeId),
  );
  let next: number;
  if (event.key === 'ArrowDown' || event.key === 'j') next = Math.min(all.length - 1, index + 1);
  else if (event.key === 'ArrowUp' || event.key === 'k') next = Math.max(0, index - 1);
  else if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = all.length - 1;
  else if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    if (state.activeId !== null) openDelivery(state.activeId);
    return;
  } else return;
  event.preventDefault();
  setActive(all[next]!.dataset.id!, true);
}
