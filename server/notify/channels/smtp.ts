/**
 * E-mail over SMTP with nodemailer: one connection per message (a few messages a minute at
 * most; no pool to keep alive or to break). SMTP's own classes decide what is retried: a
 * 4xx reply is temporary, a 5xx reply (no such mailbox, authentication refused) is
 * permanent and goes to the dead-letter list at once.
 */
import type { ChannelConfig } from '../../../shared/notify.js';
import { emailContent } from '../templates/email.js';
import { DeliveryError, type Transport } from './types.js';

type SmtpChannel = Extract<ChannelConfig, { kind: 'smtp' }>;

export function smtpTransportOptions(channel: SmtpChannel, timeoutMs: number) {
  return {
    host: channel.host,
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

export const sendSmtp: Transport<SmtpChannel> = async (channel, out, deps) => {
  if (out.to === undefined) throw new DeliveryError('no e-mail address: give the contact a "to" address', true);
  const mail = emailContent(out.message, out.now);
  // Loaded on the first e-mail, not at start: a restart should not wait for what it may never use.
  const { default: nodemailer } = await import('nodemailer');
  const transporter = nodemailer.createTransport(smtpTransportOptions(channel, deps.timeoutMs));
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
    const code = (err as { responseCode?: number }).responseCode;
    const reason = (err as Error).message.split('\n')[0];
    throw new DeliveryError(`${channel.host}:${channel.port}: ${reason}`, code !== undefined && code >= 500);
  } finally {
    transporter.close();
  }
};
