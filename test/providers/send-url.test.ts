import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSigner } from '../../src/send/create-signer.js';
import { URL_SIGNER } from './provider-kit.js';

describe('send --sign with a provider that signs the URL', () => {
  it('signs the URL the request goes to, afresh for each attempt', () => {
    const provider = URL_SIGNER;
    const url = 'http://127.0.0.1:3000/hooks/a?b=1';
    const signer = createSigner([['X-Sig', 'stale']], { provider, secrets: ['k'] }, { url, method: 'POST' });
    const body = Buffer.from('{"a":1}');
    expect(signer.headersFor(body, 1_700_000_000)).toEqual([
      ['X-Sig', createHmac('sha256', 'k').update(`${url}${body}`).digest('base64')],
    ]);
  });
});
