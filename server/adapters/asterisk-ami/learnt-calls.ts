/**
 * Queue calls already in conversation when the adapter (re)connects, read from the
 * CoreShowChannels list it asks for after each login. Live AMI events only show calls as
 * they join, ring and connect; a call answered before Floorwatch first connected (or during
 * a gap) would otherwise stay unknown until it ends: its agent shown free while talking, and
 * its holds, transfers and hang-up ignored. Pure: the listed channels in, the conversations
 * they show out.
 *
 * Asterisk lists both legs of a queued conversation: the caller's channel, still inside the
 * `Queue` application (its first argument is the queue), and the member's channel, running
 * `AppQueue`, in the same bridge (`BridgeId`, 12+; Asterisk 11 names the other leg in
 * `BridgedUniqueID`). A Local member without `/n` is optimised away once answered (the leg
 * left in the bridge is the phone's own, running `AppDial`), and an `Agent/` member's leg
 * runs `AgentLogin`: such calls are not learnt.
 */
import { header, type AmiMessage } from './parser.js';

/** One channel of a CoreShowChannels answer, as far as learning a call needs it. */
export interface ListedChannel {
  channel: string;
  uniqueid: string;
  bridgedUniqueid?: string;
  bridgeId?: string;
  application: string;
  applicationData: string;
  /** How long the channel has existed, seconds (`Duration`, `HH:MM:SS`). */
  ageSeconds: number;
}

/** A caller talking with a queue member, as the list shows it. */
export interface ListedConversation {
  queue: string;
  caller: ListedChannel;
  agent: ListedChannel;
}

const present = (v: string | undefined): string | undefined => {
  const t = v?.trim();
  return t === undefined || t === '' || t === '<unknown>' ? undefined : t;
};

/** `HH:MM:SS` (or plain seconds, as some versions give) to seconds; 0 when unreadable. */
export function durationSeconds(text: string | undefined): number {
  const t = text?.trim() ?? '';
  if (/^\d+$/.test(t)) return Number(t);
  const m = /^(\d+):(\d{1,2}):(\d{1,2})$/.exec(t);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : 0;
}

/** A CoreShowChannel message as a listed channel; undefined when it names no channel or id. */
export function listedChannel(msg: AmiMessage): ListedChannel | undefined {
  const channel = present(header(msg, 'Channel'));
  const uniqueid = present(header(msg, 'Uniqueid'));
  if (channel === undefined || uniqueid === undefined) return undefined;
  const bridgedUniqueid = present(header(msg, 'BridgedUniqueid'));
  const bridgeId = present(header(msg, 'BridgeId'));
  return {
    channel, uniqueid,
    ...(bridgedUniqueid !== undefined && { bridgedUniqueid }),
    ...(bridgeId !== undefined && { bridgeId }),
    application: present(header(msg, 'Application')) ?? '',
    applicationData: present(header(msg, 'ApplicationData')) ?? '',
    ageSeconds: durationSeconds(header(msg, 'Duration')),
  };
}

const isApp = (c: ListedChannel, name: string): boolean => c.application.toLowerCase() === name;

/**
 * The conversations the list shows: each member leg (`AppQueue`) with the caller leg it is
 * bridged to, that caller still in `Queue`: the `Queue` channel in the same bridge
 * (`BridgeId`, 12+), or the one Asterisk 11 names (`BridgedUniqueID`). Not by `Linkedid`:
 * every leg of a caller's chain shares it, a consultation with another queue's member
 * included. A member leg still ringing is in no bridge and is left out (its caller is
 * waiting: QueueStatus lists it).
 */
export function conversationsIn(channels: readonly ListedChannel[]): ListedConversation[] {
  const byUniqueid = new Map(channels.map((c) => [c.uniqueid, c]));
  const callersByBridge = new Map<string, ListedChannel>();
  for (const c of channels) if (c.bridgeId !== undefined && isApp(c, 'queue')) callersByBridge.set(c.bridgeId, c);
  const out: ListedConversation[] = [];
  for (const agent of channels) {
    if (!isApp(agent, 'appqueue')) continue;
    const caller = agent.bridgeId !== undefined
      ? callersByBridge.get(agent.bridgeId)
      : agent.bridgedUniqueid === undefined ? undefined : byUniqueid.get(agent.bridgedUniqueid);
    if (caller === undefined || !isApp(caller, 'queue')) continue;
    const queue = caller.applicationData.split(/[,|]/)[0]?.trim() ?? '';
    if (queue === '') continue;
    out.push({ queue, caller, agent });
  }
  return out;
}

/**
 * The member's interface from its channel's name: Asterisk names a channel after the
 * device it dialled plus a sequence number (`PJSIP/1001-0000002a`; a Local channel also
 * its half, `Local/1001@agents-00000003;1`).
 */
export function interfaceOfChannel(channel: string): string {
  return channel.replace(/-[0-9a-f]+(;\d)?$/i, '');
}

/**
 * A member's interface as its channels are named, for comparing the two: a Local member's
 * dial options (`Local/1023@from-queue/n`) are not part of its channels' names, its
 * context is `default` when it names none, and case is not significant.
 */
export function memberInterfaceKey(iface: string): string {
  let key = iface.trim().toLowerCase();
  if (key.startsWith('local/')) {
    key = key.replace(/^(local\/[^/]+)\/[a-z]+$/, '$1');
    if (!key.includes('@')) key += '@default';
  }
  return key;
}

/**
 * When the channel was made, from its `Uniqueid` (`<epoch seconds>.<sequence>`, after
 * Asterisk's `systemname` and a dash when one is set), epoch ms; undefined when it does
 * not read so.
 */
export function createdAtOf(uniqueid: string): number | undefined {
  const m = /(?:^|-)(\d{9,11})\.\d+$/.exec(uniqueid);
  return m ? Number(m[1]) * 1000 : undefined;
}
