// The text filter. It is answered by the server, which can search bodies the page does not hold.
import { getJson } from './api.js';
import type { DeliveryList } from './api-types.js';
import { $ } from './dom.js';
import { scheduleRender } from './list-view.js';
import { state } from './state.js';

let searchTimer: ReturnType<typeof setTimeout> | undefined;
let searchToken = 0;

export function filterText(): string {
  return $<HTMLInputElement>('filter-text').value.trim();
}

/** Searches once typing pauses; an answer that a newer search overtook is ignored. */
export function scheduleSearch(): void {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(runSearch, 150);
}

async function runSearch(): Promise<void> {
  const text = filterText();
  const token = ++searchToken;
  if (text === '') {
    state.textMatches = null;
    scheduleRender();
    return;
  }
  try {
    const data = await getJson<DeliveryList>(`/api/deliveries?q=${encodeURIComponent(text)}`);
    if (token !== searchToken) return;
    state.textMatches = new Set(data.deliveries.map((summary) => summary.id));
  } catch {
    state.textMatches = null;
  }
  scheduleRender();
}
