// A helper thread of `validate`: loads the same schema registry (its validators come from the
// validator cache the main thread fills), checks the batches of files it is sent, and at the end
// saves to the cache the validators it had to compile.
import { parentPort, workerData } from 'node:worker_threads';
import { CliError } from '../errors.js';
import { loadSchemaRegistry } from '../schemas/load-schema-registry.js';
import { ValidatorCache } from '../schemas/validator-cache.js';
import type { WorkerJob, WorkerReply, WorkerSetup } from './check-inputs.js';
import { checkPath } from './check-path.js';

const setup = workerData as WorkerSetup;
const port = parentPort!;
// The main thread has already said whatever there is to say about the cache.
const cache = setup.cacheDir === undefined ? undefined : new ValidatorCache(setup.cacheDir, () => {});
const registry = loadSchemaRegistry(setup.schemas, {
  cwd: setup.cwd,
  strict: setup.strict,
  maxFileBytes: setup.maxFileBytes,
  ...(cache ? { cache } : {}),
});
// Unhandled here, the rejection is reported with the first job.
registry.catch(() => {});

port.on('message', async (job: WorkerJob) => {
  if ('saveCache' in job) {
    // A cache that cannot be written was reported by the main thread; this thread's entries are lost then.
    await registry.then((loaded) => loaded.saveCache()).catch(() => {});
    port.postMessage({ cacheSaved: true } satisfies WorkerReply);
    return;
  }
  let reply: WorkerReply;
  try {
    const loaded = await registry;
    const options = { event: setup.event, maxErrors: setup.maxErrors, maxFileBytes: setup.maxFileBytes };
    reply = { id: job.id, reports: job.files.map(([file, path]) => checkPath(file, path, loaded, options)) };
  } catch (error) {
    const failure =
      error instanceof CliError
        ? { message: error.message, hint: error.hint }
        : { message: error instanceof Error ? error.message : String(error) };
    reply = { id: job.id, failure };
  }
  port.postMessage(reply);
});
