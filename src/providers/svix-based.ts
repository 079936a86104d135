import { standardWebhooks } from './standard-webhooks.js';
import type { ProviderDescription } from './types.js';

/**
 * A provider that delivers through Svix: Standard Webhooks signatures under Svix's header names
 * (`svix-id`, `svix-timestamp`, `svix-signature`), which `sign` writes and `verify` reads (the
 * `webhook-*` names are accepted too). No `detect`: such deliveries carry only Svix's headers, so
 * they are detected as `standard-webhooks`, which verifies them the same way.
 */
export function svixBased(
  described: Pick<ProviderDescription, 'id' | 'name' | 'docs' | 'summary'> & { secretWhere: string },
): ProviderDescription {
  const signature = standardWebhooks.signature;
  const { detect: _detect, aliases: _aliases, schema: _schema, ...rest } = standardWebhooks;
  return {
    ...rest,
    id: described.id,
    name: described.name,
    docs: described.docs,
    summary: described.summary,
    signature: {
      ...signature,
      format: { kind: 'versioned-list', header: 'svix-signature', version: 'v1' },
      secret: { ...signature.secret!, where: described.secretWhere },
      timestamp: { ...signature.timestamp!, in: { header: 'svix-timestamp' } },
      id: { ...signature.id!, in: { header: 'svix-id' } },
      alternateHeaders: {
        'svix-id': 'webhook-id',
        'svix-timestamp': 'webhook-timestamp',
        'svix-signature': 'webhook-signature',
      },
    },
    deliveryId: [{ header: 'svix-id' }, { header: 'webhook-id' }],
  };
}
