import { describe, expect, it } from 'vitest';
import { send, sendJson, startListen } from './listen-helpers.js';

describe('listen: printing deliveries', () => {
  it('prints a ready line, each delivery, answers 200 and stops after --max-events', async () => {
    const listener = await startListen(['--max-events', '2']);
    expect(listener.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(listener.deps.stderr.text()).toContain('(Ctrl-C to stop)');
    const first = await sendJson(
      `${listener.url}/webhook`,
      { action: 'opened', number: 1 },
      {
        'X-GitHub-Event': 'issues',
        'X-GitHub-Delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      },
    );
    expect(first.status).toBe(200);
    const second = await send(`${listener.url}/hook?x=1`, {
      method: 'POST',
      body: 'hello\nworld',
      headers: { 'content-type': 'text/plain' },
    });
    expect(second.status).toBe(200);
    const result = await listener.done;
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^\d\d:\d\d:\d\d {2}POST \/webhook {2}issues\.opened {2}72d3162e-cc78-11e3-81ab-4c9367dc0958 {2}30 B {2}from github {2}→ 200$/,
    );
    expect(lines.slice(1, 5)).toEqual(['  {', '    "action": "opened",', '    "number": 1', '  }']);
    expect(lines[5]).toMatch(/^\d\d:\d\d:\d\d {2}POST \/hook\?x=1 {2}11 B {2}→ 200$/);
    expect(lines.slice(6)).toEqual(['  hello', '  world', '']);
    expect(result.stderr).toMatch(/^Listening on http:\/\/127\.0\.0\.1:\d+ {2}\(Ctrl-C to stop\)\n/);
    expect(result.stderr).toContain('  stopping   after 2 deliveries\n');
    expect(result.stderr).toMatch(/Stopped \(--max-events 2\) after \d+ms: 2 deliveries\n/);
    expect(result.stderr).toContain('  events     issues.opened 1, (none) 1\n');
  });
});

describe('listen: what --max-events counts', () => {
  it('counts deliveries, not requests outside --path or bodies rejected as too large', async () => {
    const listener = await startListen(['--path', '/hook', '--max-body', '10b', '--max-events', '1', '-q']);
    const elsewhere = await send(`${listener.url}/other`, { method: 'POST', body: '{}' });
    expect(elsewhere.status).toBe(404);
    const tooLarge = await send(`${listener.url}/hook`, { method: 'POST', body: '{"far":"too large"}' });
    expect(tooLarge.status).toBe(413);
    const fits = await send(`${listener.url}/hook`, { method: 'POST', body: '{}' });
    expect(fits.status).toBe(200);
    const result = await listener.done;
    expect(result.stderr).toMatch(/Stopped \(--max-events 1\) after \d+ms: 1 delivery\n/);
    expect(result.stderr).toContain('rejected   1 too large (413), 1 for other paths (404)\n');
    expect(result.stderr).not.toContain('expected');
    // The 413 still counts as a failed check: exit 1.
    expect(result.code).toBe(1);
  });
});
