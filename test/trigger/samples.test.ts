import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { serializeCapture } from '../../src/capture/encode-capture.js';
import { validate } from '../../src/cli/api/validate.js';
import { listProviders } from '../../src/providers/registry.js';
import type { ProviderDescription } from '../../src/providers/types.js';
import { eventFrom } from '../../src/schemas/detect-event.js';
import { buildTriggerRequest } from '../../src/trigger/build-trigger-request.js';
import { templateProblems } from '../../src/trigger/fill-templates.js';
import { loadSamples, sampleFileName, samplesRoot } from '../../src/trigger/load-samples.js';
import { createRandomSource } from '../../src/trigger/random-source.js';
import { tempTree } from '../helpers/temp-tree.js';

/**
 * Every folder of schemas/samples/ (each branch that adds a provider's samples is picked up by
 * itself): the files are samples, their templates are known, their events unique, the provider's
 * event-type location finds each sample's event, and bodies pass the provider's builtin schema.
 */
const root = samplesRoot();
const folders = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const providers = new Map(listProviders().map((provider) => [provider.id, provider]));
const sampleSchema = JSON.parse(readFileSync(join(root, '..', 'sample.schema.json'), 'utf8'));
const tree = tempTree('samples-');
const checkSample = new Ajv2020({ allErrors: true, strict: true }).compile(sampleSchema);

it('finds the sample folders', () => {
  expect(folders).toEqual(expect.arrayContaining(['github', 'hmac', 'standard-webhooks', 'stripe']));
});

describe.each(folders)('schemas/samples/%s', (folder) => {
  const provider = providers.get(folder);

  it('is the folder of a provider id, and that provider describes its deliveries', () => {
    expect(provider?.id, `${folder} is not a provider id (src/providers/)`).toBe(folder);
    expect(provider?.delivery, `${folder} has samples but no delivery description`).toBeDefined();
    expect(templateProblems(provider?.delivery?.headers ?? {})).toEqual([]);
  });

  it('holds samples with known templates, one per event, each in its own file', async () => {
    const files = readdirSync(join(root, folder));
    expect(files.filter((name) => !name.endsWith('.json'))).toEqual([]);
    const samples = await loadSamples(folder, root);
    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples) {
      const raw = JSON.parse(readFileSync(sample.file, 'utf8'));
      const valid = checkSample(raw);
      expect(valid ? [] : checkSample.errors, basename(sample.file)).toEqual([]);
      expect(basename(sample.file)).toBe(sampleFileName(sample.event));
      expect(templateProblems(raw.body), basename(sample.file)).toEqual([]);
      expect(templateProblems(raw.headers ?? {}), basename(sample.file)).toEqual([]);
    }
    const events = samples.map((sample) => sample.event);
    expect(events.filter((event, index) => events.indexOf(event) !== index)).toEqual([]);
  });

  it("has each sample's event where the provider names its event type", async () => {
    if (!provider?.delivery) return expect.fail(`${folder}: no provider with a delivery description`);
    const location = provider.eventType;
    for (const sample of await loadSamples(folder, root)) {
      const request = filled(provider, sample);
      if (!location) {
        // No event type on the wire (hmac): the sample's event is only its name.
        expect(provider.eventType).toBeUndefined();
        continue;
      }
      const found = eventFrom(location, request.headers, bodyValue(provider, request.body));
      expect(found?.type, basename(sample.file)).toBe(sample.event);
    }
  });

  it("passes the provider's builtin schema, when it has one", async () => {
    if (!provider?.schema) {
      expect(provider?.schema).toBeUndefined();
      return;
    }
    // One validate run over the filled deliveries saved as captures (their headers name the
    // event, as a saved delivery's do): the schemas are loaded once.
    const samples = await loadSamples(folder, root);
    const files: Record<string, string> = {};
    samples.forEach((sample, index) => {
      const request = filled(provider, sample);
      files[basename(sample.file)] = serializeCapture({
        id: `sample-${index}`,
        receivedAt: new Date(Date.UTC(2026, 0, 1)).toISOString(),
        method: request.method,
        path: '/',
        headers: request.headers,
        body: request.body,
      });
    });
    const result = await validate({ inputs: tree(files), schema: provider.schema });
    const failures = result.files
      .filter((file) => !file.ok)
      .map(
        (file) =>
          `${basename(file.file)}: ${file.errors
            .slice(0, 3)
            .map((e) => `${e.pointer} ${e.message}`)
            .join('; ')}`,
      );
    expect(result.files).toHaveLength(samples.length);
    expect(failures).toEqual([]);
  });
});

// Expected to fail until every provider's samples have landed (issue #15): not skipped, so the
// gap shows.
it('has at least three samples for every provider in the registry', async () => {
  const short: string[] = [];
  for (const provider of listProviders()) {
    const count = (await loadSamples(provider.id, root)).length;
    if (count < 3) short.push(`${provider.id} (${count})`);
  }
  expect(short).toEqual([]);
});

function filled(provider: ProviderDescription, sample: Parameters<typeof buildTriggerRequest>[1]) {
  return buildTriggerRequest(provider, sample, {
    values: { now: Date.UTC(2026, 0, 1), random: createRandomSource(1) },
  });
}

function bodyValue(provider: ProviderDescription, body: Buffer): unknown {
  const text = body.toString('utf8');
  if (provider.delivery?.contentType.toLowerCase().startsWith('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(text));
  return JSON.parse(text);
}
