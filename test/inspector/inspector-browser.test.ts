import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Inspector, type ReplayRequest, startInspector } from '../../src/inspector/start-inspector.js';
import type { Delivery } from '../../src/listen/delivery.js';
import { type HttpTarget, startHttpTarget } from '../helpers/http-target.js';
import { makeDelivery } from './inspector-fixtures.js';

// Debian's Chromium, installed by .ci/run; playwright never downloads a browser here.
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const title = hasChromium
  ? 'inspector in a real browser (Chromium)'
  : `inspector in a real browser: SKIPPED, ${CHROMIUM} is not installed (apt-get install -y chromium)`;

const ARTIFACTS = new URL('../artifacts/', import.meta.url);

/** What listen's replay does, minus retries and signing: send the bytes to the target. */
function directReplay(defaultUrl: string) {
  const calls: ReplayRequest[] = [];
  const replay = async (request: ReplayRequest) => {
    calls.push(request);
    const started = Date.now();
    const headers = request.delivery.headers.filter(
      ([name]) => !['host', 'content-length', 'connection', 'content-encoding'].includes(name.toLowerCase()),
    );
    const response = await fetch(request.url ?? defaultUrl, {
      method: 'POST',
      headers,
      body: request.body ?? request.delivery.body,
    });
    const text = await response.text();
    return {
      ok: response.ok,
      status: response.status,
      attempts: 1,
      ms: Date.now() - started,
      responseBodyFirstLine: text.split('\n')[0] ?? '',
    };
  };
  return { calls, replay };
}

function githubIssue(number: number, title: unknown, extra: Partial<Delivery> = {}): Delivery {
  return makeDelivery({
    path: '/github',
    json: {
      action: 'opened',
      issue: { number, title, user: { login: 'octocat' }, labels: [{ name: 'bug' }] },
      repository: { full_name: 'octo-org/hello-world' },
    },
    ...extra,
  });
}

describe.skipIf(!hasChromium)(title, () => {
  let browser: Browser;
  let target: HttpTarget;
  let inspector: Inspector;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  let replayCalls: ReplayRequest[];

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    target = await startHttpTarget([{ status: 201, body: 'created by the app\nsecond line' }]);
    const { calls, replay } = directReplay(target.url);
    replayCalls = calls;
    inspector = await startInspector({
      host: '127.0.0.1',
      port: 0,
      historyLimit: 50,
      replay,
      forwardUrl: target.url,
    });
    page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    // Fail with the step that did not happen rather than at the test's own timeout.
    page.setDefaultTimeout(5_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      dialog.dismiss().catch(() => {});
    });
    await page.goto(inspector.url);
    await page.locator('#live[data-state="live"]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await inspector?.close();
    await target?.close();
  });

  it('shows a published delivery without a reload, with its body and verdicts', async () => {
    const delivery = githubIssue(1, 42, {
      validation: {
        schema: 'github:issues$opened',
        ok: false,
        errors: [{ pointer: '/issue/title', message: 'must be string' }],
      },
      forward: { url: target.url, status: 200, ms: 8, error: null, body: '{"received":true}' },
    });
    inspector.publish(delivery);
    const item = page.locator(`[role="option"][data-id="${delivery.id}"]`);
    await item.waitFor();
    await expect(item.textContent()).resolves.toMatch(
      /POST\s*\/github.*issues\.opened.*sig ✓.*schema ✗ 1.*→ 200/s,
    );
    await expect(page.locator('#counts').textContent()).resolves.toBe('1 delivery · 1 failed');

    // Keyboard: focus the list item and open it with Enter.
    await item.focus();
    await page.keyboard.press('Enter');
    await page.locator('#detail h2', { hasText: 'POST /github' }).waitFor();
    await expect(page.locator('[data-check="signature"]').textContent()).resolves.toContain(
      '✓ valid · github',
    );
    await expect(page.locator('[data-check="schema"]').textContent()).resolves.toContain(
      '✗ 1 error against github:issues$opened/issue/title must be string',
    );
    await expect(page.locator('[data-check="forward"]').textContent()).resolves.toContain(
      '{"received":true}',
    );
    await expect(page.locator('.tree').textContent()).resolves.toContain('"octo-org/hello-world"');

    // A schema error leads to its place in the body.
    await page.locator('[data-check="schema"] button', { hasText: '/issue/title' }).click();
    const targetLine = page.locator('.tree .line.target');
    await expect(targetLine.getAttribute('data-pointer')).resolves.toBe('/issue/title');
    await expect(targetLine.textContent()).resolves.toBe('"title": 42');
  });

  it('replays to the forward target and shows its status inline, and replays an edited body', async () => {
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    await page.locator('.result.ok').waitFor();
    await expect(page.locator('.result').textContent()).resolves.toMatch(
      /^✓ 201 after 1 attempt in \d+ ms · created by the app$/,
    );
    const [first] = await target.waitForRequests(1);
    expect(first?.body.toString()).toContain('"octo-org/hello-world"');

    await page.getByRole('button', { name: 'Edit body…' }).click();
    await page.getByRole('textbox', { name: 'Body to replay' }).fill('{"action":"opened","edited":true}');
    await page.getByRole('button', { name: 'Replay edited body' }).click();
    await page.locator('.result.ok', { hasText: 'Edited body: ✓ 201' }).waitFor();
    const requests = await target.waitForRequests(2);
    expect(requests[1]?.body.toString()).toBe('{"action":"opened","edited":true}');
    expect(replayCalls.map((call) => call.body?.toString())).toEqual([
      undefined,
      '{"action":"opened","edited":true}',
    ]);
  });

  it('renders HTML and script payloads as text', async () => {
    const img = '<img src=x onerror="window.__pwned=1;alert(1)">';
    const script = '<script>window.__pwned=2;alert(2)</script>';
    const evil = makeDelivery({
      path: `/hook?q=${img}`,
      event: script,
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Note', img],
      ],
      json: { title: img, body: script, [img]: 'key' },
      signature: { scheme: 'github', ok: false, reason: 'mismatch', detail: img },
    });
    inspector.publish(evil);
    const item = page.locator(`[role="option"][data-id="${evil.id}"]`);
    await item.waitFor();
    await item.click();
    await page.locator('#detail h2', { hasText: '/hook?q=<img' }).waitFor();
    await expect(page.getByText(img, { exact: true }).first().isVisible()).resolves.toBe(true);
    await expect(page.locator('.tree').textContent()).resolves.toContain(JSON.stringify(script));
    await expect(page.locator('[data-check="signature"]').textContent()).resolves.toContain(img);
    await page.getByRole('button', { name: 'Raw', exact: true }).click();
    await expect(page.locator('pre.raw').textContent()).resolves.toBe(evil.body.toString());
    expect(await page.locator('img, #detail script, #list script').count()).toBe(0);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  it('compares two deliveries, filters, navigates with j/k and keeps the history across a reload', async () => {
    const second = githubIssue(2, 'Login button does nothing');
    inspector.publish(second);
    await page.locator(`[role="option"][data-id="${second.id}"]`).click();
    await page.locator('#detail h2', { hasText: 'POST /github' }).waitFor();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const rows = page.locator('table.diff tr');
    await rows.first().waitFor();
    await expect(rows.allTextContents()).resolves.toEqual([
      '~/issue/number1 → 2',
      '~/issue/title42 → "Login button does nothing"',
    ]);

    const shown = async () => (await page.locator('[role="option"] .path').allTextContents()).join(' | ');
    await page.locator('#filter-status').selectOption('signature');
    await page.locator('#counts', { hasText: '3 deliveries · 2 failed · 1 shown' }).waitFor();
    await expect(shown()).resolves.toMatch(/^\/hook\?q=<img/);
    await page.locator('#filter-status').selectOption('');
    // The text filter searches bodies on the server: only the second issue says "Login button".
    await page.locator('#filter-text').fill('login BUTTON');
    await page.locator('#counts', { hasText: '1 shown' }).waitFor();
    await expect(page.locator('[role="option"]').getAttribute('data-id')).resolves.toBe(second.id);
    await page.locator('#filter-text').fill('');
    await page.locator('#counts', { hasText: /^3 deliveries · 2 failed$/ }).waitFor();

    const options = page.locator('[role="option"]');
    await options.first().focus();
    await page.keyboard.press('j');
    await expect(page.evaluate("document.activeElement?.getAttribute('data-id')")).resolves.toBe(
      await options.nth(1).getAttribute('data-id'),
    );
    await page.keyboard.press('k');
    await expect(page.evaluate("document.activeElement?.getAttribute('data-id')")).resolves.toBe(second.id);

    await page.reload();
    await page.locator('#live[data-state="live"]').waitFor();
    await page.locator(`[role="option"][data-id="${second.id}"]`).waitFor();
    await expect(options.count()).resolves.toBe(3);
    await mkdir(ARTIFACTS, { recursive: true });
    await page.locator(`[role="option"][data-id="${second.id}"]`).click();
    await page.locator('#detail h2').waitFor();
    await page.screenshot({ path: new URL('inspector.png', ARTIFACTS).pathname, fullPage: false });
    expect(dialogs).toEqual([]);
    // No script errors and no Content-Security-Policy violations (both are console errors).
    expect(pageErrors).toEqual([]);
  });
});

// `UPDATE_DOCS_SCREENSHOT=1 npx vitest run test/inspector/inspector-browser.test.ts` renews the
// README's picture (docs/inspector.png) from realistic deliveries; test/artifacts gets a dark one.
describe.runIf(hasChromium && process.env.UPDATE_DOCS_SCREENSHOT === '1')('README screenshot', () => {
  it('renders realistic deliveries in light and dark mode', async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
    const inspector = await startInspector({
      host: '127.0.0.1',
      port: 0,
      historyLimit: 500,
      replay: async () => ({
        ok: true,
        status: 200,
        attempts: 1,
        ms: 9,
        responseBodyFirstLine: '{"ok":true}',
      }),
      forwardUrl: 'http://localhost:3000/webhooks',
    });
    try {
      const forwardOk = (ms: number) => ({
        url: 'http://localhost:3000/webhooks',
        status: 200,
        ms,
        error: null,
        body: '{"ok":true}',
      });
      const at = (second: number) => new Date(Date.UTC(2026, 10, 26, 18, 42, second)).toISOString();
      const stripeHeaders = (id: string): Delivery['headers'] => [
        ['Content-Type', 'application/json; charset=utf-8'],
        [
          'Stripe-Signature',
          't=1795624920,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd',
        ],
        ['User-Agent', 'Stripe/1.0 (+https://stripe.com/docs/webhooks)'],
        ['X-Request-Id', id],
      ];
      const github = (event: string, id: string): Delivery['headers'] => [
        ['Content-Type', 'application/json'],
        ['User-Agent', 'GitHub-Hookshot/8f3a1c2'],
        ['X-GitHub-Event', event],
        ['X-GitHub-Delivery', id],
        ['X-GitHub-Hook-ID', '482719035'],
        ['X-Hub-Signature-256', 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'],
      ];
      const deliveries: Delivery[] = [
        makeDelivery({
          receivedAt: at(3),
          path: '/webhooks/github',
          headers: github('issues', '9b0c6a10-cb31-11f0-8d6e-5f7c1a2b3c4d'),
          json: { action: 'opened', issue: { number: 1347, title: 'Checkout fails on Safari' } },
          event: 'issues.opened',
          deliveryId: '9b0c6a10-cb31-11f0-8d6e-5f7c1a2b3c4d',
          forward: forwardOk(14),
        }),
        makeDelivery({
          receivedAt: at(9),
          path: '/webhooks/stripe',
          headers: stripeHeaders('req_8kQ2'),
          json: {
            id: 'evt_1QhK2v',
            type: 'invoice.paid',
            data: { object: { id: 'in_1QhK2u', amount_paid: 4900 } },
          },
          event: 'invoice.paid',
          deliveryId: 'evt_1QhK2v',
          signature: { scheme: 'stripe', ok: true },
          validation: null,
          forward: forwardOk(22),
        }),
        makeDelivery({
          receivedAt: at(17),
          path: '/webhooks/stripe',
          headers: stripeHeaders('req_9fT4'),
          json: {
            id: 'evt_1QhK9d',
            type: 'invoice.payment_failed',
            data: { object: { id: 'in_1QhK9c', attempt_count: 2 } },
          },
          event: 'invoice.payment_failed',
          deliveryId: 'evt_1QhK9d',
          signature: {
            scheme: 'stripe',
            ok: false,
            reason: 'timestamp-too-old',
            detail: 'the Stripe-Signature timestamp is 412 s old (tolerance 300 s)',
          },
          validation: null,
          forward: {
            url: 'http://localhost:3000/webhooks',
            status: 500,
            ms: 31,
            error: null,
            body: 'Internal Server Error',
          },
        }),
        makeDelivery({
          receivedAt: at(24),
          path: '/webhooks/shopify',
          headers: [
            ['Content-Type', 'application/json'],
            ['X-Shopify-Topic', 'orders/create'],
            ['X-Shopify-Hmac-Sha256', 'Xd3tZ2eX1Yq7vJb0m5r0kz0QhYb6l0l8m5N0f3W1Yx8='],
            ['X-Shopify-Webhook-Id', 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043'],
          ],
          json: { id: 820982911946154500, total_price: '199.00', currency: 'EUR' },
          event: 'orders/create',
          deliveryId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
          signature: { scheme: 'shopify', ok: true },
          validation: null,
          forward: forwardOk(11),
        }),
        makeDelivery({
          receivedAt: at(31),
          path: '/webhooks/github',
          headers: github('pull_request', 'c41d7e20-cb31-11f0-9a1b-2e4f6a8b0c1d'),
          json: {
            action: 'opened',
            number: 212,
            pull_request: {
              number: '212',
              title: 'Retry failed webhooks with backoff',
              state: 'open',
              user: { login: 'octocat', id: 583231 },
              head: { ref: 'retry-backoff', repo: { full_name: 'octo-org/shop' } },
              base: { ref: 'main', sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e' },
              draft: false,
            },
            repository: { full_name: 'octo-org/shop', private: true },
            sender: { login: 'octocat' },
          },
          event: 'pull_request.opened',
          deliveryId: 'c41d7e20-cb31-11f0-9a1b-2e4f6a8b0c1d',
          validation: {
            schema: 'github:pull_request$opened',
            ok: false,
            errors: [
              { pointer: '/pull_request/number', message: 'must be integer' },
              { pointer: '/pull_request/head', message: "must have required property 'sha'" },
            ],
          },
          forward: forwardOk(18),
        }),
      ];
      deliveries.forEach((delivery, index) => {
        delivery.id = `${delivery.receivedAt.replace(/[-:.]/g, '')}-${String(index + 1).padStart(6, '0')}-3f9a`;
        inspector.publish(delivery);
      });
      for (const [scheme, file] of [
        ['light', new URL('../../docs/inspector.png', import.meta.url)],
        ['dark', new URL('inspector-dark.png', ARTIFACTS)],
      ] as const) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
        await page.goto(inspector.url);
        const pr = page.locator(`[role="option"][data-id="${deliveries[4]!.id}"]`);
        await pr.click();
        await page.locator('[data-check="schema"] button', { hasText: '/pull_request/number' }).click();
        await page.locator('.tree .line.target').waitFor();
        await pr.focus();
        await page.evaluate('document.getElementById("detail").scrollTop = 0');
        await mkdir(ARTIFACTS, { recursive: true });
        const png = await page.screenshot({ path: file.pathname });
        // A PNG of the whole viewport (the signature), not an empty or error page.
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        expect(await page.locator('.tree .line.target').count()).toBe(1);
        await page.close();
      }
    } finally {
      await browser.close();
      await inspector.close();
    }
  });
});
