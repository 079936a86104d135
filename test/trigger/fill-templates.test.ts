import { describe, expect, it } from 'vitest';
import {
  parseTemplate,
  TemplateError,
  TemplateFiller,
  templateProblems,
} from '../../src/trigger/fill-templates.js';
import { createRandomSource } from '../../src/trigger/random-source.js';

const NOW = Date.UTC(2026, 11, 1, 11, 40, 0);
const filler = (seed = 7) =>
  new TemplateFiller({ event: 'invoice.paid', now: NOW, random: createRandomSource(seed) });

describe('sample templates (schemas/samples/README.md)', () => {
  it('fills each kind', () => {
    const f = filler();
    expect(f.fillString('{{uuid}}')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(f.fillString('{{id:evt_:24}}')).toMatch(/^evt_[A-Za-z0-9]{24}$/);
    expect(f.fillString('{{id::5}}')).toMatch(/^[A-Za-z0-9]{5}$/);
    expect(f.fillString('{{hex:12}}')).toMatch(/^[0-9a-f]{12}$/);
    expect(f.fillString('{{digits:9}}')).toMatch(/^[1-9][0-9]{8}$/);
    expect(f.fillString('{{event}}')).toBe('invoice.paid');
    expect(f.fillString('{{unix}}')).toBe(NOW / 1000);
    expect(f.fillString('{{unix-ms}}')).toBe(NOW);
    expect(f.fillString('{{unix|string}}')).toBe(String(NOW / 1000));
    expect(f.fillString('{{iso}}')).toBe('2026-12-01T11:40:00.000Z');
  });

  it('applies signed offsets to the time kinds', () => {
    const f = filler();
    expect(f.fillString('{{unix:+30d}}')).toBe(NOW / 1000 + 30 * 86_400);
    expect(f.fillString('{{unix:-90s}}')).toBe(NOW / 1000 - 90);
    expect(f.fillString('{{unix-ms:-1.5s}}')).toBe(NOW - 1500);
    expect(f.fillString('{{iso:-1h}}')).toBe('2026-12-01T10:40:00.000Z');
  });

  it('gives the same text the same value within one delivery, a label another', () => {
    const f = filler();
    const first = f.fillString('{{uuid}}');
    expect(f.fillText('id={{uuid}}')).toBe(`id=${first}`);
    expect(f.fillString('{{uuid#customer}}')).not.toBe(first);
    expect(f.fillString('{{uuid#customer}}')).toBe(f.fillString('{{uuid#customer}}'));
    // A new delivery: a new value.
    expect(
      new TemplateFiller({ event: 'x', now: NOW, random: createRandomSource() }).fillString('{{uuid}}'),
    ).not.toBe(first);
  });

  it('keeps templates inside longer strings as text', () => {
    expect(filler().fillString('at {{unix}} by {{event}}')).toBe(`at ${NOW / 1000} by invoice.paid`);
  });

  it('fills objects and arrays, and leaves keys and other values alone', () => {
    const value = { '{{event}}': ['{{event}}', 3, null, true, { n: '{{unix}}' }] };
    expect(filler().fillValue(value)).toEqual({
      '{{event}}': ['invoice.paid', 3, null, true, { n: NOW / 1000 }],
    });
  });

  it('is reproducible with a seed, and different without', () => {
    const a = filler(42).fillValue({ a: '{{uuid}}', b: '{{id:cus_:14}}' });
    expect(filler(42).fillValue({ a: '{{uuid}}', b: '{{id:cus_:14}}' })).toEqual(a);
    expect(filler(43).fillValue({ a: '{{uuid}}', b: '{{id:cus_:14}}' })).not.toEqual(a);
  });

  it('names what is wrong with a template that is not one', () => {
    expect(parseTemplate('nope')).toEqual({ ok: false, message: 'unknown template' });
    expect(
      templateProblems({
        a: ['{{id:evt_}}', '{{hex:0}}', '{{unix:30d}}', '{{uuid:1}}', '{{iso|string}}', '{{ok'],
      }),
    ).toEqual([
      '{{id:evt_}}: write it as id:<prefix>:<n>',
      '{{hex:0}}: <n> is a number from 1 to 256',
      "{{unix:30d}}: the offset is a signed duration such as '+30d', '-1h' or '-90s'",
      '{{uuid:1}}: uuid takes no arguments',
      '{{iso|string}}: |string applies to unix and unix-ms only',
    ]);
    expect(() => filler().fillString('{{nope}}')).toThrow(new TemplateError('{{nope}}: unknown template'));
  });
});
