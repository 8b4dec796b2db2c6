"use node";
/**
 * Email over SMTP with nodemailer (Node runtime). Temporary failures (4xx replies, connection
 * errors) are retryable; permanent 5xx replies (unknown mailbox, relay refused) are not.
 */
import nodemailer from "nodemailer";
import { NotifyError, type NotificationProvider, type OutgoingMessage } from "./types";

export type SmtpConfig = {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  pass?: string;
  from: string;
  requireTls?: boolean;
};

export function smtpProvider(cfg: SmtpConfig): NotificationProvider {
  const transport = nodemailer.createTransport({
    host: cfg.host,
    port: cfg.port,
    secure: cfg.secure,
    auth: cfg.user ? { user: cfg.user, pass: cfg.pass ?? "" } : undefined,
    requireTLS: cfg.requireTls ?? false,
    ignoreTLS: !cfg.secure && !cfg.requireTls,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    name: "smtp",
    channel: "email",
    async send(m: OutgoingMessage) {
      try {
        const info = await transport.sendMail({
          from: cfg.from,
          to: m.to,
          subject: m.subject ?? "",
          html: m.body,
          text: m.text,
        });
        return { providerId: info.messageId };
      } catch (e) {
        const err = e as Error & { responseCode?: number };
        const permanent = typeof err.responseCode === "number" && err.responseCode >= 500;
        throw new NotifyError(`SMTP ${err.responseCode ?? "error"}: ${err.message}`, !permanent);
      }
    },
  };
}
