import { getHeader } from '../options/headers.js';
import type { EventType, PayloadContext } from './types.js';

const BODY_FIELDS = ['type', 'event', 'event_type', 'topic'] as const;

/**
 * Names the event type of a payload, in this order: `--event`; captured headers (`X-GitHub-Event`
 * plus the body's `action`, `ce-type`, `X-Shopify-Topic`); then the body fields `type`, `event`,
 * `event_type`, `topic`. `rule` says which one decided, for `--verbose`.
 */
export function detectEventType(context: PayloadContext): EventType {
  if (context.event) return { type: context.event, rule: '--event' };
  const body = isObject(context.body) ? context.body : undefined;
  const headers = context.headers ?? [];
  const github = nonEmpty(getHeader(headers, 'x-github-event'));
  if (github) {
    const action = nonEmpty(body?.action);
    return action
      ? { type: `${github}.${action}`, rule: 'X-GitHub-Event header + body "action"' }
      : { type: github, rule: 'X-GitHub-Event header' };
  }
  const ceType = nonEmpty(getHeader(headers, 'ce-type'));
  if (ceType) return { type: ceType, rule: 'ce-type header' };
  const shopify = nonEmpty(getHeader(headers, 'x-shopify-topic'));
  if (shopify) return { type: shopify, rule: 'X-Shopify-Topic header' };
  if (body) {
    for (const field of BODY_FIELDS) {
      const value = nonEmpty(body[field]);
      if (value) return { type: value, rule: `body "${field}"` };
    }
  }
  return { type: undefined, rule: 'none' };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
