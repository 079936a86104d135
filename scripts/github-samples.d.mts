export interface GithubSources {
  examples: Array<{ name: string; examples: Array<Record<string, unknown>> }>;
  openapi: { webhooks: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
}
export function readGithubSources(): GithubSources;
export function renderGithubSamples(sources: GithubSources): Array<{ name: string; text: string }>;
export function conform(value: unknown, schema: unknown, schemas: Record<string, unknown>): unknown;
