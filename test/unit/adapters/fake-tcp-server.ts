/**
 * The common part of the fake PBXs the live-feed tests talk to: a real TCP server on a
 * random loopback port that tracks its connections and hands each one, once the protocol's
 * handshake is done, to the test waiting for it. Each fake speaks its own protocol in
 * `converse`.
 */
import net from 'node:net';
import { once } from 'node:events';

export abstract class FakeTcpServer<Session> {
  connections = 0;
  private readonly server = net.createServer((s) => this.onConnection(s));
  private readonly sockets = new Set<net.Socket>();
  private waiting: Array<(s: Session) => void> = [];
  private ready: Session[] = [];

  async listen(): Promise<number> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Resolves with the next connection whose handshake finished (or was refused). */
  nextSession(): Promise<Session> {
    const s = this.ready.shift();
    if (s) return Promise.resolve(s);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Speaks the protocol on a new connection; calls `hand` when the handshake is over. */
  protected abstract converse(socket: net.Socket, hand: (session: Session) => void): void;

  private onConnection(socket: net.Socket): void {
    this.connections += 1;
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    this.converse(socket, (session) => {
      const w = this.waiting.shift();
      if (w) w(session);
      else this.ready.push(session);
    });
  }
}
