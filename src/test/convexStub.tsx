/**
 * One way for a component test to stand in for the server (with `convex/react` mocked by
 * ./convexReact): queries and paginated queries answered by function name ("returns:list"), every
 * mutation and action one recorded `vi.fn()`, and the arguments each query was last asked with.
 * `renderPage` puts a page under the signed-in member, the toasts and a router, and reads the URL.
 */
import { vi, type Mock } from "vitest";
import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { MemoryRouter, useLocation } from "react-router-dom";
import { useAction, useMutation, usePaginatedQuery, useQuery } from "convex/react";
import { MeContext, type Me } from "../features/members/hooks/useMe";
import { ToastProvider } from "../components/ui";
import { nameOf } from "./convexMock";

export type ConvexStub = {
  /** Answers of useQuery by function name; missing means still loading (undefined). */
  queries: Record<string, unknown>;
  /** Pages of usePaginatedQuery by function name: rows (one exhausted page) or "loading"; missing means no rows. */
  pages: Record<string, readonly unknown[] | "loading">;
  /** What every mutation and action resolves through (resolves null unless told otherwise). */
  mutate: Mock;
  /** The arguments the query (paginated or not) was last asked with; "skip" when skipped. */
  argsOf: (name: string) => unknown;
};

export function stubConvex(): ConvexStub {
  const stub: ConvexStub = {
    queries: {},
    pages: {},
    mutate: vi.fn().mockResolvedValue(null),
    argsOf: (name) => {
      const calls = [...vi.mocked(useQuery).mock.calls, ...vi.mocked(usePaginatedQuery).mock.calls];
      return calls.filter((c) => nameOf(c[0]) === name).at(-1)?.[1];
    },
  };
  vi.mocked(useQuery)
    .mockReset()
    .mockImplementation(((ref: unknown, args: unknown) =>
      args === "skip" ? undefined : stub.queries[nameOf(ref)]) as never);
  vi.mocked(usePaginatedQuery)
    .mockReset()
    .mockImplementation(((ref: unknown, args: unknown) => {
      const p = args === "skip" ? "loading" : (stub.pages[nameOf(ref)] ?? []);
      return p === "loading"
        ? { results: [], status: "LoadingFirstPage", isLoading: true, loadMore: vi.fn() }
        : { results: p, status: "Exhausted", isLoading: false, loadMore: vi.fn() };
    }) as never);
  vi.mocked(useMutation)
    .mockReset()
    .mockReturnValue(stub.mutate as never);
  vi.mocked(useAction)
    .mockReset()
    .mockReturnValue(stub.mutate as never);
  return stub;
}

let location = "";
/** Where the router of the last `renderPage` is now (path and search). */
export const currentUrl = () => location;
function Where() {
  const l = useLocation();
  location = l.pathname + l.search;
  return null;
}

/** Renders `ui` at `url` for a member of `role`; `url()` is where the router is now (path and search). */
export function renderPage(ui: ReactNode, { url = "/", role = "admin" }: { url?: string; role?: Me["role"] } = {}) {
  const result = render(
    <MeContext.Provider value={{ _id: "me", name: "Ada", email: "a@x", role } as Me}>
      <ToastProvider>
        <MemoryRouter initialEntries={[url]}>
          {ui}
          <Where />
        </MemoryRouter>
      </ToastProvider>
    </MeContext.Provider>,
  );
  return { ...result, url: () => location };
}
