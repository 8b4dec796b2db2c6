/**
 * One way for a component test to stand in for the server (with `convex/react` mocked by
 * ./convexReact): queries and paginated queries answered by function name ("returns:list"), by a
 * value or from their arguments; every mutation and action a recorded `vi.fn()` of its own
 * (`mutations["floor:scan"]`), each going through the one `mutate` unless told otherwise; the
 * client's imperative `query` answered like `useQuery`; and the arguments each query was asked with.
 * `renderPage` puts a page under the signed-in member, the toasts and a router, and reads the URL.
 */
import { beforeEach, expect, vi, type Mock } from "vitest";
import { render, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { MemoryRouter, Route, Routes, useLocation } from "react-router-dom";
import { useAction, useConvex, useMutation, usePaginatedQuery, useQuery } from "convex/react";
import { MeContext, type Me } from "../features/members/hooks/useMe";
import { ToastProvider } from "../components/ui";
import { nameOf } from "./convexMock";

export type ConvexStub = {
  /** Answers of useQuery by function name; missing means still loading (undefined). */
  queries: Record<string, unknown>;
  /** Answers computed from the query's arguments, by function name (before `queries`). */
  queryBy: Record<string, (args: never) => unknown>;
  /** Pages of usePaginatedQuery by function name: rows (one exhausted page) or "loading"; missing means no rows. */
  pages: Record<string, readonly unknown[] | "loading">;
  /** What every mutation and action resolves through (resolves null unless told otherwise). */
  mutate: Mock;
  /** Each mutation or action by function name, made on first use; by default it calls `mutate`. */
  mutations: Record<string, Mock>;
  /** The arguments the query (paginated or not) was last asked with; "skip" when skipped. */
  argsOf: (name: string) => unknown;
  /** Every argument object the query (paginated or not) was asked with, in order. */
  allArgsOf: (name: string) => unknown[];
};

export function stubConvex(): ConvexStub {
  const calls = () => [...vi.mocked(useQuery).mock.calls, ...vi.mocked(usePaginatedQuery).mock.calls];
  const made: Record<string, Mock> = {};
  const stub: ConvexStub = {
    queries: {},
    queryBy: {},
    pages: {},
    mutate: vi.fn().mockResolvedValue(null),
    mutations: new Proxy(made, {
      get: (target, name: string) => (target[name] ??= vi.fn((...args: unknown[]) => stub.mutate(...args))),
    }),
    argsOf: (name) => stub.allArgsOf(name).at(-1),
    allArgsOf: (name) =>
      calls()
        .filter((c) => nameOf(c[0]) === name)
        .map((c) => c[1]),
  };
  const answer = (ref: unknown, args: unknown) => {
    const name = nameOf(ref);
    const by = stub.queryBy[name] as ((args: unknown) => unknown) | undefined;
    return by ? by(args) : stub.queries[name];
  };
  vi.mocked(useQuery)
    .mockReset()
    .mockImplementation(((ref: unknown, args: unknown) => (args === "skip" ? undefined : answer(ref, args))) as never);
  vi.mocked(usePaginatedQuery)
    .mockReset()
    .mockImplementation(((ref: unknown, args: unknown) => {
      const p = args === "skip" ? "loading" : (stub.pages[nameOf(ref)] ?? []);
      return p === "loading"
        ? { results: [], status: "LoadingFirstPage", isLoading: true, loadMore: vi.fn() }
        : { results: p, status: "Exhausted", isLoading: false, loadMore: vi.fn() };
    }) as never);
  const byName = ((ref: unknown) => stub.mutations[nameOf(ref)]) as never;
  vi.mocked(useMutation).mockReset().mockImplementation(byName);
  vi.mocked(useAction).mockReset().mockImplementation(byName);
  const client = { query: async (ref: unknown, args: unknown) => answer(ref, args) };
  vi.mocked(useConvex)
    .mockReset()
    .mockReturnValue(client as never);
  return stub;
}

/** A fresh `stubConvex()` before each test of the file, read through the one object returned. */
export function stubConvexEach(): ConvexStub {
  const server = {} as ConvexStub;
  beforeEach(() => {
    Object.assign(server, stubConvex());
  });
  return server;
}

let location = "";
/** Where the router of the last `renderPage` is now (path and search). */
export const currentUrl = () => location;
function Where() {
  const l = useLocation();
  location = l.pathname + l.search;
  return null;
}

/** Text shown when a page rendered at a `path` navigates away from it. */
export const LEFT_THE_PAGE = "Left the page";

/**
 * Renders `ui` at `url` for a member of `role` (`me` overrides the member's fields). With `path`
 * the page is mounted at that route (for `useParams`), and any other route shows LEFT_THE_PAGE.
 * `url()` is where the router is now (path and search).
 */
export function renderPage(
  ui: ReactNode,
  { url = "/", role = "admin", me, path }: { url?: string; role?: Me["role"]; me?: Partial<Me>; path?: string } = {},
) {
  const member = { _id: "me", name: "Ada", email: "a@x", role, ...me } as Me;
  const result = render(
    <MeContext.Provider value={member}>
      <ToastProvider>
        <MemoryRouter initialEntries={[url]}>
          <main id="main">
            {path ? (
              <Routes>
                <Route path={path} element={ui} />
                <Route path="*" element={<p>{LEFT_THE_PAGE}</p>} />
              </Routes>
            ) : (
              ui
            )}
          </main>
          <Where />
        </MemoryRouter>
      </ToastProvider>
    </MeContext.Provider>,
  );
  return { ...result, url: () => location };
}

/** Renders `ui` while its data is still loading, finds `loading` on it, and unmounts it again. */
export function expectLoading(ui: ReactNode, loading: string, options: Parameters<typeof renderPage>[1] = {}) {
  const page = renderPage(ui, options);
  expect(screen.getByText(loading)).toBeInTheDocument();
  page.unmount();
}
