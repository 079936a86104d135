// The ceiling for a Node listener (bench/bare-handler.js) in its own process. Prints its port.
import { createServer } from 'node:http';
import { bareHandler } from './bare-handler.js';

const server = createServer(bareHandler);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
