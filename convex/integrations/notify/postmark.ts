/**
 * Email through Postmark's HTTP API: POST {base}/email with the X-Postmark-Server-Token header;
 * the answer carries MessageID, and ErrorCode 0 on success (non-zero with Message otherwise).
 */
import { postMessage, type NotificationProvider, type OutgoingMessage } from "./types";

export type PostmarkConfig = { serverToken: string; from: string; baseUrl?: string; messageStream?: string };

type PostmarkResponse = { To?: string; SubmittedAt?: string; MessageID?: string; ErrorCode: number; Message: string };

export function postmarkProvider(cfg: PostmarkConfig): NotificationProvider {
  const base = (cfg.baseUrl ?? "https://api.postmarkapp.com").replace(/\/$/, "");
  return {
    name: "postmark",
    channel: "email",
    async send(m: OutgoingMessage) {
      const headers = {
        Accept: "application/json",
        "Content-Type": "application/json",
        "X-Postmark-Server-Token": cfg.serverToken,
      };
      const body = JSON.stringify({
        From: cfg.from,
        To: m.to,
        Subject: m.subject ?? "",
        HtmlBody: m.body,
        TextBody: m.text,
        MessageStream: cfg.messageStream ?? "outbound",
      });
      return postMessage<PostmarkResponse>(`${base}/email`, { headers, body }, (res, data) => {
        if (res.ok && data && data.ErrorCode === 0 && data.MessageID) return data.MessageID;
        return {
          why: data
            ? `Postmark ${res.status} (ErrorCode ${data.ErrorCode}): ${data.Message}`
            : `Postmark answered ${res.status}`,
          // ErrorCode 429 is Postmark's rate limit, 100 its maintenance: both pass later.
          retryable: data?.ErrorCode === 429 || data?.ErrorCode === 100,
        };
      });
    },
  };
}
