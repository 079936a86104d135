import type { HeaderList } from '../options/headers.js';
import type { ProviderDescription, UnsignedSource } from '../providers/types.js';

/** What a schema is chosen from: the parsed body, and the request headers when there are any. */
export interface PayloadContext {
  body: unknown;
  headers?: HeaderList;
  /** `detectSender(headers)`, when the caller has it already (listen asks once per delivery). */
  sender?: ProviderDescription | UnsignedSource | undefined;
  /** `--event <type>`: wins over everything found in headers and body. */
  event?: string;
}

export interface EventType {
  /** e.g. `issues.opened`, `invoice.paid`; undefined when nothing names one. */
  type?: string;
  /** Which rule found it, for `--verbose`: `--event`, `X-GitHub-Event header + action`, `body "type"`, ... */
  rule: string;
}

export interface SchemaValidationError {
  /** JSON pointer into the payload (`/issue/user/login`); for a missing property, its parent object. */
  pointer: string;
  message: string;
  keyword: string;
  /** For `additionalProperties`, the unexpected key, so locations can point at it. */
  property?: string;
}

export type ValidationOutcome =
  | { status: 'valid'; schema: string; rule: string }
  | {
      status: 'invalid';
      schema: string;
      rule: string;
      /** At most `maxErrors` of them. */
      errors: SchemaValidationError[];
      /** How many distinct errors there were before `maxErrors` cut the list. */
      errorCount?: number;
    }
  /** No schema could be chosen for this payload: an input error, never a silent pass. */
  | { status: 'no-schema'; message: string }
  /**
   * The chosen schema does not compile (a `$ref` that resolves nowhere, a strict-mode error): an
   * error for this payload only, so that payloads of other event types are still judged.
   */
  | { status: 'broken-schema'; schema: string; rule: string; message: string }
  /**
   * The payload could not be checked against the chosen schema: a recursive schema walks a payload
   * as deep as it is nested, and 100,000 nested arrays exhaust the stack. An error, never a pass.
   */
  | { status: 'unchecked'; schema: string; rule: string; message: string };

export interface SchemaRegistry {
  /** One line per `--schema` for ready lines and `--verbose`. */
  describe(): string[];
  /** `event`: the event type the caller already detected from `context`, so it is not detected twice. */
  validate(context: PayloadContext, options?: { maxErrors?: number; event?: EventType }): ValidationOutcome;
  /** Writes the validators compiled so far to the validator cache, if there is one. */
  saveCache(): void;
}
