/**
 * A fake FreeSWITCH for tests: a real TCP server on a random loopback port speaking the
 * inbound event socket protocol (auth/request, `auth`, `event plain ...`, command replies).
 * The test pushes recorded traffic, drops the connection, or refuses the password.
 */
import net from 'node:net';
import { once } from 'node:events';

export interface EslSession {
  socket: net.Socket;
  /** Commands received, in order (`auth ...`, `event plain ...`). */
  commands: string[];
  send(data: string | Uint8Array): void;
  /** FreeSWITCH goes away (restart, crash): the TCP connection is dropped. */
  drop(): void;
}

export class FakeEslServer {
  readonly commands: string[] = [];
  connections = 0;
  password = 'ClueCon';
  private readonly server = net.createServer((s) => this.onConnection(s));
  private readonly sockets = new Set<net.Socket>();
  private waiting: Array<(s: EslSession) => void> = [];
  private ready: EslSession[] = [];

  async listen(): Promise<number> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Resolves with the next connection that subscribed (or was refused). */
  nextSession(): Promise<EslSession> {
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
    const session: EslSession = {
      socket, commands: [], send: (data) => socket.write(data), drop: () => socket.destroy(),
    };
    const hand = () => {
      const w = this.waiting.shift();
      if (w) w(session);
      else this.ready.push(session);
    };
    const reply = (text: string) => socket.write(`Content-Type: command/reply\nReply-Text: ${text}\n\n`);
    socket.write('Content-Type: auth/request\n\n');
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const command = buffered.slice(0, end).trim();
        buffered = buffered.slice(end + 2);
        this.commands.push(command);
        session.commands.push(command);
        if (command.startsWith('auth ')) {
          if (command.slice(5) === this.password) {
            reply('+OK accepted');
          } else {
            reply('-ERR invalid');
            const notice = 'Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n';
            socket.end(`Content-Type: text/disconnect-notice\nContent-Length: ${Buffer.byteLength(notice)}\n\n${notice}`);
            hand();
          }
        } else if (command.startsWith('event plain')) {
          reply('+OK event listener enabled plain');
          hand();
        } else if (command === 'exit') {
          reply('+OK bye');
          socket.end();
        } else {
          reply('-ERR command not found');
        }
      }
    });
  }
}
