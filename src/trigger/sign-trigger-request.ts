import { createSigner } from '../send/create-signer.js';
import type { SignWith } from '../send/delivery-report.js';
import { signDeliveryBody } from '../signatures/signature-settings.js';
import type { TriggerRequest } from './build-trigger-request.js';

/** True for schemes whose signature travels inside the body (Mailgun): signed once, never again. */
export function signsInsideBody(sign: SignWith): boolean {
  return sign.provider.signature.format.kind === 'json';
}

/**
 * The request signed at `timestamp` (Unix seconds) as send signs each attempt (createSigner: the
 * request's own delivery id kept), or with the signature written into the body.
 */
export function signTriggerRequest(
  request: TriggerRequest,
  sign: SignWith,
  timestamp: number,
  /** The URL it goes to, for schemes that sign it. */
  url?: string,
): TriggerRequest {
  if (signsInsideBody(sign)) {
    return {
      ...request,
      body: signDeliveryBody(sign, { ...request, timestamp, ...(url !== undefined && { url }) }),
    };
  }
  const signer = createSigner(request.headers, sign, {
    ...(url !== undefined && { url }),
    method: request.method,
  });
  return { ...request, headers: signer.headersFor(request.body, timestamp) };
}
