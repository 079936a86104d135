import { describe, expect, it } from 'vitest';
import { isCaptureDocument } from '../../src/capture/capture.js';
import { parseCapture } from '../../src/capture/decode-capture.js';
import { runCli } from '../helpers/run-cli.js';
import { capture, captureJson, makeDir } from '../send/fixtures.js';

/** A capture as a later format version would mark it (every other field as in capture/v1). */
function markedCapture(marker: unknown): string {
  const document = JSON.parse(captureJson(capture({ body: Buffer.from('{"action":"opened"}') })));
  document.$webhookCli = marker;
  return JSON.stringify(document);
}

const UNSUPPORTED = 'unsupported capture version "capture/v2" (this webhook-cli reads capture/v1)';

describe('a capture of an unknown version', () => {
  it('is a capture to the shared detection, whatever its marker holds, and is reported as such', () => {
    for (const marker of ['capture/v2', 'capture/v1', 'something', 1, null, {}]) {
      expect(isCaptureDocument(JSON.parse(markedCapture(marker)))).toBe(true);
    }
    expect(() => parseCapture(markedCapture('capture/v2'), 'c.json')).toThrow(`c.json: ${UNSUPPORTED}`);
    expect(() => parseCapture(markedCapture('\u001b[31mred'), 'c.json')).toThrow(
      'c.json: not a valid capture: "$webhookCli" must be "capture/v1", found another string',
    );
    expect(() => parseCapture(markedCapture(2), 'c.json')).toThrow('found 2');
  });

  it('verify reports it (exit 2) instead of checking the file as a raw body', async () => {
    const cwd = await makeDir({ 'c.json': markedCapture('capture/v2') });
    const result = await runCli(['verify', 'c.json', '--scheme', 'github', '--secret', 's3cret'], { cwd });
    expect(result.stderr).toBe(
      `webhook-cli: c.json: ${UNSUPPORTED} (a newer webhook-cli wrote it; upgrade to read it)\n`,
    );
    expect(result.code).toBe(2);
  });

  it('validate reports it (exit 2) instead of validating the capture document as a payload', async () => {
    const cwd = await makeDir({ 'c.json': markedCapture('capture/v2') });
    const result = await runCli(['validate', 'c.json', '--schema', 'generic'], { cwd });
    expect(result.stdout).toBe(`c.json:1:1  error ${UNSUPPORTED}\n1 file: 0 valid, 0 invalid, 1 error\n`);
    expect(result.code).toBe(2);
  });

  it('send reports it as a bad input and sends nothing', async () => {
    const cwd = await makeDir({ 'c.json': markedCapture('capture/v2') });
    const result = await runCli(['send', 'c.json', '--to', 'http://127.0.0.1:9/', '--dry-run'], { cwd });
    expect(result.stdout).toBe(`✘ c.json → bad input: ${UNSUPPORTED}\n`);
    expect(result.code).toBe(1);
  });
});
