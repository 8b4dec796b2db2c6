/**
 * Component tests of forms: convex/react mocked at the module boundary (each test file calls
 * `vi.mock("convex/react", …)` itself, hoisted), mutations answered by function name, the
 * providers a form reads (the signed-in member, toasts), and a server refusal as the client
 * receives it.
 */
import type { ReactNode } from "react";
import { beforeEach, vi, type Mock } from "vitest";
import { act, configure, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { ConvexError } from "convex/values";
import { useMutation, useQuery } from "convex/react";
import type { Id } from "../../convex/_generated/dataModel";
import type { ErrorCode } from "../../convex/lib/errors";
import { MeContext, type Me } from "../features/members/hooks/useMe";
import { ToastProvider } from "../components/ui";
import { nameOf } from "./convexMock";

// `findBy…` waits for state (a toast, a navigation), not a clock: on a loaded machine a second is short.
configure({ asyncUtilTimeout: 10_000 });

export const admin = { _id: "m1" as Id<"members">, name: "Ada Admin", email: "admin@demo.local", role: "admin" } as Me;

/**
 * Every mutation the component asks for, by name ("returns:refund"), made on first use (by the
 * component or the test); each resolves to `null` unless given a result here.
 */
export function mockMutations(results: Record<string, unknown> = {}): Record<string, Mock> {
  const made: Record<string, Mock> = {};
  const mutations = new Proxy(made, {
    get: (target, name: string) => (target[name] ??= vi.fn().mockResolvedValue(results[name] ?? null)),
  });
  vi.mocked(useMutation).mockImplementation(((ref: unknown) => mutations[nameOf(ref)]) as never);
  return mutations;
}

/** Queries answered by name; an unnamed one is loading. */
export function mockQueries(answers: Record<string, unknown>) {
  vi.mocked(useQuery).mockImplementation(((ref: unknown) => answers[nameOf(ref)]) as never);
}

/**
 * The server of a form test file: before each test, fresh `mockMutations(results)` and the
 * `queries` answered by name. The object returned reads the current test's mutations by name.
 */
export function mockFormServer(
  queries: Record<string, unknown> = {},
  results: Record<string, unknown> = {},
): Record<string, Mock> {
  let current: Record<string, Mock> = {};
  beforeEach(() => {
    current = mockMutations(results);
    mockQueries(queries);
  });
  return new Proxy({} as Record<string, Mock>, { get: (_, name: string) => current[name] });
}

/** A person at the keyboard, without delays between keys. */
export const user = () => userEvent.setup({ delay: null });

/** Empties the field and types `text` into it. */
export async function typeOver(field: HTMLElement, text: string, u = user()) {
  await u.clear(field);
  await u.type(field, text);
}

/** Replaces the text of the field labelled `label` with `text`. */
export const retype = (u: ReturnType<typeof user>, label: string | RegExp, text: string) =>
  typeOver(screen.getByLabelText(label), text, u);

/** A server refusal as `ConvexError` carries it. */
export const refusal = (code: ErrorCode, message: string, fields?: Record<string, string>) =>
  new ConvexError({ code, message, ...(fields ? { fields } : {}) });

/** Renders `ui` signed in as `me`; `route` mounts it at a path (for `useParams`) opened at `url`. */
export function renderForm(
  ui: ReactNode,
  { me = admin, route }: { me?: Me; route?: { path: string; url: string } } = {},
) {
  const page = <main id="main">{ui}</main>;
  return render(
    <MemoryRouter initialEntries={route ? [route.url] : undefined}>
      <MeContext.Provider value={me}>
        <ToastProvider>
          {route ? (
            <Routes>
              <Route path={route.path} element={page} />
              <Route path="*" element={<p>Left the form</p>} />
            </Routes>
          ) : (
            page
          )}
        </ToastProvider>
      </MeContext.Provider>
    </MemoryRouter>,
  );
}

/** Lets pending promises (a mutation, a focus moved in a timeout) settle. */
export const settle = () => act(() => new Promise((r) => setTimeout(r, 5)));

/** Presses the button named `name` (in `scope`, else the page) and lets what it started settle. */
export async function press(name: string | RegExp, scope: Pick<typeof screen, "getByRole"> = screen) {
  await userEvent.setup({ delay: null }).click(scope.getByRole("button", { name }));
  await settle();
}
