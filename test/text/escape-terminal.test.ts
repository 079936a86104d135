import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeTerminal, escapeTerminalLine } from '../../src/text/escape-terminal.js';

const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('escapeTerminal', () => {
  it('makes escape sequences, C1 controls and bidi overrides visible, keeping lines and tabs', () => {
    expect(escapeTerminal('\u001b[31mred\u001b[0m')).toBe('\\e[31mred\\e[0m');
    expect(escapeTerminal('a\u0007b\u0000c\rd')).toBe('a\\x07b\\x00c\\rd');
    expect(escapeTerminal('csi \u009b2J del \u007f')).toBe('csi \\x9b2J del \\x7f');
    expect(escapeTerminal('rtl \u202e isolate \u2066')).toBe('rtl \\u202e isolate \\u2066');
    expect(escapeTerminal('two\nlines\tand tab, ünïcødé ✔')).toBe('two\nlines\tand tab, ünïcødé ✔');
  });

  it('escapes line breaks and tabs too for one-line fields', () => {
    expect(escapeTerminalLine('a\nb\tc\u001b')).toBe('a\\nb\\tc\\e');
  });

  it('never lets a control character through, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(UNSAFE.test(escapeTerminal(text))).toBe(false);
        expect(/[\n\t]/.test(escapeTerminalLine(text)) || UNSAFE.test(escapeTerminalLine(text))).toBe(false);
      }),
    );
  });
});
