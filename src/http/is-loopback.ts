/**
 * Whether a host to bind or connect to is this machine's loopback: `localhost`, any address of
 * 127.0.0.0/8, or `::1` (bare or bracketed), in any case.
 */
export function isLoopback(host: string): boolean {
  return /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|\[::1\])$/i.test(host);
}
