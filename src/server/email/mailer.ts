import nodemailer from 'nodemailer';

export type OutgoingEmail = {
  /** The Message-ID header, the same for every attempt at one notification (messageIdFor). */
  messageId: string;
  to: string;
  toName: string;
  subject: string;
  text: string;
  html: string;
};

export type Mailer = {
  /** Sends one email; resolves once the server accepted it, rejects with the server's reason. */
  send(email: OutgoingEmail): Promise<void>;
  /** The Message-ID of a notification's email: its id at the sender's domain, never random. */
  messageIdFor(notificationId: string): string;
  /** Connects and greets the mail server (and signs in, if the URL says how); rejects if not. */
  verify(): Promise<void>;
  close(): void;
};

/**
 * Whether a failed send may still have reached the mail server: the connection broke or went
 * quiet once it was open, with no answer from the server, perhaps after the message was
 * accepted. A refusal (an SMTP reply), a failure to connect or to be greeted, or a mistake on
 * this side means nothing was sent.
 */
export function mayHaveBeenAccepted(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as {
    code?: unknown;
    responseCode?: unknown;
    syscall?: unknown;
    timeoutType?: unknown;
  };
  if (typeof e.responseCode === 'number') return false;
  if (e.code !== 'ECONNECTION' && e.code !== 'ESOCKET' && e.code !== 'ETIMEDOUT') return false;
  if (e.syscall === 'connect') return false;
  return e.timeoutType !== 'CONNECT_TIMEOUT' && e.timeoutType !== 'GREETING_TIMEOUT';
}

/** The SMTP transport (SMTP_URL), e.g. smtp://user:pass@smtp.example.org:587. */
export function createMailer(options: { smtpUrl: string; from: string }): Mailer {
  const domain = /@([^\s>@]+)>?\s*$/.exec(options.from)?.[1] ?? 'plaster.invalid';
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    // Fail an attempt in seconds, not minutes: the job queue retries it later.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(email) {
      await transport.sendMail({
        messageId: email.messageId,
        from: options.from,
        to: { name: email.toName, address: email.to },
        subject: email.subject,
        text: email.text,
        html: email.html,
      });
    },
    messageIdFor: (notificationId) => `<notification.${notificationId}@${domain}>`,
    async verify() {
      await transport.verify();
    },
    close() {
      transport.close();
    },
  };
}
