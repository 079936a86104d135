// What the page knows: the history's summaries (from the event stream) and the list's selection.
import type { DeliverySummary } from './api-types.js';

export interface PageState {
  /** Summaries, newest first. */
  deliveries: DeliverySummary[];
  /** How many deliveries the inspector keeps (`--ui-history`). */
  limit: number;
  /** listen's --forward-to target, where a replay goes when no URL is typed. */
  forwardUrl: string | null;
  /** The delivery shown in the detail pane. */
  selectedId: string | null;
  /** The list item that has (or last had) keyboard focus. */
  activeId: string | null;
  /** Ids matching the text filter (answered by the server, which can search bodies), or null. */
  textMatches: Set<string> | null;
  /** Ids that just arrived, briefly highlighted. */
  fresh: Set<string>;
}

export const state: PageState = {
  deliveries: [],
  limit: 500,
  forwardUrl: null,
  selectedId: null,
  activeId: null,
  textMatches: null,
  fresh: new Set(),
};
