/**
 * The client, light and accessible, measured on the production build (`vite build` with the
 * offline runtime's URL baked in, served by `vite preview`, the runtime seeded with the demo):
 *  - `main_bundle_gzip_kb`: the JavaScript every visitor downloads before the first page — the
 *    entry chunk of dist/index.html and every chunk it modulepreloads — gzipped (kB = 1,000 bytes,
 *    as Vite reports). Pages, recharts, papaparse, html5-qrcode and Clerk are in lazy chunks.
 *  - `axe_serious_violations`: axe-core's serious and critical violations summed over every page
 *    of every role (admin, supervisor, floor: each page of their menu plus the detail pages they
 *    reach — an order, its return form, an RMA, a pick list, a pack station) and the public
 *    sign-in and tracking pages. `axe_pages_checked` says how many pages that was.
 *  - `lighthouse_mobile_orders`: Lighthouse's performance score (0–100, its default mobile
 *    settings: emulated phone, simulated slow 4G and 4× CPU) for /orders, signed in as a supervisor.
 *  - `boards_cls`: cumulative layout shift of /boards in the same Lighthouse mobile run (sections
 *    reserve their space while their live queries load).
 * Lighthouse and axe-core come from npm; the browser is Debian's Chromium (/usr/bin/chromium).
 * `FRONTEND_AXE=0` skips the axe pass (about 120 pages; minutes on a loaded machine).
 * Lighthouse's performance score simulates a slow phone from the main-thread work it observes, so
 * it reads low on a machine whose cores are busy with other work: measure on a quiet machine.
 */
import { gzipSync } from "node:zlib";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { chromium, type Page } from "playwright-core";
import { build, preview } from "vite";
import { launch } from "chrome-launcher";
import puppeteer from "puppeteer-core";
import lighthouse from "lighthouse";
import { CHROMIUM, CHROMIUM_ARGS, freePort, ROOT, STATE_TIMEOUT_MS } from "../e2e/harness";
import { axeViolations, describeViolations } from "../e2e/axe";
import { startRuntime } from "../dev/runtime";
import { navFor } from "../src/components/layout/nav";
import { DEMO_STORAGE_KEY } from "../src/auth/demo";

export const targets = {
  main_bundle_gzip_kb: { max: 200 },
  axe_serious_violations: { max: 0 },
  lighthouse_mobile_orders: { min: 90 },
  boards_cls: { max: 0.1 },
};

type Role = "admin" | "supervisor" | "floor";
const ROLES: readonly Role[] = ["admin", "supervisor", "floor"];

/** The gzipped size of the JavaScript index.html loads up front (entry + modulepreloads), in kB. */
export function mainBundleGzipKb(dist: string): number {
  const html = readFileSync(resolve(dist, "index.html"), "utf8");
  const files = new Set<string>();
  for (const m of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) files.add(m[1]);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)) files.add(m[1]);
  let bytes = 0;
  for (const f of files) bytes += gzipSync(readFileSync(resolve(dist, `.${f}`))).length;
  return Math.round(bytes / 100) / 10;
}

async function buildAndServe(runtime: { url: string; httpActionsUrl?: string | null }) {
  const outDir = resolve(ROOT, "bench/.tmp/dist-frontend");
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  process.env.VITE_CONVEX_URL = runtime.url;
  if (runtime.httpActionsUrl) process.env.VITE_CONVEX_SITE_URL = runtime.httpActionsUrl;
  process.env.VITE_OFFLINE_DEMO = "1";
  await build({ root: ROOT, logLevel: "warn", build: { outDir, emptyOutDir: true } });
  const port = await freePort();
  const server = await preview({
    root: ROOT,
    logLevel: "warn",
    build: { outDir },
    preview: { host: "127.0.0.1", port, strictPort: true },
  });
  return { outDir, server, appUrl: `http://127.0.0.1:${port}` };
}

/** Waits until the page shows its heading and no section is still loading. */
async function settled(page: Page) {
  await page.getByRole("heading", { level: 1 }).first().waitFor({ timeout: STATE_TIMEOUT_MS });
  await page
    .locator("main .loading-block")
    .first()
    .waitFor({ state: "detached", timeout: STATE_TIMEOUT_MS })
    .catch(() => {});
}

/** The first link on a list page whose path matches, for the detail pages of the demo data. */
async function firstLink(page: Page, url: string, pattern: RegExp): Promise<string | undefined> {
  await page.goto(url);
  await settled(page);
  const hrefs = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.find((h) => pattern.test(h));
}

async function axeEveryPage(appUrl: string) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  let violations = 0;
  let pages = 0;
  const report: string[] = [];
  try {
    const check = async (page: Page, where: string) => {
      const found = await axeViolations(page);
      pages += 1;
      violations += found.reduce((s, v) => s + v.targets.length, 0);
      if (found.length) report.push(`${where}: ${describeViolations(found)}`);
    };
    // Public pages.
    {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      for (const path of ["/signin", "/track"]) {
        await page.goto(`${appUrl}${path}`);
        await page.getByRole("heading", { level: 1 }).first().waitFor({ timeout: STATE_TIMEOUT_MS });
        await check(page, path);
      }
      await ctx.close();
    }
    for (const role of ROLES) {
      for (const viewport of [
        { width: 1280, height: 900 },
        { width: 390, height: 844 },
      ]) {
        const ctx = await browser.newContext({ viewport });
        await ctx.addInitScript(([key, value]) => localStorage.setItem(key, value), [DEMO_STORAGE_KEY, role] as const);
        const page = await ctx.newPage();
        const paths = navFor(role).map((i) => i.to);
        const detail = [
          await firstLink(page, `${appUrl}/orders`, /^\/orders\/[a-z0-9]{20,}$/),
          await firstLink(page, `${appUrl}/returns`, /^\/returns\/[a-z0-9]{20,}$/),
          await firstLink(page, `${appUrl}/floor/pick`, /^\/floor\/pick\/[a-z0-9]{20,}$/),
          await firstLink(page, `${appUrl}/floor/pack`, /^\/floor\/pack\/[a-z0-9]{20,}$/),
        ].filter((p): p is string => p !== undefined);
        const order = detail.find((p) => p.startsWith("/orders/"));
        if (order && role !== "floor") detail.push(`${order}/return`);
        for (const path of [...paths, ...detail]) {
          await page.goto(`${appUrl}${path}`);
          await settled(page);
          await check(page, `${path} as ${role} (${viewport.width}px)`);
        }
        await ctx.close();
      }
    }
  } finally {
    await browser.close();
  }
  if (report.length) console.log(`[frontend] axe:\n  ${report.join("\n  ")}`);
  return { axe_serious_violations: violations, axe_pages_checked: pages };
}

async function lighthouseRuns(appUrl: string) {
  const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: ["--headless=new", ...CHROMIUM_ARGS] });
  try {
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
    const page = await browser.newPage();
    await page.goto(`${appUrl}/signin`);
    await page.evaluate((key) => localStorage.setItem(key, "supervisor"), DEMO_STORAGE_KEY);
    const run = async (path: string) => {
      const result = await lighthouse(
        `${appUrl}${path}`,
        { port: chrome.port, disableStorageReset: true, onlyCategories: ["performance"], logLevel: "error" },
        undefined,
        page,
      );
      if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
      const lhr = result.lhr;
      const audit = (id: string) => lhr.audits[id]?.numericValue;
      console.log(
        `[frontend] lighthouse ${path}: score ${Math.round((lhr.categories.performance.score ?? 0) * 100)}, FCP ${audit("first-contentful-paint")?.toFixed(0)} ms, LCP ${audit("largest-contentful-paint")?.toFixed(0)} ms, TBT ${audit("total-blocking-time")?.toFixed(0)} ms, CLS ${audit("cumulative-layout-shift")?.toFixed(3)}`,
      );
      return lhr;
    };
    const orders = await run("/orders");
    const boards = await run("/boards");
    await browser.disconnect();
    return {
      lighthouse_mobile_orders: Math.round((orders.categories.performance.score ?? 0) * 100),
      boards_cls: Math.round((boards.audits["cumulative-layout-shift"]?.numericValue ?? NaN) * 1000) / 1000,
    };
  } finally {
    chrome.kill();
  }
}

export async function benchFrontend(): Promise<Record<string, number>> {
  process.env.OFFLINE_QUIET = "1";
  const runtime = await startRuntime({ port: 0, httpActionsPort: 0, seed: "demo" });
  try {
    const { outDir, server, appUrl } = await buildAndServe(runtime);
    try {
      const main_bundle_gzip_kb = mainBundleGzipKb(outDir);
      console.log(`[frontend] main bundle ${main_bundle_gzip_kb} kB gzip; production build on ${appUrl}`);
      const lh = await lighthouseRuns(appUrl);
      const axe = process.env.FRONTEND_AXE === "0" ? {} : await axeEveryPage(appUrl);
      return { main_bundle_gzip_kb, ...lh, ...axe };
    } finally {
      await new Promise<void>((r) => server.httpServer.close(() => r()));
    }
  } finally {
    await runtime.stop();
  }
}
