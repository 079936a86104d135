import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Capture } from '../capture/capture.js';
import { isTempCaptureName } from '../capture/capture-writer.js';
import { readCaptureFile } from '../capture/read-capture-file.js';
import type { Delivery } from '../listen/delivery.js';
import { findDeliveryId } from '../listen/find-delivery-id.js';
import { DEFAULT_MAX_DECODED } from '../listen/handle-delivery.js';
import { payloadOf, readContent } from '../listen/read-content.js';
import { detectEventType } from '../schemas/detect-event.js';
import { type HeldDelivery, heldSize, withoutContent } from './history-store.js';

export interface LoadSavedCapturesOptions {
  /** Read only the newest this many files (capture names sort by arrival time). */
  limit?: number;
  /** Stop before the deliveries read weigh more than this (see `heldSize`). */
  maxBytes?: number;
  /** Called for each file that is not a valid capture; it is skipped. */
  onSkip?: (path: string, message: string) => void;
}

/** A saved capture as a delivery record: checks and forwarding are unknown (null), the response status 0. */
export async function deliveryFromCapture(capture: Capture, savedTo: string | null): Promise<Delivery> {
  const content = await readContent(capture.body, capture.headers, DEFAULT_MAX_DECODED);
  const payload = payloadOf(content);
  const value = payload.ok ? payload.value : undefined;
  const savedEvent = typeof capture.meta?.event === 'string' ? capture.meta.event : undefined;
  const delivery: Delivery = {
    id: capture.id,
    receivedAt: capture.receivedAt,
    method: capture.method,
    path: capture.path,
    headers: capture.headers,
    body: capture.body,
    event: savedEvent ?? detectEventType({ body: value, headers: capture.headers }).type ?? null,
    deliveryId: findDeliveryId(capture.headers, value),
    signature: null,
    validation: null,
    forward: null,
    response: { status: 0 },
    handshake: null,
    savedTo,
    saveError: null,
    content,
    accepted: true,
  };
  if (capture.remoteAddress !== undefined) delivery.remoteAddress = capture.remoteAddress;
  return delivery;
}

/**
 * The captures already in a `--save` directory, oldest first, for the inspector's `initial`
 * history, held without their decoded content (see history-store.ts). Files still being written
 * (temp names) and non-JSON files are ignored; broken captures are reported through `onSkip` and
 * left out. A missing directory yields nothing.
 */
export async function loadSavedCaptures(
  dir: string,
  options: LoadSavedCapturesOptions = {},
): Promise<HeldDelivery[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  names = names.filter((name) => name.endsWith('.json') && !isTempCaptureName(name)).sort();
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  const deliveries: HeldDelivery[] = [];
  let bytes = 0;
  // Newest first, so that a limit keeps the latest captures even when some files are broken.
  for (let i = names.length - 1; i >= 0 && deliveries.length < limit; i -= 1) {
    const path = join(dir, names[i] as string);
    let delivery: HeldDelivery;
    try {
      delivery = withoutContent(await deliveryFromCapture(await readCaptureFile(path), path));
    } catch (error) {
      options.onSkip?.(path, (error as Error).message);
      continue;
    }
    bytes += heldSize(delivery);
    if (bytes > maxBytes && deliveries.length > 0) break;
    deliveries.push(delivery);
  }
  return deliveries.sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt));
}
