/**
 * A fake FreeSWITCH for tests: a real TCP server on a random loopback port speaking the
 * inbound event socket protocol (auth/request, `auth`, `event plain ...`, command replies,
 * `api ...` answered as `api/response` with a Content-Length body, as mod_event_socket does).
 * The test pushes recorded traffic, drops the connection, refuses the password, or decides
 * what the api commands answer.
 */
import net from 'node:net';
import { FakeTcpServer } from '../fake-tcp-server.js';
import { queueList } from './api-fixtures.js';

export interface EslSession {
  socket: net.Socket;
  /** Commands received, in order (`auth ...`, `event plain ...`, `api ...`). */
  commands: string[];
  /** Resolves once this command has been received. */
  until(command: string): Promise<void>;
  send(data: string | Uint8Array): void;
  /** FreeSWITCH goes away (restart, crash): the TCP connection is dropped. */
  drop(): void;
}

/** What FreeSWITCH answers with no channels up and no agents or queues configured (formats: api-fixtures.ts). */
export function emptyState(command: string): string {
  if (command === 'show channels as json') return '{"row_count": 0}\n';
  if (command === 'callcenter_config agent list') return '+OK\n';
  if (command === 'callcenter_config queue list') return queueList([]);
  // mod_event_socket's answer to an api command no module registered.
  return `-ERR ${command.split(' ')[0]} Command not found!\n`;
}

export class FakeEslServer extends FakeTcpServer<EslSession> {
  readonly commands: string[] = [];
  password = 'ClueCon';
  /** The body answering `api <command>`; whatever it sends on `session` first goes before the answer. */
  api: (command: string, session: EslSession) => string = emptyState;

  protected converse(socket: net.Socket, handOver: (session: EslSession) => void): void {
    const waiting: Array<{ command: string; resolve: () => void }> = [];
    const session: EslSession = {
      socket, commands: [], send: (data) => socket.write(data), drop: () => socket.destroy(),
      until: (command) => (session.commands.includes(command)
        ? Promise.resolve()
        : new Promise((resolve) => { waiting.push({ command, resolve }); })),
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
        for (const w of waiting.filter((x) => x.command === command)) w.resolve();
        if (command.startsWith('api ')) {
          const body = this.api(command.slice(4), session);
          socket.write(`Content-Type: api/response\nContent-Length: ${Buffer.byteLength(body)}\n\n${body}`);
        } else if (command.startsWith('auth ')) {
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
