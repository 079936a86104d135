// A worker thread of `validate`: loads the same schema registry and checks the files it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { CliError } from '../errors.js';
import { loadSchemaRegistry } from '../schemas/load-schema-registry.js';
import { checkPath } from './check-path.js';
import type { WorkerJob, WorkerReply, WorkerSetup } from './worker-messages.js';

const setup = workerData as WorkerSetup;
const port = parentPort!;
const registry = loadSchemaRegistry(setup.schemas, { cwd: setup.cwd, strict: setup.strict });
// Unhandled here, the rejection is reported with the first job.
registry.catch(() => {});

port.on('message', async (job: WorkerJob) => {
  let reply: WorkerReply;
  try {
    const loaded = await registry;
    const options = { event: setup.event, maxErrors: setup.maxErrors };
    reply = {
      id: job.id,
      reports: job.files.map(({ file, path }) => checkPath(file, path, loaded, options)),
    };
  } catch (error) {
    const failure =
      error instanceof CliError
        ? { message: error.message, hint: error.hint, exitCode: error.exitCode }
        : { message: error instanceof Error ? error.message : String(error), exitCode: 2 as const };
    reply = { id: job.id, failure };
  }
  port.postMessage(reply);
});
