/** Position in a text, both 1-based; columns count UTF-16 code units (SARIF's default). */
export interface Position {
  line: number;
  column: number;
}

/** Maps offsets in `text` to line:column; built once per failing file, each lookup a binary search. */
export function createLineIndex(text: string): (offset: number) => Position {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}
