// The bare node:http server's request handler, the ceiling for a Node listener: reads the body,
// parses the JSON, answers 200. Used by bench/listen-bare-server.js (its own process) and
// bench/listen-inprocess.js (in the benchmark's process).
export function bareHandler(req, res) {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(200, { 'content-length': '0' });
    res.end();
  });
}
