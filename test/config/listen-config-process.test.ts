import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../hardening/listen-helpers.js';
import { tempTree } from '../helpers/temp-tree.js';

const tree = tempTree('webhook-cli-config-process-');

describe('the built CLI with a config file', () => {
  it('exits when a later route cannot start, after an earlier one opened its capture writer', async () => {
    const cwd = tree({
      'webhook-cli.yaml':
        'listen:\n  routes:\n    - path: /a\n      save: captures\n    - path: /b\n      responseBody: "@missing.txt"\n',
    });
    const child = spawn(process.execPath, [join(root, 'bin/webhook-cli.js'), 'listen', '-p', '0'], { cwd });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // Without the writer closed, its thread keeps the process alive: it is killed after 15 s.
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearTimeout(timer);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^config: \.\/webhook-cli\.yaml\nwebhook-cli: --response-body: missing\.txt: cannot read: .+\n$/,
    );
  }, 20_000);
});
