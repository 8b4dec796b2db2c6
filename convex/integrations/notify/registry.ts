"use node";
/**
 * Which providers are configured, from Convex environment variables (never the repo):
 *   email: POSTMARK_SERVER_TOKEN (+ POSTMARK_BASE_URL) or SMTP_HOST (+ SMTP_PORT, SMTP_SECURE,
 *          SMTP_USER, SMTP_PASS), sender NOTIFY_FROM_EMAIL; NOTIFY_EMAIL_PROVIDER picks one if both.
 *   sms:   TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM (+ TWILIO_BASE_URL).
 * Nothing configured is the offline default: messages stay in the outbox as "offline".
 */
import { postmarkProvider } from "./postmark";
import { smtpProvider } from "./smtp";
import { twilioProvider } from "./twilio";
import type { NotificationProvider, NotifyChannel } from "./types";

type Env = Record<string, string | undefined>;

export function providersFromEnv(env: Env): Partial<Record<NotifyChannel, NotificationProvider>> {
  const out: Partial<Record<NotifyChannel, NotificationProvider>> = {};
  const from = env.NOTIFY_FROM_EMAIL;
  const choice =
    env.NOTIFY_EMAIL_PROVIDER ?? (env.POSTMARK_SERVER_TOKEN ? "postmark" : env.SMTP_HOST ? "smtp" : undefined);
  if (from && choice === "postmark" && env.POSTMARK_SERVER_TOKEN) {
    out.email = postmarkProvider({ serverToken: env.POSTMARK_SERVER_TOKEN, from, baseUrl: env.POSTMARK_BASE_URL });
  } else if (from && choice === "smtp" && env.SMTP_HOST) {
    const secure = env.SMTP_SECURE === "true";
    out.email = smtpProvider({
      host: env.SMTP_HOST,
      port: Number(env.SMTP_PORT ?? (secure ? 465 : 587)),
      secure,
      user: env.SMTP_USER,
      pass: env.SMTP_PASS,
      from,
      requireTls: env.SMTP_REQUIRE_TLS === "true",
    });
  }
  if (env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM) {
    out.sms = twilioProvider({
      accountSid: env.TWILIO_ACCOUNT_SID,
      authToken: env.TWILIO_AUTH_TOKEN,
      from: env.TWILIO_FROM,
      baseUrl: env.TWILIO_BASE_URL,
    });
  }
  return out;
}
