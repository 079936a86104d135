import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addSecretOptions } from '../../src/cli/signature-flags.js';
import { resolveOptionalSignature, resolveSignatureChoice } from '../../src/cli/signature-options.js';

const resolveSignatureOptions = (
  scheme: string,
  flags: Parameters<typeof resolveSignatureChoice>[1],
  env: Record<string, string>,
) => resolveSignatureChoice(scheme, flags, env, 'verify').settings;

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
      '--private-key',
      '--param',
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
    expect(options.provider).toMatchObject({
      id: 'hmac',
      signature: {
        algorithm: 'hmac-sha512',
        encoding: 'base64',
        format: { kind: 'header', header: 'X-Sig', prefix: 'sha512=' },
        signed: '{timestamp}.{body}',
        timestamp: { in: { header: 'X-Ts' } },
      },
    });
    expect(options.secrets).toEqual(['one', 'two']);
    expect(options.toleranceSeconds).toBe(120);
    expect(
      resolveSignatureOptions('stripe', { tolerance: '30s' }, { WEBHOOK_SECRET: 'w' }).toleranceSeconds,
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

describe('signature flags without a scheme (issue #12)', () => {
  it.each([
    [
      '--verify',
      { algorithm: 'sha1' },
      '--algorithm needs --verify hmac',
      'the hmac flags describe your own HMAC scheme',
    ],
    [
      '--sign',
      { algorithm: 'sha1' },
      '--algorithm needs --sign hmac',
      'the hmac flags describe your own HMAC scheme',
    ],
    [
      '--sign',
      { prefix: 'v1=' },
      '--prefix needs --sign hmac',
      'the hmac flags describe your own HMAC scheme',
    ],
    [
      '--verify',
      { timestampHeader: 'X-Ts' },
      '--timestamp-header needs --verify hmac',
      'the hmac flags describe your own HMAC scheme',
    ],
    ['--verify', { secret: ['s'] }, '--secret needs --verify <scheme>', 'for example --verify github'],
    ['--sign', { secretEnv: 'K' }, '--secret-env needs --sign <scheme>', 'for example --sign github'],
    ['--verify', { tolerance: '1m' }, '--tolerance needs --verify <scheme>', 'for example --verify github'],
    [
      '--verify',
      { publicKey: 'k.pem' },
      '--public-key needs --verify <scheme>',
      'for example --verify github',
    ],
    ['--verify', { param: ['a=b'] }, '--param needs --verify <scheme>', 'for example --verify github'],
  ] as Array<['--verify' | '--sign', Record<string, unknown>, string, string]>)(
    '%s absent, %j → %s',
    (flag, flags, message, hint) => {
      expect(() => resolveOptionalSignature(undefined, flag, flags, {}, 'verify')).toThrow(
        expect.objectContaining({ name: 'UsageError', message, hint }),
      );
    },
  );

  it('is nothing when no signature flag is given, and the settings when the scheme is', () => {
    expect(
      resolveOptionalSignature(undefined, '--verify', {}, { WEBHOOK_SECRET: 'w' }, 'verify'),
    ).toBeUndefined();
    expect(
      resolveOptionalSignature('github', '--verify', { secret: ['s'] }, {}, 'verify')?.settings.secrets,
    ).toEqual(['s']);
  });

  it('auto verifies but does not sign; asymmetric schemes need their key flag', () => {
    expect(resolveSignatureChoice('auto', { secret: ['s'] }, {}, 'verify').settings.provider).toBe('auto');
    expect(() => resolveSignatureChoice('auto', { secret: ['s'] }, {}, 'sign')).toThrow(
      "'auto' only verifies: name the provider to sign as",
    );
  });

  it('--param takes name=value pairs once each', () => {
    expect(
      resolveSignatureChoice('auto', { secret: ['s'], param: ['webhook-id=WH-1', 'x=a=b'] }, {}, 'verify')
        .settings.params,
    ).toEqual({
      'webhook-id': 'WH-1',
      x: 'a=b',
    });
    expect(() => resolveSignatureChoice('auto', { secret: ['s'], param: ['novalue'] }, {}, 'verify')).toThrow(
      "--param: 'novalue' is not name=value",
    );
    expect(() =>
      resolveSignatureChoice('auto', { secret: ['s'], param: ['a=1', 'a=2'] }, {}, 'verify'),
    ).toThrow('--param: a is given twice');
  });
});
