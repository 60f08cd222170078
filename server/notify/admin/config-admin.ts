/**
 * Channels, recipients and routes as the admin edits them (admin page, REST) and as the
 * configuration file provides them. Every change is validated (the shared schemas, then
 * references: a contact's channel, a route's channels and recipients must exist) and
 * audited; secrets are masked on the way out (admin/secrets.ts), and a secret sent back
 * masked is kept only while the channel still points where it did. A channel may not point
 * at a link-local or cloud metadata address (channels/destination.ts).
 *
 * The file and the page combine like this: at start, every entry the file names is
 * written with source "file" (replacing what the database had under that id, page edits
 * included), entries the file used to name and no longer does are removed, and entries
 * made on the page (source "ui") are left alone.
 */
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import {
  channelInput, recipientInput, routeInput,
  type ChannelConfig, type ChannelView, type NotifyFile, type RecipientConfig, type RecipientView, type RouteConfig, type RouteView,
} from '../../../shared/notify.js';
import { problem } from '../../../shared/problems.js';
import type { Auditor } from '../../http/command-handlers.js';
import { isForbiddenHost, unbracketed } from '../channels/destination.js';
import type { ConfigTables } from '../store/config-tables.js';
import type { HealthTable } from '../store/health.js';
import { NotifyInputError, zodProblem } from './errors.js';
import { checkKeptSecrets, maskChannel, unmaskInput } from './secrets.js';

export interface Actor {
  id: string;
  ip?: string;
}

export interface ConfigAdminOptions {
  db: Database.Database;
  tables: ConfigTables;
  health: HealthTable;
  clock: { now(): number };
  audit: Auditor;
}

const email = z.email();
const newId = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw zodProblem(parsed.error.issues as never);
  return parsed.data;
}

/** A contact's channel must exist; an e-mail contact needs an address. `at` prefixes the field. */
export function checkRecipient(r: RecipientConfig, channels: ReadonlyMap<string, ChannelConfig['kind']>, at = ''): void {
  r.contacts.forEach((c, i) => {
    const kind = channels.get(c.channel);
    if (kind === undefined) throw new NotifyInputError(400, `invalid ${at}contacts.${i}.channel: there is no channel "${c.channel}"`, `${at}contacts.${i}.channel`);
    if (kind === 'smtp' && (c.to === undefined || !email.safeParse(c.to).success)) {
      throw new NotifyInputError(400, `invalid ${at}contacts.${i}.to: an e-mail channel needs an e-mail address`, `${at}contacts.${i}.to`);
    }
  });
}

/** The channel's host (URL or SMTP host, as written) is not link-local nor a metadata service. `at` prefixes the field. */
export function checkDestination(c: { kind: ChannelConfig['kind']; url?: string; host?: string }, at = ''): void {
  let field: string;
  let host: string;
  if (c.kind === 'smtp') {
    field = 'host';
    host = c.host ?? '';
  } else {
    field = 'url';
    try {
      host = new URL(c.url ?? '').hostname;
    } catch {
      return; // the schema has already refused it
    }
  }
  if (isForbiddenHost(host)) {
    // The URL itself may be secret (a robot's key): only its host is named.
    throw new NotifyInputError(400, problem('destinationForbidden', { field: `${at}${field}`, host: unbracketed(host) }), `${at}${field}`);
  }
}

export function checkRoute(r: RouteConfig, channels: ReadonlyMap<string, unknown>, recipients: ReadonlySet<string>, at = ''): void {
  r.channels.forEach((c, i) => {
    if (!channels.has(c)) throw new NotifyInputError(400, `invalid ${at}channels.${i}: there is no channel "${c}"`, `${at}channels.${i}`);
  });
  r.recipients.forEach((c, i) => {
    if (!recipients.has(c)) throw new NotifyInputError(400, `invalid ${at}recipients.${i}: there is no recipient "${c}"`, `${at}recipients.${i}`);
  });
}

export function createConfigAdmin(o: ConfigAdminOptions) {
  const { tables } = o;
  const channelKinds = () => new Map(tables.channels.list().map((c) => [c.config.id, c.config.kind]));
  const recipientIds = () => new Set(tables.recipients.list().map((r) => r.config.id));

  async function record(actor: Actor, action: string, target: string, detail: Record<string, unknown>): Promise<void> {
    await o.audit.record({ actor: actor.id, action, target, ...(actor.ip !== undefined && { ip: actor.ip }), detail });
  }

  /** Create (no id) or replace (id) — the body is the whole entry; an id in it must agree. */
  function idFor(pathId: string | undefined, bodyId: string | undefined, exists: (id: string) => boolean, prefix: string): string {
    if (pathId !== undefined) {
      if (bodyId !== undefined && bodyId !== pathId) throw new NotifyInputError(400, `invalid id: "${bodyId}" is not "${pathId}" (ids cannot be changed)`, 'id');
      if (!exists(pathId)) throw new NotifyInputError(404, `there is no "${pathId}"`);
      return pathId;
    }
    const id = bodyId ?? newId(prefix);
    if (exists(id)) throw new NotifyInputError(409, `invalid id: "${id}" is taken`, 'id');
    return id;
  }

  function channelView(c: { config: ChannelConfig; source: 'file' | 'ui'; updatedAt: number }): ChannelView {
    return { ...maskChannel(c.config), source: c.source, updatedAt: c.updatedAt, health: o.health.get(c.config.id) };
  }

  return {
    listChannels: (): ChannelView[] => tables.channels.list().map(channelView),

    async saveChannel(pathId: string | undefined, input: unknown, actor: Actor): Promise<ChannelView> {
      const stored = pathId === undefined ? undefined : tables.channels.get(pathId);
      const unmasked = unmaskInput(input, stored?.config);
      const parsed = parse(channelInput, unmasked.input);
      const id = idFor(pathId, parsed.id, (x) => tables.channels.get(x) !== undefined, 'ch');
      if (stored && stored.config.kind !== parsed.kind) throw new NotifyInputError(400, 'invalid kind: a channel keeps its kind (make a new channel)', 'kind');
      checkKeptSecrets(parsed, stored?.config, unmasked.kept);
      checkDestination(parsed);
      const config = { ...parsed, id } as ChannelConfig;
      tables.channels.put(config, stored?.source ?? 'ui', o.clock.now());
      await record(actor, pathId === undefined ? 'notify-channel-created' : 'notify-channel-updated', id, { name: config.name, kind: config.kind, enabled: config.enabled });
      return channelView(tables.channels.get(id)!);
    },

    async deleteChannel(id: string, actor: Actor): Promise<void> {
      if (tables.channels.get(id) === undefined) throw new NotifyInputError(404, `there is no channel "${id}"`);
      const users = tables.recipients.list().filter((r) => r.config.contacts.some((c) => c.channel === id)).map((r) => r.config.id);
      const routes = tables.routes.list().filter((r) => r.config.channels.includes(id)).map((r) => r.config.id);
      if (users.length + routes.length > 0) {
        throw new NotifyInputError(409, `channel "${id}" is in use (recipients: ${users.join(', ') || 'none'}; routes: ${routes.join(', ') || 'none'}); change those first`);
      }
      tables.channels.delete(id);
      await record(actor, 'notify-channel-deleted', id, {});
    },

    listRecipients: (): RecipientView[] => tables.recipients.list().map((r) => ({ ...r.config, source: r.source, updatedAt: r.updatedAt })),

    async saveRecipient(pathId: string | undefined, input: unknown, actor: Actor): Promise<RecipientView> {
      const parsed = parse(recipientInput, input);
      const id = idFor(pathId, parsed.id, (x) => tables.recipients.get(x) !== undefined, 'rc');
      const config: RecipientConfig = { ...parsed, id };
      checkRecipient(config, channelKinds());
      const source = tables.recipients.get(id)?.source ?? 'ui';
      tables.recipients.put(config, source, o.clock.now());
      await record(actor, pathId === undefined ? 'notify-recipient-created' : 'notify-recipient-updated', id, {
        name: config.name, account: config.account, channels: config.contacts.map((c) => c.channel), enabled: config.enabled,
      });
      const s = tables.recipients.get(id)!;
      return { ...s.config, source: s.source, updatedAt: s.updatedAt };
    },

    async deleteRecipient(id: string, actor: Actor): Promise<void> {
      if (tables.recipients.get(id) === undefined) throw new NotifyInputError(404, `there is no recipient "${id}"`);
      const routes = tables.routes.list().filter((r) => r.config.recipients.includes(id)).map((r) => r.config.id);
      if (routes.length > 0) throw new NotifyInputError(409, `recipient "${id}" is named by routes ${routes.join(', ')}; change those first`);
      tables.recipients.delete(id);
      await record(actor, 'notify-recipient-deleted', id, {});
    },

    listRoutes: (): RouteView[] => tables.routes.list().map((r) => ({ ...r.config, source: r.source, updatedAt: r.updatedAt })),

    async saveRoute(pathId: string | undefined, input: unknown, actor: Actor): Promise<RouteView> {
      const parsed = parse(routeInput, input);
      const id = idFor(pathId, parsed.id, (x) => tables.routes.get(x) !== undefined, 'rt');
      const config: RouteConfig = { ...parsed, id };
      checkRoute(config, channelKinds(), recipientIds());
      const source = tables.routes.get(id)?.source ?? 'ui';
      tables.routes.put(config, source, o.clock.now());
      await record(actor, pathId === undefined ? 'notify-route-created' : 'notify-route-updated', id, {
        rules: config.rules, severities: config.severities, levels: config.levels, enabled: config.enabled,
      });
      const s = tables.routes.get(id)!;
      return { ...s.config, source: s.source, updatedAt: s.updatedAt };
    },

    async deleteRoute(id: string, actor: Actor): Promise<void> {
      if (!tables.routes.delete(id)) throw new NotifyInputError(404, `there is no route "${id}"`);
      await record(actor, 'notify-route-deleted', id, {});
    },

    /** Writes the file's entries (see the top of this file); throws, changing nothing, on a bad reference. */
    async applyFile(file: NotifyFile, path: string): Promise<{ written: string[]; removed: string[] }> {
      const now = o.clock.now();
      const written: string[] = [];
      const removed: string[] = [];
      const apply = o.db.transaction(() => {
        const fileIds = {
          channels: new Set(file.channels.map((c) => c.id!)),
          recipients: new Set(file.recipients.map((r) => r.id!)),
          routes: new Set(file.routes.map((r) => r.id!)),
        };
        for (const list of ['channels', 'recipients', 'routes'] as const) {
          for (const s of tables[list].list()) {
            if (s.source === 'file' && !fileIds[list].has(s.config.id)) {
              tables[list].delete(s.config.id);
              removed.push(`${list}/${s.config.id}`);
            }
          }
        }
        file.channels.forEach((c, i) => checkDestination(c, `channels[${i}] "${c.id}".`));
        for (const c of file.channels) {
          tables.channels.put(c as ChannelConfig, 'file', now);
          written.push(`channels/${c.id}`);
        }
        const kinds = channelKinds();
        file.recipients.forEach((r, i) => checkRecipient(r as RecipientConfig, kinds, `recipients[${i}] "${r.id}".`));
        for (const r of file.recipients) {
          tables.recipients.put(r as RecipientConfig, 'file', now);
          written.push(`recipients/${r.id}`);
        }
        const people = recipientIds();
        file.routes.forEach((r, i) => checkRoute(r as RouteConfig, kinds, people, `routes[${i}] "${r.id}".`));
        for (const r of file.routes) {
          tables.routes.put(r as RouteConfig, 'file', now);
          written.push(`routes/${r.id}`);
        }
      });
      apply.immediate();
      await o.audit.record({ actor: 'system', action: 'notify-config-file-applied', target: path, detail: { written, removed } });
      return { written, removed };
    },
  };
}

export type ConfigAdmin = ReturnType<typeof createConfigAdmin>;
