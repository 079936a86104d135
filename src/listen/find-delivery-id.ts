import { getHeader, type HeaderList } from '../options/headers.js';
import { detectSender, listProviders } from '../providers/registry.js';
import { jsonAt } from '../signatures/signed-content.js';

// Not a provider's: a common proxy and framework header, tried last.
const GENERIC_ID_HEADERS = ['x-request-id'];

/**
 * The provider's delivery id, so a person can match what they see with the sender's dashboard:
 * where the provider its headers name keeps it (header or body), else any provider's id header
 * (or body id with its documented prefix, Stripe's `evt_`), else a generic request id header.
 * `detected` is `detectSender(headers)`, when the caller has it already.
 */
export function findDeliveryId(
  headers: HeaderList,
  payload: unknown,
  detected: ReturnType<typeof detectSender> = detectSender(headers),
): string | null {
  for (const location of detected?.deliveryId ?? []) {
    const value =
      'header' in location
        ? getHeader(headers, location.header)
        : 'json' in location
          ? jsonAt(payload, location.json)
          : undefined;
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number') return String(value);
  }
  for (const provider of listProviders()) {
    for (const location of provider.deliveryId ?? []) {
      if ('header' in location) {
        const value = getHeader(headers, location.header);
        if (value) return value;
      } else if ('json' in location && location.startsWith !== undefined) {
        // Without the provider's headers, a body id counts only with its documented prefix.
        const value = jsonAt(payload, location.json);
        if (typeof value === 'string' && value.startsWith(location.startsWith)) return value;
      }
    }
  }
  for (const name of GENERIC_ID_HEADERS) {
    const value = getHeader(headers, name);
    if (value) return value;
  }
  return null;
}
