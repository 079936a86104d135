import { createHmac } from 'node:crypto';
import { getHeader, type HeaderList } from '../options/headers.js';
import { jsonAt } from '../signatures/signed-content.js';
import type { HandshakeDescription, ProviderDescription, UnsignedSource } from './types.js';

/** What a handshake request looks like to the listener. */
export interface HandshakeRequest {
  method: string;
  query: URLSearchParams;
  headers: HeaderList;
  /** The parsed JSON body, when it is JSON. */
  payload: unknown;
}

/** A verification request a provider sends before (or between) real deliveries. */
export interface Handshake {
  /** Shown to the user: `slack url_verification`, `meta hub.challenge`. */
  name: string;
  provider: string;
  /** The answer the provider requires, or null when it is only shown (SNS) or cannot be made. */
  response: { status: number; headers: HeaderList; body: string } | null;
  /** Shown with the delivery: SNS's SubscribeURL, or what is needed to answer. */
  note?: string;
  /** GET/OPTIONS checks carry no signature; the others are verified like any delivery. */
  signed: boolean;
}

const TEXT: [string, string] = ['Content-Type', 'text/plain; charset=utf-8'];
const JSON_TYPE: [string, string] = ['Content-Type', 'application/json'];

function text(body: string) {
  return { status: 200, headers: [TEXT], body };
}

function json(value: unknown) {
  return { status: 200, headers: [JSON_TYPE], body: JSON.stringify(value) };
}

/**
 * The handshake a request is, for one provider's description, with the answer the provider's
 * docs require (linked in each description's `docs`). `secret` is the first `--secret`, for the
 * handshakes that are answered with an HMAC (Zoom, X).
 */
export function matchHandshake(
  provider: Pick<ProviderDescription, 'id'>,
  description: HandshakeDescription,
  request: HandshakeRequest,
  secret: string | undefined,
): Handshake | null {
  const { method, query, headers, payload } = request;
  const base = { provider: provider.id };
  switch (description.kind) {
    case 'echo-json-field': {
      const challenge = jsonAt(payload, description.challenge);
      if (method !== 'POST' || jsonAt(payload, description.when.json) !== description.when.equals)
        return null;
      if (typeof challenge !== 'string') return null;
      return {
        ...base,
        name: `${provider.id} ${description.when.equals}`,
        response: text(challenge),
        signed: true,
      };
    }
    case 'echo-query': {
      const challenge = query.get(description.query);
      if (method !== 'GET' || challenge === null) return null;
      return {
        ...base,
        name: `${provider.id} ${description.query}`,
        response: text(challenge),
        signed: false,
      };
    }
    case 'echo-header-json': {
      if (getHeader(headers, description.header)?.trim() !== description.equals) return null;
      const challenge = jsonAt(payload, description.challenge);
      if (typeof challenge !== 'string') return null;
      return {
        ...base,
        name: `${provider.id} ${description.equals}`,
        response: text(challenge),
        signed: true,
      };
    }
    case 'zoom-url-validation': {
      const plainToken = jsonAt(payload, 'payload.plainToken');
      if (jsonAt(payload, 'event') !== 'endpoint.url_validation' || typeof plainToken !== 'string')
        return null;
      const name = `${provider.id} endpoint.url_validation`;
      if (secret === undefined) {
        return {
          ...base,
          name,
          response: null,
          note: `answering needs the secret token: --verify ${provider.id} --secret ...`,
          signed: true,
        };
      }
      const encryptedToken = createHmac('sha256', secret).update(plainToken).digest('hex');
      return { ...base, name, response: json({ plainToken, encryptedToken }), signed: true };
    }
    case 'x-crc': {
      const token = query.get('crc_token');
      if (method !== 'GET' || token === null) return null;
      const name = `${provider.id} crc`;
      if (secret === undefined) {
        return {
          ...base,
          name,
          response: null,
          note: `answering needs the consumer secret: --verify ${provider.id} --secret ...`,
          signed: false,
        };
      }
      const digest = createHmac('sha256', secret).update(token).digest('base64');
      return { ...base, name, response: json({ response_token: `sha256=${digest}` }), signed: false };
    }
    case 'echo-header': {
      const value = getHeader(headers, description.header);
      if (value === undefined) return null;
      return {
        ...base,
        name: `${provider.id} ${description.header}`,
        response: { status: 200, headers: [[description.header, value]], body: '' },
        signed: false,
      };
    }
    case 'cloudevents-options': {
      const origin = getHeader(headers, 'WebHook-Request-Origin');
      if (method !== 'OPTIONS' || origin === undefined) return null;
      return {
        ...base,
        name: `${provider.id} abuse-protection OPTIONS`,
        response: { status: 200, headers: [['WebHook-Allowed-Origin', origin.trim()]], body: '' },
        signed: false,
      };
    }
    case 'event-grid-validation': {
      const first = Array.isArray(payload) ? payload[0] : undefined;
      const code = jsonAt(first, 'data.validationCode');
      if (
        jsonAt(first, 'eventType') !== 'Microsoft.EventGrid.SubscriptionValidationEvent' ||
        typeof code !== 'string'
      ) {
        return null;
      }
      return {
        ...base,
        name: `${provider.id} SubscriptionValidationEvent`,
        response: json({ validationResponse: code }),
        signed: false,
      };
    }
    case 'sns-subscription': {
      if (jsonAt(payload, 'Type') !== 'SubscriptionConfirmation') return null;
      const url = jsonAt(payload, 'SubscribeURL');
      return {
        ...base,
        name: `${provider.id} SubscriptionConfirmation`,
        response: null,
        note:
          typeof url === 'string' ? `confirm by opening SubscribeURL ${url}` : 'no SubscribeURL in the body',
        signed: true,
      };
    }
    case 'discord-ping': {
      if (method !== 'POST' || jsonAt(payload, 'type') !== 1) return null;
      return { ...base, name: `${provider.id} PING`, response: json({ type: 1 }), signed: true };
    }
  }
}

/** A provider's handshake descriptions, one or several. */
export function handshakesOf(
  provider: Pick<ProviderDescription | UnsignedSource, 'handshake'>,
): readonly HandshakeDescription[] {
  const handshake = provider.handshake;
  if (handshake === undefined) return [];
  return Array.isArray(handshake) ? handshake : [handshake as HandshakeDescription];
}
