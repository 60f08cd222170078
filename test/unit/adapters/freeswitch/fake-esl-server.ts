/**
 * A fake FreeSWITCH for tests: a real TCP server on a random loopback port speaking the
 * inbound event socket protocol (auth/request, `auth`, `event plain ...`, command replies).
 * The test pushes recorded traffic, drops the connection, or refuses the password.
 */
import net from 'node:net';
import { FakeTcpServer } from '../fake-tcp-server.js';

export interface EslSession {
  socket: net.Socket;
  /** Commands received, in order (`auth ...`, `event plain ...`). */
  commands: string[];
  send(data: string | Uint8Array): void;
  /** FreeSWITCH goes away (restart, crash): the TCP connection is dropped. */
  drop(): void;
}

export class FakeEslServer extends FakeTcpServer<EslSession> {
  readonly commands: string[] = [];
  password = 'ClueCon';

  protected converse(socket: net.Socket, handOver: (session: EslSession) => void): void {
    const session: EslSession = {
      socket, commands: [], send: (data) => socket.write(data), drop: () => socket.destroy(),
    };
    const hand = () => handOver(session);
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
