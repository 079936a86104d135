import type { Capture } from '../capture/capture.js';
import type { HeldDelivery } from './history-store.js';

/** The capture file form of a delivery (exact bytes as received), for the download button. */
export function captureFromDelivery(delivery: HeldDelivery): Capture {
  const capture: Capture = {
    id: delivery.id,
    receivedAt: delivery.receivedAt,
    method: delivery.method,
    path: delivery.path,
    headers: delivery.headers,
    body: delivery.body,
  };
  if (delivery.remoteAddress !== undefined) capture.remoteAddress = delivery.remoteAddress;
  return capture;
}

/** A file name for Content-Disposition that nothing in the id can break out of. */
export function captureDownloadName(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '');
  return `${safe || 'delivery'}.json`;
}
