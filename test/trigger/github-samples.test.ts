import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readGithubSources, renderGithubSamples } from '../../scripts/github-samples.mjs';
import { samplesRoot } from '../../src/trigger/load-samples.js';

// schemas/samples/github/ is written by scripts/github-samples.mjs: it must be what the script
// makes from the installed @octokit/webhooks-examples and @octokit/openapi-webhooks.
it('schemas/samples/github/ is current (node scripts/github-samples.mjs writes it)', () => {
  const dir = join(samplesRoot(), 'github');
  const expected = renderGithubSamples(readGithubSources());
  expect(readdirSync(dir).sort()).toEqual(expected.map((sample) => sample.name));
  const stale = expected.filter((sample) => readFileSync(join(dir, sample.name), 'utf8') !== sample.text);
  expect(stale.map((sample) => sample.name)).toEqual([]);
  // Every event and action of the examples has its sample (161 with @octokit/webhooks-examples 7.6.1).
  const events = new Set(
    readGithubSources().examples.flatMap((entry) =>
      entry.examples.map((example) =>
        typeof example.action === 'string' ? `${entry.name}.${example.action}` : entry.name,
      ),
    ),
  );
  expect(expected).toHaveLength(events.size);
});
