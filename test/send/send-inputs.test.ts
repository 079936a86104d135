import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { sha256Hex } from '../../src/capture/capture.js';
import { type HttpTarget, startHttpTarget } from '../helpers/http-target.js';
import { runCli } from '../helpers/run-cli.js';
import { ManualClock } from '../helpers/test-deps.js';
import { capture, captureJson, makeDir, readFailedLines } from './fixtures.js';

let target: HttpTarget;
afterEach(async () => {
  await target?.close();
});

const bodies = () => target.requests.map((request) => request.body.toString('utf8'));

describe('send: each input kind', () => {
  test('a raw JSON file is POSTed as is with Content-Type application/json', async () => {
    target = await startHttpTarget();
    const body = '{ "action": "opened",\n  "n": 1 }\n';
    const dir = await makeDir({ 'payload.json': body });
    const result = await runCli(['send', 'payload.json', '--to', `${target.url}/webhook?x=1`], { cwd: dir });
    expect(result.code).toBe(0);
    const [request] = target.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/webhook?x=1');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body.toString('utf8')).toBe(body);
    expect(result.stdout).toMatch(/^✔ payload\.json → 200 OK {2}\d+ms {2}\(attempt 1\/6\)\n$/);
    expect(result.stderr).toMatch(/^delivered 1 of 1 {2}· {2}1 attempt in \d+m?s/);
  });

  test('a file that is not JSON is sent as application/octet-stream, bytes unchanged', async () => {
    target = await startHttpTarget();
    const bytes = Buffer.from([0xff, 0x00, 0x7b, 0x0a, 0xc3]);
    const dir = await makeDir({ 'blob.bin': bytes });
    const result = await runCli(['send', 'blob.bin', '--to', target.url], { cwd: dir });
    expect(result.code).toBe(0);
    expect(target.requests[0]?.headers['content-type']).toBe('application/octet-stream');
    expect(target.requests[0]?.body.equals(bytes)).toBe(true);
  });

  test.each([
    ['{"a": }', 'application/json'],
    ['  [1, 2]\n', 'application/json'],
    ['"just a string"', 'application/json'],
    ['42', 'application/json'],
    ['{"a": 1', 'application/octet-stream'],
    ['hello', 'application/octet-stream'],
    ['{"note": "mentions \\"$webhookCli\\" but is no capture"}', 'application/json'],
  ])('raw payload %j goes as %s', async (body, type) => {
    target = await startHttpTarget();
    const dir = await makeDir({ 'p.json': body });
    const result = await runCli(['send', 'p.json', '--to', target.url], { cwd: dir });
    expect(result.code).toBe(0);
    expect(target.requests[0]?.headers['content-type']).toBe(type);
    expect(target.requests[0]?.body.toString()).toBe(body);
  });

  test('a capture replays its method, path suffix, headers and exact body bytes (sha256 at the target)', async () => {
    target = await startHttpTarget();
    const body = Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d]); // not UTF-8: stored as base64
    const saved = capture({
      method: 'PUT',
      path: '/github?delivery=1',
      headers: [
        ['Host', 'old.example'],
        ['Content-Length', '5'],
        ['Connection', 'close'],
        ['Transfer-Encoding', 'chunked'],
        ['X-GitHub-Event', 'push'],
        ['User-Agent', 'GitHub-Hookshot/abc'],
        ['X-Multi', 'one'],
        ['X-Multi', 'two'],
      ],
      body,
    });
    const dir = await makeDir({ 'cap.json': captureJson(saved) });
    const result = await runCli(['send', 'cap.json', '--to', `${target.url}/hooks`], { cwd: dir });
    expect(result.code).toBe(0);
    const [request] = target.requests;
    expect(request?.method).toBe('PUT');
    expect(request?.url).toBe('/hooks/github?delivery=1');
    expect(sha256Hex(request?.body ?? Buffer.alloc(0))).toBe(sha256Hex(body));
    const names = request?.rawHeaders.map(([name]) => name.toLowerCase());
    expect(request?.rawHeaders.filter(([name]) => /^x-|^user-agent$/i.test(name))).toEqual([
      ['X-GitHub-Event', 'push'],
      ['User-Agent', 'GitHub-Hookshot/abc'],
      ['X-Multi', 'one'],
      ['X-Multi', 'two'],
    ]);
    expect(request?.headers.host).toBe(`127.0.0.1:${target.port}`);
    expect(request?.headers['content-length']).toBe('5');
    expect(names).not.toContain('transfer-encoding');
  });

  test('a directory: its *.json, *.jsonl and *.ndjson in name order, not its sub-directories', async () => {
    target = await startHttpTarget();
    const dir = await makeDir({
      'in/b.json': '{"n":"b"}',
      'in/a.json': '{"n":"a"}',
      'in/c.ndjson': '{"n":"c1"}\n{"n":"c2"}\n',
      'in/notes.txt': 'skip me',
      'in/sub/d.json': '{"n":"d"}',
    });
    const result = await runCli(['send', 'in', '--to', target.url], { cwd: dir });
    expect(result.code).toBe(0);
    expect(bodies()).toEqual(['{"n":"a"}', '{"n":"b"}', '{"n":"c1"}', '{"n":"c2"}']);
    expect(result.stdout).toContain('✔ in/c.ndjson:2 → 200 OK');
  });

  test('.jsonl: one payload or capture per line, blank lines skipped, named file:LINE', async () => {
    target = await startHttpTarget();
    const saved = capture({ path: '/from-capture', body: Buffer.from('{"c":1}') });
    const dir = await makeDir({
      'events.jsonl': `{"n":1}\r\n\n${captureJson(saved, true)}\n  \n{"n":3}`,
    });
    const result = await runCli(['send', 'events.jsonl', '--to', target.url], { cwd: dir });
    expect(result.code).toBe(0);
    expect(bodies()).toEqual(['{"n":1}', '{"c":1}', '{"n":3}']);
    expect(target.requests.map((request) => request.url)).toEqual(['/', '/from-capture', '/']);
    expect(result.stdout.split('\n').map((line) => line.split(' → ')[0])).toEqual([
      '✔ events.jsonl:1',
      '✔ events.jsonl:3',
      '✔ events.jsonl:5',
      '',
    ]);
  });

  test('a quoted glob', async () => {
    target = await startHttpTarget();
    const dir = await makeDir({ 'x/1.json': '{"n":1}', 'x/2.json': '{"n":2}', 'x/3.txt': 'no' });
    const result = await runCli(['send', 'x/*.json', '--to', target.url], { cwd: dir });
    expect(result.code).toBe(0);
    expect(bodies()).toEqual(['{"n":1}', '{"n":2}']);
  });

  test('- reads one payload from stdin', async () => {
    target = await startHttpTarget();
    const result = await runCli(['send', '-', '--to', target.url], { stdin: '{"from":"stdin"}' });
    expect(result.code).toBe(0);
    expect(bodies()).toEqual(['{"from":"stdin"}']);
    expect(result.stdout).toMatch(/^✔ - → 200 OK/);
  });

  test('- with JSON lines on stdin sends each line (e.g. a --failed file piped in)', async () => {
    target = await startHttpTarget();
    const lines = `${captureJson(capture({ body: Buffer.from('"one"') }), true)}\n{"two":2}\n`;
    const result = await runCli(['send', '-', '--to', target.url], { stdin: lines });
    expect(result.code).toBe(0);
    expect(bodies()).toEqual(['"one"', '{"two":2}']);
    expect(result.stdout).toContain('✔ -:2 → 200 OK');
  });
});

describe('send: bad inputs are reported, counted as failed, and the rest still sent', () => {
  test('a directory with nothing to send is a bad input, listed in --failed; an empty .jsonl is not', async () => {
    target = await startHttpTarget();
    const dir = await makeDir({ 'empty/readme.txt': 'no', 'ok.json': '{"ok":1}', 'none.jsonl': '' });
    const result = await runCli(
      ['send', 'empty', 'ok.json', 'none.jsonl', '--to', target.url, '--failed', 'failed.jsonl'],
      { cwd: dir },
    );
    expect(result.code).toBe(1);
    expect(bodies()).toEqual(['{"ok":1}']);
    expect(result.stdout).toContain(
      '✘ empty → bad input: no *.json, *.jsonl or *.ndjson files in this directory\n',
    );
    expect(result.stderr).toContain('delivered 1 of 2, bad inputs 1');
    const failed = await readFailedLines(join(dir, 'failed.jsonl'));
    expect(failed.map((line) => JSON.parse(line).$webhookCliInput)).toEqual([{ path: join(dir, 'empty') }]);
  });

  test('missing file, sha256 mismatch, damaged capture, invalid JSON line', async () => {
    target = await startHttpTarget();
    const tampered = JSON.parse(captureJson(capture()));
    tampered.body.data = '{"hello":"tampered"}';
    const dir = await makeDir({
      'a-ok.json': '{"ok":1}',
      'b-tampered.json': JSON.stringify(tampered),
      'c-damaged.json': captureJson(capture()).slice(0, 60),
      'd.jsonl': '{"line":1}\nnot json\n{"line":3}\n',
    });
    const result = await runCli(
      ['send', 'missing.json', '.', '--to', target.url, '--failed', 'failed.jsonl'],
      {
        cwd: dir,
      },
    );
    expect(result.code).toBe(1);
    expect(bodies()).toEqual(['{"ok":1}', '{"line":1}', '{"line":3}']);
    expect(result.stdout).toContain('✘ missing.json → bad input: no such file or directory\n');
    expect(result.stdout).toContain(
      '✘ b-tampered.json → bad input: not a valid capture: the body does not match its sha256 (the file was edited or damaged)\n',
    );
    expect(result.stdout).toMatch(/✘ c-damaged\.json → bad input: not valid JSON: /);
    expect(result.stdout).toMatch(/✘ d\.jsonl:2 → bad input: not valid JSON: /);
    expect(result.stderr).toContain('delivered 3 of 7, bad inputs 4');
    expect(result.stderr).toContain('4 undelivered inputs written to failed.jsonl');

    // --failed lists each bad input as a reference; once fixed, sending the file reads them again.
    const failed = (await readFailedLines(join(dir, 'failed.jsonl'))).map((line) => JSON.parse(line));
    expect(failed.map((line) => line.$webhookCliInput)).toEqual([
      { path: join(dir, 'missing.json') },
      { path: join(dir, 'b-tampered.json') },
      { path: join(dir, 'c-damaged.json') },
      { path: join(dir, 'd.jsonl'), line: 2 },
    ]);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'missing.json'), '{"now":"here"}');
    await writeFile(join(dir, 'd.jsonl'), '{"line":1}\n{"fixed":2}\n{"line":3}\n');
    const again = await runCli(['send', 'failed.jsonl', '--to', target.url], {
      cwd: dir,
      clock: new ManualClock(),
    });
    expect(again.code).toBe(1);
    expect(bodies().slice(3)).toEqual(['{"now":"here"}', '{"fixed":2}']);
    expect(again.stdout).toBe(
      [
        '✔ missing.json → 200 OK  0ms  (attempt 1/6)',
        '✘ b-tampered.json → bad input: not a valid capture: the body does not match its sha256 (the file was edited or damaged)',
        '✘ c-damaged.json → bad input: not valid JSON: Unterminated string in JSON at position 60',
        '✔ d.jsonl:2 → 200 OK  0ms  (attempt 1/6)',
        '',
      ].join('\n'),
    );
  });
});

describe('send: --max-file-size bounds what is read; what is over it is a bad input, the rest is sent', () => {
  test('a file, a JSON line and standard input over the bound', async () => {
    target = await startHttpTarget();
    const big = JSON.stringify({ pad: 'x'.repeat(3000) });
    const dir = await makeDir({
      'a-ok.json': '{"ok":1}',
      'b-big.json': big,
      'c.jsonl': `{"line":1}\n${big}\n{"line":3}\n`,
    });
    const result = await runCli(['send', '.', '--to', target.url, '--max-file-size', '2kb'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(bodies()).toEqual(['{"ok":1}', '{"line":1}', '{"line":3}']);
    expect(result.stdout).toContain('✘ b-big.json → bad input: larger than --max-file-size (2.0 KB)\n');
    expect(result.stdout).toContain('✘ c.jsonl:2 → bad input: larger than --max-file-size (2.0 KB)\n');
    expect(result.stderr).toContain('delivered 3 of 5, bad inputs 2');

    const stdin = await runCli(['send', '-', '--to', target.url, '--max-file-size', '2kb'], { stdin: big });
    expect(stdin.code).toBe(1);
    expect(stdin.stdout).toContain(
      '✘ - → bad input: cannot read standard input: larger than --max-file-size (2.0 KB)\n',
    );
    expect(bodies()).toHaveLength(3);
  });

  test('a file just at the bound is sent; the flag is checked before anything is sent', async () => {
    target = await startHttpTarget();
    const dir = await makeDir({ 'p.json': JSON.stringify({ pad: 'y'.repeat(2048 - 10) }) });
    const atBound = await runCli(['send', 'p.json', '--to', target.url, '--max-file-size', '2kb'], {
      cwd: dir,
    });
    expect(atBound.code).toBe(0);
    const bad = await runCli(['send', 'p.json', '--to', target.url, '--max-file-size', 'lots'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--max-file-size: 'lots' is not a size");
    expect(bodies()).toHaveLength(1);
  });
});

describe('send: the request', () => {
  test('-X, -H (replacing every header of the name) and --drop-header', async () => {
    target = await startHttpTarget();
    const saved = capture({
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Old', 'drop me'],
        ['X-Env', 'prod'],
        ['x-env', 'prod2'],
      ],
    });
    const dir = await makeDir({ 'cap.json': captureJson(saved) });
    const result = await runCli(
      [
        'send',
        'cap.json',
        '--to',
        target.url,
        '-X',
        'patch',
        '-H',
        'X-Env: test',
        '-H',
        'Authorization: Bearer t',
        '--drop-header',
        'x-old',
      ],
      { cwd: dir },
    );
    expect(result.code).toBe(0);
    const [request] = target.requests;
    expect(request?.method).toBe('PATCH');
    expect(request?.rawHeaders.filter(([name]) => /^(x-|authorization|content-type)/i.test(name))).toEqual([
      ['Content-Type', 'application/json'],
      ['X-Env', 'test'],
      ['Authorization', 'Bearer t'],
    ]);
  });

  test('-H Content-Type replaces the raw payload default', async () => {
    target = await startHttpTarget();
    const dir = await makeDir({ 'p.json': '{}' });
    await runCli(['send', 'p.json', '--to', target.url, '-H', 'Content-Type: application/cloudevents+json'], {
      cwd: dir,
      clock: new ManualClock(),
    });
    expect(target.requests[0]?.headers['content-type']).toBe('application/cloudevents+json');
  });
});
