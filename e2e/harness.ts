/**
 * Browser test harness: the offline runtime and Vite on free ports in this process, and Debian's
 * Chromium driven by playwright-core. Shared by the e2e journeys and the benchmarks.
 */
import { createServer as createNetServer } from "node:net";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type ConsoleMessage,
  type Page,
} from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { startRuntime, type Runtime } from "../dev/runtime";
import type { SeedSize } from "../dev/seed";

export const ROOT = resolve(import.meta.dirname, "..");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createNetServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

export type Stack = { runtime: Runtime; vite: ViteDevServer; appUrl: string; browser: Browser; stop(): Promise<void> };

/** Runtime + Vite + Chromium. The first page load is warmed up so Vite's dependency scan is done. */
export async function startStack(seed: SeedSize = "demo"): Promise<Stack> {
  process.env.OFFLINE_QUIET = "1";
  const runtime = await startRuntime({ port: 0, httpActionsPort: 0, seed });
  process.env.VITE_CONVEX_URL = runtime.url;
  // The customer tracking page calls the HTTP actions on their own (random) port.
  if (runtime.httpActionsUrl) process.env.VITE_CONVEX_SITE_URL = runtime.httpActionsUrl;
  process.env.VITE_OFFLINE_DEMO = "1";
  const vitePort = await freePort();
  const vite = await createServer({
    root: ROOT,
    logLevel: "warn",
    clearScreen: false,
    server: { host: "127.0.0.1", port: vitePort, strictPort: true, hmr: false },
  });
  await vite.listen();
  const appUrl = `http://127.0.0.1:${vitePort}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  await warmUp(browser, appUrl);
  return {
    runtime,
    vite,
    appUrl,
    browser,
    async stop() {
      await browser.close().catch(() => {});
      await vite.close().catch(() => {});
      await runtime.stop().catch(() => {});
    },
  };
}

/** Loads the sign-in page once so Vite finishes optimizing dependencies before the tests look. */
async function warmUp(browser: Browser, appUrl: string) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await page.goto(`${appUrl}/signin`, { waitUntil: "networkidle", timeout: 60_000 });
      await page
        .getByRole("button", { name: /Sign in as/ })
        .first()
        .waitFor({ timeout: 30_000 });
      break;
    } catch {
      // Vite may reload once after discovering a dependency; try again.
    }
  }
  await ctx.close();
}

/**
 * How long a journey waits for the system to reach a state (server work such as a scheduled label
 * purchase, or the page showing it). Waits follow state: they end as soon as the state is reached,
 * so a generous ceiling costs nothing on a quiet machine and keeps a loaded one from failing.
 * E2E_STATE_TIMEOUT_MS overrides it.
 */
export const STATE_TIMEOUT_MS = Number(process.env.E2E_STATE_TIMEOUT_MS ?? 90_000);

/**
 * Polls `probe` until it returns a value (not undefined); on timeout the error names `what` and
 * the last state seen (`describe`), so a slow machine and a real bug read differently.
 */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  describe: () => string = () => "",
  ms = STATE_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + ms;
  let pause = 50;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${ms} ms waiting for ${what}${describe() ? ` (last seen: ${describe()})` : ""}`);
    await new Promise((r) => setTimeout(r, pause));
    pause = Math.min(1000, pause * 2);
  }
}

export type Person = { ctx: BrowserContext; page: Page; errors: string[] };

const ROLE_LABELS = { admin: "Admin", supervisor: "Supervisor", floor: "Floor" } as const;
export type Role = keyof typeof ROLE_LABELS;

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
/** A phone held in the hand: the floor pages and the customer portal are built for this first. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

/** A fresh browser context (a desktop unless told otherwise) whose page collects console errors. */
export async function newPerson(
  browser: Browser,
  { device = DESKTOP, initScript }: { device?: BrowserContextOptions; initScript?: string } = {},
): Promise<Person> {
  const ctx = await browser.newContext(device);
  if (initScript) await ctx.addInitScript(initScript);
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on("console", (m: ConsoleMessage) => {
    if (m.type() === "error") errors.push(`[console] ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`[pageerror] ${e.message}`));
  return { ctx, page, errors };
}

/**
 * A fresh browser context signed in through the demo sign-in page; collects console errors. On a
 * phone (`phone: true`) the menu is a drawer, so only the page change is waited for.
 */
export async function signIn(
  stack: Pick<Stack, "browser" | "appUrl">,
  role: Role,
  { phone = false, initScript }: { phone?: boolean; initScript?: string } = {},
): Promise<Person> {
  const person = await newPerson(stack.browser, { device: phone ? PHONE : DESKTOP, initScript });
  const { page } = person;
  await page.goto(`${stack.appUrl}/signin`);
  await page.getByRole("button", { name: `Sign in as ${ROLE_LABELS[role]}` }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/signin"), { timeout: STATE_TIMEOUT_MS });
  if (!phone) await page.getByRole("navigation", { name: "Main" }).waitFor({ timeout: STATE_TIMEOUT_MS });
  return person;
}

export const ARTIFACTS = resolve(ROOT, "e2e/artifacts");

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = resolve(ARTIFACTS, `${name.replace(/[^a-z0-9-]+/gi, "-")}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => {});
  return file;
}
