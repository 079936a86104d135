import { randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { isTempCaptureName } from '../../src/capture/capture-writer.js';
import { expandInputs } from '../../src/inputs/expand-inputs.js';
import { loadSavedCaptures } from '../../src/inspector/load-saved-captures.js';
import { startListen } from '../listen/listen-helpers.js';
import { captureValidator, sha256, spawnListen } from './listen-helpers.js';

const BURST = 600;
const CONNECTIONS = 32;
/** Responses to wait for before the kill: enough that captures exist, few enough that most requests are still coming. */
const KILL_AFTER = 60;

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

// The built CLI as a real process, killed with SIGKILL: no handler runs, whatever is half-done stays.
describe('listen --save killed with SIGKILL in the middle of a burst', () => {
  it('leaves only whole, valid captures; temp files are never read as captures and are removed by the next listener', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'listen-crash-'));
    dirs.push(dir);
    const listener = await spawnListen(['--save', dir, '--json']);
    const sent = new Set<string>();
    const acknowledged = new Set<string>();
    let answered = 0;
    let killed = false;
    const pool = new Pool(listener.url, { connections: CONNECTIONS, pipelining: 1 });
    const requests = Array.from({ length: BURST }, async (_, index) => {
      // Bodies up to 256 KB, so that capture writes take long enough to be caught half-way.
      const body = Buffer.concat([
        Buffer.from(`{"i":${index},"pad":"`),
        randomBytes(randomInt(1, 192 * 1024)),
        Buffer.from('"}'),
      ]);
      const hash = sha256(body);
      sent.add(hash);
      try {
        const response = await pool.request({ path: '/crash', method: 'POST', body });
        await response.body.dump();
        if (response.statusCode === 200) acknowledged.add(hash);
        answered += 1;
        if (answered === KILL_AFTER) {
          killed = listener.child.kill('SIGKILL');
        }
        return 'answered';
      } catch {
        return 'cut off';
      }
    });
    const outcomes = await Promise.all(requests);
    await pool.destroy();
    const exit = await listener.exited;
    expect(killed).toBe(true);
    expect(exit.signal).toBe('SIGKILL');
    // Killed in the middle: some answered, and many still in flight or not yet sent were cut off.
    expect(outcomes.filter((outcome) => outcome === 'answered').length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(outcomes.filter((outcome) => outcome === 'cut off').length).toBeGreaterThan(BURST / 2);

    // A torn write as a crash can leave one (whether the kill caught a real one is up to timing).
    const names = await readdir(dir);
    const torn = `.tmp-20260101T000000000Z-000001-dead.json`;
    await writeFile(join(dir, torn), '{"$webhookCli":"capture/v1","id":"20260101T0000');
    const temps = [...names.filter(isTempCaptureName), torn];

    // Every capture is whole and valid, and is a body that was sent. Each delivery that was
    // answered 200 is among them: the listener answers only once the capture is on disk.
    const validate = await captureValidator();
    const captures = names.filter((name) => name.endsWith('.json') && !isTempCaptureName(name));
    expect(captures.length).toBeGreaterThanOrEqual(acknowledged.size);
    const saved = new Set<string>();
    for (const name of captures) {
      const document = JSON.parse(await readFile(join(dir, name), 'utf8'));
      expect(validate(document), name).toBeNull();
      expect(sha256(Buffer.from(document.body.data, document.body.encoding))).toBe(document.sha256);
      expect(sent.has(document.sha256)).toBe(true);
      saved.add(document.sha256);
    }
    expect(saved.size).toBe(captures.length);
    for (const hash of acknowledged) expect(saved.has(hash)).toBe(true);

    // Readers of a capture directory skip temp files: `send <dir>` and the inspector's history.
    const walked: string[] = [];
    for await (const item of expandInputs([dir], { cwd: dir, extensions: ['.json'], recursive: false })) {
      expect(item.kind).toBe('file');
      walked.push(item.path);
    }
    expect(walked.sort()).toEqual(captures.map((name) => join(dir, name)).sort());
    const skipped: string[] = [];
    const history = await loadSavedCaptures(dir, { onSkip: (path) => skipped.push(path) });
    expect(skipped).toEqual([]);
    expect(history.length).toBe(captures.length);

    // The next listener saving there removes the leftovers before it listens, and keeps the captures.
    const next = await startListen(['--save', dir]);
    const after = await readdir(dir);
    expect(after.filter(isTempCaptureName)).toEqual([]);
    expect(after.sort()).toEqual(captures.sort());
    expect(temps.length).toBeGreaterThanOrEqual(1);
    expect((await next.stop()).code).toBe(0);
  });
});
