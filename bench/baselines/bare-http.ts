/**
 * Raw baseline: a bare `node:http` handler that reads an NDJSON body, counts its lines
 * and answers. What any HTTP ingest on this machine costs before doing anything useful.
 * Prints its port on stdout.
 */
import http from 'node:http';

const server = http.createServer((req, res) => {
  let lines = 0;
  req.on('data', (chunk: Buffer) => {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  });
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ accepted: lines }));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
