import type { deliveryIdHeader } from '../signatures/signature-settings.js';
import type { createSigner } from './create-signer.js';

export interface Signing {
  createSigner: typeof createSigner;
  deliveryIdHeader: typeof deliveryIdHeader;
}

/**
 * send's signing code, loaded when a batch or a replay signs. It brings in the provider registry
 * and the signature engines, about 60 modules and 60 ms of CPU at start (measured), which sending
 * without `--sign` never uses.
 */
export async function loadSigning(): Promise<Signing> {
  const [{ createSigner }, { deliveryIdHeader }] = await Promise.all([
    import('./create-signer.js'),
    import('../signatures/signature-settings.js'),
  ]);
  return { createSigner, deliveryIdHeader };
}
