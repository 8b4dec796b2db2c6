import { expect, test } from "vitest";
import { seedFloor } from "./model/seed/floor";
import { setupTest } from "./testing/setup.testing";

test("the floor demo seed adds the box types once", async () => {
  const { t } = await setupTest();
  expect(await t.run((ctx) => seedFloor(ctx))).toBe(4);
  expect(await t.run((ctx) => seedFloor(ctx))).toBe(0);
  const boxes = await t.run((ctx) => ctx.db.query("boxTypes").collect());
  expect(boxes.map((b) => b.code)).toEqual(["MAILER", "S", "M", "L"]);
  expect(boxes.every((b) => b.active && b.tareGrams > 0)).toBe(true);
});
