import { connect } from 'node:net';
import { sign } from '@octokit/webhooks-methods';
import { afterEach, describe, expect, it } from 'vitest';
import { type HttpTarget, startHttpTarget } from '../helpers/http-target.js';
import { runCli } from '../helpers/run-cli.js';
import { sendJson, startListen } from '../listen/listen-helpers.js';
import { rawRequest } from './inspector-fixtures.js';

const SECRET = 'listen-ui-secret';
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

/** Three GitHub deliveries, the second one signed with the wrong secret. */
async function deliverThree(url: string): Promise<void> {
  for (const [n, secret] of [
    [1, SECRET],
    [2, 'not-the-secret'],
    [3, SECRET],
  ] as const) {
    const body = JSON.stringify({ action: 'opened', number: n });
    await sendJson(`${url}/webhook`, body, {
      'x-github-event': 'issues',
      'x-github-delivery': `delivery-${n}`,
      'x-hub-signature-256': await sign(secret, body),
    });
  }
}

/** The terminal output with the clock times taken out, so two runs can be compared. */
const withoutTimes = (text: string) => text.replace(/\b\d\d:\d\d:\d\d\b/g, 'hh:mm:ss');

describe('listen --ui', () => {
  it('prints the inspector address, feeds it every delivery (bounded by --ui-history) and leaves the terminal output unchanged', async () => {
    const target: HttpTarget = await startHttpTarget([{ status: 202 }]);
    cleanup.push(() => target.close());
    const common = ['--verify', 'github', '--secret', SECRET];

    const plain = await startListen(common);
    await deliverThree(plain.url);
    const plainResult = await plain.stop();

    const withUi = await startListen([...common, '--ui', '--ui-port', '0', '--ui-history', '2']);
    const ready = await withUi.deps.stderr.waitFor(/Inspector: (http:\/\/\S+)/);
    const inspectorUrl = /Inspector: (http:\/\/\S+)/.exec(ready)?.[1] as string;
    expect(inspectorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(inspectorUrl).not.toBe(`${withUi.url}/`);
    await deliverThree(withUi.url);

    // The history is held by the listener: newest first, the oldest dropped past --ui-history.
    const list = (await rawRequest(`${inspectorUrl}api/deliveries`)).json();
    expect(
      list.deliveries.map((d: { deliveryId: string; event: string; signature: { ok: boolean } | null }) => [
        d.deliveryId,
        d.event,
        d.signature?.ok,
      ]),
    ).toEqual([
      ['delivery-3', 'issues.opened', true],
      ['delivery-2', 'issues.opened', false],
    ]);

    const failed = list.deliveries[1].id as string;
    // Replay to a typed URL goes through send's engine and is re-signed with the --verify secret.
    const replayed = await rawRequest(`${inspectorUrl}api/deliveries/${encodeURIComponent(failed)}/replay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: inspectorUrl.replace(/\/$/, '') },
      body: JSON.stringify({ url: `${target.url}/app` }),
    });
    expect(replayed.json()).toMatchObject({ ok: true, status: 202, attempts: 1 });
    const [request] = await target.waitForRequests(1);
    const body = JSON.stringify({ action: 'opened', number: 2 });
    expect(request?.body.toString()).toBe(body);
    expect(request?.headers['x-hub-signature-256']).toBe(await sign(SECRET, body));

    const uiResult = await withUi.stop();
    expect(plainResult.code).toBe(1);
    expect(uiResult.code).toBe(1);
    expect(withoutTimes(uiResult.stdout)).toBe(withoutTimes(plainResult.stdout));
    const uiStderr = uiResult.stderr.replace(/Inspector: \S+\n/, '').replace(withUi.url, plain.url);
    expect(withoutTimes(uiStderr).replace(/after \d+ms/, 'after Nms')).toBe(
      withoutTimes(plainResult.stderr).replace(/after \d+ms/, 'after Nms'),
    );
    // The inspector stopped with the listener.
    const port = Number(new URL(inspectorUrl).port);
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
    expect(refused).toBe('ECONNREFUSED');
  });

  it.each([
    [['--ui-port', '4040'], 'webhook-cli: --ui-port needs --ui (add --ui to open the web inspector)\n'],
    [['--ui-history', '10'], 'webhook-cli: --ui-history needs --ui (add --ui to open the web inspector)\n'],
    [['--ui', '--ui-history', '0'], /--ui-history/],
    [['--ui', '--ui-port', '70000'], /--ui-port/],
  ])('listen %j is a usage error', async (args, message) => {
    const result = await runCli(['listen', '-p', '0', ...args]);
    expect(result.code).toBe(2);
    if (typeof message === 'string') expect(result.stderr).toBe(message);
    else expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});
