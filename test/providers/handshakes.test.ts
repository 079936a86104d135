import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectHandshake } from '../../src/listen/detect-handshake.js';
import { findDeliveryId } from '../../src/listen/find-delivery-id.js';
import { listProviders } from '../../src/providers/registry.js';
import type { HandshakeDescription, ProviderDescription } from '../../src/providers/types.js';

const none = new URLSearchParams();
const request = (overrides: Partial<Parameters<typeof detectHandshake>[0]>) => ({
  method: 'POST',
  query: none,
  headers: [] as [string, string][],
  payload: undefined as unknown,
  ...overrides,
});

/** A provider with only a handshake, for the kinds whose provider files are not in this list yet. */
function fixture(id: string, handshake: HandshakeDescription): ProviderDescription {
  return {
    id,
    name: id,
    docs: 'https://example.com',
    summary: 'a test provider',
    signature: {
      algorithm: 'hmac-sha256',
      signed: '{body}',
      format: { kind: 'header', header: 'X-Test' },
      encoding: 'hex',
    },
    handshake,
  };
}

describe('handshakes from the registry', () => {
  it('Slack url_verification: the challenge as text (https://api.slack.com/events/url_verification)', () => {
    expect(detectHandshake(request({ payload: { type: 'url_verification', challenge: 'x' } }))).toEqual({
      name: 'slack url_verification',
      provider: 'slack',
      signed: true,
      response: { status: 200, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: 'x' },
    });
    expect(detectHandshake(request({ payload: { type: 'event_callback' } }))).toBeNull();
  });

  it('Meta hub.challenge: only on a GET, unsigned', () => {
    const query = new URLSearchParams('hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=t');
    expect(detectHandshake(request({ method: 'GET', query }))).toMatchObject({
      name: 'meta hub.challenge',
      signed: false,
      response: { status: 200, body: '1158201444' },
    });
    expect(detectHandshake(request({ query }))).toBeNull();
  });
});

describe('handshake kinds', () => {
  const kinds = (handshake: HandshakeDescription) => [fixture('p', handshake)];

  it('zoom-url-validation: { plainToken, encryptedToken: hex HMAC-SHA256(secret, plainToken) }, or a note without a secret', () => {
    const providers = kinds({
      kind: 'zoom-url-validation',
      docs: 'https://developers.zoom.us/docs/api/webhooks/',
    });
    const payload = { event: 'endpoint.url_validation', payload: { plainToken: 'qgg8vlvZRS6UYooatFL8Aw' } };
    const answered = detectHandshake(request({ payload }), 'secret-token', providers);
    const encryptedToken = createHmac('sha256', 'secret-token')
      .update('qgg8vlvZRS6UYooatFL8Aw')
      .digest('hex');
    expect(answered?.response).toEqual({
      status: 200,
      headers: [['Content-Type', 'application/json']],
      body: JSON.stringify({ plainToken: 'qgg8vlvZRS6UYooatFL8Aw', encryptedToken }),
    });
    expect(detectHandshake(request({ payload }), undefined, providers)).toMatchObject({
      response: null,
      note: 'answering needs the secret token: --verify p --secret ...',
    });
  });

  it('x-crc: GET ?crc_token → { response_token: "sha256=" + base64 HMAC }', () => {
    const providers = kinds({ kind: 'x-crc', docs: 'https://developer.x.com' });
    const query = new URLSearchParams('crc_token=abc');
    const digest = createHmac('sha256', 'consumer').update('abc').digest('base64');
    expect(detectHandshake(request({ method: 'GET', query }), 'consumer', providers)?.response?.body).toBe(
      JSON.stringify({ response_token: `sha256=${digest}` }),
    );
  });

  it('echo-header-json (Twitch): the challenge as text when the message type header says so', () => {
    const providers = kinds({
      kind: 'echo-header-json',
      header: 'Twitch-Eventsub-Message-Type',
      equals: 'webhook_callback_verification',
      challenge: 'challenge',
      docs: 'https://dev.twitch.tv',
    });
    const headers: [string, string][] = [['twitch-eventsub-message-type', 'webhook_callback_verification']];
    expect(
      detectHandshake(
        request({ headers, payload: { challenge: 'pogchamp-kappa-360noscope-vohiyo' } }),
        undefined,
        providers,
      ),
    ).toMatchObject({
      name: 'p webhook_callback_verification',
      response: { status: 200, body: 'pogchamp-kappa-360noscope-vohiyo' },
    });
  });

  it('echo-header (Asana X-Hook-Secret), cloudevents-options, event-grid-validation, sns-subscription, discord-ping', () => {
    const asana = kinds({
      kind: 'echo-header',
      header: 'X-Hook-Secret',
      docs: 'https://developers.asana.com',
    });
    expect(
      detectHandshake(request({ headers: [['x-hook-secret', 's3']] }), undefined, asana)?.response,
    ).toEqual({
      status: 200,
      headers: [['X-Hook-Secret', 's3']],
      body: '',
    });
    const ce = kinds({ kind: 'cloudevents-options', docs: 'https://github.com/cloudevents/spec' });
    expect(
      detectHandshake(
        request({ method: 'OPTIONS', headers: [['WebHook-Request-Origin', 'eventgrid.azure.net']] }),
        undefined,
        ce,
      )?.response?.headers,
    ).toEqual([['WebHook-Allowed-Origin', 'eventgrid.azure.net']]);
    const grid = kinds({ kind: 'event-grid-validation', docs: 'https://learn.microsoft.com' });
    const validation = [
      {
        eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
        data: { validationCode: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6' },
      },
    ];
    expect(detectHandshake(request({ payload: validation }), undefined, grid)?.response?.body).toBe(
      '{"validationResponse":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6"}',
    );
    const sns = kinds({ kind: 'sns-subscription', docs: 'https://docs.aws.amazon.com/sns' });
    expect(
      detectHandshake(
        request({
          payload: { Type: 'SubscriptionConfirmation', SubscribeURL: 'https://sns.example/confirm' },
        }),
        undefined,
        sns,
      ),
    ).toMatchObject({ response: null, note: 'confirm by opening SubscribeURL https://sns.example/confirm' });
    const discord = kinds({ kind: 'discord-ping', docs: 'https://discord.com/developers' });
    expect(detectHandshake(request({ payload: { type: 1 } }), undefined, discord)?.response?.body).toBe(
      '{"type":1}',
    );
    expect(detectHandshake(request({ payload: { type: 2 } }), undefined, discord)).toBeNull();
  });

  it('every handshake in the registry links its docs', () => {
    for (const provider of listProviders()) {
      const list =
        provider.handshake === undefined
          ? []
          : Array.isArray(provider.handshake)
            ? provider.handshake
            : [provider.handshake];
      for (const handshake of list) expect((handshake as HandshakeDescription).docs).toMatch(/^https:\/\//);
    }
  });
});

describe('findDeliveryId', () => {
  it("takes the id where the detected provider keeps it, then any provider's id header", () => {
    expect(findDeliveryId([['X-GitHub-Delivery', 'g-1']], {})).toBe('g-1');
    expect(findDeliveryId([['svix-id', 'msg_1']], {})).toBe('msg_1');
    expect(findDeliveryId([['Stripe-Signature', 't=1,v1=00']], { id: 'evt_123' })).toBe('evt_123');
    expect(findDeliveryId([['X-Slack-Signature', 'v0=00']], { event_id: 'Ev01' })).toBe('Ev01');
    expect(findDeliveryId([['x-request-id', 'r-1']], {})).toBe('r-1');
    expect(findDeliveryId([['aeg-event-type', 'Notification']], [{ id: 'eg-1', eventType: 'x' }])).toBe(
      'eg-1',
    );
  });

  it("takes a body id without the provider's headers only with its documented prefix", () => {
    expect(findDeliveryId([], { id: 'evt_123' })).toBe('evt_123');
    expect(findDeliveryId([], { id: 'cus_123' })).toBeNull();
    expect(findDeliveryId([], { event_id: 'Ev01' })).toBeNull();
  });
});

describe('detectEventType asks the registry', () => {
  it('reads the event type where the detected provider keeps it', async () => {
    const { detectEventType } = await import('../../src/schemas/detect-event.js');
    expect(
      detectEventType({
        headers: [['X-Slack-Signature', 'v0=00']],
        body: { type: 'event_callback', event: { type: 'app_mention' } },
      }),
    ).toEqual({ type: 'app_mention', rule: 'body "event.type"' });
    expect(
      detectEventType({
        headers: [['X-Hub-Signature-256', 'sha256=00']],
        body: { object: 'page', entry: [] },
      }),
    ).toEqual({
      type: 'page',
      rule: 'body "object"',
    });
    expect(
      detectEventType({
        headers: [['aeg-event-type', 'Notification']],
        body: [{ eventType: 'Microsoft.Storage.BlobCreated' }],
      }),
    ).toEqual({ type: 'Microsoft.Storage.BlobCreated', rule: 'body "0.eventType"' });
  });
});
