import { describe, expect, it } from 'vitest';
import { loadStandalone, loadStandaloneModule } from '../../src/schemas/ajv-pool.js';

describe('loadStandalone (cached validator code)', () => {
  it("may require Ajv's runtime helpers and nothing else", () => {
    const equal = loadStandalone(
      'const equal = require("ajv/dist/runtime/equal").default; module.exports = (data) => equal(data, [1]);',
    );
    expect(equal?.([1])).toBe(true);
    expect(loadStandalone('const fs = require("node:fs"); module.exports = () => true;')).toBeUndefined();
    expect(
      loadStandalone('require("ajv/dist/runtime/../../package.json"); module.exports = () => true;'),
    ).toBeUndefined();
  });

  it('runs patterns on the linear-time engine, and refuses code that defines no validator', () => {
    const test = loadStandalone(
      'const pattern = linearRegExp("^(a+)+$", "u"); module.exports = (data) => pattern.test(data);',
    );
    // JavaScript's engine takes seconds on this; RE2 answers at once.
    expect(test?.(`${'a'.repeat(40)}!`)).toBe(false);
    expect(loadStandalone('module.exports = 42;')).toBeUndefined();
    expect(loadStandalone('this is not JavaScript')).toBeUndefined();
  });

  it('loads a module of several validators by name, and refuses one that exports anything else', () => {
    const validators = loadStandaloneModule(
      'function shared(data) { return data > 0; } exports["a#/x"] = shared; exports.b = (data) => !shared(data);',
    );
    expect(Object.keys(validators ?? {})).toEqual(['a#/x', 'b']);
    expect(validators?.['a#/x']?.(1)).toBe(true);
    expect(validators?.b?.(1)).toBe(false);
    expect(loadStandaloneModule('exports.a = () => true; exports.b = 42;')).toBeUndefined();
    expect(loadStandaloneModule('module.exports = null;')).toBeUndefined();
    expect(loadStandaloneModule('require("node:fs");')).toBeUndefined();
  });
});
