import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  describeFsError,
  expandInputBatches,
  expandInputs,
  type InputItem,
} from '../../src/inputs/expand-inputs.js';
import { isJsonLinesFile } from '../../src/inputs/json-lines.js';

let dir: string;

async function collectItems(inputs: string[], recursive = true): Promise<InputItem[]> {
  const items: InputItem[] = [];
  for await (const item of expandInputs(inputs, { cwd: dir, extensions: ['.json', '.jsonl'], recursive })) {
    items.push(item);
  }
  return items;
}

/** A file item as the walk yields it: the path as shown and the same file from the root. */
const file = (path: string): InputItem => ({ kind: 'file', path, absolute: join(dir, path) });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'webhook-cli-inputs-'));
  await mkdir(join(dir, 'fixtures/nested/deeper'), { recursive: true });
  await writeFile(join(dir, 'fixtures/b.json'), '{}');
  await writeFile(join(dir, 'fixtures/a.json'), '{}');
  await writeFile(join(dir, 'fixtures/c.jsonl'), '{}\n');
  await writeFile(join(dir, 'fixtures/readme.md'), '# no');
  await writeFile(join(dir, 'fixtures/.hidden.json'), '{}');
  await writeFile(join(dir, 'fixtures/nested/z.json'), '{}');
  await writeFile(join(dir, 'fixtures/nested/deeper/y.json'), '{}');
  await symlink(join(dir, 'fixtures'), join(dir, 'fixtures/nested/loop'));
});

describe('expandInputs', () => {
  it('walks a directory in name order, recursively, skipping other endings and dot files', async () => {
    const items = await collectItems(['fixtures']);
    expect(items).toEqual([
      file('fixtures/a.json'),
      file('fixtures/b.json'),
      file('fixtures/c.jsonl'),
      file('fixtures/nested/deeper/y.json'),
      {
        kind: 'error',
        path: 'fixtures/nested/loop',
        message: 'directory loop (a symlink points back to a parent); skipped',
      },
      file('fixtures/nested/z.json'),
    ]);
  });

  it('shows paths as given, normalised, and hands the absolute path along', async () => {
    expect(await collectItems(['./fixtures/', 'fixtures/nested/../a.json'], false)).toEqual([
      file('fixtures/a.json'),
      file('fixtures/b.json'),
      file('fixtures/c.jsonl'),
      { kind: 'file', path: 'fixtures/nested/../a.json', absolute: join(dir, 'fixtures/a.json') },
    ]);
    const inside = await expandInputs(['.'], {
      cwd: join(dir, 'fixtures/nested/deeper'),
      extensions: ['.json'],
      recursive: false,
    }).next();
    expect(inside.value).toEqual({
      kind: 'file',
      path: 'y.json',
      absolute: join(dir, 'fixtures/nested/deeper/y.json'),
    });
  });

  it('hands a directory over in runs of at most 256 files, a sub-directory between runs', async () => {
    await mkdir(join(dir, 'runs/150-sub'), { recursive: true });
    for (let n = 1; n <= 600; n += 1)
      await writeFile(join(dir, 'runs', `${String(n).padStart(3, '0')}.json`), '{}');
    await writeFile(join(dir, 'runs/150-sub/x.json'), '{}');
    const sizes: number[] = [];
    const paths: string[] = [];
    for await (const batch of expandInputBatches(['runs', 'fixtures/a.json'], {
      cwd: dir,
      extensions: ['.json'],
      recursive: true,
    })) {
      sizes.push(batch.length);
      paths.push(...batch.map((item) => item.path));
    }
    // '150-sub' sorts just before '150.json': 149 files, the sub-directory's, 256, the other 195.
    expect(sizes).toEqual([149, 1, 256, 195, 1]);
    expect(paths.slice(148, 151)).toEqual(['runs/149.json', 'runs/150-sub/x.json', 'runs/150.json']);
    expect(paths).toHaveLength(602);
    expect(new Set(paths).size).toBe(602);
    expect(paths.at(-1)).toBe('fixtures/a.json');
  });

  it('stays in the directory itself when not recursive', async () => {
    const items = await collectItems(['fixtures'], false);
    expect(items.map((item) => item.path)).toEqual([
      'fixtures/a.json',
      'fixtures/b.json',
      'fixtures/c.jsonl',
    ]);
  });

  it('expands quoted globs from their fixed prefix', async () => {
    expect((await collectItems(['fixtures/*.json'])).map((item) => item.path)).toEqual([
      'fixtures/a.json',
      'fixtures/b.json',
    ]);
    expect(await collectItems(['fixtures/**/y.json'])).toEqual([
      file('fixtures/nested/deeper/y.json'),
      {
        kind: 'error',
        path: 'fixtures/nested/loop',
        message: 'directory loop (a symlink points back to a parent); skipped',
      },
    ]);
    expect(await collectItems(['fixtures/*.yaml'])).toEqual([
      { kind: 'error', path: 'fixtures/*.yaml', message: 'no files match this pattern' },
    ]);
  });

  it('reports a broken symlink only where a file of that name would have been read', async () => {
    await mkdir(join(dir, 'broken'));
    await writeFile(join(dir, 'broken/ok.json'), '{}');
    await symlink(join(dir, 'nowhere.json'), join(dir, 'broken/gone.json'));
    await symlink(join(dir, 'nowhere.txt'), join(dir, 'broken/notes.txt'));
    expect(await collectItems(['broken'])).toEqual([
      { kind: 'error', path: 'broken/gone.json', message: 'no such file or directory' },
      file('broken/ok.json'),
    ]);
  });

  it('passes files, stdin and missing paths through in order', async () => {
    expect(await collectItems(['fixtures/readme.md', '-', 'missing.json'])).toEqual([
      file('fixtures/readme.md'),
      { kind: 'stdin', path: '-' },
      { kind: 'error', path: 'missing.json', message: 'no such file or directory' },
    ]);
  });

  it.skipIf(process.getuid?.() === 0)('reports an unreadable directory and goes on', async () => {
    await mkdir(join(dir, 'locked'));
    await chmod(join(dir, 'locked'), 0);
    const items = await collectItems(['locked', 'fixtures/a.json']);
    expect(items).toEqual([
      { kind: 'error', path: 'locked', message: 'permission denied' },
      file('fixtures/a.json'),
    ]);
  });
});

describe('expandInputs: inputs that yield nothing or are not regular files (#12)', () => {
  it('a directory with no such file is an error, saying whether sub-directories were searched', async () => {
    await mkdir(join(dir, 'bare/sub'), { recursive: true });
    await writeFile(join(dir, 'bare/sub/notes.md'), '#');
    expect(await collectItems(['bare'], true)).toEqual([
      { kind: 'error', path: 'bare', message: 'no *.json or *.jsonl files in this directory or below it' },
    ]);
    expect(await collectItems(['bare'], false)).toEqual([
      { kind: 'error', path: 'bare', message: 'no *.json or *.jsonl files in this directory' },
    ]);
  });

  it('a FIFO is an error where named and where walked under a payload name, skipped otherwise', async () => {
    await mkdir(join(dir, 'pipes'));
    execFileSync('mkfifo', [join(dir, 'pipes/a.json')]);
    execFileSync('mkfifo', [join(dir, 'pipes/b.txt')]);
    await symlink(join(dir, 'pipes/a.json'), join(dir, 'pipes/c.json'));
    await writeFile(join(dir, 'pipes/d.json'), '{}');
    expect(await collectItems(['pipes/a.json', 'pipes'])).toEqual([
      { kind: 'error', path: 'pipes/a.json', message: 'not a regular file' },
      { kind: 'error', path: 'pipes/a.json', message: 'not a regular file' },
      { kind: 'error', path: 'pipes/c.json', message: 'not a regular file' },
      file('pipes/d.json'),
    ]);
  });
});

describe('isJsonLinesFile', () => {
  it('knows .jsonl and .ndjson, in any case, and nothing else', () => {
    expect(['a.jsonl', 'b.NDJSON', 'c.json', 'd.jsonl.json', 'jsonl'].map(isJsonLinesFile)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('describeFsError', () => {
  it('names common codes in words, and other codes with the system description', () => {
    const fsError = (code: string, message: string) => Object.assign(new Error(message), { code });
    expect(describeFsError(fsError('ENOENT', "ENOENT: no such file or directory, open 'x'"))).toBe(
      'no such file or directory',
    );
    expect(describeFsError(fsError('ESTALE', 'ESTALE: stale file handle, read'))).toBe(
      'stale file handle (ESTALE)',
    );
    expect(describeFsError(fsError('EWEIRD', 'something else'))).toBe('EWEIRD');
    expect(describeFsError(new Error('plain'))).toBe('plain');
  });
});
