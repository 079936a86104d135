import { getHeader, type HeaderList } from '../options/headers.js';
import { detectSender, listProviders } from '../providers/registry.js';
import type { EventTypeDescription } from '../providers/types.js';
import { jsonAt } from '../signatures/signed-content.js';
import type { EventType, PayloadContext } from './types.js';

const BODY_FIELDS = ['type', 'event', 'event_type', 'topic'] as const;

/**
 * Names the event type of a payload, in this order: `--event`; where the provider the headers
 * name keeps it (src/providers/: `X-GitHub-Event` plus the body's `action`, Stripe's body `type`);
 * any provider's event header (`X-Shopify-Topic`); CloudEvents' `ce-type` header
 * (https://github.com/cloudevents/spec/blob/main/cloudevents/bindings/http-protocol-binding.md);
 * then the body fields `type`, `event`, `event_type`, `topic`. `rule` says which one decided.
 */
export function detectEventType(context: PayloadContext): EventType {
  if (context.event) return { type: context.event, rule: '--event' };
  const body = isObject(context.body) ? context.body : undefined;
  const headers = context.headers ?? [];
  const detected = 'sender' in context ? context.sender : detectSender(headers);
  if (detected?.eventType) {
    const found = eventFrom(detected.eventType, headers, context.body);
    if (found) return found;
  }
  for (const provider of listProviders()) {
    if (provider === detected || !provider.eventType || !('header' in provider.eventType.in)) continue;
    const found = eventFrom(provider.eventType, headers, context.body);
    if (found) return found;
  }
  const ceType = nonEmpty(getHeader(headers, 'ce-type'));
  if (ceType) return { type: ceType, rule: 'ce-type header' };
  if (body) {
    for (const field of BODY_FIELDS) {
      const value = nonEmpty(body[field]);
      if (value) return { type: value, rule: `body "${field}"` };
    }
  }
  return { type: undefined, rule: 'none' };
}

export function eventFrom(
  description: EventTypeDescription,
  headers: HeaderList,
  body: unknown,
): EventType | undefined {
  const where = description.in;
  const value =
    'header' in where
      ? nonEmpty(getHeader(headers, where.header))
      : 'json' in where
        ? nonEmpty(named(jsonAt(body, where.json), description.names))
        : undefined;
  if (!value) return undefined;
  const rule =
    'header' in where ? `${where.header} header` : 'json' in where ? `body "${where.json}"` : 'query';
  const suffix = description.suffix ? nonEmpty(jsonAt(body, description.suffix.json)) : undefined;
  return suffix
    ? { type: `${value}.${suffix}`, rule: `${rule} + body "${description.suffix?.json}"` }
    : { type: value, rule };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A number's documented name (see `EventTypeDescription.names`), or the number as text. */
function named(value: unknown, names: EventTypeDescription['names']): unknown {
  if (names === undefined || typeof value !== 'number' || !Number.isInteger(value)) return value;
  return names[value] ?? String(value);
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
