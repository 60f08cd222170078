/** What `floorwatch serve` is started with (the CLI and the tests build it; server/serve.ts reads it). */
import type { Logger } from 'pino';
import type { TrustProxy } from './http/trust-proxy.js';

export interface ServeOptions {
  port: number;
  host: string;
  /** SQLite file; `:memory:` keeps nothing (tests). */
  db: string;
  /**
   * PostgreSQL URL: the event log, snapshots, alerts, points and the access store
   * (accounts, sessions, audit log) live there instead of in the SQLite file.
   */
  postgres?: string;
  /** YAML rules file; without one the policy defaults apply. */
  rulesFile?: string;
  reorderWindowMs: number;
  /** Ingest requests one feed may make per minute (default 1,200). */
  ingestPerMinute?: number;
  retentionDays: number;
  /** SQLite `synchronous`: NORMAL survives a process crash, FULL also a power cut. */
  durability: 'NORMAL' | 'FULL';
  /** Feed the floor from the built-in simulator (the `npm start` demo). */
  demo?: { agents: number; seed: number };
  logger?: Logger;
  /** How often the floor moves on with the clock (timers, coalesced deltas). */
  tickMs?: number;
  /** The first admin's initial password (FLOORWATCH_ADMIN_PASSWORD); otherwise a one-time one is printed. */
  adminPassword?: string;
  /** Phone-system feeds the server runs itself (asterisk-ami://..., queue-log:///...). */
  feeds?: string[];
  /** Twilio TaskRouter's Event Callback: the account's auth token and the public base URL Twilio calls. */
  twilio?: { authToken: string; publicUrl: string };
  /** Amazon Connect records forwarded to /hooks/amazon-connect with this bearer secret. */
  connectSecret?: string;
  /** The satisfaction survey's extension, for the feeds' transfer mapping. */
  surveyExtension?: string;
  /** What the phone system calls an agent -> the floor's agent id (`--agent-ids`), for the AMI and queue_log feeds. */
  agentIds?: Record<string, string>;
  /**
   * The adapters file (`--adapters-config`, YAML, config/adapters-file.ts): each adapter's
   * site settings (pause and status reasons, hold consent, ...). Read before anything starts;
   * a bad file, or a section saying otherwise than `surveyExtension` / `agentIds`, stops the start.
   */
  adaptersConfig?: string;
  /** Days before a password must be changed again (default 90). */
  passwordMaxAgeDays?: number;
  /**
   * Set the Secure flag on cookies (serve over HTTPS, or behind a TLS proxy). Default: on
   * when `publicUrl` is https:// (secureCookiesFor).
   */
  secureCookies?: boolean;
  /**
   * The proxies in front whose X-Forwarded-For express believes (its `trust proxy`), so
   * the per-address limits and the audit see each client's address; default: none.
   */
  trustProxy?: TrustProxy;
  /** Where the sign-in instructions go (default: standard output, never the log). */
  announce?: (text: string) => void;
  /** The notifications file (YAML, docs/notifications.md): channels, recipients, routes, delivery settings. */
  notifyConfig?: string;
  /** The address people's phones open (links in notifications); default: the server's own. */
  publicUrl?: string;
  /**
   * Cluster mode (server/cluster, docs/deployment.md): several processes serve one floor
   * through this Redis; needs `postgres` (the shared storage). Without it, one process.
   */
  redis?: string;
  /** Which floor this process serves in cluster mode (default `main`): its lease and its Redis keys. */
  floorId?: string;
  /** The lease's time to live in cluster mode (ms): a dead owner's floor is taken over within about this long. */
  leaseMs?: number;
}
