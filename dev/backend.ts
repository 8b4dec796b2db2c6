/**
 * One convex-test backend over the project's own `convex/` folder: the module map convex-test
 * needs outside Vite, function lookup (kind and visibility), and identities.
 *
 * Outside Vite there is no `import.meta.glob`, so we walk `convex/` and hand convex-test a record
 * of absolute path → () => import(path). The record must include `_generated/` (convex-test finds
 * the functions root from it). Files with two dots (foo.test.ts, setup.testing.ts) are skipped, as
 * the Convex bundler skips them.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { convexTest, internals, type TestConvexForDataModel } from "./convexTest";
import { makeFunctionReference, type GenericDataModel, type SchemaDefinition, type GenericSchema } from "convex/server";
import { backendScope, installTracker, type BackendScope } from "./tracker";
import type { Identity } from "./auth";
import { identityKey } from "./auth";

export type FunctionKind = "query" | "mutation" | "action";
export type Accessor = TestConvexForDataModel<GenericDataModel>;
type Modules = Record<string, () => Promise<Record<string, unknown>>>;

/** What a registered Convex function carries (convex/server registration flags). */
type RegisteredFunction = {
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  isPublic?: boolean;
  isInternal?: boolean;
};

export type ResolvedFunction =
  { ok: true; kind: FunctionKind; isPublic: boolean; udfPath: string } | { ok: false; error: string };

function listModules(convexDir: string): Map<string, string> {
  const byName = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        if (entry !== "node_modules") walk(path);
        continue;
      }
      if (!/\.(ts|js)$/.test(entry) || entry.split(".").length !== 2) continue;
      const name = relative(convexDir, path)
        .split(sep)
        .join("/")
        .replace(/\.(ts|js)$/, "");
      // Prefer .ts over a stale .js of the same name.
      if (!byName.has(name) || path.endsWith(".ts")) byName.set(name, path);
    }
  };
  walk(convexDir);
  return byName;
}

const imported = new Map<string, Promise<Record<string, unknown>>>();
function importOnce(path: string): Promise<Record<string, unknown>> {
  let p = imported.get(path);
  if (!p) {
    p = import(pathToFileURL(path).href) as Promise<Record<string, unknown>>;
    // A module that failed to load (being edited) is tried again next time.
    p.catch(() => imported.delete(path));
    imported.set(path, p);
  }
  return p;
}

type TableExport = { indexes: { indexDescriptor: string; fields: string[] }[] };

/** Fields of a declared index (as convex-test reads them: `tableDefinition.export().indexes`). */
function indexFieldsOf(
  schema: SchemaDefinition<GenericSchema, boolean> | undefined,
  table: string,
  index: string,
): string[] | null {
  const def = (schema?.tables as Record<string, { export(): TableExport }> | undefined)?.[table];
  return def?.export().indexes.find((i) => i.indexDescriptor === index)?.fields ?? null;
}

export class Backend {
  readonly t: Accessor;
  readonly scope: BackendScope;
  private readonly files: Map<string, string>;
  private readonly accessors = new Map<string, Accessor>();

  private constructor(t: Accessor, files: Map<string, string>, scope: BackendScope) {
    this.t = t;
    this.files = files;
    this.scope = scope;
  }

  /** Loads the schema and builds a fresh, empty backend. */
  static async create(convexDir: string, scope: BackendScope): Promise<Backend> {
    const dir = resolve(convexDir);
    const files = listModules(dir);
    if (!files.has("_generated/api")) throw new Error(`${dir}/_generated is missing: run \`npm run codegen\``);
    // convex-test imports a function's module on every call; a dynamic import() goes through the
    // (tsx) loader hooks each time even when cached, so keep the promise.
    const modules: Modules = {};
    for (const path of files.values()) modules[path] = () => importOnce(path);
    const schemaFile = files.get("schema");
    const schema = schemaFile
      ? ((await importOnce(schemaFile)) as { default: SchemaDefinition<GenericSchema, boolean> }).default
      : undefined;
    const t = convexTest(schema, modules) as unknown as Accessor;
    scope.indexFields = (table, index) => indexFieldsOf(schema, table, index);
    scope.openTransaction = () => internals.getConvexGlobal().transactionManager._waitOnCurrentFunction;
    installTracker();
    return new Backend(t, files, scope);
  }

  /** Runs `fn` with this backend's scope, so writes (also from timers it starts) are attributed to it. */
  within<T>(fn: () => Promise<T>): Promise<T> {
    return backendScope.run(this.scope, fn);
  }

  /** The accessor for an identity (null = signed out). */
  as(identity: Identity | null): Accessor {
    if (!identity) return this.t;
    const key = identityKey(identity);
    let a = this.accessors.get(key);
    if (!a) {
      a = this.t.withIdentity(identity) as Accessor;
      this.accessors.set(key, a);
    }
    return a;
  }

  /** Looks a function up by "module:export" and says what it is. */
  async resolve(udfPath: string): Promise<ResolvedFunction> {
    const [mod, name] = udfPath.split(":");
    const file = this.files.get(mod);
    if (!file || mod.startsWith("_generated"))
      return { ok: false, error: `Could not find public function for '${udfPath}'.` };
    let exports: Record<string, unknown>;
    try {
      exports = await importOnce(file);
    } catch (e) {
      console.error(`[offline] cannot load convex/${mod}:`, e instanceof Error ? e.message : e);
      return { ok: false, error: "Server Error" };
    }
    const fn = exports[name] as RegisteredFunction | undefined;
    if (!fn || (typeof fn !== "function" && typeof fn !== "object")) {
      return { ok: false, error: `Could not find public function for '${udfPath}'.` };
    }
    const kind: FunctionKind | undefined = fn.isQuery
      ? "query"
      : fn.isMutation
        ? "mutation"
        : fn.isAction
          ? "action"
          : undefined;
    if (!kind) return { ok: false, error: `Could not find public function for '${udfPath}'.` };
    return { ok: true, kind, isPublic: fn.isPublic === true, udfPath };
  }

  hasModule(name: string): boolean {
    return this.files.has(name);
  }

  async importModule(name: string): Promise<Record<string, unknown> | null> {
    const file = this.files.get(name);
    return file ? importOnce(file) : null;
  }

  /** Calls a function by path as `identity`, in this backend's scope. */
  call(
    kind: FunctionKind,
    udfPath: string,
    args: Record<string, unknown>,
    identity: Identity | null,
  ): Promise<unknown> {
    const a = this.as(identity);
    return this.within(() => {
      if (kind === "query") return a.query(makeFunctionReference<"query">(udfPath), args);
      if (kind === "mutation") return a.mutation(makeFunctionReference<"mutation">(udfPath), args);
      return a.action(makeFunctionReference<"action">(udfPath), args);
    });
  }

  /** Stops reporting writes (late scheduled functions of a reset backend are ignored). */
  dispose() {
    this.scope.alive = false;
  }
}
