/**
 * Control characters (and DEL, C1, line/paragraph separators) as `\\u001b`-style escapes, so that
 * nothing from a payload or a file name reaches a terminal raw.
 */
export function escapeControl(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => {
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
