// Deterministic corpus of GitHub `issues` webhook payloads (~15 KB each) built from the shapes in
// @octokit/webhooks-examples, plus the octokit `issues_event` union as a standalone schema file.
// One payload in 50 is made invalid (a missing, a mistyped or an unexpected property) so that
// verdicts can be compared file by file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

export function loadIssuesExamples() {
  const index = require('@octokit/webhooks-examples/api.github.com/index.json');
  // The first `edited` example does not match its own schema; it is left out.
  return index.find((event) => event.name === 'issues').examples.slice(1);
}

/** The `issues_event` union with every definition it may refer to: what ajv-cli is given. */
export function writeUnionSchema(path) {
  const schema = JSON.parse(readFileSync(require.resolve('@octokit/webhooks-schemas/schema.json'), 'utf8'));
  const union = {
    $schema: schema.$schema,
    definitions: schema.definitions,
    oneOf: schema.definitions.issues_event.oneOf,
  };
  writeFileSync(path, JSON.stringify(union));
}

const WORDS = 'webhook payload schema validate issue label milestone repository sender action'.split(' ');

function text(seed, length) {
  let out = '';
  let state = seed;
  while (out.length < length) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out += `${WORDS[state % WORDS.length]} `;
  }
  return out.slice(0, length);
}

/** Writes `count` payloads as `<dir>/<shard>/issue-<n>.json`; returns { dir, invalid: Set of names }. */
export function generateCorpus(dir, count, { invalidEvery = 50, targetBytes = 15_000, shard = 1000 } = {}) {
  const examples = loadIssuesExamples();
  const invalid = new Set();
  mkdirSync(dir, { recursive: true });
  for (let n = 0; n < count; n += 1) {
    const payload = structuredClone(examples[n % examples.length]);
    payload.issue.number = n + 1;
    payload.issue.id = 1_000_000 + n;
    payload.issue.title = `Issue ${n + 1}: ${text(n, 40)}`;
    const base = JSON.stringify(payload, null, 2).length;
    payload.issue.body = text(n * 7 + 3, Math.max(100, targetBytes - base));
    const sub = join(dir, String(Math.floor(n / shard)).padStart(3, '0'));
    if (n % shard === 0) mkdirSync(sub, { recursive: true });
    const name = join(sub, `issue-${String(n).padStart(6, '0')}.json`);
    if (invalidEvery && n % invalidEvery === invalidEvery - 1) {
      const kind = (n / invalidEvery) % 3;
      if (kind < 1) delete payload.issue.user.login;
      else if (kind < 2) payload.issue.number = String(payload.issue.number);
      else payload.unexpected = true;
      invalid.add(name);
    }
    writeFileSync(name, JSON.stringify(payload, null, 2));
  }
  return { dir, invalid };
}
