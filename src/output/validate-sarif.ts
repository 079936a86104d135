import type { FileReport, ValidateSummary } from '../validate/file-report.js';
import { VERSION } from '../version.js';
import { isInputError } from './validate-error-kind.js';
import { githubPath } from './validate-github.js';

const RULE_TEXT: Record<string, string> = {
  input: 'The file cannot be read as UTF-8 JSON',
  parse: 'The file is not valid JSON',
  capture: 'The capture file is damaged',
  'no-schema': 'No schema could be chosen for the payload',
  schema: 'The schema chosen for the payload is broken',
  depth: 'The payload is nested too deeply to check',
};

/**
 * SARIF 2.1.0 for GitHub code scanning: one result per error with its physical location (path
 * relative to the working directory, 1-based line and column); a rule per failing keyword.
 */
export function renderSarifReport(
  reports: readonly FileReport[],
  summary: ValidateSummary,
  cwd: string,
): string {
  const ruleIndex = new Map<string, number>();
  const rules: Array<Record<string, unknown>> = [];
  const results: Array<Record<string, unknown>> = [];
  for (const report of reports) {
    for (const error of report.errors) {
      const ruleId = isInputError(error) ? error.keyword : `schema/${error.keyword}`;
      let index = ruleIndex.get(ruleId);
      if (index === undefined) {
        index = rules.length;
        ruleIndex.set(ruleId, index);
        rules.push({
          id: ruleId,
          name: ruleId.replace(/[^A-Za-z0-9]+(.)?/g, (_match, next: string | undefined) =>
            (next ?? '').toUpperCase(),
          ),
          shortDescription: {
            text:
              RULE_TEXT[ruleId] ?? `The payload does not satisfy the JSON Schema keyword "${error.keyword}"`,
          },
          defaultConfiguration: { level: 'error' },
        });
      }
      results.push({
        ruleId,
        ruleIndex: index,
        level: 'error',
        message: { text: error.pointer ? `${error.message} (${error.pointer})` : error.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: encodeURI(githubPath(report.file, cwd)) },
              region: { startLine: error.line, startColumn: error.column },
            },
          },
        ],
      });
    }
  }
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'webhook-cli',
            version: VERSION,
            rules,
          },
        },
        results,
        properties: { summary },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
