// The webhook-cli inspector page: the entry module, the only one that does anything on import.
// It wires the controls and follows the inspector's event stream; the other modules of this
// folder draw the page. Built by `npm run build` into dist/inspector-page/, served as ES modules.
import type { DeliveryEvent, DeliveryList } from './api-types.js';
import { $ } from './dom.js';
import { applyDeliveryEvent } from './filters.js';
import { focusActive, onListKey, scheduleRender } from './list-view.js';
import { state } from './state.js';
import { filterText, scheduleSearch } from './text-search.js';

function setLive(stateName: 'live' | 'connecting' | 'down', text: string): void {
  const live = $('live');
  live.dataset.state = stateName;
  live.textContent = text;
}

function connect(): void {
  const source = new EventSource('/api/events');
  source.addEventListener('snapshot', (message) => {
    const data = JSON.parse(message.data) as DeliveryList;
    state.limit = data.limit;
    state.forwardUrl = data.forwardUrl;
    state.deliveries = data.deliveries;
    setLive('live', 'live');
    if (filterText() !== '') scheduleSearch();
    scheduleRender();
  });
  source.addEventListener('delivery', (message) => {
    const { delivery, dropped } = JSON.parse(message.data) as DeliveryEvent;
    state.deliveries = applyDeliveryEvent(state.deliveries, delivery, dropped, state.limit);
    state.fresh.add(delivery.id);
    if (filterText() !== '') scheduleSearch();
    scheduleRender();
  });
  source.addEventListener('open', () => setLive('live', 'live'));
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) setLive('down', 'disconnected (reload the page)');
    else setLive('connecting', 'reconnecting…');
  });
}

function start(): void {
  $('list').addEventListener('keydown', onListKey);
  $('filters').addEventListener('submit', (event) => event.preventDefault());
  $('filter-text').addEventListener('input', scheduleSearch);
  $('filter-event').addEventListener('change', scheduleRender);
  $('filter-status').addEventListener('change', scheduleRender);
  document.addEventListener('keydown', (event) => {
    const target = event.target as Element | null;
    const typing = target?.closest?.('input, textarea, select');
    if (event.key === '/' && !typing) {
      event.preventDefault();
      $('filter-text').focus();
    } else if (event.key === 'Escape') {
      if (typing) (target as HTMLElement).blur();
      focusActive();
    }
  });
  connect();
}

start();
