const HEX = /^(?:[0-9a-fA-F]{2})*$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Hex digits (either case) → bytes, or undefined when the text is not hex. */
export function decodeHex(text: string): Buffer | undefined {
  return HEX.test(text) ? Buffer.from(text, 'hex') : undefined;
}

/**
 * Padded standard base64 → bytes, or undefined. `Buffer.from(text, 'base64')` skips characters it
 * does not know, so a signature with junk appended would decode to the right bytes: check first.
 */
export function decodeBase64(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  // Reject non-canonical forms (stray bits in the last character) so only one spelling matches.
  return bytes.toString('base64') === text ? bytes : undefined;
}
