import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '../helpers/run-process.js';
import { parseYaml, root, tempDir } from './ci-fixtures.js';

export interface ActionInput {
  description: string;
  required?: boolean;
  default?: string;
}

export interface ActionStep {
  id?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}

export interface ActionManifest {
  name: string;
  description: string;
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export const manifest = parseYaml<ActionManifest>(await readFile(join(root, 'action.yml'), 'utf8'));

export interface ActionRun {
  /** The exit code of the step that ended the action (0 when every step passed). */
  code: number | null;
  log: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
}

/** Parses a $GITHUB_OUTPUT file: `name=value` lines and `name<<DELIMITER` blocks. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const end = lines.indexOf(delimiter, i + 1);
      if (end < 0) throw new Error(`GITHUB_OUTPUT: ${name} has no closing ${delimiter}`);
      outputs[name] = lines.slice(i + 1, end).join('\n');
      i = end;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0)
      throw new Error(`GITHUB_OUTPUT: a line that is neither name=value nor name<<delimiter: ${line}`);
    outputs[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return outputs;
}

/**
 * Substitutes the `${{ }}` expressions this action uses; any other expression is an error, so a
 * change to action.yml that this emulation does not understand fails the test instead of passing.
 */
function expand(
  text: string,
  context: { inputs: Record<string, string>; steps: Record<string, Record<string, string>> },
) {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expression: string) => {
    const input = /^inputs\.([A-Za-z_][\w-]*)$/.exec(expression);
    if (input) {
      const value = context.inputs[input[1] as string];
      if (value === undefined) throw new Error(`action.yml uses undeclared input ${input[1]}`);
      return value;
    }
    const output = /^steps\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)$/.exec(expression);
    if (output) return context.steps[output[1] as string]?.[output[2] as string] ?? '';
    throw new Error(`the test's runner does not know the expression \${{ ${expression} }}`);
  });
}

/**
 * Runs action.yml's composite steps as the GitHub runner does (`shell: bash` is
 * `bash --noprofile --norc -eo pipefail <file with the run text>`), with this checkout as
 * GITHUB_ACTION_PATH and fresh GITHUB_STEP_SUMMARY and GITHUB_OUTPUT files.
 */
export async function runAction(
  withInputs: Record<string, string>,
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<ActionRun> {
  for (const name of Object.keys(withInputs)) {
    if (!(name in manifest.inputs)) throw new Error(`action.yml has no input ${name}`);
  }
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(manifest.inputs))
    inputs[name] = withInputs[name] ?? input.default ?? '';
  const temp = await tempDir('runner-');
  const summaryFile = join(temp, 'step-summary.md');
  await writeFile(summaryFile, '');
  const steps: Record<string, Record<string, string>> = {};
  let log = '';
  let stderr = '';
  let code: number | null = 0;
  for (const [index, step] of manifest.runs.steps.entries()) {
    if (step.shell !== 'bash' || typeof step.run !== 'string') {
      throw new Error(`step ${index} is not a bash run step; the test's runner runs only those`);
    }
    const script = join(temp, `step-${index}.sh`);
    const outputFile = join(temp, `output-${index}`);
    await writeFile(script, expand(step.run, { inputs, steps }));
    await writeFile(outputFile, '');
    const stepEnv: NodeJS.ProcessEnv = {};
    for (const [name, value] of Object.entries(step.env ?? {}))
      stepEnv[name] = expand(value, { inputs, steps });
    const result = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: options.cwd,
      env: {
        ...options.env,
        GITHUB_ACTIONS: 'true',
        GITHUB_ACTION_PATH: root,
        GITHUB_WORKSPACE: options.cwd,
        RUNNER_TEMP: temp,
        GITHUB_STEP_SUMMARY: summaryFile,
        GITHUB_OUTPUT: outputFile,
        ...stepEnv,
      },
    });
    log += result.stdout;
    stderr += result.stderr;
    if (step.id) steps[step.id] = parseOutputFile(await readFile(outputFile, 'utf8'));
    code = result.code;
    if (code !== 0) break;
  }
  const outputs: Record<string, string> = {};
  for (const [name, output] of Object.entries(manifest.outputs))
    outputs[name] = expand(output.value, { inputs, steps });
  return { code, log, stderr, summary: await readFile(summaryFile, 'utf8'), outputs };
}
