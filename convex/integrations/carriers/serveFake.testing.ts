/**
 * A vendor fake's life in a test file: its server on 127.0.0.1 started before the file's tests
 * and stopped after; faults, delays and rate limits cleared before each test, so one test's
 * trouble never leaks into the next. `env` sets the deployment's variables (given the server's
 * URL) for the file and restores the environment afterwards; `onStart` builds what needs the URL.
 */
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { FakeVendor } from "./fakeServer.testing";

export function serveFake(
  fake: { vendor: FakeVendor },
  { env, onStart }: { env?: (url: string) => Record<string, string>; onStart?: (url: string) => void } = {},
) {
  const saved = { ...process.env };
  beforeAll(async () => {
    const url = await fake.vendor.start();
    if (env) Object.assign(process.env, env(url));
    onStart?.(url);
  });
  afterAll(async () => {
    if (env) process.env = saved;
    await fake.vendor.stop();
  });
  beforeEach(() => {
    fake.vendor.faults.length = 0;
    fake.vendor.delayMs = 0;
    fake.vendor.rateLimit = undefined;
  });
}
