import { createRequire } from 'node:module';
import { getHeader } from '../../src/options/headers.js';
import { describeProvider } from './provider-kit.js';

// Oracle: coinbase-commerce-node, Coinbase Commerce's own Node library (lib/Webhook.js):
// Webhook.verifySigHeader checks (and throws on a mismatch), Webhook.computeSignature signs.
// The package ships no types; the two functions used are typed here.
const { Webhook } = createRequire(import.meta.url)('coinbase-commerce-node') as {
  Webhook: {
    verifySigHeader(payload: string, signature: string, secret: string): true;
    computeSignature(payload: string, secret: string): string;
  };
};

describeProvider({
  id: 'coinbase-commerce',
  // Shape of the example on https://docs.cdp.coinbase.com/commerce/api-arcitecture/webhooks-fields.
  body: '{"attempt_number":1,"event":{"api_version":"2018-03-22","created_at":"2023-08-30T19:29:20Z","data":{"id":"2aee9dd1-67b8-43ef-8dfe-977959850f27","code":"XA6G6ZFR"},"id":"4e6ae6b2-f2c5-4e2b-9a2e-1b5b0c5f8e11","resource":"event","type":"charge:created"},"id":"b5f4f5c3-2d1e-4e7a-9a4e-3c3f7f2a1d10","scheduled_for":"2023-08-30T19:29:20Z"}',
  secret: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
  wrongSecret: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5f',
  sdkVerify: ({ body, headers, secret }) => {
    try {
      return Webhook.verifySigHeader(
        body.toString('utf8'),
        getHeader(headers, 'X-CC-Webhook-Signature') ?? '',
        secret as string,
      );
    } catch {
      return false;
    }
  },
  sdkSign: ({ body, secret }) => [
    ['X-CC-Webhook-Signature', Webhook.computeSignature(body.toString('utf8'), secret as string)],
  ],
});
