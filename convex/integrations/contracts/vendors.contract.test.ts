/**
 * Contract tests: every recorded exchange of EasyPost, Shippo, ShipStation, Amazon and Shopify
 * (../shared/vendor-recordings) replayed through its adapter — the real SDK or HTTP call against a
 * local server answering only from the recordings — or excluded with a stated reason.
 */
import { describe, expect, test } from "vitest";
import { exchangesOf, recordingFiles, runCase, runContract, type Contract } from "./replay.testing";
import { easyPostContract } from "./easypost.contract.testing";
import { shippoContract } from "./shippo.contract.testing";
import { shipStationContract } from "./shipstation.contract.testing";
import { amazonContract } from "./amazon.contract.testing";
import { shopifyContract } from "./shopify.contract.testing";

export function contractSuite(contract: Contract) {
  describe(`${contract.vendor}: recorded exchanges through the adapter`, () => {
    for (const c of contract.cases) {
      test(c.name, async () => {
        const r = await runCase(c);
        expect(r.error).toBeUndefined();
      });
    }
    test("every recorded exchange is replayed by a passing case or excluded with a reason", async () => {
      const all = recordingFiles(contract.vendor).flatMap((f) => exchangesOf(contract.vendor, f).map((e) => e.id));
      for (const id of Object.keys(contract.excluded)) expect(all, `excluded ${id} is a recording`).toContain(id);
      const out = await runContract(contract);
      expect(out.uncovered).toEqual([]);
      expect(out.failures).toBe(0);
      expect(out.replayed + out.excluded).toBe(out.total);
    });
  });
}

contractSuite(easyPostContract);
contractSuite(shippoContract);
contractSuite(shipStationContract);
contractSuite(amazonContract);
contractSuite(shopifyContract);
