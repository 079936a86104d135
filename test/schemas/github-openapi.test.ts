// `--schema github` from GitHub's OpenAPI description (@octokit/openapi-webhooks), and how its
// verdicts on the 329 examples of @octokit/webhooks-examples differ from `--schema github-community`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { serializeCapture } from '../../src/capture/encode-capture.js';
import { runCli } from '../helpers/run-cli.js';
import { tempTree } from '../helpers/temp-tree.js';

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{
  name: string;
  examples: Array<Record<string, unknown>>;
}>;
const issuesOpened = readFileSync(
  fileURLToPath(new URL('../fixtures/validate/github-issues-opened.json', import.meta.url)),
  'utf8',
);

const tree = tempTree('github-openapi-');

function capture(event: string, body: string): string {
  const headers: Array<[string, string]> = [['X-GitHub-Event', event]];
  return serializeCapture({
    id: 'd1',
    receivedAt: '2026-01-01T00:00:00.000Z',
    method: 'POST',
    path: '/',
    headers,
    body: Buffer.from(body),
  });
}

describe('--schema github (the official OpenAPI description)', () => {
  it('chooses the webhook by event and action, and locates errors', async () => {
    const bad = JSON.parse(issuesOpened);
    bad.issue.number = '7';
    const cwd = tree({ 'ok.json': issuesOpened, 'bad.json': `${JSON.stringify(bad, null, 2)}\n` });
    const ok = await runCli(['validate', 'ok.json', '--schema', 'github', '--event', 'issues', '--verbose'], {
      cwd,
    });
    expect(ok.stdout).toBe(
      '✓ ok.json  valid: github:issues-opened (event "issues" from --event + body "action")\n1 file: 1 valid, 0 invalid, 0 errors\n',
    );
    expect(ok.stderr).toMatch(
      /^schema github: \d+ GitHub webhook events \(GitHub's OpenAPI description, @octokit\/openapi-webhooks \d+\.\d+\.\d+\), schema chosen per event and action\n$/,
    );
    const result = await runCli(['validate', 'bad.json', '--schema', 'github', '--event', 'issues.opened'], {
      cwd,
    });
    expect(result.stdout).toBe(
      'bad.json:12:15  must be integer  (/issue/number)\n1 file: 0 valid, 1 invalid, 0 errors\n',
    );
    expect(result.code).toBe(1);
  });

  it('reads actions from the schemas (requested_action), and any action of repository_dispatch', async () => {
    const byName = (name: string) => examples.find((entry) => entry.name === name)!.examples;
    const requested = byName('check_run').find((example) => example.action === 'requested_action')!;
    const dispatch = byName('repository_dispatch')[0]!;
    const cwd = tree({
      'requested.json': capture('check_run', JSON.stringify(requested)),
      'dispatch.json': capture('repository_dispatch', JSON.stringify(dispatch)),
    });
    const result = await runCli(
      ['validate', 'requested.json', 'dispatch.json', '--schema', 'github', '--format', 'json'],
      { cwd },
    );
    const report = JSON.parse(result.stdout) as { files: Array<{ schema: string }> };
    expect(report.files.map((file) => file.schema)).toEqual([
      'github:check-run-requested-action',
      'github:repository-dispatch-sample',
    ]);
  });

  it('chooses by action a webhook whose shapes are oneOf branches (review_request_removed)', async () => {
    // Each branch of this webhook declares the action; it was taken for "any action" before, so
    // review_request_removed payloads were checked against review_requested.
    const removed = examples
      .find((entry) => entry.name === 'pull_request')!
      .examples.find((example) => example.action === 'review_request_removed')!;
    const cwd = tree({ 'removed.json': capture('pull_request', JSON.stringify(removed)) });
    const result = await runCli(['validate', 'removed.json', '--schema', 'github', '--format', 'json'], {
      cwd,
    });
    const report = JSON.parse(result.stdout) as { files: Array<{ schema: string }> };
    expect(report.files.map((file) => file.schema)).toEqual(['github:pull-request-review-request-removed']);
  });

  it('says which actions an event has', async () => {
    const cwd = tree({ 'p.json': '{"action": "exploded"}' });
    const result = await runCli(['validate', 'p.json', '--schema', 'github', '--event', 'issues'], { cwd });
    expect(result.stdout).toMatch(
      /^p\.json:1:1 {2}error no schema chosen: event type "issues" \(from --event\); github event "issues" has no action "exploded" \(it has [a-z_, ]*opened[a-z_, ]*\); name the event with --event <type> or add a --schema that covers it\n/,
    );
    expect(result.code).toBe(2);
  });

  it('schemas show github lists events; github:<event>.<action> prints one webhook standalone', async () => {
    const list = await runCli(['schemas', 'show', 'github']);
    expect(list.stdout).toMatch(
      /^github: \d+ webhook events from GitHub's OpenAPI description, @octokit\/openapi-webhooks /,
    );
    expect(list.stdout).toContain('\ncheck_run: completed, created, requested_action, rerequested\n');
    expect(list.stdout).toContain('\npush\n');
    const opened = JSON.parse((await runCli(['schemas', 'show', 'github:issues.opened'])).stdout);
    expect(opened.title).toBe('issues opened event');
    expect(opened.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(opened.components.schemas)).toContain('repository-webhooks');
    const missing = await runCli(['schemas', 'show', 'github:nope']);
    expect(missing.stderr).toBe(
      'webhook-cli: schemas show github:nope: github has no event "nope" (e.g. github:issues.opened or github:push; `webhook-cli schemas show github` lists them)\n',
    );
  });
});

// The full comparison of the two sources on all 329 examples compiles some 250 large schemas per
// source (about 12 s of CPU): it is bench/github-sources.js, and its figures are in docs/validate.md.
// Here, one example of each of the 58 events: each must find its schema under --schema github.
describe('--schema github on @octokit/webhooks-examples', () => {
  it('has a schema for an example of every event', async () => {
    const files: Record<string, string> = {};
    for (const { name, examples: payloads } of examples) {
      files[`captures/${name}.json`] = capture(name, JSON.stringify(payloads[0]));
    }
    const cwd = tree(files);
    const result = await runCli(['validate', 'captures', '--schema', 'github', '--format', 'json'], { cwd });
    const report = JSON.parse(result.stdout) as {
      files: Array<{ file: string; status: string; schema: string }>;
    };
    expect(report.files).toHaveLength(58);
    expect(report.files.filter((file) => file.status === 'error')).toEqual([]);
    expect(report.files.every((file) => file.schema.startsWith('github:'))).toBe(true);
  }, 60_000);
});
