// The detail pane: one delivery's request line, facts, checks, body, headers, replay and compare.
import { getJson } from './api.js';
import type { DeliveryDetail } from './api-types.js';
import { bodyView } from './body-view.js';
import { checksView } from './checks-view.js';
import { diffView } from './diff-view.js';
import { $, card, el } from './dom.js';
import { formatDateTime, formatSize } from './format.js';
import { replayView } from './replay-view.js';
import { state } from './state.js';

function headersView(detail: DeliveryDetail): HTMLElement {
  return card(
    `Headers (${detail.headers.length})`,
    null,
    el(
      'table',
      { class: 'headers' },
      el(
        'tbody',
        {},
        detail.headers.map(([name, value]) =>
          el('tr', {}, el('th', { scope: 'row', text: name }), el('td', { text: value })),
        ),
      ),
    ),
  );
}

function renderDetail(detail: DeliveryDetail): void {
  const body = bodyView(detail);
  const meta: Array<[string, string]> = [
    ['Received', formatDateTime(detail.receivedAt)],
    ['Event', detail.event ?? '—'],
    ['Delivery id', detail.deliveryId ?? '—'],
    ['Size', formatSize(detail.size)],
    ['Answered', detail.responseStatus === 0 ? 'loaded from a capture file' : String(detail.responseStatus)],
  ];
  if (detail.remoteAddress) meta.push(['From', detail.remoteAddress]);
  if (detail.handshake) meta.push(['Handshake', detail.handshake]);
  if (detail.route) {
    const { path, events } = detail.route;
    meta.push(['Route', events ? `${path} (${events.join(', ')})` : path]);
  }
  if (detail.savedTo) meta.push(['Saved to', detail.savedTo]);
  if (detail.saveError) meta.push(['Not saved', detail.saveError]);
  $('detail').replaceChildren(
    el('h2', { text: `${detail.method} ${detail.path}` }),
    el(
      'p',
      { class: 'meta' },
      meta.map(([label, value]) => el('span', {}, `${label}: `, el('b', { text: value }))),
    ),
    el(
      'div',
      { class: 'actions' },
      el('a', {
        href: `/api/deliveries/${encodeURIComponent(detail.id)}/capture`,
        download: true,
        text: 'Download capture',
        title: 'A capture file: replay it with `webhook-cli send`',
      }),
      el('span', { class: 'muted', text: `id ${detail.id}` }),
    ),
    checksView(detail, body),
    body.element,
    headersView(detail),
    replayView(detail),
    diffView(detail),
  );
}

let detailToken = 0;

/** Shows a delivery in the detail pane; an answer that a later click overtook is ignored. */
export async function openDelivery(id: string): Promise<void> {
  state.selectedId = id;
  for (const item of $('list').children) {
    item.setAttribute('aria-selected', String((item as HTMLElement).dataset.id === id));
  }
  const token = ++detailToken;
  const pane = $('detail');
  try {
    const detail = await getJson<DeliveryDetail>(`/api/deliveries/${encodeURIComponent(id)}`);
    if (token !== detailToken) return;
    renderDetail(detail);
    pane.scrollTop = 0;
  } catch (error) {
    if (token !== detailToken) return;
    pane.replaceChildren(el('div', { class: 'placeholder' }, el('p', { text: (error as Error).message })));
  }
}
