/**
 * Sends what is queued in one turn of the event loop as one message: between the listener's thread
 * and its delivery thread, each message costs both sides (and wakes the other thread) more than the
 * few deliveries it carries do (issue #18). Order is kept; `transfer` lists memory that moves with
 * the item instead of being copied.
 */
export function batchMessages<T>(
  post: (batch: T[], transfer: ArrayBuffer[]) => void,
): (item: T, transfer?: ArrayBuffer) => void {
  let batch: T[] = [];
  let transfers: ArrayBuffer[] = [];
  const flush = () => {
    const sent = batch;
    const moved = transfers;
    batch = [];
    transfers = [];
    post(sent, moved);
  };
  return (item, transfer) => {
    if (transfer) transfers.push(transfer);
    if (batch.push(item) === 1) setImmediate(flush);
  };
}
