/**
 * Connected sockets of this process by namespace and role, counted when Prometheus
 * scrapes (nothing to keep in step on connect and disconnect). Wallboard sockets carry
 * their viewer (server/wallboard/namespace.ts); every /ingest socket is a feed. With the
 * cluster adapter each process counts only its own sockets; Prometheus sums them.
 */
import type { Server } from 'socket.io';
import type { SocketCount } from './metrics.js';

export function countSockets(io: Server): SocketCount[] {
  const counts = new Map<string, SocketCount>();
  const add = (namespace: string, role: string) => {
    const key = `${namespace}\n${role}`;
    const entry = counts.get(key) ?? { namespace, role, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  };
  for (const socket of io.of('/wallboard').sockets.values()) {
    const viewer = (socket.data as { viewer?: { role?: unknown } }).viewer;
    add('/wallboard', typeof viewer?.role === 'string' ? viewer.role : 'unknown');
  }
  for (const _socket of io.of('/ingest').sockets.values()) add('/ingest', 'feed');
  return [...counts.values()];
}
