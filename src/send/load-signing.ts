import type { deliveryIdHeader } from '../signatures/signature-settings.js';
import type { createSigner } from './create-signer.js';

export interface Signing {
  createSigner: typeof createSigner;
  deliveryIdHeader: typeof deliveryIdHeader;
}

let loading: Promise<Signing> | undefined;

/**
 * send's signing code, loaded the first time a batch or a replay signs (then the same promise:
 * each `import()` goes through the module loader again). It brings in the provider registry and
 * the signature engines, about 60 modules and 60 ms of CPU at start (measured), which sending
 * without `--sign` never uses.
 */
export function loadSigning(): Promise<Signing> {
  loading ??= Promise.all([import('./create-signer.js'), import('../signatures/signature-settings.js')]).then(
    ([{ createSigner }, { deliveryIdHeader }]) => ({ createSigner, deliveryIdHeader }),
  );
  return loading;
}
