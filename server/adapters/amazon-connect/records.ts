/**
 * The parts of Amazon Connect's agent event stream records and contact records (CTRs)
 * the floor reads. Everything is optional: records come from another company's JSON and
 * are checked field by field, never trusted whole. Unknown fields are ignored.
 */

export type ContactState =
  | 'INCOMING' | 'PENDING' | 'CONNECTING' | 'CONNECTED' | 'CONNECTED_ONHOLD'
  | 'MISSED' | 'ERROR' | 'ENDED' | 'REJECTED';

export interface AgentSnapshotContact {
  ContactId?: string;
  InitialContactId?: string | null;
  Channel?: string;
  InitiationMethod?: string;
  State?: ContactState | string;
  StateStartTimestamp?: string;
  ConnectedToAgentTimestamp?: string | null;
  QueueTimestamp?: string | null;
  Queue?: { ARN?: string; Name?: string } | null;
}

export interface AgentSnapshot {
  AgentStatus?: { ARN?: string; Name?: string; StartTimestamp?: string } | null;
  Configuration?: { Username?: string; FirstName?: string; LastName?: string } | null;
  Contacts?: AgentSnapshotContact[] | null;
}

/** One agent event stream record (Kinesis data, JSON-decoded by the forwarder). */
export interface ConnectAgentEvent {
  EventId?: string;
  EventType?: 'LOGIN' | 'LOGOUT' | 'STATE_CHANGE' | 'HEART_BEAT' | string;
  EventTimestamp?: string;
  AgentARN?: string;
  InstanceARN?: string;
  CurrentAgentSnapshot?: AgentSnapshot | null;
  PreviousAgentSnapshot?: AgentSnapshot | null;
  Version?: string;
}

/** One contact record (CTR) as Connect streams it. */
export interface ConnectContactRecord {
  ContactId?: string;
  InitialContactId?: string | null;
  Channel?: string;
  InitiationMethod?: string;
  InitiationTimestamp?: string;
  LastUpdateTimestamp?: string;
  DisconnectTimestamp?: string | null;
  DisconnectReason?: string | null;
  CustomerEndpoint?: { Address?: string; Type?: string } | null;
  SystemEndpoint?: { Address?: string; Type?: string } | null;
  Queue?: { Name?: string; ARN?: string; EnqueueTimestamp?: string | null; DequeueTimestamp?: string | null } | null;
  Agent?: {
    Username?: string;
    ConnectedToAgentTimestamp?: string | null;
    AfterContactWorkStartTimestamp?: string | null;
    AfterContactWorkEndTimestamp?: string | null;
  } | null;
  Attributes?: Record<string, string> | null;
}

/** Which kind of record a forwarded JSON object is, by the fields only that kind has. */
export function recordKind(value: unknown): 'agent-event' | 'contact-record' | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const r = value as Record<string, unknown>;
  if (typeof r.EventType === 'string' && ('AgentARN' in r || 'CurrentAgentSnapshot' in r)) return 'agent-event';
  if (typeof r.ContactId === 'string') return 'contact-record';
  return undefined;
}
