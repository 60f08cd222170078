/**
 * E-mail over SMTP with nodemailer: one connection per message (a few messages a minute at
 * most; no pool to keep alive or to break). SMTP's own classes decide what is retried: a
 * 4xx reply is temporary, a 5xx reply (no such mailbox, authentication refused) is
 * permanent and goes to the dead-letter list at once.
 *
 * The mail server's name is resolved here, through the destination guard (destination.ts:
 * never a link-local or cloud metadata address), and nodemailer connects to that address,
 * checking the certificate against the name. A failure is said in our words with the SMTP
 * reply code, never the server's text: whatever answers on that port (not necessarily a
 * mail server) is not echoed to the admin page.
 */
import { isIP, type LookupFunction } from 'node:net';
import type { ChannelConfig } from '../../../shared/notify.js';
import { emailContent } from '../templates/email.js';
import { checkHost, DestinationRefused, guardedLookup } from './destination.js';
import { codeSuffix, DeliveryError, type Transport } from './types.js';

type SmtpChannel = Extract<ChannelConfig, { kind: 'smtp' }>;

/** `address`: where to connect (the host resolved); the certificate is still checked against `channel.host`. */
export function smtpTransportOptions(channel: SmtpChannel, timeoutMs: number, address = channel.host) {
  return {
    host: address,
    ...(address !== channel.host && { servername: channel.host }),
    port: channel.port,
    secure: channel.tls === 'implicit',
    requireTLS: channel.tls === 'starttls',
    ignoreTLS: channel.tls === 'none',
    ...(channel.user !== undefined && { auth: { user: channel.user, pass: channel.password ?? '' } }),
    tls: { rejectUnauthorized: channel.rejectUnauthorized },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
}

/** nodemailer's error codes, in words. */
const SMTP_FAILURES: Record<string, string> = {
  ECONNECTION: 'cannot connect',
  ETIMEDOUT: 'no answer in time',
  ESOCKET: 'the connection failed',
  EDNS: 'the name does not resolve',
  ETLS: 'TLS failed (certificate or protocol)',
  EREQUIRETLS: 'the server does not offer STARTTLS',
  EAUTH: 'the user name or password was refused',
  EENVELOPE: 'the sender or recipient address was refused',
  EMESSAGE: 'the message was refused',
  EPROTOCOL: 'the server does not speak SMTP as expected',
  ESTREAM: 'the message could not be sent',
};

/** The host's first address, through the guard; an address as written is checked as it is. */
function resolveHost(host: string, lookup: LookupFunction | undefined, timeoutMs: number): Promise<string> {
  checkHost(host);
  if (isIP(host) !== 0) return Promise.resolve(host);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error('DNS timeout'), { code: 'ETIMEDOUT' })), timeoutMs);
    guardedLookup(lookup)(host, { all: true }, (err, addresses) => {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(Array.isArray(addresses) ? addresses[0].address : addresses);
    });
  });
}

export const sendSmtp: Transport<SmtpChannel> = async (channel, out, deps) => {
  if (out.to === undefined) throw new DeliveryError('no e-mail address: give the contact a "to" address', true);
  const mail = emailContent(out.message, out.now);
  let address: string;
  try {
    address = await resolveHost(channel.host, deps.lookup, deps.timeoutMs);
  } catch (err) {
    if (err instanceof DestinationRefused) throw new DeliveryError(`refused: ${err.message}`, true);
    throw new DeliveryError(`${channel.host}:${channel.port}: the name does not resolve${codeSuffix(err)}`);
  }
  // Loaded on the first e-mail, not at start: a restart should not wait for what it may never use.
  const { default: nodemailer } = await import('nodemailer');
  const transporter = nodemailer.createTransport(smtpTransportOptions(channel, deps.timeoutMs, address));
  try {
    await transporter.sendMail({
      from: channel.from,
      to: out.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: { 'X-Floorwatch-Delivery': out.message.id },
      // Receivers thread a retry with its first try instead of showing two mails.
      messageId: `<${encodeURIComponent(out.message.id)}@floorwatch>`,
    });
  } catch (err) {
    const reply = (err as { responseCode?: unknown }).responseCode;
    const code = (err as { code?: unknown }).code;
    const words = (typeof code === 'string' && SMTP_FAILURES[code]) || 'sending failed';
    const smtpCode = typeof reply === 'number' && Number.isInteger(reply) ? reply : undefined;
    throw new DeliveryError(`${channel.host}:${channel.port}: ${words}${smtpCode !== undefined ? ` (SMTP ${smtpCode})` : ''}`, smtpCode !== undefined && smtpCode >= 500);
  } finally {
    transporter.close();
  }
};
