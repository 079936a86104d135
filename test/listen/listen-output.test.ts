import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { send, sendBytes, sendJson, startListen } from './listen-helpers.js';

const TIME = /^\d\d:\d\d:\d\d {2}/;

describe('listen: output', () => {
  it('--json prints one object per delivery with every field, absent parts null, each body kind', async () => {
    const listener = await startListen(['--json', '--max-events', '6']);
    const pretty = '{\n  "type": "pretty",\n  "n": 1\n}';
    await sendJson(`${listener.url}/j?x=1`, '{"type":"one.line","big":12345678901234567890}', {
      'X-Request-Id': 'req-1',
    });
    await sendJson(listener.url, pretty);
    await send(listener.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'just text',
    });
    await send(listener.url, { method: 'POST', body: Buffer.from([0, 1, 2, 0xff]) });
    await send(listener.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', Authorization: 'Bearer secret-token' },
      body: 'a=1&b=two',
    });
    await send(listener.url, { method: 'DELETE' });
    const result = await listener.done;
    expect(result.stderr).toContain('Listening on');
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(6);
    expect(Object.keys(lines[0]).sort()).toEqual(
      [
        'id',
        'receivedAt',
        'method',
        'path',
        'headers',
        'event',
        'deliveryId',
        'size',
        'signature',
        'validation',
        'forward',
        'response',
        'handshake',
        'provider',
        'route',
        'savedTo',
        'encoding',
        'body',
      ].sort(),
    );
    expect(lines[0]).toMatchObject({
      method: 'POST',
      path: '/j?x=1',
      event: 'one.line',
      deliveryId: 'req-1',
      size: 46,
      signature: null,
      validation: null,
      forward: null,
      response: { status: 200 },
      handshake: null,
      route: null,
      savedTo: null,
      encoding: 'json',
    });
    expect(lines[0].receivedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // A one-line JSON body is copied as received: the big number keeps its digits.
    expect(result.stdout.split('\n')[0]).toContain('"body":{"type":"one.line","big":12345678901234567890}}');
    expect(lines[1]).toMatchObject({ encoding: 'json', body: { type: 'pretty', n: 1 } });
    expect(lines[2]).toMatchObject({ encoding: 'utf8', body: 'just text' });
    expect(lines[3]).toMatchObject({
      encoding: 'base64',
      body: Buffer.from([0, 1, 2, 0xff]).toString('base64'),
    });
    expect(lines[4]).toMatchObject({ encoding: 'utf8', body: 'a=1&b=two' });
    expect(lines[4].headers).toContainEqual(['Authorization', '[redacted]']);
    expect(lines[5]).toMatchObject({ method: 'DELETE', encoding: null, body: null, size: 0 });
    expect(result.stdout).not.toContain('secret-token');
  });

  it('shows form fields, GitHub payload= as JSON, text, binary as hex and gzip decoded', async () => {
    const listener = await startListen(['--max-events', '4']);
    await send(listener.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `payload=${encodeURIComponent('{"zen":"Keep it simple."}')}&other=a%20b`,
    });
    await send(listener.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'line one\nline two\n',
    });
    await send(listener.url, {
      method: 'POST',
      body: Buffer.from(Array.from({ length: 40 }, (_, i) => i * 6)),
    });
    await send(listener.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync('{"zipped":true}'),
    });
    const result = await listener.done;
    expect(result.stdout).toContain(
      '  payload (JSON)\n    {\n      "zen": "Keep it simple."\n    }\n  other = a b\n',
    );
    expect(result.stdout).toContain('  line one\n  line two\n');
    expect(result.stdout).toContain(
      '  binary, 40 B: 00 06 0c 12 18 1e 24 2a 30 36 3c 42 48 4e 54 5a 60 66 6c 72 78 7e 84 8a 90 96 9c a2 a8 ae b4 ba …\n',
    );
    expect(result.stdout).toMatch(/ {2}gzip: \d+ B → 15 B\n {2}\{\n {4}"zipped": true\n {2}\}/);
  });

  it('cuts bodies after --max-lines with a note, --full prints all, -q prints the header line only', async () => {
    const body = { items: Array.from({ length: 30 }, (_, i) => i) };
    const cut = await startListen(['--max-lines', '5', '--max-events', '1']);
    await sendJson(cut.url, body);
    const cutResult = await cut.done;
    expect(cutResult.stdout.split('\n').filter((line) => line.startsWith('  '))).toEqual([
      '  {',
      '    "items": [',
      '      0,',
      '      1,',
      '      2,',
      '  … 29 more lines (--full prints everything)',
    ]);
    const full = await startListen(['--max-lines', '5', '--full', '--max-events', '1']);
    await sendJson(full.url, body);
    expect((await full.done).stdout).toContain('      29\n    ]\n  }\n');
    const quiet = await startListen(['-q', '--max-events', '1']);
    await sendJson(quiet.url, body);
    const quietResult = await quiet.done;
    expect(quietResult.stdout.split('\n')).toHaveLength(2);
    expect(quietResult.stdout).toMatch(/^\d\d:\d\d:\d\d {2}POST \/ {2}\d+ B {2}→ 200\n$/);
  });

  it('escapes control characters and escape sequences from the request, and redacts credentials with -v', async () => {
    const listener = await startListen(['-v', '--max-events', '2']);
    // HTTP allows bytes 0x80-0xff in header values; Node reads them as latin1, so 0x9b arrives as the
    // C1 control CSI, which some terminals act on.
    const json = JSON.stringify({ title: '\u001b[31mred\u001b[0m \u009b2J \u202eevil', ['key\u001b[1m']: 1 });
    await sendBytes(
      listener.url,
      [
        'POST /p%1b?q=%1b HTTP/1.1',
        'Host: x',
        'Content-Type: application/json',
        'X-GitHub-Event: evil\x9b31m',
        'Authorization: Basic dXNlcjpwYXNz',
        'Cookie: session=abc123',
        'Proxy-Authorization: Basic cHJveHk=',
        `Content-Length: ${Buffer.byteLength(json)}`,
        'Connection: close',
        '',
        '',
      ].join('\r\n'),
      json,
    );
    await send(listener.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'bell\u0007 clear\u001b[2J\u001bc back\rspace\u0008 rtl\u202e ok\ttab',
    });
    const result = await listener.done;
    const out = result.stdout;
    // Nothing from the request reaches the terminal raw.
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(out).toContain('evil\\x9b31m');
    expect(out).toContain('"title": "\\u001b[31mred\\u001b[0m \\x9b2J \\u202eevil"');
    expect(out).toContain('"key\\u001b[1m": 1');
    expect(out).toContain('  bell\\x07 clear\\e[2J\\ec back\\rspace\\x08 rtl\\u202e ok\ttab');
    expect(out).toContain('Authorization: [redacted]');
    expect(out).toContain('Cookie: [redacted]');
    expect(out).toContain('Proxy-Authorization: [redacted]');
    expect(out).not.toMatch(/dXNlcjpwYXNz|abc123|cHJveHk/);
    expect(out).toContain('Content-Type: application/json');
  });

  it('prints only the --events asked for, yet answers and counts the others', async () => {
    const listener = await startListen(['--events', 'issues,push', '--max-events', '3']);
    expect(listener.deps.stderr.text()).toContain('printing   only issues, push');
    const github = (event: string, body: unknown) =>
      sendJson(listener.url, body, { 'X-GitHub-Event': event });
    expect((await github('issues', { action: 'opened' })).status).toBe(200);
    expect((await github('star', { action: 'created' })).status).toBe(200);
    expect((await github('push', { ref: 'refs/heads/main' })).status).toBe(200);
    const result = await listener.done;
    const headers = result.stdout.split('\n').filter((line) => TIME.test(line));
    expect(headers.map((line) => line.split('  ')[2])).toEqual(['issues.opened', 'push']);
    expect(result.stderr).toContain('events     issues.opened 1, star.created 1, push 1');
  });

  it('refuses output flags that contradict each other (exit 2)', async () => {
    const quietJson = await runCli(['listen', '-p', '0', '--json', '-q']);
    expect(quietJson.stderr).toBe(
      "webhook-cli: option '--json' cannot be used with option '-q, --quiet' (see webhook-cli --help)\n",
    );
    expect(quietJson.code).toBe(2);
    const both = await runCli(['listen', '-p', '0', '-v', '-q']);
    expect(both.stderr).toBe(
      "webhook-cli: option '-v, --verbose' cannot be used with option '-q, --quiet' (see webhook-cli --help)\n",
    );
    const lines = await runCli(['listen', '-p', '0', '--max-lines', '0']);
    expect(lines.stderr).toBe("webhook-cli: --max-lines: '0' is not a whole number 1 or more\n");
  });
});
