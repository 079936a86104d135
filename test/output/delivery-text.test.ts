import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { renderDeliveryText } from '../../src/output/delivery-text.js';
import { makeDelivery } from '../listen/delivery-fixture.js';

const plain = new Chalk({ level: 0 });
const options = { colors: plain, verbosity: 'normal' as const, maxLines: 40, full: false };
// Local time of the fixture's receivedAt, as the renderer prints it.
const at = new Date('2026-01-01T12:34:56.000Z');
const time = [at.getHours(), at.getMinutes(), at.getSeconds()]
  .map((n) => String(n).padStart(2, '0'))
  .join(':');

describe('renderDeliveryText', () => {
  it('prints the header line with every check, then details and the body', () => {
    const text = renderDeliveryText(
      makeDelivery({
        signature: { scheme: 'github', ok: false, reason: 'mismatch', detail: 'no secret matched' },
        validation: {
          schema: 'issues.opened',
          ok: false,
          errors: [{ pointer: '/issue', message: 'is required' }],
        },
        forward: { url: 'http://localhost:3000/hook', status: 204, ms: 12, error: null },
        response: { status: 204 },
        savedTo: 'captures/x.json',
      }),
      options,
    );
    expect(text).toBe(
      [
        `${time}  POST /webhook  issues.opened  d-1  19 B  ✘ signature mismatch  ✘ schema 1 error  ✔ forward 204 12ms`,
        '  signature (github): mismatch — no secret matched',
        '  schema issues.opened:',
        '    /issue is required',
        '  saved captures/x.json',
        '  {',
        '    "action": "opened"',
        '  }',
        '',
      ].join('\n'),
    );
  });

  it('with -v adds headers (credentials redacted), the schema and the app response body', () => {
    const text = renderDeliveryText(
      makeDelivery({
        headers: [
          ['authorization', 'Bearer x'],
          ['X-Note', 'a\u001bb'],
        ],
        validation: { schema: 'issues.opened', ok: true, errors: [] },
        forward: { url: 'http://app/hook', status: 200, ms: 3, error: null, body: 'thanks' },
      }),
      { ...options, verbosity: 'verbose' },
    );
    expect(text).toContain('  authorization: [redacted]\n  X-Note: a\\eb\n');
    expect(text).toContain('  schema issues.opened\n');
    expect(text).toContain('  forwarded to http://app/hook\n');
    expect(text).toContain('  app answered 200:\n    thanks\n');
  });

  it('shows a forward that got no answer with the status the sender got', () => {
    const text = renderDeliveryText(
      makeDelivery({
        forward: { url: 'http://app/', status: null, ms: 30000, error: 'no answer within 30000ms' },
        response: { status: 504 },
      }),
      { ...options, verbosity: 'quiet' },
    );
    expect(text).toBe(`${time}  POST /webhook  issues.opened  d-1  19 B  ✘ forward 504 30s\n`);
  });

  it('dims requests to other paths and marks too-large bodies as rejected', () => {
    const colors = new Chalk({ level: 1 });
    const wrongPath = renderDeliveryText(
      makeDelivery({ accepted: false, response: { status: 404 }, path: '/x' }),
      {
        ...options,
        colors,
        mountPath: '/webhook',
      },
    );
    expect(wrongPath).toBe(
      `\u001b[2m${time}  POST /x  404 not found (listening on --path /webhook)\u001b[22m\n`,
    );
    const tooLarge = renderDeliveryText(
      makeDelivery({ accepted: false, response: { status: 413 }, headers: [['Content-Length', '3145728']] }),
      { ...options, maxBody: 1048576 },
    );
    expect(tooLarge).toBe(
      `${time}  POST /webhook  ✘ rejected 413: body larger than --max-body 1.0 MB (3.0 MB)\n`,
    );
  });

  it('shows handshakes and a failed save', () => {
    const text = renderDeliveryText(
      makeDelivery({
        handshake: 'hub.challenge',
        saveError: 'cannot save: ENOSPC',
        event: null,
        deliveryId: null,
      }),
      { ...options, maxLines: 1 },
    );
    expect(text).toBe(
      `${time}  POST /webhook  19 B  ⇄ hub.challenge  → 200\n  cannot save: ENOSPC\n  {\n  … 2 more lines (--full prints everything)\n`,
    );
  });

  it('names the config route whose settings applied, with its event types, escaped', () => {
    const line = (route: { path: string; events?: string[] }) =>
      renderDeliveryText(makeDelivery({ route, event: null, deliveryId: null }), {
        ...options,
        verbosity: 'quiet',
      });
    expect(line({ path: '/github', events: ['push', 'issues'] })).toBe(
      `${time}  POST /webhook  19 B  route /github (push, issues)  → 200\n`,
    );
    expect(line({ path: '/a\u001b[31m' })).toBe(`${time}  POST /webhook  19 B  route /a\\e[31m  → 200\n`);
  });
});
