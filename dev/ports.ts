/**
 * Fail-loud ports: when a port the demo needs is taken, say which port, what holds it (when the
 * system tells us) and which environment variable moves us elsewhere.
 */
import { execFileSync } from "node:child_process";
import { createServer } from "node:net";

export class PortInUse extends Error {
  constructor(
    readonly port: number,
    readonly variable: string,
    readonly holder: string | null,
  ) {
    super(
      `Port ${port} is already in use${holder ? ` by ${holder}` : ""}. ` +
        `Stop that program, or choose another port: ${variable}=<free port> npm start`,
    );
    this.name = "PortInUse";
  }
}

/** What listens on `port` ("node (pid 123)"), when `ss` can tell; null otherwise. */
export function portHolder(port: number): string | null {
  try {
    const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], {
      encoding: "utf8",
      timeout: 2000,
      stdio: ["ignore", "pipe", "ignore"],
    });
    const m = /users:\(\("([^"]+)",pid=(\d+)/.exec(out);
    if (m) return `${m[1]} (pid ${m[2]})`;
    if (out.trim()) return "another program (its process is not visible to this user)";
  } catch {
    // no ss, or not allowed: we only know the port is taken
  }
  return null;
}

/** Resolves when `port` can be listened on at `host`; rejects with PortInUse otherwise. */
export function assertPortFree(port: number, host: string, variable: string): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EADDRINUSE" || e.code === "EACCES") fail(new PortInUse(port, variable, portHolder(port)));
      else fail(e);
    });
    probe.listen(port, host, () => probe.close(() => ok()));
  });
}
