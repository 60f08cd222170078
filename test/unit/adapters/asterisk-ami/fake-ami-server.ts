/**
 * A fake Asterisk for tests: a real TCP server on a random loopback port that speaks the AMI
 * wire protocol (banner, Login action, responses) and lets the test push recorded traffic,
 * drop the connection, or refuse the login.
 */
import net from 'node:net';
import { once } from 'node:events';
import { AmiParser, formatAmiMessage, header, type AmiMessage } from '../../../../server/adapters/asterisk-ami/parser.js';

export interface AmiSession {
  socket: net.Socket;
  login: AmiMessage;
  send(data: string | Uint8Array): void;
  /** The PBX goes away (restart, crash): the TCP connection is dropped without a Logoff. */
  drop(): void;
}

export class FakeAmiServer {
  readonly actions: AmiMessage[] = [];
  connections = 0;
  acceptLogin = true;
  private readonly server = net.createServer((s) => this.onConnection(s));
  private readonly sockets = new Set<net.Socket>();
  private waiting: Array<(s: AmiSession) => void> = [];
  private ready: AmiSession[] = [];

  async listen(): Promise<number> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Resolves with the next connection that logged in (or tried to). */
  nextSession(): Promise<AmiSession> {
    const s = this.ready.shift();
    if (s) return Promise.resolve(s);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onConnection(socket: net.Socket): void {
    this.connections += 1;
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    const parser = new AmiParser();
    socket.write('Asterisk Call Manager/5.0.1\r\n');
    socket.on('data', (chunk: Buffer) => {
      for (const item of parser.push(chunk)) {
        if (item.type !== 'message') continue;
        this.actions.push(item.message);
        if (header(item.message, 'Action')?.toLowerCase() !== 'login') continue;
        const id = header(item.message, 'ActionID') ?? '';
        const ok = this.acceptLogin;
        socket.write(formatAmiMessage(ok
          ? [['Response', 'Success'], ['ActionID', id], ['Message', 'Authentication accepted']]
          : [['Response', 'Error'], ['ActionID', id], ['Message', 'Authentication failed']]));
        const session: AmiSession = {
          socket,
          login: item.message,
          send: (data) => socket.write(data),
          drop: () => socket.destroy(),
        };
        const w = this.waiting.shift();
        if (w) w(session);
        else this.ready.push(session);
      }
    });
  }
}

/** Collects what the adapter hands to its sink; tests await a condition instead of sleeping. */
export class SinkRecorder<T extends { type: string }> {
  readonly events: T[] = [];
  private checks: Array<() => boolean> = [];

  sink = async (batch: T[]) => {
    this.events.push(...batch);
    this.checks = this.checks.filter((check) => !check());
    return { accepted: batch.length, duplicates: 0, rejected: 0, errors: [] };
  };

  until(predicate: (events: T[]) => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!predicate(this.events)) return false;
        resolve();
        return true;
      };
      if (!check()) this.checks.push(check);
    });
  }

  /** Resolves once an event of this type (and matching fields) arrived. */
  untilEvent(type: string, fields: Record<string, unknown> = {}): Promise<void> {
    return this.until((events) => events.some((e) => e.type === type
      && Object.entries(fields).every(([k, v]) => (e as Record<string, unknown>)[k] === v)));
  }
}
