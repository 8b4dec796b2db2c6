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
