import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import pino, { type Logger } from 'pino';
import { checkFeedUrls } from '../adapters/check-feeds.js';
import { loadAgentIdsFile } from '../config/agent-ids-file.js';
import { startServer } from '../serve.js';
import { envOption, httpUrl, nonNegativeNumber, port, positiveInt } from './option-values.js';
import { checkPostgresUrl } from '../storage/postgres/url.js';
import { DEFAULT_FLOOR_ID, DEFAULT_LEASE_MS, checkFloorId, checkRedisUrl } from '../cluster/settings.js';
import { parseTrustProxy, type TrustProxy } from '../http/trust-proxy.js';

function trustProxy(value: string): TrustProxy {
  try {
    return parseTrustProxy(value);
  } catch (err) {
    throw new InvalidArgumentError(err instanceof Error ? err.message : String(err));
  }
}

const DEFAULT_RULES = 'config/rules.yaml';
const FEED_FORMS = 'asterisk-ami://user:secret@host:5038, queue-log:///var/log/asterisk/queue_log or freeswitch-esl://:password@host:8021';

/**
 * Each --feed (and FLOORWATCH_FEEDS) before anything starts. Something with no scheme at
 * all is said here as it was given: the adapters take the text before the first ":" as
 * the scheme, which for "not a url" came out as "not a ur:".
 */
function checkFeeds(feeds: readonly string[]): void {
  for (const feed of feeds) {
    if (!/^[a-z][a-z0-9+.-]*:/i.test(feed)) throw new Error(`--feed: "${feed}" is not a feed URL (use ${FEED_FORMS})`);
  }
  checkFeedUrls(feeds);
}

/**
 * The rules file in force, said in the log. A file named on purpose (--rules or
 * FLOORWATCH_RULES) that is not there is a typo or the wrong directory: refused, naming
 * it, rather than serving on the built-in defaults without a word. The default
 * config/rules.yaml missing (the server run from another directory) is a warning:
 * the built-in defaults are in force. --no-rules asks for them.
 */
function rulesInForce(rules: string | false, source: string | undefined, logger: Logger): string | undefined {
  if (rules === false) {
    logger.info({ rules: 'built-in defaults' }, 'rules: the built-in defaults (--no-rules)');
    return undefined;
  }
  const stat = fs.statSync(rules, { throwIfNoEntry: false });
  if (source === 'default' && stat === undefined) {
    logger.warn({ rules: 'built-in defaults', missing: path.resolve(rules) },
      `rules: no ${rules} in ${process.cwd()}; the built-in defaults are in force (give --rules FILE, or --no-rules to say so)`);
    return undefined;
  }
  const given = source === 'env' ? 'FLOORWATCH_RULES' : '--rules';
  const where = path.isAbsolute(rules) ? rules : `${rules} (${path.resolve(rules)})`;
  if (stat === undefined) throw new Error(`${given}: no such rules file: ${where}; give an existing file, or --no-rules for the built-in defaults`);
  if (!stat.isFile()) throw new Error(`${given}: ${rules} is not a file`);
  logger.info({ rules: path.resolve(rules) }, `rules: ${path.resolve(rules)}`);
  return rules;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the server (HTTP ingest, socket.io wallboard, the rules) on embedded SQLite, or on PostgreSQL with --postgres')
    .addOption(envOption('-p, --port <port>', 'port to listen on', 'FLOORWATCH_PORT').default(8080).argParser(port))
    .addOption(envOption('--host <host>', 'address to listen on', 'FLOORWATCH_HOST').default('0.0.0.0'))
    .addOption(envOption('--db <file>', 'SQLite database file (default data/floorwatch.db, data/demo.db with --demo)', 'FLOORWATCH_DB'))
    .addOption(envOption('--postgres <url>', 'keep the event log, alerts, snapshots, points and accounts in PostgreSQL (postgres://user:password@host/db; prefer the environment variable: a flag shows in ps)', 'FLOORWATCH_POSTGRES'))
    .addOption(envOption('--redis <url>', 'cluster mode: several processes serve the floor through this Redis (redis://host:6379); needs --postgres (docs/deployment.md)', 'FLOORWATCH_REDIS'))
    .addOption(envOption('--floor-id <id>', 'cluster mode: the floor this process serves (its lease and Redis keys; each floor its own PostgreSQL schema)', 'FLOORWATCH_FLOOR_ID').default(DEFAULT_FLOOR_ID))
    .addOption(envOption('--lease-ms <ms>', "cluster mode: the lease's time to live; a dead owner's floor is taken over within about this long", 'FLOORWATCH_LEASE_MS').default(DEFAULT_LEASE_MS).argParser(positiveInt))
    .addOption(envOption('--rules <file>', 'rules file (YAML); reloaded when it changes; a file given that does not exist is refused (the default missing: the built-in defaults, with a warning)', 'FLOORWATCH_RULES').default(DEFAULT_RULES))
    .option('--no-rules', 'no rules file: the built-in policy defaults')
    .addOption(envOption('--reorder-window <ms>', 'how late an event may arrive and still be applied in order', 'FLOORWATCH_REORDER_WINDOW_MS').default(2000).argParser(nonNegativeNumber))
    .addOption(envOption('--ingest-per-minute <n>', 'ingest requests one feed may make per minute', 'FLOORWATCH_INGEST_PER_MINUTE').default(1200).argParser(positiveInt))
    .addOption(envOption('--retention-days <days>', 'days of event log and resolved alerts kept', 'FLOORWATCH_RETENTION_DAYS').default(7).argParser(positiveInt))
    .addOption(envOption('--durability <mode>', 'NORMAL survives a process crash; FULL also a power cut (slower)', 'FLOORWATCH_DURABILITY').choices(['NORMAL', 'FULL']).default('NORMAL'))
    .addOption(envOption('--password-max-age-days <days>', 'days before a password must be changed again (art. 100)', 'FLOORWATCH_PASSWORD_MAX_AGE_DAYS').default(90).argParser(positiveInt))
    .option('--feed <url>', `a phone-system feed to run: ${FEED_FORMS} (repeatable; FLOORWATCH_FEEDS: several, space-separated; percent-encode # / ? @ : % in a secret)`, (v: string, all: string[]) => [...all, v], [] as string[])
    .addOption(envOption('--agent-ids <file>', 'what the phone system calls an agent -> the floor\'s agent id (YAML: "SIP/alice": "1023", Alice Tan: "1001"), for the AMI and queue_log feeds', 'FLOORWATCH_AGENT_IDS'))
    .addOption(envOption('--adapters-config <file>', 'each phone-system adapter\'s site settings (YAML, a section per adapter: pause and status reasons, hold consent, agent ids ...; config/adapters.example.yaml); a bad file stops the start', 'FLOORWATCH_ADAPTERS_CONFIG'))
    .addOption(envOption('--survey-ext <extension>', "the satisfaction survey's extension (a transfer there is the art. 76 survey transfer)", 'FLOORWATCH_SURVEY_EXT'))
    .addOption(envOption('--public-url <url>', "the server's address as people and phone systems reach it: links in notifications, Twilio's callbacks (it signs this URL); https:// also makes session cookies Secure (default: the server's own address)", 'FLOORWATCH_PUBLIC_URL').argParser(httpUrl))
    .addOption(envOption('--twilio-auth-token <token>', 'receive Twilio TaskRouter events at /hooks/twilio/taskrouter', 'FLOORWATCH_TWILIO_AUTH_TOKEN'))
    .addOption(envOption('--connect-secret <secret>', 'receive Amazon Connect records at /hooks/amazon-connect (Bearer secret)', 'FLOORWATCH_CONNECT_SECRET'))
    .addOption(envOption('--notify-config <file>', 'notifications file (YAML): channels, recipients, routes (docs/notifications.md)', 'FLOORWATCH_NOTIFY_CONFIG'))
    .option('--secure-cookies', 'mark session cookies Secure (the default when --public-url is https://)')
    .option('--no-secure-cookies', 'do not mark session cookies Secure, even with an https:// --public-url')
    .addOption(envOption('--trust-proxy <value>', 'behind a reverse proxy: the number of proxies in front (1), or their addresses, subnets and loopback, linklocal, uniquelocal, comma-separated; the client address is then read from X-Forwarded-For (default: off)', 'FLOORWATCH_TRUST_PROXY').argParser(trustProxy))
    .option('--demo', 'feed the floor from the built-in simulator (clearly marked as a demo)')
    .addOption(envOption('--demo-agents <n>', 'agents on the simulated floor', 'FLOORWATCH_DEMO_AGENTS').default(60).argParser(positiveInt))
    .option('--demo-seed <n>', 'simulator seed', positiveInt, 1)
    .action(async (o: {
      port: number; host: string; db?: string; postgres?: string; redis?: string; floorId: string; leaseMs: number; rules: string | false; reorderWindow: number; retentionDays: number; ingestPerMinute: number;
      durability: 'NORMAL' | 'FULL'; demo?: boolean; demoAgents: number; demoSeed: number; secureCookies?: boolean; trustProxy?: TrustProxy; passwordMaxAgeDays: number; feed: string[]; surveyExt?: string; agentIds?: string; adaptersConfig?: string; notifyConfig?: string; publicUrl?: string; twilioAuthToken?: string; connectSecret?: string;
    }, command: Command) => {
      // Twilio signs each callback with the URL it calls; checked against a made-up local one,
      // every real callback would be refused (403), one warning a request.
      if (o.twilioAuthToken !== undefined && o.publicUrl === undefined) {
        throw new Error('--twilio-auth-token / FLOORWATCH_TWILIO_AUTH_TOKEN needs --public-url / FLOORWATCH_PUBLIC_URL: Twilio signs each callback with the public URL it calls (https://your-host), and without it every callback would be refused (403)');
      }
      const feeds = [...o.feed, ...(process.env.FLOORWATCH_FEEDS ? process.env.FLOORWATCH_FEEDS.split(/\s+/).filter(Boolean) : [])];
      checkFeeds(feeds);
      // Read before anything starts: a bad file stops the start, naming the entry.
      const agentIds = o.agentIds === undefined ? undefined : loadAgentIdsFile(o.agentIds);
      const logger = pino({ name: 'floorwatch', level: logLevel() });
      const rulesFile = rulesInForce(o.rules, command.getOptionValueSource('rules'), logger);
      const server = await startServer({
        logger,
        port: o.port,
        host: o.host,
        db: o.db ?? (o.demo ? 'data/demo.db' : 'data/floorwatch.db'),
        // Checked here, not by commander, whose message would repeat the URL and its password.
        ...(o.postgres !== undefined && { postgres: checkPostgresUrl(o.postgres, '--postgres / FLOORWATCH_POSTGRES') }),
        ...(o.redis !== undefined && {
          redis: checkRedisUrl(o.redis, '--redis / FLOORWATCH_REDIS'), floorId: checkFloorId(o.floorId, '--floor-id / FLOORWATCH_FLOOR_ID'), leaseMs: o.leaseMs,
        }),
        ...(rulesFile !== undefined && { rulesFile }),
        reorderWindowMs: o.reorderWindow,
        ingestPerMinute: o.ingestPerMinute,
        retentionDays: o.retentionDays,
        durability: o.durability,
        // Unset: Secure when the public URL is https:// (serve.ts).
        ...(o.secureCookies !== undefined && { secureCookies: o.secureCookies }),
        ...(o.trustProxy !== undefined && { trustProxy: o.trustProxy }),
        passwordMaxAgeDays: o.passwordMaxAgeDays,
        feeds,
        ...(o.surveyExt !== undefined && { surveyExtension: o.surveyExt }),
        ...(agentIds !== undefined && { agentIds }),
        // Read by startServer before anything is made, with the flags above in its sections.
        ...(o.adaptersConfig !== undefined && { adaptersConfig: o.adaptersConfig }),
        ...(o.twilioAuthToken !== undefined && o.publicUrl !== undefined && { twilio: { authToken: o.twilioAuthToken, publicUrl: o.publicUrl } }),
        ...(o.connectSecret !== undefined && { connectSecret: o.connectSecret }),
        ...(o.notifyConfig !== undefined && { notifyConfig: o.notifyConfig }),
        ...(o.publicUrl !== undefined && { publicUrl: o.publicUrl }),
        // Read once, from the environment only (a flag would show in `ps`).
        ...(process.env.FLOORWATCH_ADMIN_PASSWORD && { adminPassword: process.env.FLOORWATCH_ADMIN_PASSWORD }),
        ...(o.demo && { demo: { agents: o.demoAgents, seed: o.demoSeed } }),
      });
      const stop = (): void => {
        server.close().then(() => process.exit(0), () => process.exit(1));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

/** FLOORWATCH_LOG_LEVEL: pino's levels (fatal, error, warn, info, debug, trace, silent); info by default. */
function logLevel(): string {
  const given = process.env.FLOORWATCH_LOG_LEVEL?.trim().toLowerCase();
  if (given === undefined || given === '') return 'info';
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  if (!levels.includes(given)) throw new Error(`FLOORWATCH_LOG_LEVEL: expected one of ${levels.join(', ')}, got ${JSON.stringify(given)}`);
  return given;
}

