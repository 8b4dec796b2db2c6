import { describe, expect, it } from "vitest";
import { validateWarehouseForm, warehouseFormValues } from "./warehouseForm";

const valid = () => ({
  ...warehouseFormValues(),
  code: "chi-1",
  name: "Chicago",
  address: {
    ...warehouseFormValues().address,
    name: "Dock",
    line1: "1 Dock Rd",
    city: "Chicago",
    region: "IL",
    postalCode: "60601",
  },
  latitude: "41.88",
  longitude: "-87.63",
});

describe("validateWarehouseForm", () => {
  it("builds the server input, code upper-cased", () => {
    const { input, errors } = validateWarehouseForm(valid());
    expect(errors).toEqual({});
    expect(input).toMatchObject({
      code: "CHI-1",
      latitude: 41.88,
      longitude: -87.63,
      cutoffLocal: "15:00",
      priority: 0,
    });
  });

  it("says what the server says, keyed the same way", () => {
    const { errors } = validateWarehouseForm({
      ...valid(),
      kind: "dropship",
      cutoffLocal: "25:00",
      timezone: "Mars/Base",
      latitude: "91",
      address: { ...valid().address, postalCode: "6060" },
    });
    expect(errors.cutoffLocal).toBe("Cutoff is a 24-hour time like 15:30.");
    expect(errors.timezone).toBe('"Mars/Base" is not a time zone (e.g. America/Chicago).');
    expect(errors.latitude).toBe("Latitude is between −90 and 90.");
    expect(errors.leadTimeDays).toBe("A dropship supplier needs a lead time.");
    expect(errors["address.postalCode"]).toMatch(/not a valid United States postal code/);
  });

  it("carries the label printer's format (PDF unless set), and an existing warehouse's setting back into the form", () => {
    expect(validateWarehouseForm(valid()).input?.labelFormat).toBe("PDF");
    expect(validateWarehouseForm({ ...valid(), labelFormat: "ZPL" }).input?.labelFormat).toBe("ZPL");
    const existing = {
      ...validateWarehouseForm(valid()).input!,
      labelFormat: "PNG" as const,
      _id: "w" as never,
      _creationTime: 0,
      active: true,
    };
    expect(warehouseFormValues(existing).labelFormat).toBe("PNG");
  });
});
