import { describe, expect, it } from 'vitest';
import { checkPayload } from '../../src/listen/check-payload.js';
import { createDeliveryHandler } from '../../src/listen/handle-delivery.js';
import { loadSchemaRegistry } from '../../src/schemas/load-schema-registry.js';
import type { EventType, PayloadContext, SchemaRegistry } from '../../src/schemas/types.js';
import { tempTree } from '../helpers/temp-tree.js';

const tree = tempTree('check-payload-');
const schemas = {
  'order.created.schema.json': JSON.stringify({
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    required: ['id'],
  }),
};

describe('checkPayload', () => {
  it('chooses the schema by the event type it is given, without detecting one again', async () => {
    const dir = tree(schemas);
    const registry = await loadSchemaRegistry([dir], { cwd: process.cwd() });
    const schema = `${dir}/order.created.schema.json`;
    // The body names no event type: only the one given can choose order.created's schema.
    const context: PayloadContext = { body: { id: 1 } };
    expect(
      checkPayload(registry, context, { maxErrors: 20, event: { type: 'order.created', rule: 'test' } }),
    ).toEqual({ schema, ok: true, errors: [] });
    expect(
      checkPayload(registry, { body: {} }, { maxErrors: 20, event: { type: 'order.created', rule: 'test' } }),
    ).toEqual({
      schema,
      ok: false,
      errors: [{ pointer: '', message: 'must have required property "id"' }],
    });
    const none = checkPayload(registry, context, { maxErrors: 20 });
    expect(none).toMatchObject({ schema: null, ok: false, errors: [] });
    expect(none.message).toMatch(/^no schema chosen: no event type found/);
  });
});

describe('createDeliveryHandler', () => {
  it('detects the event type once per delivery and hands it to the schema check', async () => {
    const detections: PayloadContext[] = [];
    const given: Array<EventType | undefined> = [];
    const registry: SchemaRegistry = {
      describe: () => [],
      validate(_context, options) {
        given.push(options?.event);
        return { status: 'valid', schema: 'fake', rule: 'test' };
      },
      saveCache: () => {},
    };
    const handler = await createDeliveryHandler(
      {
        schemas: registry,
        detectEvent: (context) => {
          detections.push(context);
          return { type: 'order.created', rule: 'body "type"' };
        },
        response: { statuses: [200], body: Buffer.alloc(0), headers: [], delayMs: 0, rejectInvalid: false },
      },
      { now: () => 0, sleep: async () => {} },
    );
    const answers: number[] = [];
    const delivery = await handler.handle(
      {
        id: 'a',
        receivedAt: new Date(0).toISOString(),
        method: 'POST',
        path: '/',
        headers: [['Content-Type', 'application/json']],
        body: Buffer.from('{"type":"order.created"}'),
      },
      (status) => answers.push(status),
    );
    await handler.close();
    expect(answers).toEqual([200]);
    expect(delivery).toMatchObject({ event: 'order.created', validation: { schema: 'fake', ok: true } });
    expect(detections).toHaveLength(1);
    expect(given).toEqual([{ type: 'order.created', rule: 'body "type"' }]);
  });
});
