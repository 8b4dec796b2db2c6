/**
 * How the runtime process (dev/serve.ts) is started by `npm start` and by the benchmarks that
 * measure it. A larger young generation: restoring and serving tens of thousands of documents
 * allocates many short-lived objects, and the default semi-space makes the collector run (and
 * promote) far more often — restart time roughly halves with it.
 */
export const RUNTIME_NODE_ARGS = ["--max-semi-space-size=64", "--import", "tsx"];
