// The two payloads listen is measured on, each with its headers and the schema it is checked against.
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A synthetic, compact 15 KB GitHub-like JSON payload full of small objects (JSON.parse dominates). */
export function makePayload(targetBytes = 15 * 1024) {
  const payload = {
    type: 'bench.delivery',
    action: 'opened',
    repository: {
      id: 1296269,
      full_name: 'octocat/Hello-World',
      private: false,
      owner: { login: 'octocat', id: 1 },
    },
    sender: { login: 'octocat', id: 1, type: 'User', site_admin: false },
    items: [],
  };
  let i = 0;
  while (JSON.stringify(payload).length < targetBytes) {
    payload.items.push({
      id: i,
      sha: `6dcb09b5b57875f334f61aebed695e2e4193db5${i % 10}`,
      message: `Commit message number ${i} with some text`,
      author: { name: 'Monalisa Octocat', email: 'mona@github.com', date: '2026-01-01T00:00:00Z' },
      added: ['README.md'],
      distinct: i % 2 === 0,
    });
    i += 1;
  }
  return JSON.stringify(payload);
}

export const payloadSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['type', 'action', 'repository', 'sender', 'items'],
  properties: {
    type: { type: 'string' },
    action: { enum: ['opened', 'closed', 'edited'] },
    repository: {
      type: 'object',
      required: ['id', 'full_name', 'owner'],
      properties: {
        id: { type: 'integer' },
        full_name: { type: 'string', pattern: '^[^/]+/[^/]+$' },
        private: { type: 'boolean' },
        owner: { type: 'object', required: ['login', 'id'] },
      },
    },
    sender: { type: 'object', required: ['login', 'id', 'type'] },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'sha', 'message', 'author'],
        properties: {
          id: { type: 'integer', minimum: 0 },
          sha: { type: 'string', pattern: '^[0-9a-f]{40}$' },
          message: { type: 'string', maxLength: 1000 },
          author: {
            type: 'object',
            required: ['name', 'email'],
            properties: { name: { type: 'string' }, email: { type: 'string' }, date: { type: 'string' } },
          },
          added: { type: 'array', items: { type: 'string' } },
          distinct: { type: 'boolean' },
        },
      },
    },
  },
};

const BENCH_SECRET = "It's a Secret to Everybody";

/**
 * A real GitHub delivery: the `issues` `opened` example of @octokit/webhooks-examples, pretty-printed
 * as GitHub sends it (13 KB), with the headers GitHub sends
 * (https://docs.github.com/en/webhooks/webhook-events-and-payloads#delivery-headers), signed with a
 * fixed secret. It is checked against the builtin `--schema github`.
 */
export function realGithubDelivery() {
  const examples = require('@octokit/webhooks-examples/api.github.com/index.json');
  const payload = examples
    .find((group) => group.name === 'issues')
    .examples.find((e) => e.action === 'opened');
  const body = JSON.stringify(payload, null, 2);
  const hmac = (algorithm) => createHmac(algorithm, BENCH_SECRET).update(body).digest('hex');
  return {
    body,
    headers: {
      accept: '*/*',
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/044aadd',
      'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      'x-github-event': 'issues',
      'x-github-hook-id': '292430182',
      'x-github-hook-installation-target-id': '79929171',
      'x-github-hook-installation-target-type': 'repository',
      'x-hub-signature': `sha1=${hmac('sha1')}`,
      'x-hub-signature-256': `sha256=${hmac('sha256')}`,
    },
  };
}
