import { verify as verifyGitHub } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { getHeader } from '../../src/options/headers.js';
import { getProvider } from '../../src/providers/registry.js';
import { createSigner } from '../../src/send/create-signer.js';

const body = Buffer.from('{"zen":"Keep it logically awesome."}');
const github = { provider: getProvider('github'), secrets: ["It's a Secret to Everybody"] };
// A Standard Webhooks secret: whsec_ and base64 (https://www.standardwebhooks.com/).
const swSecret = `whsec_${Buffer.from('a 24-byte secret for tests').toString('base64')}`;
const standard = { provider: getProvider('standard-webhooks'), secrets: [swSecret] };

describe('createSigner', () => {
  it('removes the old signatures once and signs each attempt afresh (GitHub, checked by @octokit/webhooks-methods)', async () => {
    const signer = createSigner(
      [
        ['Content-Type', 'application/json'],
        ['X-Hub-Signature', 'sha1=stale'],
        ['X-Hub-Signature-256', 'sha256=stale'],
      ],
      github,
    );
    const headers = signer.headersFor(body, 1_700_000_000);
    expect(headers.map(([name]) => name.toLowerCase())).toEqual([
      'content-type',
      'x-hub-signature-256',
      'x-github-delivery',
    ]);
    const signature = getHeader(headers, 'X-Hub-Signature-256') as string;
    expect(await verifyGitHub(github.secrets[0] as string, body.toString(), signature)).toBe(true);
  });

  it('makes a delivery id once when the request has none, and keeps it for every attempt', () => {
    const signer = createSigner([], github);
    expect(signer.deliveryId).toBeUndefined();
    const first = getHeader(signer.headersFor(body, 1_700_000_000), 'X-GitHub-Delivery');
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(signer.deliveryId).toBe(first);
    expect(getHeader(signer.headersFor(body, 1_700_000_100), 'X-GitHub-Delivery')).toBe(first);
  });

  it('keeps the id the request already has, with a fresh timestamp each attempt (checked by standardwebhooks)', () => {
    const signer = createSigner([['webhook-id', 'msg_original']], standard);
    expect(signer.deliveryId).toBe('msg_original');
    for (const timestamp of [1_700_000_000, 1_700_000_042]) {
      const headers = signer.headersFor(body, timestamp);
      expect(getHeader(headers, 'webhook-id')).toBe('msg_original');
      expect(getHeader(headers, 'webhook-timestamp')).toBe(String(timestamp));
      const asObject = Object.fromEntries(headers.map(([name, value]) => [name.toLowerCase(), value]));
      // The library checks the timestamp against its own clock: verify as of that second.
      const now = Date.now;
      Date.now = () => timestamp * 1000;
      try {
        expect(() => new Webhook(swSecret).verify(body.toString(), asObject)).not.toThrow();
      } finally {
        Date.now = now;
      }
    }
  });

  it('lets a signing failure through to the caller (send reports it as final)', () => {
    // Standard Webhooks signs `id.timestamp.body`: an id with a dot in it cannot be signed safely.
    const signer = createSigner([['webhook-id', 'msg.with.dots']], standard);
    expect(() => signer.headersFor(body, 1_700_000_000)).toThrow(
      'the webhook id "msg.with.dots" cannot be signed',
    );
  });
});
