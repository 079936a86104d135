import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AjvPool, type SchemaDocument } from '../../src/schemas/ajv-pool.js';
import { ValidatorCache } from '../../src/schemas/validator-cache.js';
import { tempTree } from '../helpers/temp-tree.js';

const tree = tempTree('validator-bundle-');

// Two definitions that share a third, large enough to be a function of its own.
const document: SchemaDocument = {
  key: 'file:///events.json',
  draft: '2020-12',
  source: 'events.json',
  schema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $defs: {
      user: { type: 'object', required: ['login'], properties: { login: { type: 'string' } } },
      opened: { type: 'object', required: ['sender'], properties: { sender: { $ref: '#/$defs/user' } } },
      closed: { type: 'object', required: ['actor'], properties: { actor: { $ref: '#/$defs/user' } } },
    },
  },
};
const opened = 'file:///events.json#/$defs/opened';
const closed = 'file:///events.json#/$defs/closed';

function pool(dir: string): { pool: AjvPool; cache: ValidatorCache } {
  const cache = new ValidatorCache(dir, (message) => {
    throw new Error(message);
  });
  const created = new AjvPool({ strict: false, cache });
  created.add(document);
  return { pool: created, cache };
}

describe('AjvPool and the validator cache: one module per draft and error mode', () => {
  it('writes the validators a run compiled into one module, keeping what another run added meanwhile', () => {
    const dir = join(tree({}), 'cache');
    // Two runs read the (empty) cache at the same time; each compiles one validator.
    const a = pool(dir);
    const b = pool(dir);
    expect(a.pool.validator(opened, '2020-12', false, 'opened')({ sender: { login: 'x' } })).toBe(true);
    expect(b.pool.validator(closed, '2020-12', false, 'closed')({ actor: {} })).toBe(false);
    b.pool.saveCache();
    a.pool.saveCache();
    const files = readdirSync(join(dir, 'validators'));
    expect(files).toHaveLength(1);
    const code = readFileSync(join(dir, 'validators', files[0]!), 'utf8');
    // The shared subschema is one function in the module, used by both validators.
    expect(code).toContain('exports["file:///events.json#/$defs/opened"]');
    expect(code).toContain('exports["file:///events.json#/$defs/closed"]');
    expect(code.match(/"required":\["login"\]/g)).toHaveLength(1);
    const next = pool(dir);
    expect(next.pool.validator(opened, '2020-12', false, 'opened')({ sender: {} })).toBe(false);
    expect(next.pool.validator(closed, '2020-12', false, 'closed')({ actor: { login: 'y' } })).toBe(true);
    expect(next.cache.stats).toEqual({ loaded: 2, compiled: 0, rebuilt: 0 });
    // Nothing new: nothing is written.
    next.pool.saveCache();
    expect(readFileSync(join(dir, 'validators', files[0]!), 'utf8')).toBe(code);
  });
});
