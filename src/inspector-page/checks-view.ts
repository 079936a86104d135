// The Checks card: the signature, schema and forward verdicts of one delivery.
import type { DeliveryDetail } from './api-types.js';
import type { BodyView } from './body-view.js';
import { type Child, card, el } from './dom.js';
import { plural, pointerLabel } from './format.js';

function signatureVerdict(detail: DeliveryDetail): HTMLElement {
  const signature = detail.signatureDetail;
  if (!signature) return el('span', { class: 'verdict-none', text: 'not checked (listen without --verify)' });
  if (signature.ok) {
    return el(
      'span',
      {},
      el('span', { class: 'verdict-ok', text: '✓ valid' }),
      ` · ${signature.scheme}`,
      signature.detail ? ` · ${signature.detail}` : '',
    );
  }
  return el(
    'span',
    {},
    el('span', { class: 'verdict-bad', text: `✗ ${signature.reason ?? 'invalid'}` }),
    ` · ${signature.scheme}`,
    signature.detail ? el('div', { text: signature.detail }) : null,
  );
}

/** Each schema error is a link to its place in the body's tree, when the body has one. */
function schemaVerdict(detail: DeliveryDetail, body: BodyView): HTMLElement {
  const validation = detail.validationDetail;
  if (!validation)
    return el('span', { class: 'verdict-none', text: 'not checked (listen without --schema)' });
  if (validation.ok) {
    return el(
      'span',
      {},
      el('span', { class: 'verdict-ok', text: '✓ valid' }),
      ` against ${validation.schema}`,
    );
  }
  const parts: Child[] = [
    el('span', { class: 'verdict-bad', text: `✗ ${plural(validation.errors.length, 'error')}` }),
  ];
  if (validation.schema) parts.push(` against ${validation.schema}`);
  if (validation.message) parts.push(el('div', { text: validation.message }));
  if (validation.errors.length > 0) {
    parts.push(
      el(
        'ul',
        { class: 'schema-errors' },
        validation.errors.map((error) =>
          el(
            'li',
            {},
            body.canReveal
              ? el('button', {
                  type: 'button',
                  class: 'linklike',
                  title: 'Show this place in the body',
                  text: pointerLabel(error.pointer),
                  onclick: () => body.reveal(error.pointer),
                })
              : el('code', { text: pointerLabel(error.pointer) }),
            ` ${error.message}`,
          ),
        ),
      ),
    );
  }
  return el('span', {}, parts);
}

function forwardVerdict(detail: DeliveryDetail): HTMLElement {
  const forward = detail.forwardDetail;
  if (!forward)
    return el('span', { class: 'verdict-none', text: 'not forwarded (listen without --forward-to)' });
  const ok = detail.forward?.ok === true;
  const outcome = forward.status !== null ? `${forward.status}` : 'no response';
  return el(
    'span',
    {},
    el('span', { class: ok ? 'verdict-ok' : 'verdict-bad', text: `${ok ? '✓' : '✗'} ${outcome}` }),
    ` in ${forward.ms} ms → `,
    el('code', { text: forward.url }),
    forward.error ? el('div', { text: forward.error }) : null,
    forward.body
      ? el('pre', { class: 'response-body', 'aria-label': "The app's response", text: forward.body })
      : null,
  );
}

export function checksView(detail: DeliveryDetail, body: BodyView): HTMLElement {
  return card(
    'Checks',
    null,
    el(
      'dl',
      { class: 'verdicts' },
      el('dt', { text: 'Signature' }),
      el('dd', { 'data-check': 'signature' }, signatureVerdict(detail)),
      el('dt', { text: 'Schema' }),
      el('dd', { 'data-check': 'schema' }, schemaVerdict(detail, body)),
      el('dt', { text: 'Forward' }),
      el('dd', { 'data-check': 'forward' }, forwardVerdict(detail)),
    ),
  );
}
