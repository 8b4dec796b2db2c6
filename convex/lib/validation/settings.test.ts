import { describe, expect, test } from "vitest";
import { exceptionSettingsErrors } from "./settings";
import { DEFAULT_FRAUD_SETTINGS } from "./types";

const ok = {
  fraud: DEFAULT_FRAUD_SETTINGS,
  stuck: { awaitingFulfilmentHours: 24, noScanHours: 48, ackWarningHours: 4 },
};

describe("exceptionSettingsErrors (the server's refusal and the form's check)", () => {
  test("the defaults pass", () => {
    expect(exceptionSettingsErrors(ok)).toEqual({});
  });

  test("every value out of range is named by its path, the edges included", () => {
    const errors = exceptionSettingsErrors({
      fraud: {
        ...DEFAULT_FRAUD_SETTINGS,
        holdAtScore: 101,
        countryMismatch: { enabled: true, points: -1 },
        highValueNewCustomer: {
          ...DEFAULT_FRAUD_SETTINGS.highValueNewCustomer,
          thresholds: [{ currency: "USD", amountMinor: 0 }],
        },
        addressVelocity: { enabled: true, points: 10, maxOrdersPerHour: 0.5 },
        bulkQuantity: { enabled: true, points: 10, maxUnitsPerLine: 0 },
      },
      stuck: { awaitingFulfilmentHours: Number.NaN, noScanHours: 721, ackWarningHours: 720 },
    });
    expect(errors).toEqual({
      "fraud.holdAtScore": "Hold level is a whole number from 1 to 100.",
      "fraud.countryMismatch.points": "Points are a whole number from 0 to 100.",
      "fraud.highValueNewCustomer.thresholds.0": "Threshold must be above zero.",
      "fraud.addressVelocity.maxOrdersPerHour": "At least 1 order per hour.",
      "fraud.bulkQuantity.maxUnitsPerLine": "At least 1 unit.",
      "stuck.awaitingFulfilmentHours": "Between 0 and 720 hours.",
      "stuck.noScanHours": "Between 0 and 720 hours.",
    });
  });
});
