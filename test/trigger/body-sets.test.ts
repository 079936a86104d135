import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { applyBodySets, parseBodySet } from '../../src/trigger/body-sets.js';

const apply = (body: unknown, ...sets: string[]) =>
  applyBodySets(structuredClone(body), sets.map(parseBodySet));

describe('--set <path>=<value>', () => {
  it('takes JSON values, and text that is not JSON as a string', () => {
    expect(
      apply({}, 'a=5000', 'b=true', 'c=null', 'd={"x":[1]}', 'e="7"', 'f=closed', 'g=', 'h=a=b'),
    ).toEqual({
      a: 5000,
      b: true,
      c: null,
      d: { x: [1] },
      e: '7',
      f: 'closed',
      g: '',
      h: 'a=b',
    });
  });

  it('follows dot paths and JSON pointers, creating missing objects', () => {
    const body = { data: { object: { amount_paid: 2000, lines: [{ amount: 1 }] } } };
    expect(
      apply(body, 'data.object.amount_paid=5000', 'data.object.lines.0.amount=2', 'data.new.deep=1'),
    ).toEqual({
      data: { object: { amount_paid: 5000, lines: [{ amount: 2 }] }, new: { deep: 1 } },
    });
    expect(apply({ 'a.b': { 'c/d': 1, 'e~f': 1 } }, '/a.b/c~1d=2', '/a.b/e~0f=3')).toEqual({
      'a.b': { 'c/d': 2, 'e~f': 3 },
    });
    expect(apply({ list: [1] }, '/list/-=2', 'list.2=3')).toEqual({ list: [1, 2, 3] });
  });

  it('sets __proto__ as a key, never the prototype', () => {
    const out = apply({}, '__proto__.polluted=1') as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(out)).toEqual(['__proto__']);
  });

  it('says what is wrong with a bad --set', () => {
    const message = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        const e = error as UsageError;
        return `${e.message} (${e.hint})`;
      }
      return 'no error';
    };
    expect(message(() => parseBodySet('amount'))).toBe(
      "--set: 'amount' is not <path>=<value> (e.g. --set data.object.amount_paid=5000 or --set /pull_request/title=Hello)",
    );
    expect(message(() => parseBodySet('=1'))).toContain("--set: '=1' is not <path>=<value>");
    expect(message(() => parseBodySet('a..b=1'))).toBe(
      "--set: 'a..b' has an empty key (for keys with dots use a JSON pointer, e.g. --set /a.b/c=1)",
    );
    expect(message(() => parseBodySet('/a~2=1'))).toBe(
      "--set: '/a~2=1' is not a JSON pointer (in a pointer ~ is written ~0 and / is written ~1)",
    );
    expect(message(() => apply({ type: 'x' }, 'type.name=1'))).toBe(
      '--set type.name=1: type is a string, not an object (set a key of an object or an index of an array)',
    );
    expect(message(() => apply({ list: [1, 2] }, 'list.5=1'))).toBe(
      "--set list.5=1: list is an array of 2, and '5' is not an index in it (use 0 to 1, or 2 (or -) to append)",
    );
  });
});
