import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addSecretOptions, resolveSignatureOptions } from '../../src/cli/signature-options.js';

const SVIX = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('addSecretOptions', () => {
  it('declares repeatable --secret and the hmac flags; --tolerance only in verify mode', () => {
    const verify = addSecretOptions(new Command('x'), 'verify');
    verify.parse(['--secret', 'a', '--secret', 'b', '--algorithm', 'sha1', '--tolerance', '10m'], {
      from: 'user',
    });
    expect(verify.opts()).toEqual({ secret: ['a', 'b'], algorithm: 'sha1', tolerance: '10m' });
    const sign = addSecretOptions(new Command('x'), 'sign');
    expect(sign.options.map((o) => o.long)).not.toContain('--tolerance');
    expect(sign.options.map((o) => o.long)).toEqual([
      '--secret',
      '--secret-env',
      '--algorithm',
      '--encoding',
      '--signature-header',
      '--prefix',
      '--timestamp-header',
    ]);
  });
});

describe('resolveSignatureOptions', () => {
  it('resolves scheme, secrets in order, hmac options and tolerance', () => {
    const options = resolveSignatureOptions(
      'hmac',
      {
        secret: ['one'],
        secretEnv: 'HOOK_KEY',
        algorithm: 'SHA512',
        encoding: 'base64',
        signatureHeader: 'X-Sig',
        prefix: 'sha512=',
        timestampHeader: 'X-Ts',
        tolerance: '2m',
      },
      { HOOK_KEY: 'two' },
    );
    expect(options.scheme.name).toBe('hmac');
    expect(options.secrets).toEqual(['one', 'two']);
    expect(options.hmac).toEqual({
      algorithm: 'sha512',
      encoding: 'base64',
      signatureHeader: 'X-Sig',
      prefix: 'sha512=',
      timestampHeader: 'X-Ts',
    });
    expect(options.toleranceSeconds).toBe(120);
    expect(
      resolveSignatureOptions('stripe', { tolerance: '30' }, { WEBHOOK_SECRET: 'w' }).toleranceSeconds,
    ).toBe(30);
    expect(resolveSignatureOptions('stripe', {}, { WEBHOOK_SECRET: 'w' }).secrets).toEqual(['w']);
  });

  it.each([
    ['nope', {}, "unknown signature scheme 'nope'", "'webhook-cli providers' lists them all"],
    ['github', {}, 'no secret given', 'pass --secret, --secret-env NAME or set WEBHOOK_SECRET'],
    [
      'github',
      { secretEnv: 'NOPE' },
      '--secret-env: the environment variable NOPE is not set',
      'export NOPE=... first',
    ],
    [
      'hmac',
      { secret: ['k'], algorithm: 'md5' },
      "--algorithm: 'md5' is not supported",
      'use sha1, sha256 or sha512',
    ],
    [
      'hmac',
      { secret: ['k'], encoding: 'base32' },
      "--encoding: 'base32' is not supported",
      'use hex or base64',
    ],
    [
      'hmac',
      { secret: ['k'], signatureHeader: 'X Sig' },
      "--signature-header: 'X Sig' is not a valid header name",
      "letters, digits and !#$%&'*+-.^_`|~ only",
    ],
    [
      'github',
      { secret: ['k'], algorithm: 'sha1' },
      '--algorithm applies only to the hmac scheme',
      'the github scheme has fixed headers and algorithm',
    ],
    [
      'github',
      { secret: ['k'], tolerance: 'soon' },
      "--tolerance: 'soon' is not a duration",
      'use a number with a unit: 250ms, 30s, 5m or 1h',
    ],
    [
      'svix',
      { secret: [SVIX, 'not base64!'] },
      'secret #2 is not a Standard Webhooks secret: the part after whsec_ must be base64',
      'use the signing secret exactly as the provider shows it, e.g. whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    ],
  ])('%s %j → %s', (scheme, flags, message, hint) => {
    expect(() => resolveSignatureOptions(scheme, flags, {})).toThrow(
      expect.objectContaining({ name: 'UsageError', message, hint }),
    );
  });

  it('never quotes a secret in its messages', () => {
    const secret = 'not base64 but secret!';
    try {
      resolveSignatureOptions('standard-webhooks', { secret: [secret] }, {});
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message) + (error as { hint: string }).hint).not.toContain(secret);
    }
  });
});
