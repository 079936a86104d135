import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verify as verifyGithub } from '@octokit/webhooks-methods';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
// By package name, as a user imports it: resolved through package.json "exports" to the built dist/.
import { DeliveryWaitError, type Hook, listen, send, sign, UsageError, validate, verify } from 'webhook-cli';
import { startHttpTarget } from '../helpers/http-target.js';

const STRIPE_SECRET = 'whsec_api_test_secret';
const stripe = new Stripe('sk_test_unused');
const hooks: Hook[] = [];
afterEach(async () => {
  await Promise.all(hooks.splice(0).map((hook) => hook.close()));
});

async function postStripe(url: string, event: object, secret = STRIPE_SECRET): Promise<Response> {
  const payload = JSON.stringify(event);
  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret });
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature },
    body: payload,
  });
}

function postJson(url: string, value: object): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(value),
  });
}

describe("import { listen } from 'webhook-cli'", () => {
  it('resolves once listening, verifies a real Stripe signature and hands the delivery to next({ type })', async () => {
    const hook = await listen({ port: 0, verify: 'stripe', secret: STRIPE_SECRET });
    hooks.push(hook);
    expect(hook.url).toBe(`http://127.0.0.1:${hook.port}`);
    const charge = await postStripe(hook.url, { id: 'evt_1', object: 'event', type: 'charge.succeeded' });
    const invoice = await postStripe(hook.url, { id: 'evt_2', object: 'event', type: 'invoice.paid' });
    expect([charge.status, invoice.status]).toEqual([200, 200]);

    const paid = await hook.next({ type: 'invoice.paid' });
    expect(paid.event).toBe('invoice.paid');
    expect(paid.signature).toEqual({ scheme: 'stripe', ok: true });
    expect(paid.content.kind === 'json' && paid.content.value).toMatchObject({ id: 'evt_2' });
    // The charge was not taken by the filtered next(): it is still there, oldest first.
    const first = await hook.next();
    expect(first.event).toBe('charge.succeeded');
  });

  it('reports a bad signature as a value on the delivery', async () => {
    const hook = await listen({ port: 0, verify: 'stripe', secret: STRIPE_SECRET });
    hooks.push(hook);
    await postStripe(hook.url, { id: 'evt_3', type: 'invoice.paid' }, 'whsec_someone_else');
    const delivery = await hook.next((d) => d.event === 'invoice.paid');
    expect(delivery.signature).toMatchObject({ scheme: 'stripe', ok: false, reason: 'mismatch' });
    expect(hook.summary().signature).toMatchObject({ ok: 0, failed: 1 });
  });

  it('next() rejects after its timeout, naming what arrived instead', async () => {
    const hook = await listen({ port: 0 });
    hooks.push(hook);
    await postJson(hook.url, { type: 'charge.succeeded', object: 'event' });
    await hook.next({ type: 'charge.succeeded' });
    const waiting = hook.next({ type: 'invoice.paid', timeout: 300 });
    await postJson(hook.url, { type: 'customer.created', object: 'event' });
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryWaitError);
    expect((error as Error).message).toBe(
      'no delivery with type invoice.paid within 300ms; 1 other arrived meanwhile: customer.created',
    );
  });

  it('next() rejects when the hook closes first; deliveries ends', async () => {
    const hook = await listen({ port: 0 });
    const waiting = hook.next({ type: 'push', timeout: '1m' });
    const seen: string[] = [];
    const iterating = (async () => {
      for await (const delivery of hook.deliveries) seen.push(delivery.path);
    })();
    await fetch(`${hook.url}/a`, { method: 'POST', body: '{}' });
    await hook.close();
    await iterating;
    expect(seen).toEqual(['/a']);
    await expect(waiting).rejects.toThrow('no delivery with type push arrived before the listener closed');
  });

  it('keeps at most `buffer` untaken deliveries, dropping the oldest', async () => {
    const hook = await listen({ port: 0, buffer: 2 });
    hooks.push(hook);
    for (const n of [1, 2, 3]) await fetch(`${hook.url}/${n}`, { method: 'POST', body: '{}' });
    expect(hook.dropped()).toBe(1);
    expect((await hook.next()).path).toBe('/2');
    expect((await hook.next()).path).toBe('/3');
  });

  it('forwards and scripts responses with the CLI flags as options', async () => {
    const target = await startHttpTarget([{ status: 201, body: 'made' }]);
    try {
      const hook = await listen({ port: 0, path: '/hooks', forwardTo: `${target.url}/app` });
      hooks.push(hook);
      expect(hook.url).toBe(`http://127.0.0.1:${hook.port}/hooks`);
      const response = await fetch(`${hook.url}/x`, { method: 'POST', body: '{"a":1}' });
      expect(response.status).toBe(201);
      const delivery = await hook.next({ path: '/hooks' });
      expect(delivery.forward).toMatchObject({ status: 201, error: null });
      expect(target.requests[0]?.url).toBe('/app/x');
    } finally {
      await target.close();
    }
  });

  it('rejects bad options with the messages the CLI prints, and CLI-only options by name', async () => {
    await expect(listen({ port: 'x' })).rejects.toThrow(UsageError);
    await expect(listen({ port: 0, forwardTo: 'ftp://x', status: 500 })).rejects.toThrow(
      '--status cannot be used with --forward-to',
    );
    await expect(listen({ port: 0, verify: 'nope', secret: 's' })).rejects.toThrow(/nope/);
    await expect(listen({ port: 0, json: true } as never)).rejects.toThrow(
      "listen(): 'json' is a CLI option",
    );
  });

  it('saves captures with save and closes the capture writer on close()', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'api-save-'));
    try {
      const hook = await listen({ port: 0, save: dir });
      await postJson(hook.url, { object: 'event', type: 'invoice.paid' });
      const delivery = await hook.next({ type: 'invoice.paid' });
      expect(delivery.savedTo).toMatch(/\.json$/);
      const capture = JSON.parse(await readFile(delivery.savedTo as string, 'utf8'));
      expect(capture.id).toBe(delivery.id);
      expect((await hook.close()).saved).toMatchObject({ count: 1, errors: 0 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('uses the CLI defaults: 127.0.0.1 and a 1mb body limit', async () => {
    const hook = await listen({ port: 0 });
    hooks.push(hook);
    expect(hook.host).toBe('127.0.0.1');
    const response = await fetch(hook.url, { method: 'POST', body: Buffer.alloc(1024 * 1024 + 1) });
    expect(response.status).toBe(413);
  });
});

describe("import { send, sign, verify, validate } from 'webhook-cli'", () => {
  it('send() signs with stripe and returns the results send --json prints; listen() verifies them', async () => {
    const hook = await listen({ port: 0, verify: 'stripe', secret: STRIPE_SECRET, respond: [503, 200] });
    hooks.push(hook);
    const result = await send({
      body: JSON.stringify({ id: 'evt_9', object: 'event', type: 'invoice.paid' }),
      to: hook.url,
      sign: 'stripe',
      secret: STRIPE_SECRET,
      minDelay: 1,
      maxDelay: 1,
    });
    expect(result.ok).toBe(true);
    expect(result.summary).toEqual({ delivered: 1, failed: 0, badInputs: 0, notSent: 0 });
    expect(result.results[0]).toMatchObject({ input: '-', outcome: 'delivered', status: 200 });
    expect(result.results[0]?.attempts.map((a) => a.status)).toEqual([503, 200]);
    const delivery = await hook.next({ type: 'invoice.paid' });
    expect(delivery.signature).toEqual({ scheme: 'stripe', ok: true });
  });

  it('send() reports an undelivered payload as a result, not an error', async () => {
    const target = await startHttpTarget([{ status: 400 }]);
    try {
      const result = await send({ body: '{}', to: target.url, retries: 0 });
      expect(result.ok).toBe(false);
      expect(result.results[0]).toMatchObject({ outcome: 'failed', status: 400 });
    } finally {
      await target.close();
    }
  });

  it('sign() returns headers that the providers own libraries accept, and verify() checks them', async () => {
    const body = '{"action":"opened"}';
    const headers = await sign({ scheme: 'github', body, secret: 'gh_secret' });
    expect(Object.keys(headers)).toEqual(['X-Hub-Signature-256']);
    expect(await verifyGithub('gh_secret', body, headers['X-Hub-Signature-256'] as string)).toBe(true);

    const stripeHeaders = await sign({
      scheme: 'stripe',
      body,
      secret: STRIPE_SECRET,
      timestamp: 1767261600,
    });
    const event = stripe.webhooks.constructEvent(
      body,
      stripeHeaders['Stripe-Signature'] as string,
      STRIPE_SECRET,
      Number.MAX_SAFE_INTEGER,
    );
    expect(event).toEqual({ action: 'opened' });

    expect(await verify({ scheme: 'github', body, headers, secret: 'gh_secret' })).toEqual({
      ok: true,
      scheme: 'github',
      reason: null,
      detail: null,
      secretIndex: 0,
    });
    const wrong = await verify({ scheme: 'github', body: `${body} `, headers, secret: 'gh_secret' });
    expect(wrong).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  it('sign() and verify() read secretEnv from the env option, and say which variable is missing', async () => {
    const headers = await sign({ scheme: 'github', body: 'x', secretEnv: 'GH', env: { GH: 'from-env' } });
    expect(await verify({ scheme: 'github', body: 'x', headers, secret: 'from-env' })).toMatchObject({
      ok: true,
    });
    await expect(sign({ scheme: 'github', body: 'x', secretEnv: 'GH', env: {} })).rejects.toThrow(
      '--secret-env: the environment variable GH is not set',
    );
    await expect(sign({ scheme: 'github', secret: 's' })).rejects.toThrow(
      'sign(): give either body or input',
    );
  });

  it('validate() returns the validate --format json report, with line:column', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'api-validate-'));
    try {
      await writeFile(join(dir, 'schema.json'), JSON.stringify({ type: 'object', required: ['id'] }));
      await writeFile(join(dir, 'good.json'), '{"id": 1}');
      await writeFile(join(dir, 'bad.json'), '{\n  "name": 1\n}');
      const result = await validate({ inputs: ['good.json', 'bad.json'], schema: 'schema.json', cwd: dir });
      expect(result.ok).toBe(false);
      expect(result.summary).toEqual({ files: 2, valid: 1, invalid: 1, errors: 0 });
      expect(result.files[1]).toMatchObject({ file: 'bad.json', ok: false });
      expect(result.files[1]?.errors[0]).toMatchObject({
        pointer: '',
        keyword: 'required',
        line: 1,
        column: 1,
      });
      const inline = await validate({ body: '{"id":2}', schema: join(dir, 'schema.json') });
      expect(inline.ok).toBe(true);
      expect(await readFile(join(dir, 'good.json'), 'utf8')).toBe('{"id": 1}');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes nothing to the console and never exits: status goes only to a given stderr', async () => {
    const lines: string[] = [];
    const stderr = { write: (chunk: string | Uint8Array) => lines.push(String(chunk)) > 0 };
    const target = await startHttpTarget();
    try {
      const result = await send({ body: '{}', to: target.url, stderr });
      expect(result.ok).toBe(true);
      expect(lines.join('')).toMatch(/^delivered 1 of 1 /);
    } finally {
      await target.close();
    }
  });
});
