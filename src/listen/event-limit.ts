/**
 * What counts towards `--max-events`: a request the listener took on (`claim`) counts once it is
 * handled (`done`), unless it turns out not to be a delivery (`release`: the client went away, or
 * the body was over --max-body). Requests outside `--path` are never claimed. Once as many are
 * claimed as the limit allows, `full()` is true (new requests are refused) and `reached` resolves
 * when the last claimed one is done.
 */
export interface EventLimit {
  full(): boolean;
  claim(): EventClaim;
  reached: Promise<void>;
}

export interface EventClaim {
  /** Not a delivery after all: it frees its place. */
  release(): void;
  /** Handled (even when handling failed): it counts. */
  done(): void;
}

export function createEventLimit(max: number | undefined): EventLimit {
  let claimed = 0;
  let handled = 0;
  let reach: () => void = () => {};
  const reached = new Promise<void>((resolve) => {
    reach = resolve;
  });
  return {
    full: () => max !== undefined && claimed >= max,
    reached,
    claim() {
      claimed += 1;
      let settled = false;
      return {
        release() {
          if (settled) return;
          settled = true;
          claimed -= 1;
        },
        done() {
          if (settled) return;
          settled = true;
          handled += 1;
          if (max !== undefined && handled >= max) reach();
        },
      };
    },
  };
}
