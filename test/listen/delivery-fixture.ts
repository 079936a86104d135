import type { Delivery } from '../../src/listen/delivery.js';

/** A handled delivery with nothing checked; override what a test needs. */
export function makeDelivery(overrides: Partial<Delivery> = {}): Delivery {
  const body = Buffer.from('{"action":"opened"}');
  return {
    id: '20260101T000000000Z-000001-abcd',
    receivedAt: '2026-01-01T12:34:56.000Z',
    method: 'POST',
    path: '/webhook',
    headers: [
      ['Content-Type', 'application/json'],
      ['X-GitHub-Event', 'issues'],
    ],
    body,
    event: 'issues.opened',
    deliveryId: 'd-1',
    signature: null,
    validation: null,
    forward: null,
    response: { status: 200 },
    handshake: null,
    savedTo: null,
    saveError: null,
    content: { kind: 'json', text: body.toString(), value: { action: 'opened' } },
    accepted: true,
    ...overrides,
  };
}
