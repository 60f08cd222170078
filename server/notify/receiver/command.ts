/**
 * `floorwatch webhook-receiver --port 9099 --secret S`: runs the receiver and prints every
 * verified message (and every refused one), for the demo and for trying a webhook channel.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { startReceiver } from './receiver.js';
import type { WebhookBody } from '../templates/webhook.js';

function printed(m: WebhookBody, info: { delivery: string; repeat: boolean }): string {
  const lines = [
    '',
    `── ${new Date(m.sentAt).toISOString()}  ${m.type}  → ${m.recipient.name}  [${m.alert.level}]${info.repeat ? '  (again: same delivery id, already received)' : ''}`,
    ...m.text.split('\n').map((l) => `   ${l}`),
  ];
  return `${lines.join('\n')}\n`;
}

export function registerWebhookReceiver(program: Command): void {
  program
    .command('webhook-receiver')
    .description('receive Floorwatch webhook notifications, check their signatures and print them (demo, trying a channel)')
    .addOption(new Option('-p, --port <port>', 'port to listen on').default('9099'))
    .addOption(new Option('--host <host>', 'address to listen on').default('127.0.0.1'))
    .addOption(new Option('--secret <secret>', "the webhook channel's secret").env('FLOORWATCH_WEBHOOK_SECRET').makeOptionMandatory())
    .addOption(new Option('--fail-first <n>', 'answer 500 to the first n messages (to watch retries)').default('0'))
    .option('--json', 'print each verified message as one JSON line')
    .action(async (o: { port: string; host: string; secret: string; failFirst: string; json?: boolean }) => {
      const port = Number(o.port);
      const failFirst = Number(o.failFirst);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port: expected a port number 0-65535');
      if (!Number.isInteger(failFirst) || failFirst < 0) throw new Error('--fail-first: expected a whole number >= 0');
      const receiver = await startReceiver({
        port, host: o.host, secret: o.secret, failFirst,
        onMessage: (m, info) => process.stdout.write(o.json ? `${JSON.stringify({ ...m, repeat: info.repeat })}\n` : printed(m, info)),
        onRefused: (reason) => process.stderr.write(`refused: ${reason}\n`),
      });
      process.stderr.write(`webhook receiver listening at ${receiver.url} (signatures checked with the given secret)\n`);
      const stop = () => void receiver.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
