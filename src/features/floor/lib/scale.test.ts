import { describe, expect, it } from "vitest";
import { parseScaleReading } from "./scale";

describe("parseScaleReading", () => {
  it("reads the usual scale lines into grams", () => {
    expect(parseScaleReading("ST,GS,+  1.234kg")).toBe(1234);
    expect(parseScaleReading("  1900 g")).toBe(1900);
    expect(parseScaleReading("2.5 lb")).toBe(1134);
    expect(parseScaleReading("10 oz")).toBe(283);
    expect(parseScaleReading("0,42 kg")).toBe(420);
  });
  it("refuses unstable, zero, negative and unreadable lines", () => {
    expect(parseScaleReading("US,GS,+  1.234kg")).toBeNull();
    expect(parseScaleReading("ST,GS,+  0.000kg")).toBeNull();
    expect(parseScaleReading("-5 g")).toBeNull();
    expect(parseScaleReading("ERR")).toBeNull();
  });
});
