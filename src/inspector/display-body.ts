import type { Delivery, DeliveryContent } from '../listen/delivery.js';
import { getHeader } from '../options/headers.js';
import type { HeldDelivery } from './history-store.js';

/** The body as the page shows it, from the content the listener core decoded and classified once. */
export interface DisplayBody {
  kind: Delivery['content']['kind'];
  /** `text`: the decoded UTF-8 text; `base64`: bytes that are not text. */
  encoding: 'utf8' | 'base64';
  text: string;
  /** JSON source for the tree view: the body, or GitHub's form `payload` field; null when there is none. */
  jsonText: string | null;
  /** Bytes as received. */
  size: number;
  /** The Content-Encoding that was undone, or null. */
  decodedFrom: string | null;
  /** Why the body could not be decoded or parsed. */
  problem: string | null;
}

/** `content`: the delivery's body decoded and classified (see content-of.ts). */
export function displayBody(delivery: HeldDelivery, content: DeliveryContent): DisplayBody {
  const contentEncoding = getHeader(delivery.headers, 'content-encoding')?.trim().toLowerCase();
  const undone = contentEncoding && contentEncoding !== 'identity' ? contentEncoding : null;
  const base = { kind: content.kind, size: delivery.body.length };
  switch (content.kind) {
    case 'empty':
      return { ...base, encoding: 'utf8', text: '', jsonText: null, decodedFrom: null, problem: null };
    case 'json':
      return {
        ...base,
        encoding: 'utf8',
        text: content.text,
        jsonText: content.text,
        decodedFrom: undone,
        problem: null,
      };
    case 'form': {
      const payload =
        content.payload !== undefined ? content.fields.find(([name]) => name === 'payload') : undefined;
      return {
        ...base,
        encoding: 'utf8',
        text: content.text,
        jsonText: payload ? payload[1] : null,
        decodedFrom: undone,
        problem: null,
      };
    }
    case 'text':
      return {
        ...base,
        encoding: 'utf8',
        text: content.text,
        jsonText: null,
        decodedFrom: undone,
        problem: content.jsonError ? `not valid JSON: ${content.jsonError}` : null,
      };
    case 'binary':
      return {
        ...base,
        encoding: 'base64',
        text: content.bytes.toString('base64'),
        jsonText: null,
        decodedFrom: content.decodeError ? null : undone,
        problem: content.decodeError ?? null,
      };
  }
}

/** The JSON value a diff compares: the JSON body, or GitHub's form `payload` field. */
export function jsonValueOf(content: DeliveryContent): { ok: true; value: unknown } | { ok: false } {
  if (content.kind === 'json') return { ok: true, value: content.value };
  if (content.kind === 'form' && content.payload !== undefined) return { ok: true, value: content.payload };
  return { ok: false };
}
