/**
 * The programmatic API: `import { listen, send, validate, sign, verify } from 'webhook-cli'`.
 * Each function takes the options of the command's flags (same names in camelCase, same defaults),
 * returns what the command prints with `--json`, throws a `CliError` where the command would exit 2,
 * never calls `process.exit` and prints nothing unless given a `stderr` stream. See docs/api.md.
 */
export type { ApiIo, Duration, Size } from './cli/api/api-deps.js';
export { type DeliveryFilter, DeliveryWaitError } from './cli/api/delivery-queue.js';
export {
  DEFAULT_BUFFER,
  DEFAULT_NEXT_TIMEOUT,
  type Hook,
  type ListenApiOptions,
  listen,
  type NextFilter,
} from './cli/api/listen.js';
export { type SendApiOptions, type SendApiResult, type SendResultJson, send } from './cli/api/send.js';
export { type SignApiOptions, sign } from './cli/api/sign.js';
export type { SignatureInput } from './cli/api/signature-input.js';
export { type ValidateApiOptions, type ValidateApiResult, validate } from './cli/api/validate.js';
export { type VerifyApiOptions, type VerifyApiResult, verify } from './cli/api/verify.js';
export { CliError, InputError, UsageError } from './errors.js';
export type { Delivery, DeliveryContent } from './listen/delivery.js';
export type { ListenSummary } from './listen/listen-summary.js';
