/**
 * Routes load their page on first visit: `lazyPage(() => import("…/OrdersPage"), "OrdersPage")`
 * turns a module's named page export into a React.lazy component, so a page's heavy libraries
 * (recharts on Boards, papaparse on CSV import, html5-qrcode on the scanners) ship in its own chunk
 * and never in the main bundle. `PageFallback` is what shows while a page's chunk arrives: the
 * loading block inside the shell's <main>, which keeps its place (no layout shift).
 */
import { lazy, type ComponentType } from "react";
import { Loading } from "../ui";

type PropsOf<C> = C extends ComponentType<infer P> ? P : never;

export function lazyPage<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType<PropsOf<M[K]>> }));
}

export function PageFallback() {
  return <Loading label="Loading page…" />;
}
