import { randomUUID } from 'node:crypto';
import { getHeader, type HeaderList, withHeaders, withoutHeaders } from '../options/headers.js';
import { deliveryIdHeader, signatureHeaderNames, signDelivery } from '../signatures/signature-settings.js';
import type { SignWith } from './delivery-report.js';

export interface Signer {
  deliveryId: string | undefined;
  headersFor(body: Buffer, timestamp: number): HeaderList;
}

/**
 * Removes the scheme's old signature headers once, then signs each attempt afresh. The delivery id
 * comes from the request's own id header, else from the first signature (schemes that make one),
 * else a new UUID; every later attempt reuses it.
 */
export function createSigner(
  headers: HeaderList,
  sign: SignWith,
  /** Where the request goes: URL-signing providers sign it (the URL the receiver sees). */
  target: { url?: string; method?: string } = {},
): Signer {
  const idHeader = deliveryIdHeader(sign.provider);
  const base = withoutHeaders(headers, signatureHeaderNames(sign.provider));
  let deliveryId = idHeader ? getHeader(headers, idHeader) : undefined;
  const signer: Signer = {
    deliveryId,
    headersFor(body, timestamp) {
      const signed = signDelivery(sign, {
        body,
        headers: base,
        timestamp,
        ...(deliveryId !== undefined && { id: deliveryId }),
        ...(target.url !== undefined && { url: target.url }),
        ...(target.method !== undefined && { method: target.method }),
      });
      let out = withHeaders(base, signed);
      if (idHeader) {
        deliveryId ??= getHeader(signed, idHeader) ?? randomUUID();
        signer.deliveryId = deliveryId;
        out = withHeaders(out, [[idHeader, deliveryId]]);
      }
      return out;
    },
  };
  return signer;
}
