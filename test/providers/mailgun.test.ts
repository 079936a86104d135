import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mailgun } from '../../src/providers/mailgun.js';
import { signRequest } from '../../src/signatures/sign-signature.js';
import { runCli } from '../helpers/run-cli.js';
import { verifyWithCli } from './provider-kit.js';

const key = 'key-3ax6xnjp29jd6fds4gc373sgvjxteol0';
const token = 'e0b5477167110d68991efc6b9f89f0a11066af27834600e123';
const timestamp = '1770920772';

/**
 * The recipe of https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks,
 * literally: "Concatenate timestamp and token values together with no separator. Encode the
 * resulting string with the HMAC algorithm, using your Webhook Signing Key as a key and SHA256
 * digest mode. Compare the resulting hexdigest to the signature."
 */
const docsSignature = (signingKey: string, ts: string, tok: string) =>
  createHmac('sha256', signingKey)
    .update(ts + tok)
    .digest('hex');

/** A webhook body as the same page shows it: the signature beside the event data. */
const body = (
  signature: string,
  ts = timestamp,
  eventData: object = { event: 'delivered', id: 'CPgfbmQMTCKtHW6uIWtuVe' },
) => JSON.stringify({ signature: { token, timestamp: ts, signature }, 'event-data': eventData });

const verify = (text: string, secret = key, now = Number(timestamp)) =>
  verifyWithCli(mailgun, { secret }, { body: Buffer.from(text), headers: [], now });

describe('Mailgun (mailgun)', () => {
  it('accepts a signature made as the docs say', () => {
    expect(verify(body(docsSignature(key, timestamp, token)))).toMatchObject({ ok: true, scheme: 'mailgun' });
  });

  it('a wrong key, another token or another timestamp → mismatch', () => {
    expect(verify(body(docsSignature(key, timestamp, token)), 'key-other')).toMatchObject({
      ok: false,
      reason: 'mismatch',
    });
    expect(verify(body(docsSignature(key, timestamp, `${token}x`)))).toMatchObject({
      ok: false,
      reason: 'mismatch',
    });
    expect(verify(body(docsSignature(key, timestamp, token), '1770920773'), key, 1770920773)).toMatchObject({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('signs the timestamp and token only, as documented: the event data is not covered', () => {
    const signature = docsSignature(key, timestamp, token);
    expect(verify(body(signature, timestamp, { event: 'failed', id: 'other' }))).toMatchObject({ ok: true });
  });

  it('checks a window only when asked (--tolerance): Mailgun documents none', () => {
    const text = body(docsSignature(key, timestamp, token));
    expect(verify(text, key, Number(timestamp) + 86_400)).toMatchObject({ ok: true });
    const late = verifyWithCli(
      mailgun,
      { secret: key },
      { body: Buffer.from(text), headers: [], now: Number(timestamp) + 301, toleranceSeconds: 300 },
    );
    expect(late).toMatchObject({ ok: false, reason: 'timestamp-too-old' });
  });

  it('a body without the signature says so', () => {
    expect(verify(JSON.stringify({ 'event-data': { event: 'delivered' } }))).toMatchObject({
      ok: false,
      reason: 'missing-header',
      detail: 'the body has no signature.signature signature field',
    });
  });

  it('webhook-cli sign writes the signature into the payload; the docs recipe and verify accept it', async () => {
    const unsigned = JSON.stringify({ signature: { token, timestamp }, 'event-data': { event: 'opened' } });
    const signed = await runCli(['sign', '-', '--scheme', 'mailgun', '--secret', key], { stdin: unsigned });
    expect(signed.code).toBe(0);
    expect(signed.stderr).toBe(
      'Mailgun carries its signature in the body: the payload with signature.signature set\n',
    );
    const value = JSON.parse(signed.stdout).signature.signature;
    expect(value).toBe(docsSignature(key, timestamp, token));
    const checked = await runCli(['verify', '-', '--scheme', 'mailgun', '--secret', key], {
      stdin: signed.stdout,
    });
    expect(checked.code).toBe(0);
    // The header form cannot carry it, and --curl says so before anything is read.
    expect(() => signRequest(mailgun, { body: Buffer.from(unsigned), timestamp: 0, secret: key })).toThrow(
      'Mailgun puts its signature in the body (signature.signature); it cannot be sent as a header',
    );
    const curl = await runCli([
      'sign',
      '-',
      '--scheme',
      'mailgun',
      '--secret',
      key,
      '--curl',
      'http://localhost:3000/',
    ]);
    expect(curl.stderr).toBe(
      'webhook-cli: --curl: Mailgun signs inside the body (write the signed payload to a file (sign ... > signed.json), then send that file)\n',
    );
    expect(curl.code).toBe(2);
  });
});
