import nodemailer from 'nodemailer';

export type OutgoingEmail = {
  to: string;
  toName: string;
  subject: string;
  text: string;
  html: string;
};

export type Mailer = {
  /** Sends one email; resolves with the SMTP message id, rejects with the server's reason. */
  send(email: OutgoingEmail): Promise<string>;
  close(): void;
};

/** The SMTP transport (SMTP_URL), e.g. smtp://user:pass@smtp.example.org:587. */
export function createMailer(options: { smtpUrl: string; from: string }): Mailer {
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    // Fail an attempt in seconds, not minutes: the job queue retries it later.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(email) {
      const info = await transport.sendMail({
        from: options.from,
        to: { name: email.toName, address: email.to },
        subject: email.subject,
        text: email.text,
        html: email.html,
      });
      return info.messageId;
    },
    close() {
      transport.close();
    },
  };
}
