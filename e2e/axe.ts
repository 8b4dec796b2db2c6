/**
 * axe-core in the browser journeys: `axeViolations(page)` injects axe (the npm package's own
 * source, once per document) and returns the serious and critical violations of the page as it is
 * now; `expectAccessible(page, where)` throws when there is any. The runner checks every person's
 * page at the end of every journey, the navigation journeys check every page of each role, and
 * `npm run bench -- frontend` counts them over every route of every role (`axe_serious_violations`).
 */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** The impacts that fail a journey. */
export const FAILING_IMPACTS = ["serious", "critical"] as const;

export type AxeViolation = { id: string; impact: string; help: string; targets: string[] };

export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === "object");
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async (impacts: readonly string[]) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{ violations: { id: string; impact?: string; help: string; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations
      .filter((v) => v.impact !== undefined && impacts.includes(v.impact))
      .map((v) => ({
        id: v.id,
        impact: v.impact as string,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(" ")),
      }));
  }, FAILING_IMPACTS);
  return found;
}

export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.id} (${v.help}): ${v.targets.join(", ")}`).join("\n      ");
}

/** Throws when the page has a serious or critical axe violation, naming each and where. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0)
    throw new Error(
      `axe: ${violations.length} serious/critical violation(s) on ${where}:\n      ${describeViolations(violations)}`,
    );
}
