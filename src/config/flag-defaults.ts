/**
 * The defaults of every flag that has one, as the flag's own text. The commander declarations in
 * src/cli/ and the programmatic API (src/api/) both read them from here, so the CLI and the API
 * cannot drift apart.
 */
export const LISTEN_DEFAULTS = {
  port: '9876',
  host: '127.0.0.1',
  forwardTimeout: '30s',
  forwardMaxResponse: '10mb',
  maxBody: '1mb',
  maxConnections: '256',
  maxDecoding: '64mb',
  maxLines: '40',
} as const;

export const SEND_DEFAULTS = {
  timeout: '10s',
  retries: '5',
  minDelay: '500ms',
  maxDelay: '30s',
  concurrency: '1',
} as const;

export const VALIDATE_DEFAULTS = {
  format: 'text',
  maxErrors: '20',
  threads: 'auto',
} as const;
