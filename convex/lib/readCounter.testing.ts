/**
 * Test/bench helper (not a Convex module): wraps a database reader so every document a query or
 * `get` returns is counted, the way Convex counts documents read toward a function's limits.
 * Chained query builders (`withIndex`, `order`, `filter`) stay wrapped; async iteration counts
 * each yielded document, so a loop that stops early counts only what it read.
 */
export type ReadCounter = { reads: number };

function wrapQuery(q: unknown, counter: ReadCounter): unknown {
  const target = q as Record<string | symbol, unknown>;
  return new Proxy(target, {
    get(obj, prop) {
      const value = Reflect.get(obj, prop, obj) as unknown;
      if (prop === Symbol.asyncIterator) {
        return () => {
          const it = (value as () => AsyncIterator<unknown>).call(obj);
          return {
            async next() {
              const r = await it.next();
              if (!r.done) counter.reads++;
              return r;
            },
            async return(v?: unknown) {
              return it.return ? it.return(v) : { done: true, value: v };
            },
          };
        };
      }
      if (typeof value !== "function") return value;
      const fn = value as (...args: unknown[]) => unknown;
      switch (prop) {
        case "withIndex":
        case "withSearchIndex":
        case "order":
        case "filter":
          return (...args: unknown[]) => wrapQuery(fn.apply(obj, args), counter);
        case "take":
        case "collect":
          return async (...args: unknown[]) => {
            const docs = (await fn.apply(obj, args)) as unknown[];
            counter.reads += docs.length;
            return docs;
          };
        case "first":
        case "unique":
          return async (...args: unknown[]) => {
            const doc = await fn.apply(obj, args);
            if (doc !== null) counter.reads++;
            return doc;
          };
        case "paginate":
          return async (...args: unknown[]) => {
            const r = (await fn.apply(obj, args)) as { page: unknown[] };
            counter.reads += r.page.length;
            return r;
          };
        default:
          return (...args: unknown[]) => fn.apply(obj, args);
      }
    },
  });
}

/** `ctx` with its `db` wrapped; `counter.reads` grows with every document read through it. */
export function countingCtx<C extends { db: object }>(ctx: C): { ctx: C; counter: ReadCounter } {
  const counter: ReadCounter = { reads: 0 };
  const db = new Proxy(ctx.db as Record<string | symbol, unknown>, {
    get(obj, prop) {
      const value = Reflect.get(obj, prop, obj) as unknown;
      if (typeof value !== "function") return value;
      const fn = value as (...args: unknown[]) => unknown;
      if (prop === "query") return (...args: unknown[]) => wrapQuery(fn.apply(obj, args), counter);
      if (prop === "get") {
        return async (...args: unknown[]) => {
          const doc = await fn.apply(obj, args);
          if (doc !== null) counter.reads++;
          return doc;
        };
      }
      return (...args: unknown[]) => fn.apply(obj, args);
    },
  });
  return { ctx: { ...ctx, db } as C, counter };
}
