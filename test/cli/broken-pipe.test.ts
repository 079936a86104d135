import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BROKEN_PIPE_EXIT } from '../../src/deps.js';

const bin = fileURLToPath(new URL('../../bin/webhook-cli.js', import.meta.url));

describe('a reader that goes away (| head)', () => {
  it('stops quietly with the broken-pipe status, no stack trace', async () => {
    // The built binary (npm test builds before vitest runs); stdout's read end is closed at once.
    const child = spawn(process.execPath, [bin, 'schemas', 'show', 'github:issues.opened'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(BROKEN_PIPE_EXIT);
  });
});
