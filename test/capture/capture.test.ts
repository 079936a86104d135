import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { type Capture, isCaptureDocument, sha256Hex } from '../../src/capture/capture.js';
import { captureFileName, captureId, openCaptureWriter } from '../../src/capture/capture-writer.js';
import { parseCapture } from '../../src/capture/decode-capture.js';
import { serializeCapture, toCaptureDocument } from '../../src/capture/encode-capture.js';
import { readCaptureFile } from '../../src/capture/read-capture-file.js';

const schema = JSON.parse(
  await readFile(new URL('../../schemas/capture.schema.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv2020.default({ allErrors: true });
addFormats.default(ajv);
const validateCaptureSchema = ajv.compile(schema);

function sampleCapture(body: Buffer): Capture {
  return {
    id: 'd-1',
    receivedAt: '2026-11-26T19:30:00.123Z',
    method: 'POST',
    path: '/hooks/github?x=1',
    headers: [
      ['Host', '127.0.0.1:9876'],
      ['X-Dup', 'a'],
      ['x-dup', 'b'],
      ['Content-Type', 'application/json'],
    ],
    body,
  };
}

describe('capture format', () => {
  it('round-trips random bodies byte for byte, including invalid UTF-8', () => {
    for (let i = 0; i < 200; i++) {
      const body = randomBytes(i * 7);
      const text = serializeCapture(sampleCapture(body));
      const document = JSON.parse(text);
      expect(validateCaptureSchema(document), JSON.stringify(validateCaptureSchema.errors)).toBe(true);
      const back = parseCapture(text, 'x.json');
      expect(back.body.equals(body)).toBe(true);
      expect(back.headers).toEqual(sampleCapture(body).headers);
    }
  });

  it('stores valid UTF-8 as text and anything else as base64', () => {
    expect(toCaptureDocument(sampleCapture(Buffer.from('{"a":"é"}'))).body).toEqual({
      encoding: 'utf8',
      data: '{"a":"é"}',
    });
    const invalid = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    expect(toCaptureDocument(sampleCapture(invalid)).body).toEqual({
      encoding: 'base64',
      data: invalid.toString('base64'),
    });
  });

  it('tells a capture from a raw payload by its marker', () => {
    expect(isCaptureDocument(toCaptureDocument(sampleCapture(Buffer.from('x'))))).toBe(true);
    expect(isCaptureDocument({ id: 'evt_1', type: 'invoice.paid' })).toBe(false);
    expect(isCaptureDocument([1])).toBe(false);
    expect(isCaptureDocument(null)).toBe(false);
  });

  it('detects a tampered body through its sha256', () => {
    const document = toCaptureDocument(sampleCapture(Buffer.from('{"amount":100}')));
    document.body.data = '{"amount":999}';
    expect(() => parseCapture(JSON.stringify(document), 'evt.json')).toThrow(
      'evt.json: not a valid capture: the body does not match its sha256 (the file was edited or damaged)',
    );
  });

  it.each([
    ['not JSON', '{', 'evt.json: not valid JSON'],
    [
      'no marker',
      '{"id":"x"}',
      'evt.json: not a valid capture: "$webhookCli" must be "capture/v1", found nothing',
    ],
    [
      'bad headers',
      JSON.stringify({ ...toCaptureDocument(sampleCapture(Buffer.from('x'))), headers: [['a']] }),
      'headers[0] must be a [name, value] pair of strings',
    ],
    [
      'bad base64',
      JSON.stringify({
        ...toCaptureDocument(sampleCapture(Buffer.from('x'))),
        body: { encoding: 'base64', data: '@@@' },
      }),
      '"body.data" is not valid base64',
    ],
    [
      'unknown field',
      JSON.stringify({ ...toCaptureDocument(sampleCapture(Buffer.from('x'))), extra: 1 }),
      'unknown field "extra"',
    ],
  ])('rejects %s with a message naming the file', (_name, text, message) => {
    expect(() => parseCapture(text, 'evt.json')).toThrow(message);
  });
});

describe('capture writer', () => {
  it('names files by arrival time and order, never by payload content', () => {
    expect(captureFileName(new Date('2026-11-26T19:30:00.123Z'), 42, 'ab12')).toBe(
      '20261126T193000123Z-000042-ab12.json',
    );
    // From the ISO text as well (what the listener has), and past the year 9999 the same way as before.
    expect(captureId('2026-11-26T19:30:00.123Z', 42, 'ab12')).toBe('20261126T193000123Z-000042-ab12');
    expect(captureId(new Date('+010000-01-02T03:04:05.006Z'), 1, 'ab12')).toBe(
      '+0100000102T030405006Z-000001-ab12',
    );
  });

  it('writes atomically with mode 0600 and reads back identical bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'webhook-cli-capture-'));
    await writeFile(join(dir, '.tmp-20260101T000000000Z-000001-dead.json'), '{"half');
    const writer = await openCaptureWriter(join(dir, 'nested'));
    const writerInDir = await openCaptureWriter(dir);
    expect(await readdir(dir)).not.toContain('.tmp-20260101T000000000Z-000001-dead.json');

    const body = Buffer.concat([Buffer.from('{"x":"'), randomBytes(64), Buffer.from('"}')]);
    const path = await writer.write(sampleCapture(body));
    const second = await writer.write(sampleCapture(body));
    expect(path < second).toBe(true);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const back = await readCaptureFile(path);
    expect(sha256Hex(back.body)).toBe(sha256Hex(body));
    expect(await readdir(join(dir, 'nested'))).toHaveLength(2);
    expect(writerInDir.dir).toBe(dir);
  });

  it('writes the same files with blocking calls, and leaves no temp file when the rename fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'webhook-cli-capture-'));
    const writer = await openCaptureWriter(dir, { blocking: true });
    const body = Buffer.concat([Buffer.from('{"x":"'), randomBytes(64), Buffer.from('"}')]);
    const path = await writer.write(sampleCapture(body));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(sha256Hex((await readCaptureFile(path)).body)).toBe(sha256Hex(body));
    // A directory where the next capture's name would land makes the rename fail.
    const next = captureFileName(new Date(sampleCapture(body).receivedAt), 2, path.slice(-9, -5));
    await mkdir(join(dir, next));
    await writeFile(join(dir, next, 'keep'), 'x');
    await expect(writer.write(sampleCapture(body))).rejects.toThrow();
    expect((await readdir(dir)).filter((name) => name.startsWith('.tmp-'))).toEqual([]);
  });

  it('refuses a directory it cannot create', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'webhook-cli-capture-'));
    await writeFile(join(dir, 'file'), 'x');
    await expect(openCaptureWriter(join(dir, 'file', 'sub'))).rejects.toThrow(
      `cannot save captures in ${join(dir, 'file', 'sub')}: not a directory`,
    );
  });

  it('names a missing capture file', async () => {
    await expect(readCaptureFile('/nonexistent/capture.json')).rejects.toThrow(
      '/nonexistent/capture.json: cannot read: no such file',
    );
  });
});
