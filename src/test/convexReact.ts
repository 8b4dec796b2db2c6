/**
 * A stand-in for `convex/react` in component tests: every hook a `vi.fn()`. A test file says
 * `vi.mock("convex/react", () => import("../../test/convexReact"))` and then `stubConvex()`
 * (./convexStub) answers the hooks by function name.
 */
import { vi } from "vitest";

export const useQuery = vi.fn();
export const usePaginatedQuery = vi.fn();
export const useMutation = vi.fn();
export const useAction = vi.fn();
export const useConvex = vi.fn(() => ({}));
export const useConvexAuth = vi.fn(() => ({ isLoading: false, isAuthenticated: true }));
