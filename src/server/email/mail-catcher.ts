import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { CaughtMail } from '../../shared/notifications-api';

/** A caught message, with the Message-ID the sender gave it (what ties it to a notification). */
export type Caught = CaughtMail & { messageId: string | null };

export type MailCatcher = {
  /** smtp://127.0.0.1:PORT, for SMTP_URL. */
  url: string;
  /** What was caught, newest first (at most `keep`). */
  messages(): Caught[];
  close(): Promise<void>;
};

/**
 * A local SMTP server that keeps what it is sent instead of delivering it: the embedded demo's
 * mail server, so notifications can be seen in the app without reaching anyone.
 */
export async function startMailCatcher(
  options: { keep?: number; port?: number } = {},
): Promise<MailCatcher> {
  const keep = options.keep ?? 200;
  const caught: Caught[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 5 * 1024 * 1024,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          caught.unshift({
            id: randomUUID(),
            messageId: mail.messageId ?? null,
            receivedAt: new Date().toISOString(),
            from:
              mail.from?.text ??
              (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : null,
          });
          caught.length = Math.min(caught.length, keep);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages: () => [...caught],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
