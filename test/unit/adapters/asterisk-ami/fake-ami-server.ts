/**
 * A fake Asterisk for tests: a real TCP server on a random loopback port that speaks the AMI
 * wire protocol (banner, Login action, responses) and lets the test push recorded traffic,
 * drop the connection, or refuse the login.
 */
import net from 'node:net';
import { FakeTcpServer } from '../fake-tcp-server.js';
import { AmiParser, formatAmiMessage, header, type AmiMessage } from '../../../../server/adapters/asterisk-ami/parser.js';

export interface AmiSession {
  socket: net.Socket;
  login: AmiMessage;
  send(data: string | Uint8Array): void;
  /** The PBX goes away (restart, crash): the TCP connection is dropped without a Logoff. */
  drop(): void;
}

/** One channel in the fake PBX's answer to CoreShowChannels. */
export interface FakeChannel {
  channel: string;
  uniqueid: string;
  /** Defaults: the caller's leg of a queue call (`Queue`), its own Linkedid, up a minute. */
  application?: string;
  applicationData?: string;
  linkedid?: string;
  bridgeId?: string;
  duration?: string;
}

export class FakeAmiServer extends FakeTcpServer<AmiSession> {
  readonly actions: AmiMessage[] = [];
  acceptLogin = true;
  /** When set, CoreShowChannels is answered (as Asterisk does) with these channels; unset: no answer. */
  channels: FakeChannel[] | undefined;
  /**
   * When set, QueueStatus is answered with these AMI messages (no ActionID: it is added), then
   * QueueStatusComplete; `refused`: answered with an error (a manager user without the right).
   */
  queueStatus: string[] | 'refused' | undefined;
  /** Live events the PBX sends in the middle of its channel list (after the first channel). */
  duringChannelList = '';

  protected converse(socket: net.Socket, hand: (session: AmiSession) => void): void {
    const parser = new AmiParser();
    socket.write('Asterisk Call Manager/5.0.1\r\n');
    socket.on('data', (chunk: Buffer) => {
      for (const item of parser.push(chunk)) {
        if (item.type !== 'message') continue;
        this.actions.push(item.message);
        const action = header(item.message, 'Action')?.toLowerCase();
        if (action === 'coreshowchannels' || action === 'queuestatus') {
          socket.write(this.answer(action, header(item.message, 'ActionID') ?? ''));
          continue;
        }
        if (action !== 'login') continue;
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
        hand(session);
      }
    });
  }

  /** The reply to a list action, framed as Asterisk frames it: Response, items, Complete. */
  private answer(action: 'coreshowchannels' | 'queuestatus', id: string): string {
    const withId = (msg: string) => msg.replace(/(\r\n)*$/, '') + `\r\nActionID: ${id}\r\n\r\n`;
    if (action === 'queuestatus') {
      if (!this.queueStatus) return '';
      if (this.queueStatus === 'refused') return formatAmiMessage([['Response', 'Error'], ['ActionID', id], ['Message', 'Permission denied']]);
      return formatAmiMessage([['Response', 'Success'], ['ActionID', id], ['EventList', 'start'], ['Message', 'Queue status will follow']])
        + this.queueStatus.map(withId).join('')
        + formatAmiMessage([['Event', 'QueueStatusComplete'], ['ActionID', id], ['EventList', 'Complete'], ['ListItems', String(this.queueStatus.length)]]);
    }
    if (!this.channels) return '';
    return formatAmiMessage([['Response', 'Success'], ['ActionID', id], ['EventList', 'start'], ['Message', 'Channels will follow']])
      + this.channels.map((c, i) => formatAmiMessage([
        ['Event', 'CoreShowChannel'], ['ActionID', id], ['Channel', c.channel], ['ChannelState', '6'], ['ChannelStateDesc', 'Up'],
        ['Uniqueid', c.uniqueid], ['Linkedid', c.linkedid ?? c.uniqueid], ['Application', c.application ?? 'Queue'],
        ['ApplicationData', c.applicationData ?? ''], ['Duration', c.duration ?? '00:01:02'], ['BridgeId', c.bridgeId ?? ''],
      ]) + (i === 0 ? this.duringChannelList : '')).join('')
      + formatAmiMessage([['Event', 'CoreShowChannelsComplete'], ['ActionID', id], ['EventList', 'Complete'], ['ListItems', String(this.channels.length)]]);
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
