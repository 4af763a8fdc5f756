import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, for createMailer. */
  url: string;
  /** Every message received so far, parsed, in order of arrival. */
  messages: ParsedMail[];
  /** The oldest message not yet taken, waiting for it if none has arrived. */
  next(): Promise<ParsedMail>;
  close(): Promise<void>;
}

/**
 * An in-process SMTP server for tests: it accepts any sender, recipient and login, without TLS, and
 * parses each message. A message is parsed before the server acknowledges it, so once the sender's
 * `send` resolves the message is already in `messages`.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  let taken = 0;
  // Waiters exist only while every received message has been taken.
  const waiters: Array<{ resolve: (mail: ParsedMail) => void; reject: (error: Error) => void }> = [];

  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
    onData: (stream, _session, callback) => {
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          const waiter = waiters.shift();
          if (waiter) {
            taken++;
            waiter.resolve(mail);
          }
          callback();
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    next() {
      const ready = messages[taken];
      if (ready) {
        taken++;
        return Promise.resolve(ready);
      }
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
    close() {
      for (const waiter of waiters.splice(0)) waiter.reject(new Error('The SMTP sink was closed before another message arrived'));
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
