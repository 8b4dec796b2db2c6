import { describe, expect, test } from "vitest";
import { leastCpuLoad, type ModuleReport } from "./checkDeploy";

const report = (evalMs: number, ok = true): ModuleReport => ({ runtime: "isolate", entry: "orders.js", ok, evalMs });
/** A loader that answers the given times in turn, counting its calls. */
function loader(...times: number[]) {
  const calls = { n: 0 };
  const load = async () => report(times[Math.min(calls.n++, times.length - 1)]);
  return { load, calls };
}

describe("the module load budget", () => {
  test("a load within budget is measured once", async () => {
    const { load, calls } = loader(40);
    expect((await leastCpuLoad(load, 100)).evalMs).toBe(40);
    expect(calls.n).toBe(1);
  });

  test("a load over budget because the machine was busy passes on the next, quieter load", async () => {
    const { load, calls } = loader(130, 70, 20);
    expect((await leastCpuLoad(load, 100)).evalMs).toBe(70);
    expect(calls.n).toBe(2);
  });

  test("a module that is really too slow stays over budget, at its least time of five loads", async () => {
    const { load, calls } = loader(150, 140, 145, 160, 142);
    expect((await leastCpuLoad(load, 100)).evalMs).toBe(140);
    expect(calls.n).toBe(5);
  });

  test("a module that does not load is reported as it is, not loaded again", async () => {
    let n = 0;
    const failed = await leastCpuLoad(async () => (n++, report(0, false)), 100);
    expect([failed.ok, n]).toEqual([false, 1]);
  });
});
