/**
 * Sends what is queued in one turn of the event loop as one message: the listener's thread hands
 * the delivery thread every request it read in a turn at once, since each message costs both sides
 * (and wakes the other thread) more than a request does. Order is kept. The delivery thread answers
 * each delivery as soon as it is done instead: batching those too made the two threads take turns
 * rather than work side by side (BENCHMARKS.md, #18).
 */
export function batchMessages<T>(post: (batch: T[]) => void): (item: T) => void {
  let batch: T[] = [];
  const flush = () => {
    const sent = batch;
    batch = [];
    post(sent);
  };
  return (item) => {
    if (batch.push(item) === 1) setImmediate(flush);
  };
}
