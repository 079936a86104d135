import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ProviderDescription } from '../../src/providers/types.js';
import { createSigner } from '../../src/send/create-signer.js';

describe('send --sign with a provider that signs the URL', () => {
  it('signs the URL the request goes to, afresh for each attempt', () => {
    const provider: ProviderDescription = {
      id: 'url-signer',
      name: 'URL Signer',
      docs: 'https://example.com',
      summary: 'signs the URL and the body',
      signature: {
        algorithm: 'hmac-sha256',
        signed: '{url}{body}',
        format: { kind: 'header', header: 'X-Sig' },
        encoding: 'base64',
        secret: { decode: 'utf8', where: 'test', example: 'k' },
      },
    };
    const url = 'http://127.0.0.1:3000/hooks/a?b=1';
    const signer = createSigner([['X-Sig', 'stale']], { provider, secrets: ['k'] }, { url, method: 'POST' });
    const body = Buffer.from('{"a":1}');
    expect(signer.headersFor(body, 1_700_000_000)).toEqual([
      ['X-Sig', createHmac('sha256', 'k').update(`${url}${body}`).digest('base64')],
    ]);
  });
});
