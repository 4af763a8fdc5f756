import type { AddressObject } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../http/errors';
import { startSmtpSink, type SmtpSink } from '../test/smtp-sink';
import { createMailer } from './mailer';

const FROM = '"Tobira 扉" <noreply@tobira.example>';
const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address));

describe('createMailer', () => {
  let sink: SmtpSink;
  beforeEach(async () => {
    sink = await startSmtpSink();
  });
  afterEach(async () => {
    await sink.close();
  });

  it('delivers a Japanese subject and body intact', async () => {
    const mailer = createMailer({ url: sink.url, from: FROM });
    expect(mailer.configured).toBe(true);
    // Long enough that the encoded subject is folded over several lines.
    const subject = '【扉】山田太郎さんのチャリティーランへのご寄付ありがとうございました 🏃‍♀️ 東京マラソン2026';
    const text = '佐藤 花子 様\n\nご寄付（5,000円）を確かに受け取りました。\nمع الشكر — Thank you!\n';
    const arriving = sink.next();
    await expect(mailer.send({ to: 'hanako@example.org', subject, text })).resolves.toEqual({ sent: true });
    const mail = await arriving;
    expect(mail.subject).toBe(subject);
    expect(mail.text).toBe(text);
    expect(addresses(mail.to)).toEqual(['hanako@example.org']);
    expect(mail.from?.value[0]).toEqual({ name: 'Tobira 扉', address: 'noreply@tobira.example' });
  });

  it('logs in when the URL carries credentials, and the sink hands out messages in order', async () => {
    const mailer = createMailer({ url: sink.url.replace('smtp://', 'smtp://tobira:s%40cret@'), from: FROM });
    await mailer.send({ to: 'a@example.org', subject: 'one', text: '1' });
    await mailer.send({ to: 'b@example.org', subject: 'two', text: '2' });
    expect(sink.messages.map((m) => m.subject)).toEqual(['one', 'two']);
    expect((await sink.next()).subject).toBe('one');
    expect((await sink.next()).subject).toBe('two');
  });

  it('without a URL is not configured and sends nothing, without failing', async () => {
    for (const url of [undefined, '', '  ']) {
      const mailer = createMailer({ url, from: FROM });
      expect(mailer.configured).toBe(false);
      await expect(mailer.send({ to: 'a@example.org', subject: 's', text: 't' })).resolves.toEqual({ sent: false, reason: 'not_configured' });
    }
  });

  it('turns a transport failure into 502 mail.send_failed that carries nothing of the message', async () => {
    const closed = await startSmtpSink();
    await closed.close();
    const mailer = createMailer({ url: closed.url, from: FROM });
    const error = await mailer.send({ to: 'private@example.org', subject: '秘密の件名', text: '秘密の本文' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 502, code: 'mail.send_failed', fields: {}, params: {} });
    const everything = JSON.stringify({ ...(error as AppError), message: (error as AppError).message, cause: (error as AppError).cause });
    expect(everything).not.toMatch(/private@example\.org|秘密/);
  });

  it('the sink rejects a pending next() when it closes', async () => {
    const other = await startSmtpSink();
    const pending = other.next();
    await other.close();
    await expect(pending).rejects.toThrow(/closed/);
  });
});
