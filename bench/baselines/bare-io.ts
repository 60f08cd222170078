/**
 * Raw baseline: a bare socket.io server with no auth, no state, no per-audience cuts.
 * `POST /emit` broadcasts the body (JSON) once as a `delta`; `POST /burst?n=N` broadcasts
 * it N times back to back. What a socket.io broadcast costs on this machine.
 * Prints its port on stdout.
 */
import http from 'node:http';
import { Server } from 'socket.io';

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://x');
    const payload = JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown>;
    const n = url.pathname === '/burst' ? Number(url.searchParams.get('n') ?? '1') : 1;
    for (let i = 0; i < n; i++) io.emit('delta', { ...payload, seq: i });
    res.end('{}');
  });
});
const io = new Server(server, { serveClient: false });
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
