import { InputError, UsageError } from '../errors.js';
import { type HeaderList, withHeaders } from '../options/headers.js';
import type { ProviderDescription } from '../providers/types.js';
import { escapeTerminalLine } from '../text/escape-terminal.js';
import { applyBodySets, type BodySet } from './body-sets.js';
import { TemplateError, TemplateFiller, type TemplateValues } from './fill-templates.js';
import type { Sample } from './sample.js';

/** A delivery before it is signed: what the provider would send, less the signature headers. */
export interface TriggerRequest {
  method: string;
  headers: HeaderList;
  body: Buffer;
}

export interface TriggerRequestOptions {
  /** "Now" and the random source of the templates. */
  values: Omit<TemplateValues, 'event'>;
  /** `--set`, applied to the filled body in order. */
  sets?: readonly BodySet[];
  /** `-H`: each replaces every header of its name. */
  headers?: HeaderList;
  /** `--body <file>`: these bytes instead of the sample's body, sent as they are. */
  body?: Buffer;
}

const FORM = 'application/x-www-form-urlencoded';

/**
 * The request for one sample: `Content-Type` and the provider's `delivery.headers`, the sample's
 * headers over them, `-H` over those; the body filled, `--set` applied, then written as compact
 * JSON (or form-encoded in key order for form providers). Templates in headers and body share
 * one filler, so `{{uuid}}` is the same id in both.
 */
export function buildTriggerRequest(
  provider: ProviderDescription,
  sample: Sample,
  options: TriggerRequestOptions,
): TriggerRequest {
  const delivery = provider.delivery;
  if (!delivery) {
    throw new InputError(`${provider.id} has no delivery description yet, so trigger cannot send as it`, {
      hint: "see CONTRIBUTING.md, 'Adding a provider'",
    });
  }
  const filler = new TemplateFiller({ ...options.values, event: sample.event });
  try {
    const fill = (headers: Readonly<Record<string, string>> | undefined): HeaderList =>
      Object.entries(headers ?? {}).map(([name, value]) => [name, filler.fillText(value)]);
    let headers: HeaderList = withHeaders(
      [['Content-Type', delivery.contentType], ...fill(delivery.headers)],
      fill(sample.headers),
    );
    if (options.headers?.length) headers = withHeaders(headers, options.headers);
    const body = options.body ?? encodeBody(provider, sample, filler, options.sets ?? []);
    return { method: delivery.method ?? 'POST', headers, body };
  } catch (error) {
    if (error instanceof TemplateError) {
      throw new InputError(`sample ${sample.file}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

function encodeBody(
  provider: ProviderDescription,
  sample: Sample,
  filler: TemplateFiller,
  sets: readonly BodySet[],
): Buffer {
  const body = applyBodySets(filler.fillValue(sample.body), sets);
  const contentType = provider.delivery?.contentType.toLowerCase() ?? '';
  if (!contentType.startsWith(FORM)) return Buffer.from(JSON.stringify(body));
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError(`sample ${sample.file}: a form body is an object of string fields`);
  }
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'object' && value !== null) {
      throw new UsageError(
        `the form field ${escapeTerminalLine(name)} must be text, not ${Array.isArray(value) ? 'an array' : 'an object'}`,
        {
          hint: `${provider.name} sends ${FORM}: each --set value is one field`,
        },
      );
    }
    form.append(name, String(value));
  }
  return Buffer.from(form.toString());
}
