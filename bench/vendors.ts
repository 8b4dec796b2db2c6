/**
 * Vendor fidelity: the contract tests' replay of the vendors' own recordings
 * (`../shared/vendor-recordings`) through each adapter, counted.
 *  - vendor_recordings_replayed: recorded exchanges a passing contract case served to its adapter
 *    (all vendors; an exchange counts once however many cases serve it).
 *  - vendor_replay_failures: contract cases that failed, plus exchanges neither replayed nor
 *    excluded with a reason (target 0).
 *  - vendor_recordings_excluded: exchanges no adapter call makes, each excluded with its reason in
 *    the vendor's contract module.
 * Runnable alone: `node --import tsx bench/vendors.ts`.
 */
import { pathToFileURL } from "node:url";
import { runContract, type Contract } from "../convex/integrations/contracts/replay.testing";
import { easyPostContract } from "../convex/integrations/contracts/easypost.contract.testing";
import { shippoContract } from "../convex/integrations/contracts/shippo.contract.testing";
import { shipStationContract } from "../convex/integrations/contracts/shipstation.contract.testing";
import { amazonContract } from "../convex/integrations/contracts/amazon.contract.testing";
import { shopifyContract } from "../convex/integrations/contracts/shopify.contract.testing";

export const CONTRACTS: Contract[] = [
  easyPostContract,
  shippoContract,
  shipStationContract,
  amazonContract,
  shopifyContract,
];

export const targets = {
  vendor_replay_failures: { max: 0 },
};

export async function benchVendors(): Promise<Record<string, number>> {
  let replayed = 0;
  let failures = 0;
  let excluded = 0;
  for (const contract of CONTRACTS) {
    const out = await runContract(contract);
    replayed += out.replayed;
    excluded += out.excluded;
    failures += out.failures + out.uncovered.length;
    for (const r of out.results) if (r.error) console.warn(`[vendors] ${contract.vendor}: ${r.name}: ${r.error}`);
    for (const id of out.uncovered)
      console.warn(`[vendors] ${contract.vendor}: ${id} is neither replayed nor excluded`);
    console.log(
      `[vendors] ${contract.vendor}: ${out.replayed} replayed, ${out.excluded} excluded of ${out.total}; ${out.failures} failed cases`,
    );
  }
  return {
    vendor_recordings_replayed: replayed,
    vendor_replay_failures: failures,
    vendor_recordings_excluded: excluded,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) console.log(await benchVendors());
