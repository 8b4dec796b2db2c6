/**
 * Floor figures in Chromium on a phone viewport, with a keyboard-wedge scanner simulated by key
 * bursts (Playwright types each code, then Enter; see e2e/floor/shift.ts):
 *  - `scans_lost_after_taps`: 100 unit scans (4 lines × 25, products set to "scan every unit")
 *    with 1–2 random taps between scans (heading, task card, banner, recent scans, "Type code",
 *    the short-pick dialog opened and cancelled, empty page); a scan is lost when its burst shows
 *    no new result. Target 0.
 *  - `pick_seconds_per_line`: a 10-line list of 29 units (multi-unit lines, bin scans required),
 *    picked scan-once-and-confirm (bin, product, keypad confirm); wall clock from the first burst
 *    to the list done, per line. `pick_seconds_per_line_scan_every_unit` is the same list when
 *    every unit must be scanned; `pick_speedup_vs_scan_every_unit` their ratio (target ≥ 1).
 *    `pick_scans_per_line`: bursts + keypad confirms per line.
 *  - `scan_to_verified_ms`: the camera journey of e2e/floor (fake camera playing rendered
 *    barcodes; first frame with the barcode → result painted), median of its scans. Target ≤ 1000.
 */
import { readFileSync } from "node:fs";
import { signIn, startStack, type Person, type Stack } from "../e2e/harness";
import { FRAME_PROBE } from "../e2e/floor/timing";
import { FLOOR_JOURNEYS } from "../e2e/floor/journeys";
import { makeShiftWork, pickList, WedgeDriver, type ShiftWork } from "../e2e/floor/shift";
import { RESULTS } from "../e2e/floor/results";
import { prng } from "../convex/lib/prng";

const PACE = [3, 1, 4, 2, 5, 1, 2, 3, 6, 2];

async function claimed(stack: Stack, work: ShiftWork): Promise<Person> {
  const phone = await signIn(stack, "floor", { phone: true, initScript: FRAME_PROBE });
  await phone.page.goto(`${stack.appUrl}/floor/pick/${work.pickListId}`);
  await phone.page.getByRole("button", { name: `Claim ${work.pickListNumber}` }).tap();
  await phone.page.getByTestId("current-task").waitFor();
  await phone.page.getByTestId("wedge-input").waitFor();
  return phone;
}

async function lostAfterTaps(stack: Stack) {
  const work = await makeShiftWork(stack, "LOST", [25, 25, 25, 25], { requireBinScan: false, scanEveryUnit: true });
  const phone = await claimed(stack, work);
  try {
    const random = prng(2026).next;
    const driver = new WedgeDriver(phone.page, random, 1);
    // 1–2 taps between scans.
    const taps = driver.taps.bind(driver);
    driver.taps = async () => {
      await taps();
      if (random() < 0.5) await driver.tap();
    };
    await pickList(stack, phone.page, { work, driver, keypad: false });
    if (phone.errors.length) throw new Error(`console errors: ${phone.errors.join(" | ")}`);
    return {
      scans_lost_after_taps: driver.stats.lost,
      scans_after_taps_total: driver.stats.scans,
      taps_between_scans_total: driver.stats.taps,
    };
  } finally {
    await phone.ctx.close();
  }
}

async function pace(stack: Stack, scanEveryUnit: boolean) {
  const work = await makeShiftWork(stack, scanEveryUnit ? "EVERY" : "PACE", PACE, {
    requireBinScan: true,
    scanEveryUnit,
  });
  const phone = await claimed(stack, work);
  try {
    const driver = new WedgeDriver(phone.page, prng(1).next, 0);
    await pickList(stack, phone.page, { work, driver, keypad: true });
    await phone.page.getByTestId("list-done").waitFor();
    if (driver.stats.lost) throw new Error(`${driver.stats.lost} scans lost while timing`);
    return {
      seconds: driver.stats.ms / 1000 / PACE.length,
      actions: (driver.stats.scans + driver.stats.keypadConfirms) / PACE.length,
    };
  } finally {
    await phone.ctx.close();
  }
}

export async function benchFloor(): Promise<Record<string, number>> {
  const stack = await startStack("small");
  try {
    const lost = await lostAfterTaps(stack);
    await stack.runtime.reset();
    const once = await pace(stack, false);
    await stack.runtime.reset();
    const every = await pace(stack, true);
    await stack.runtime.reset();
    const camera = FLOOR_JOURNEYS.find((j) => j.name.includes("camera"));
    if (!camera) throw new Error("the camera journey is missing");
    const people: Person[] = [];
    try {
      await camera.run(stack, (_label, p) => (people.push(p), p));
    } finally {
      for (const p of people) await p.ctx.close().catch(() => {});
    }
    const results = JSON.parse(readFileSync(RESULTS, "utf8")) as Record<string, number>;
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      ...lost,
      pick_seconds_per_line: round(once.seconds),
      pick_scans_per_line: round(once.actions),
      pick_seconds_per_line_scan_every_unit: round(every.seconds),
      pick_scans_per_line_scan_every_unit: round(every.actions),
      pick_speedup_vs_scan_every_unit: round(every.seconds / once.seconds),
      scan_to_verified_ms: results.scan_to_verified_ms,
    };
  } finally {
    await stack.stop();
  }
}

/** What the figures should be (bench/run.ts prints each beside its target). */
export const targets = {
  scans_lost_after_taps: { max: 0 },
  scan_to_verified_ms: { max: 1000 },
  pick_speedup_vs_scan_every_unit: { min: 1 },
};
