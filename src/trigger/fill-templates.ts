import { DURATION_UNITS } from '../options/duration.js';
import type { RandomSource } from './random-source.js';

/**
 * The sample templates of schemas/samples/README.md: `{{uuid}}`, `{{id:evt_:24}}`, `{{hex:n}}`,
 * `{{digits:n}}`, `{{unix[:offset]}}`, `{{unix-ms[:offset]}}`, `{{iso[:offset]}}`, `{{event}}`,
 * each with an optional `#label` and, for the time kinds, `|string`.
 */
export interface TemplateValues {
  /** The sample's event, for `{{event}}`. */
  event: string;
  /** "Now" in ms since the epoch, for the time templates (fixed with `--seed` / `--timestamp`). */
  now: number;
  random: RandomSource;
}

/** One parsed template, or why the text between `{{` and `}}` is not one. */
type Parsed =
  | { ok: true; kind: Kind; args: string[]; key: string; asString: boolean }
  | { ok: false; message: string };
type Kind = 'uuid' | 'id' | 'hex' | 'digits' | 'unix' | 'unix-ms' | 'iso' | 'event';

const TEMPLATE = /\{\{([^{}]*)\}\}/g;
const WHOLE_TEMPLATE = /^\{\{([^{}]*)\}\}$/;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const OFFSET = /^([+-])(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;
/** Longest `n` of `{{id}}`, `{{hex}}`, `{{digits}}`: a typo such as 24000 is an error, not 24 kB. */
const MAX_LENGTH = 256;

export function parseTemplate(inner: string): Parsed {
  let text = inner.trim();
  const asString = text.endsWith('|string');
  if (asString) text = text.slice(0, -'|string'.length);
  const hash = text.indexOf('#');
  const spec = hash === -1 ? text : text.slice(0, hash);
  if (hash !== -1 && !/^[A-Za-z0-9_.-]+$/.test(text.slice(hash + 1)))
    return { ok: false, message: 'a label is letters, digits, _ . - only' };
  const [kind = '', ...args] = spec.split(':');
  const fail = (message: string): Parsed => ({ ok: false, message });
  const done = (k: Kind): Parsed => ({ ok: true, kind: k, args, key: text, asString });
  const isTime = kind === 'unix' || kind === 'unix-ms' || kind === 'iso';
  if (asString && kind !== 'unix' && kind !== 'unix-ms')
    return fail('|string applies to unix and unix-ms only');
  switch (kind) {
    case 'uuid':
    case 'event':
      return args.length === 0 ? done(kind) : fail(`${kind} takes no arguments`);
    case 'id':
      if (args.length !== 2) return fail('write it as id:<prefix>:<n>');
      return lengthOk(args[1] as string) ? done('id') : fail(`<n> is a number from 1 to ${MAX_LENGTH}`);
    case 'hex':
    case 'digits':
      if (args.length !== 1) return fail(`write it as ${kind}:<n>`);
      return lengthOk(args[0] as string) ? done(kind) : fail(`<n> is a number from 1 to ${MAX_LENGTH}`);
    default:
      if (!isTime) return fail('unknown template');
      if (args.length > 1) return fail(`write it as ${kind} or ${kind}:<offset>`);
      if (args.length === 1 && !OFFSET.test(args[0] as string))
        return fail("the offset is a signed duration such as '+30d', '-1h' or '-90s'");
      return done(kind as Kind);
  }
}

function lengthOk(text: string): boolean {
  return /^\d{1,3}$/.test(text) && Number(text) >= 1 && Number(text) <= MAX_LENGTH;
}

/** Every `{{...}}` in the strings of a value (object keys are never filled) that is not a template. */
export function templateProblems(value: unknown): string[] {
  const problems: string[] = [];
  walkStrings(value, (text) => {
    for (const match of text.matchAll(TEMPLATE)) {
      const parsed = parseTemplate(match[1] as string);
      if (!parsed.ok) problems.push(`${match[0]}: ${parsed.message}`);
    }
  });
  return problems;
}

function walkStrings(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const item of value) walkStrings(item, visit);
  else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) walkStrings(item, visit);
  }
}

/** A template that does not parse; the message names it and says why. */
export class TemplateError extends Error {}

/**
 * Fills templates with one delivery's values: the same template text (label included) gives the
 * same value everywhere in that delivery, in headers and body alike.
 */
export class TemplateFiller {
  private readonly memo = new Map<string, string>();

  constructor(private readonly values: TemplateValues) {}

  /** A copy of a JSON value with every template filled (object keys are left as written). */
  fillValue(value: unknown): unknown {
    if (typeof value === 'string') return this.fillString(value);
    if (Array.isArray(value)) return value.map((item) => this.fillValue(item));
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = this.fillValue(item);
      return out;
    }
    return value;
  }

  /** A string with its templates filled; exactly one `{{unix…}}` / `{{unix-ms…}}` becomes a number. */
  fillString(text: string): string | number {
    const whole = WHOLE_TEMPLATE.exec(text);
    if (whole) {
      const parsed = this.parse(whole[1] as string, text);
      const filled = this.valueOf(parsed);
      return (parsed.kind === 'unix' || parsed.kind === 'unix-ms') && !parsed.asString
        ? Number(filled)
        : filled;
    }
    return this.fillText(text);
  }

  /** A string with every template as text (header values). */
  fillText(text: string): string {
    if (!text.includes('{{')) return text;
    return text.replace(TEMPLATE, (match, inner: string) => this.valueOf(this.parse(inner, match)));
  }

  private parse(inner: string, shown: string): Extract<Parsed, { ok: true }> {
    const parsed = parseTemplate(inner);
    if (!parsed.ok) throw new TemplateError(`${shown}: ${parsed.message}`);
    return parsed;
  }

  private valueOf(parsed: Extract<Parsed, { ok: true }>): string {
    let value = this.memo.get(parsed.key);
    if (value === undefined) {
      value = this.make(parsed);
      this.memo.set(parsed.key, value);
    }
    return value;
  }

  private make({ kind, args }: Extract<Parsed, { ok: true }>): string {
    const { random } = this.values;
    const pick = (alphabet: string, n: number) => {
      let out = '';
      for (let i = 0; i < n; i++) out += alphabet[Math.floor(random() * alphabet.length)];
      return out;
    };
    const at = () => this.values.now + (args[0] === undefined ? 0 : offsetMs(args[0]));
    switch (kind) {
      case 'uuid':
        return uuidV4(random);
      case 'event':
        return this.values.event;
      case 'id':
        return `${args[0]}${pick(ALPHANUMERIC, Number(args[1]))}`;
      case 'hex':
        return pick('0123456789abcdef', Number(args[0]));
      case 'digits':
        return pick('123456789', 1) + pick('0123456789', Number(args[0]) - 1);
      case 'unix':
        return String(Math.floor(at() / 1000));
      case 'unix-ms':
        return String(Math.floor(at()));
      case 'iso':
        return new Date(at()).toISOString();
    }
  }
}

function offsetMs(text: string): number {
  const [, sign, amount, unit] = OFFSET.exec(text) as RegExpExecArray;
  return (sign === '-' ? -1 : 1) * Number(amount) * (DURATION_UNITS[unit as string] as number);
}

/** RFC 9562 section 5.4: 122 random bits, version 4, variant 10. */
function uuidV4(random: RandomSource): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
