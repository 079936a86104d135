/**
 * A webhook-cli.json / webhook-cli.yaml file as schemas/config.schema.json describes it (that schema
 * is the one home of its rules; these types mirror it). Keys are the programmatic API's option names,
 * which are the flags' names in camelCase. See docs/config.md.
 */
export interface ConfigFile {
  $schema?: string;
  listen?: ListenSection;
  targets?: Record<string, TargetConfig>;
}

export type Duration = string | number;
export type Size = string | number;

/** What a route decides about a delivery; the `listen` section has them too, for other requests. */
export interface RouteSettingsConfig {
  verify?: string;
  secretEnv?: string;
  publicKey?: string;
  publicUrl?: string;
  tolerance?: Duration;
  algorithm?: string;
  encoding?: string;
  signatureHeader?: string;
  prefix?: string;
  timestampHeader?: string;
  params?: Record<string, string>;
  schema?: string | string[];
  event?: string;
  save?: string;
  forwardTo?: string;
  status?: number;
  respond?: number[];
  responseBody?: string;
  responseHeader?: Record<string, string>;
  delay?: Duration;
  rejectInvalid?: boolean;
}

export interface RouteConfig extends RouteSettingsConfig {
  path: string;
  events?: string[];
}

export interface ListenSection extends RouteSettingsConfig {
  port?: number | string;
  host?: string;
  maxBody?: Size;
  maxConnections?: number;
  maxDecoding?: Size;
  forwardTimeout?: Duration;
  forwardMaxResponse?: Size;
  maxEvents?: number;
  timeout?: Duration;
  routes?: RouteConfig[];
}

export interface TargetConfig {
  url: string;
  sign?: string;
  secretEnv?: string;
  header?: Record<string, string>;
}

/** The names looked for in the working directory when no `--config` is given, in this order. */
export const CONFIG_FILE_NAMES = ['webhook-cli.json', 'webhook-cli.yaml', 'webhook-cli.yml'] as const;
