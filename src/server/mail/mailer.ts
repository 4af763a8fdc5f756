import { createTransport } from 'nodemailer';
import { AppError } from '../http/errors';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** False when no SMTP URL is set: mail is then skipped, not failed. */
  readonly configured: boolean;
  send(mail: OutgoingMail): Promise<{ sent: true } | { sent: false; reason: 'not_configured' }>;
}

/**
 * Sends plain-text mail through the SMTP server at `url` (`smtp://` or `smtps://`, credentials in the
 * URL if needed). Without a URL the office simply sends no mail, so `send` reports `not_configured`.
 * A transport failure becomes 502 `mail.send_failed`; the nodemailer error is dropped, not wrapped,
 * because its text can echo the addresses and content of the message.
 */
export function createMailer(options: { url?: string | undefined; from: string }): Mailer {
  const url = options.url?.trim();
  if (!url) return { configured: false, send: () => Promise.resolve({ sent: false, reason: 'not_configured' }) };

  const transport = createTransport(url);
  return {
    configured: true,
    async send(mail) {
      try {
        await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text });
      } catch {
        throw new AppError(502, 'mail.send_failed');
      }
      return { sent: true };
    },
  };
}
