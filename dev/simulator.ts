/**
 * The floor simulator: a demo floor crew that builds pick lists (as Sam Supervisor), picks them
 * scan by scan, packs each shipment and buys its label (as Fran Floor), at a human pace, so a
 * supervisor's boards move while they watch. On by default in `npm start` (OFFLINE_SIMULATOR=0
 * turns it off), off in tests.
 *
 * It is a client like any other: every step is a public function called through the engine with
 * a demo identity (role checks, validation, board triggers and live updates all apply). The only
 * thing it reads directly is a product's barcode, as a scanner reads the label on the item.
 * Anything refused (someone else holds the list, stock moved) is skipped, never retried blindly.
 */
import type { JSONValue } from "convex/values";
import type { Engine } from "./engine";
import { demoToken, identityFromToken, type DemoRole, type Identity } from "./auth";

type Id = string;
type Task = { _id: Id; productId: Id; quantity: number; picked: number; short: number; bin: string };
type Shipment = {
  _id: Id;
  status: string;
  lines: { productId: Id; quantity: number; packed?: number }[];
  claimedBy?: Id;
};
type Warehouse = { _id: Id; kind: string; code: string };
type PickList = { _id: Id; claimedBy?: Id; status: string };

export type SimulatorOptions = {
  /** Pause between two steps (a scan, a box, a label), ms; a random spread of ±50 % applies. */
  stepMs?: number;
  /** Steps run back to back at start (a fresh demo's morning work), 0 = none. */
  warmUpSteps?: number;
  log?: (line: string) => void;
};

const identity = (role: DemoRole): Identity => {
  const r = identityFromToken(demoToken(role));
  if (!r.ok) throw new Error(r.error);
  return r.identity;
};

export function startSimulator(engine: Engine, options: SimulatorOptions = {}): () => void {
  const stepMs = options.stepMs ?? 6000;
  const log = options.log ?? ((l: string) => console.log(`[simulator] ${l}`));
  const floor = identity("floor");
  const supervisor = identity("supervisor");
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const barcodes = new Map<Id, string>();
  /** Shipments the crew gave up on (refused), not tried again this run. */
  const skipped = new Set<Id>();
  let scanNo = 0;
  const runTag = Date.now().toString(36);

  const query = async <T>(path: string, args: Record<string, JSONValue>, who: Identity): Promise<T> => {
    const out = await engine.query(path, args, who);
    if (!out.ok) throw new Error(out.message);
    return out.value as T;
  };
  const mutate = async <T>(path: string, args: Record<string, JSONValue>, who: Identity): Promise<T> => {
    const out = await engine.mutation(path, args, () => who);
    if (!out.ok) throw new Error(out.message);
    return out.value as T;
  };
  const barcodeOf = async (productId: Id): Promise<string | null> => {
    const known = barcodes.get(productId);
    if (known) return known;
    const b = engine.backend;
    const code = (await b.within(() =>
      b.t.run(async (ctx) => {
        const row = await ctx.db
          .query("barcodes")
          .withIndex("by_productId", (q) => q.eq("productId", productId as never))
          .first();
        return row ? (row.code as string) : null;
      }),
    )) as string | null;
    if (code) barcodes.set(productId, code);
    return code;
  };

  /** One action of the crew; false when there was nothing to do. */
  const step = async (): Promise<boolean> => {
    const warehouses = (await query<Warehouse[]>("warehouses:list", {}, floor)).filter((w) => w.kind === "warehouse");
    const me = (await query<{ _id: Id } | null>("members:me", {}, floor).catch(() => null))?._id;
    for (const w of warehouses) {
      // 1. A list we hold: the next scan.
      const lists = [
        ...(await query<PickList[]>("floor:pickLists", { warehouseId: w._id, status: "in_progress" }, floor)),
        ...(await query<PickList[]>("floor:pickLists", { warehouseId: w._id, status: "open" }, floor)),
      ];
      for (const list of lists.filter((l) => l.claimedBy !== undefined && l.claimedBy === me)) {
        const { tasks } = await query<{ tasks: Task[] }>("floor:pickList", { pickListId: list._id }, floor);
        const task = tasks.find((t) => t.picked + t.short < t.quantity);
        if (!task) continue;
        const code = await barcodeOf(task.productId);
        if (!code) {
          await mutate(
            "floor:reportShort",
            {
              pickListId: list._id,
              taskId: task._id,
              quantity: task.quantity - task.picked - task.short,
              reason: "Label unreadable",
            },
            floor,
          );
          return true;
        }
        await mutate(
          "floor:scan",
          { pickListId: list._id, taskId: task._id, code, scanId: `sim-${runTag}-${scanNo++}` },
          floor,
        );
        return true;
      }
      // 2. Picked shipments: pack one (box, scans, finish), then buy its label.
      const queue = await query<Shipment[]>("floor:packQueue", { warehouseId: w._id }, floor);
      const shipment = queue.find((s) => !skipped.has(s._id));
      if (shipment) {
        try {
          await pack(shipment);
        } catch (e) {
          skipped.add(shipment._id);
          log(`left a shipment for a person: ${(e as Error).message}`);
          await mutate("floor:releasePacking", { shipmentId: shipment._id }, floor).catch(() => undefined);
        }
        return true;
      }
      // 3. Open lists nobody holds: claim one.
      const open = await query<PickList[]>("floor:pickLists", { warehouseId: w._id, status: "open" }, floor);
      const free = open.find((l) => !l.claimedBy);
      if (free) {
        await mutate("floor:claimList", { pickListId: free._id }, floor);
        return true;
      }
    }
    // 4. Nothing in hand: the supervisor releases a small batch in the first warehouse with work.
    for (const w of warehouses) {
      try {
        await mutate(
          "floor:buildBatchList",
          { warehouseId: w._id, maxShipments: 3, requireBinScan: false },
          supervisor,
        );
        return true;
      } catch (e) {
        // nothing to pick there
        if (process.env.OFFLINE_TRACE === "1") log(`no batch in ${w.code}: ${(e as Error).message}`);
      }
    }
    return false;
  };

  const pack = async (s: Shipment) => {
    await mutate("floor:claimForPacking", { shipmentId: s._id }, floor);
    const station = await query<{ packages: { _id: Id }[]; boxTypes: { _id: Id; code: string }[] }>(
      "floor:packStation",
      { shipmentId: s._id },
      floor,
    );
    const box = station.boxTypes.find((b) => b.code === "M") ?? station.boxTypes[0];
    const packageId =
      station.packages[0]?._id ??
      (await mutate<Id>(
        "floor:openPackage",
        box
          ? { shipmentId: s._id, boxTypeId: box._id }
          : { shipmentId: s._id, lengthMm: 300, widthMm: 250, heightMm: 150 },
        floor,
      ));
    for (const line of s.lines) {
      const code = await barcodeOf(line.productId);
      if (!code) throw new Error("a product without a barcode");
      for (let i = line.packed ?? 0; i < line.quantity; i++) {
        await mutate("floor:scanIntoPackage", { packageId, code, scanId: `sim-${runTag}-${scanNo++}` }, floor);
      }
    }
    // The scale: the station's estimate (box tare + the contents' catalog grams) plus packing
    // material, never below the contents (a label for less is refused without an override).
    const packed = await query<{
      packages: { _id: Id; weightGrams?: number }[];
      weights: { packageId: Id; contentsGrams: number }[];
    }>("floor:packStation", { shipmentId: s._id }, floor);
    const contents = packed.weights.find((w) => w.packageId === packageId)?.contentsGrams ?? 0;
    const estimate = packed.packages.find((p) => p._id === packageId)?.weightGrams ?? contents + 220;
    const grams = Math.max(contents, Math.round(estimate * (1 + Math.random() * 0.04)));
    await mutate("floor:weighPackage", { packageId, weightGrams: grams }, floor);
    await mutate("floor:finishPacking", { shipmentId: s._id }, floor);
    await mutate("shipping:shopRates", { shipmentId: s._id, autoBuy: true }, floor);
  };

  const loop = async (warmUp: number) => {
    let left = warmUp;
    while (!stopped && left > 0) {
      left -= 1;
      const did = await step().catch((e: unknown) => {
        log(`step refused: ${(e as Error).message}`);
        return true;
      });
      if (!did) break;
    }
    if (warmUp > 0 && !stopped)
      log(`the morning's work is done (${warmUp - left} steps); the crew continues at a human pace`);
    const next = () => {
      if (stopped) return;
      timer = setTimeout(
        () => {
          void step()
            .catch((e: unknown) => log(`step refused: ${(e as Error).message}`))
            .finally(next);
        },
        stepMs * (0.5 + Math.random()),
      );
    };
    next();
  };
  void loop(options.warmUpSteps ?? 0);
  log(
    `on: picking, packing and shipping demo work every ~${Math.round(stepMs / 1000)} s as Fran Floor (OFFLINE_SIMULATOR=0 turns it off)`,
  );
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
