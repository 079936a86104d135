import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { SubschemaSharing } from '../../src/schemas/share-subschemas.js';

const user = {
  type: 'object',
  required: ['login', 'id'],
  properties: {
    login: { type: 'string', minLength: 1 },
    id: { type: 'integer' },
    site_admin: { type: 'boolean' },
  },
};

describe('SubschemaSharing', () => {
  it('stores a repeated subschema once, refers to it locally, and keeps the verdicts', () => {
    const shared: Record<string, unknown> = {};
    const sharing = new SubschemaSharing(
      '#/shared/',
      (name, schema) => {
        shared[name] = schema;
      },
      50,
    );
    const webhook = (action: string) => ({
      type: 'object',
      properties: {
        action: { const: action },
        sender: user,
        issue: { type: 'object', properties: { user } },
      },
    });
    const opened = sharing.share(webhook('opened'));
    const closed = sharing.share(webhook('closed'));
    // `user` (reached twice per webhook) and each webhook's `issue` wrapper; `action` is too small.
    expect(Object.keys(shared)).toEqual(['0', '1']);
    expect(opened).toEqual({
      type: 'object',
      properties: {
        action: { const: 'opened' },
        sender: { $ref: '#/shared/0' },
        issue: { $ref: '#/shared/1' },
      },
    });
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema({ shared, webhooks: { opened, closed } }, 'root');
    const validate = ajv.getSchema('root#/webhooks/closed')!;
    const good = { action: 'closed', sender: { login: 'a', id: 1 }, issue: { user: { login: 'b', id: 2 } } };
    expect(validate(good)).toBe(true);
    expect(validate({ ...good, issue: { user: { login: '', id: 2 } } })).toBe(false);
    expect(validate.errors?.[0]?.instancePath).toBe('/issue/user/login');
  });
});
