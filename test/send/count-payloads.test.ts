import { describe, expect, it } from 'vitest';
import { FAILED_FILE_HEADER } from '../../src/inputs/failed-file-header.js';
import { countPayloads } from '../../src/send/count-payloads.js';
import { tempTree } from '../helpers/temp-tree.js';

const tree = tempTree('webhook-cli-count-');

describe('countPayloads', () => {
  it('counts the inputs of a --failed file, not its header line', async () => {
    const dir = tree({
      'failed.jsonl': `${FAILED_FILE_HEADER}{"n":1}\n\n{"n":2}\n`,
      'plain.jsonl': '{"n":1}\n{"n":2}',
      'one.json': '{}',
    });
    expect(await countPayloads(['failed.jsonl'], dir)).toBe(2);
    expect(await countPayloads(['plain.jsonl', 'one.json'], dir)).toBe(3);
  });

  it('counts a directory’s payload files by name, JSON lines by their non-blank lines, stdin as one', async () => {
    const dir = tree({
      'in/a.json': 'not even JSON: counted by its name',
      'in/b.ndjson': '{"n":1}\r\n  \t\r\n{"n":2}\r\n{"n":3}',
      'in/c.txt': 'not a payload file',
      'in/sub/d.json': '{}',
    });
    expect(await countPayloads(['in', '-'], dir)).toBe(1 + 3 + 1);
  });

  it('counts an input that cannot be read as one (it is reported as one bad input)', async () => {
    const dir = tree({ 'a.json': '{}' });
    expect(await countPayloads(['a.json', 'missing.json', 'missing.jsonl'], dir)).toBe(3);
  });

  it('stops counting when the signal is aborted', async () => {
    const dir = tree({ 'a.json': '{}', 'b.json': '{}' });
    const controller = new AbortController();
    controller.abort();
    expect(await countPayloads(['a.json', 'b.json'], dir, controller.signal)).toBe(0);
  });
});
