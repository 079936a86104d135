import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { classifyContent } from '../../src/listen/read-content.js';
import { serializeDeliveryJson } from '../../src/output/delivery-json.js';
import { renderDeliveryText } from '../../src/output/delivery-text.js';
import type { CliResult } from '../helpers/run-cli.js';
import { makeDelivery } from '../listen/delivery-fixture.js';
import { sendBytes, startListen } from '../listen/listen-helpers.js';
import { RAW_TERMINAL_CONTROL } from './listen-helpers.js';

// Header bytes go on the wire as latin1: 0x9b is the one-byte CSI (C1), 0x85 NEL, 0x9d OSC; the
// UTF-8 bytes of U+202E (right-to-left override) arrive as three latin1 characters, one a C1.
const HEADERS = [
  'X-GitHub-Event: push\x9b2J',
  'X-GitHub-Delivery: id\x85\x9d0;title\xe2\x80\xae',
  'X-Note: tab\there',
  'X-Hub-Signature-256: sha256=\x9b6n',
];
const TEXT_BODY = 'one\x1b[2J\x1b]0;pwned\x07\rover\u009b31m\u202egnp.exe\u2066x\u2069\x00\x7f\n';
const JSON_BODY = '{"type":"evt\\u001b[2J","k\\u202e":"v\\u0007\\r","n":"\\u0085","raw":"\u202e\u0085"}';
const FORM_BODY = 'a=%1B%5B2J&b=%E2%80%AE&c=%0D%07';

async function sendHostile(url: string): Promise<string[]> {
  const deliveries: Array<[string, string, string]> = [
    ['/text/%1b%5B2J?q=%07', 'text/plain', TEXT_BODY],
    ['/form', 'application/x-www-form-urlencoded', FORM_BODY],
    ['/json', 'application/json', JSON_BODY],
  ];
  // Raw control characters in the request target never get past Node's parser.
  const answers = [
    (await sendBytes(url, 'POST /a\x1b[2J HTTP/1.1\r\nHost: x\r\n\r\n')).split('\r\n')[0] as string,
  ];
  for (const [path, type, body] of deliveries) {
    const bytes = Buffer.from(body);
    const head = [
      `POST ${path} HTTP/1.1`,
      'Host: x',
      ...HEADERS,
      `Content-Type: ${type}`,
      `Content-Length: ${bytes.length}`,
      'Connection: close',
      '',
      '',
    ].join('\r\n');
    answers.push((await sendBytes(url, head, bytes)).split('\r\n')[0] as string);
  }
  return answers;
}

function expectNothingRaw(result: CliResult): void {
  expect(result.stdout).not.toMatch(RAW_TERMINAL_CONTROL);
  expect(result.stderr).not.toMatch(RAW_TERMINAL_CONTROL);
}

describe('listen: control characters from a request are shown escaped', () => {
  it('in the text view (-v: headers too) and the summary', async () => {
    const listener = await startListen(['-v', '--verify', 'github', '--secret', 's', '--max-events', '3']);
    expect(await sendHostile(listener.url)).toEqual([
      'HTTP/1.1 400 Bad Request',
      'HTTP/1.1 200 OK',
      'HTTP/1.1 200 OK',
      'HTTP/1.1 200 OK',
    ]);
    const result = await listener.done;
    expectNothingRaw(result);
    const out = result.stdout;
    // Header values: C1 bytes as \x.., the tab as \t; event and delivery id on the header line too.
    expect(out).toContain('X-GitHub-Event: push\\x9b2J');
    expect(out).toContain('X-GitHub-Delivery: id\\x85\\x9d0;titleâ\\x80®');
    expect(out).toContain('X-Note: tab\\there');
    expect(out).toMatch(/POST \/text\/%1b%5B2J\?q=%07 {2}push\\x9b2J {2}id\\x85\\x9d0;titleâ\\x80®/);
    // Bodies: ESC as \e, BEL, CR, NUL, DEL, C1 and bidi controls as visible escapes.
    expect(out).toContain('one\\e[2J\\e]0;pwned\\x07\\rover\\x9b31m\\u202egnp.exe\\u2066x\\u2069\\x00\\x7f');
    expect(out).toContain('"type": "evt\\u001b[2J"');
    expect(out).toContain('"k\\u202e": "v\\u0007\\r"');
    expect(out).toContain('"raw": "\\u202e\\x85"');
    expect(out).toContain('a = \\e[2J');
    expect(out).toContain('b = \\u202e');
    expect(out).toContain('c = \\r\\x07');
    // The summary names events as received, escaped.
    expect(result.stderr).toContain('events     push\\x9b2J 3');
  });

  it('with colour on (a terminal): only the listener’s own colour codes, nothing from the request', async () => {
    const listener = await startListen(['-v', '--max-events', '3'], { tty: true, env: { FORCE_COLOR: '1' } });
    await sendHostile(listener.url);
    const result = await listener.done;
    const ownColours = /\u001b\[\d+(;\d+)*m/g;
    expect(result.stdout).toMatch(ownColours);
    expect(result.stdout.replace(ownColours, '')).not.toMatch(RAW_TERMINAL_CONTROL);
    expect(result.stderr.replace(ownColours, '')).not.toMatch(RAW_TERMINAL_CONTROL);
  });

  it('in --json: C0 escaped by JSON, C1 and bidi as \\u escapes, values unchanged', async () => {
    const listener = await startListen(['--json', '--path', '/json', '--max-events', '1']);
    await sendHostile(listener.url);
    const result = await listener.done;
    expectNothingRaw(result);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] as string);
    expect(line.event).toBe('push\u009b2J');
    expect(line.body).toEqual(JSON.parse(JSON_BODY));
    expect(line.headers).toContainEqual(['X-GitHub-Delivery', 'id\u0085\u009d0;title\u00e2\u0080\u00ae']);
    // The other paths were answered 404 and listed on stderr, escaped.
    expect(result.stderr).toContain('POST /text/%1b%5B2J?q=%07  404 not found (listening on --path /json)');
  });

  it('paths with raw controls (which Node refuses on the wire) are escaped by the renderers anyway', () => {
    const body = Buffer.from(TEXT_BODY);
    const delivery = makeDelivery({
      path: '/p\u001b[2J\r\u009b\u202e',
      method: 'POST',
      event: 'e\u0007',
      deliveryId: 'd\u001b',
      body,
      content: classifyContent(body, 'text/plain'),
      headers: [['X-A', 'v\u001b[2J']],
    });
    const colors = new Chalk({ level: 0 });
    const options = { colors, verbosity: 'verbose' as const, maxLines: 40, full: false };
    for (const view of [
      renderDeliveryText(delivery, options),
      renderDeliveryText({ ...delivery, accepted: false, response: { status: 404 } }, options),
      renderDeliveryText({ ...delivery, accepted: false, response: { status: 413 } }, options),
      serializeDeliveryJson(delivery),
    ]) {
      expect(view.slice(0, -1)).not.toMatch(RAW_TERMINAL_CONTROL);
      expect(view).toMatch(/\/p(\\e|\\u001b)\[2J\\r(\\x9b|\\u009b)\\u202e/);
    }
  });
});
