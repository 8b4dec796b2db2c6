/**
 * The notification provider interface: one `send` per message, answering with the provider's
 * message id or throwing a NotifyError that says whether trying again can help. Adapters only
 * talk to their vendor; the worker (worker.ts) picks them from the environment.
 */
export type NotifyChannel = "email" | "sms";

export type OutgoingMessage = {
  to: string;
  /** Email only. */
  subject?: string;
  /** Email: the HTML body; SMS: the text. */
  body: string;
  /** Email: the plain-text alternative. */
  text?: string;
};

export interface NotificationProvider {
  readonly name: string;
  readonly channel: NotifyChannel;
  send(message: OutgoingMessage): Promise<{ providerId: string }>;
}

export class NotifyError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "NotifyError";
  }
}

/** 408, 429 and 5xx may pass later; other 4xx will not. */
export function retryableStatus(status: number) {
  return status === 408 || status === 429 || status >= 500;
}

/** fetch with a time limit; network failures and timeouts are retryable. */
export async function fetchWithTimeout(url: string, init: RequestInit, timeoutMs = 10_000): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    throw new NotifyError(`Could not reach ${new URL(url).host}: ${(e as Error).message}`, true);
  }
}

/**
 * One message POSTed to an HTTP provider. `verdict` reads the answer (its JSON body, undefined when
 * it is not JSON) and gives the provider's message id, or why it failed; a failure is a NotifyError,
 * retryable when the status says so or the verdict knows the provider's own "later" codes.
 */
export async function postMessage<Answer>(
  url: string,
  init: Omit<RequestInit, "method">,
  verdict: (res: Response, answer: Answer | undefined) => string | { why: string; retryable?: boolean },
): Promise<{ providerId: string }> {
  const res = await fetchWithTimeout(url, { ...init, method: "POST" });
  const answer = (await res.json().catch(() => undefined)) as Answer | undefined;
  const v = verdict(res, answer);
  if (typeof v === "string") return { providerId: v };
  throw new NotifyError(v.why, retryableStatus(res.status) || v.retryable === true);
}
