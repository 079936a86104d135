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
      /^\d\d:\d\d:\d\d {2}POST \/webhook {2}issues\.opened {2}72d3162e-cc78-11e3-81ab-4c9367dc0958 {2}30 B {2}→ 200$/,
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
