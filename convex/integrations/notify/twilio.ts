/**
 * SMS through Twilio's Messages API: POST {base}/2010-04-01/Accounts/{sid}/Messages.json,
 * form-encoded To/From/Body, HTTP basic auth (account sid : auth token); 201 with the message's
 * `sid`, or an error object { code, message, status }.
 */
import { postMessage, type NotificationProvider, type OutgoingMessage } from "./types";

export type TwilioConfig = { accountSid: string; authToken: string; from: string; baseUrl?: string };

type TwilioAnswer = { sid?: string; status?: string; code?: number; message?: string };

export function twilioProvider(cfg: TwilioConfig): NotificationProvider {
  const base = (cfg.baseUrl ?? "https://api.twilio.com").replace(/\/$/, "");
  const auth = `Basic ${btoa(`${cfg.accountSid}:${cfg.authToken}`)}`;
  return {
    name: "twilio",
    channel: "sms",
    async send(m: OutgoingMessage) {
      const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(cfg.accountSid)}/Messages.json`;
      const headers = {
        Authorization: auth,
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/json",
      };
      const body = new URLSearchParams({ To: m.to, From: cfg.from, Body: m.body }).toString();
      return postMessage<TwilioAnswer>(url, { headers, body }, (res, data) =>
        res.ok && data?.sid
          ? data.sid
          : { why: `Twilio ${res.status}${data?.code ? ` (${data.code})` : ""}: ${data?.message ?? "no message"}` },
      );
    },
  };
}
