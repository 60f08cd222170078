/**
 * Which queues each agent is a member of, as the adapter has been told, and the census that
 * corrects it after a gap. Asterisk reports membership per queue; the floor knows agents:
 * an agent logs out when it leaves its last queue.
 *
 * Census: events during a link gap are lost, so a member removed then would stay logged in
 * on the floor for ever. After every (re)login the adapter asks `QueueStatus`, which lists
 * every member as it is now; a membership held when the question went out that the answer
 * does not list (and that no live event named meanwhile) ended during the gap.
 */
import { memberInterfaceKey } from './learnt-calls.js';

/** An agent that left its last queue: it logs out of this station. */
export interface LeftAgent {
  agentId: string;
  stationId: string;
}

const keyOf = (agentId: string, queue: string): string => `${agentId}\u0000${queue}`;

export class Memberships {
  private readonly queuesOf = new Map<string, Set<string>>();
  private readonly stationOf = new Map<string, string>();
  /** Member interface (as its channels are named, memberInterfaceKey) -> the agent last named a member through it. */
  private readonly agentOfInterface = new Map<string, string>();
  /** Memberships held when QueueStatus was asked, and those named since (by its answer or live). */
  private census: { before: Array<[string, string]>; named: Set<string> } | undefined;

  /**
   * Records a membership through member interface `iface`; true if the agent was in no queue
   * before (its first).
   */
  join(agentId: string, queue: string, stationId: string, iface: string = stationId): boolean {
    this.agentOfInterface.set(memberInterfaceKey(iface), agentId);
    const queues = this.queuesOf.get(agentId) ?? new Set<string>();
    const first = queues.size === 0;
    queues.add(queue);
    this.queuesOf.set(agentId, queues);
    this.stationOf.set(agentId, stationId);
    this.census?.named.add(keyOf(agentId, queue));
    return first;
  }

  /** The station the agent's memberships were made from (undefined: in no queue). */
  station(agentId: string): string | undefined {
    return this.stationOf.get(agentId);
  }

  /**
   * The agent a member channel's interface (`interfaceOfChannel`) belongs to, as the queue
   * member events named it; kept after the membership ends (a member removed while talking).
   */
  agentAt(iface: string): string | undefined {
    return this.agentOfInterface.get(memberInterfaceKey(iface));
  }

  /** Ends a membership; the queues the agent is still in (none: it logs out). */
  leave(agentId: string, queue: string): string[] {
    const queues = this.queuesOf.get(agentId);
    queues?.delete(queue);
    // A removal seen live is news too: the census must not end it a second time.
    this.census?.named.add(keyOf(agentId, queue));
    if (queues && queues.size > 0) return [...queues];
    this.queuesOf.delete(agentId);
    this.stationOf.delete(agentId);
    return [];
  }

  /** QueueStatus is being asked: what is held now is what its answer must confirm. */
  beginCensus(): void {
    const before: Array<[string, string]> = [];
    for (const [agentId, queues] of this.queuesOf) for (const queue of queues) before.push([agentId, queue]);
    this.census = { before, named: new Set() };
  }

  /** The answer refused or cut off: nothing can be concluded from it. */
  cancelCensus(): void {
    this.census = undefined;
  }

  /**
   * The answer is complete: memberships it did not confirm are ended. Returns the agents
   * that left their last queue that way, each with the station it was logged in at.
   */
  endCensus(): LeftAgent[] {
    const census = this.census;
    this.census = undefined;
    if (!census) return [];
    const left: LeftAgent[] = [];
    for (const [agentId, queue] of census.before) {
      if (census.named.has(keyOf(agentId, queue)) || !this.queuesOf.get(agentId)?.has(queue)) continue;
      const stationId = this.stationOf.get(agentId);
      if (this.leave(agentId, queue).length === 0 && stationId !== undefined) left.push({ agentId, stationId });
    }
    return left;
  }
}
