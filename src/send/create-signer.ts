import { randomUUID } from 'node:crypto';
import { getHeader, type HeaderList, withHeaders, withoutHeaders } from '../options/headers.js';
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
export function createSigner(headers: HeaderList, sign: SignWith): Signer {
  const { scheme, secret, hmac } = sign;
  const idHeader = scheme.idHeader;
  const base = withoutHeaders(headers, scheme.signatureHeaders(hmac));
  let deliveryId = idHeader ? getHeader(headers, idHeader) : undefined;
  const signer: Signer = {
    deliveryId,
    headersFor(body, timestamp) {
      const input: Parameters<typeof scheme.sign>[0] = { body, secret, timestamp };
      if (deliveryId !== undefined) input.id = deliveryId;
      if (hmac !== undefined) input.hmac = hmac;
      const signed = scheme.sign(input);
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
