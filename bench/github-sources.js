// How `--schema github` (GitHub's OpenAPI description, @octokit/openapi-webhooks) and
// `--schema github-community` (@octokit/webhooks-schemas) judge the 329 example payloads of
// @octokit/webhooks-examples: counts, then each example on which they differ.
// Run: npm run build && node bench/github-sources.js  (the figures are in docs/validate.md)
import { createRequire } from 'node:module';
import { loadSchemaRegistry } from '../dist/schemas/load-schema-registry.js';

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples/api.github.com/index.json');
const version = require('@octokit/webhooks-examples/package.json').version;

export async function compareGithubSources() {
  const official = await loadSchemaRegistry(['github'], { cwd: process.cwd() });
  const community = await loadSchemaRegistry(['github-community'], { cwd: process.cwd() });
  const counts = new Map();
  const differences = [];
  let total = 0;
  for (const { name, examples: payloads } of examples) {
    for (const [index, body] of payloads.entries()) {
      total += 1;
      const a = official.validate({ body, event: name });
      const b = community.validate({ body, event: name });
      const key = `${a.status} / ${b.status}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (a.status !== b.status) {
        const why = (outcome) =>
          outcome.status === 'invalid'
            ? outcome.errors
                .slice(0, 2)
                .map((error) => `${error.pointer} ${error.message}`)
                .join('; ')
            : (outcome.message ?? '');
        differences.push(
          `${name}${body.action ? `.${body.action}` : ''} #${index}: github ${a.status}${a.status === 'valid' ? '' : ` (${why(a)})`}, github-community ${b.status}${b.status === 'valid' ? '' : ` (${why(b)})`}`,
        );
      }
    }
  }
  return { total, counts, differences };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { total, counts, differences } = await compareGithubSources();
  console.log(
    `${total} examples of @octokit/webhooks-examples ${version}; verdicts as github / github-community:`,
  );
  for (const [key, count] of [...counts].sort((x, y) => y[1] - x[1])) console.log(`  ${key}: ${count}`);
  console.log(`\n${differences.length} examples judged differently:`);
  for (const line of differences) console.log(`  ${line}`);
}
