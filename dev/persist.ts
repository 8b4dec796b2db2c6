/**
 * Durability for the offline runtime: a data folder with a write-ahead journal, snapshots and
 * stored files.
 *
 *   <dir>/LOCK             the pid of the runtime using the folder (one writer at a time)
 *   <dir>/snapshot.json    every document and counter as of journal record `seq` (atomic rename)
 *   <dir>/journal.ndjson   one line per committed transaction after the snapshot, fsynced before
 *                          the commit returns (so before any client hears of it)
 *   <dir>/files/<sha>      stored files by content hash (written and fsynced before their
 *                          `_storage` document commits)
 *   <dir>/crons.json       when each cron job last ran
 *
 * A journal record is a whole transaction: `{ s: seq, n: nextDocId, c: lastCreationTime,
 * w: [[id, document | null], …] }`. A record torn by a crash (no final newline, or not JSON) was
 * never acknowledged and is dropped whole at restart, with everything after it; so a restart
 * sees every acknowledged transaction and no part of any other. A client mutation's record also
 * holds its outcome, `d: [sessionId:requestId, outcome, time]` (a failed or write-less one gets a
 * record of its own, `w: []`), so a mutation re-sent after a restart is answered, not run again. Ids come from a counter kept in
 * every record (`n`), so an id is never handed out twice, even for documents since deleted.
 */
import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import type { JSONValue } from "convex/values";

export const FORMAT = 1;

/** Everything the data folder holds about the database, as JSON. */
export type StoredState = {
  /** Last journal record included. */
  seq: number;
  nextDocId: number;
  lastCreationTime: number;
  /** id → document, as stored: plain JSON, or convexToJson form when its id is in `encoded`. */
  docs: Map<string, JSONValue>;
  /** Ids whose stored form is convexToJson's (they hold bigints, bytes or special numbers). */
  encoded: Set<string>;
  /** Outcomes of client mutations (re-sent ones are answered from them), oldest first. */
  dedup: DedupEntry[];
};

/**
 * A client mutation's outcome: `[sessionId:requestId, outcome, wall-clock ms when recorded]`;
 * the outcome is `{ ok: true, v: value, t: ts }` or `{ ok: false, m: message, e?: errorData }`.
 */
export type DedupEntry = [string, JSONValue, number];

/**
 * A stored document: `[id, doc]` when the document is plain JSON (most are: stored as is, read
 * back without conversion), `[id, convexToJson(doc), 1]` otherwise, `[id, null]` for a deletion.
 */
export type StoredEntry = [string, JSONValue] | [string, JSONValue, 1] | [string, null];
type SnapshotFile = { format: number; seq: number; n: number; c: number; docs: StoredEntry[]; d?: DedupEntry[] };
type JournalRecord = { s: number; n: number; c: number; w: StoredEntry[]; d?: DedupEntry };

/** Folders locked by runtimes of this process. */
const heldHere = new Set<string>();

/** Thrown when the folder is in use by another live runtime. */
export class DataDirInUse extends Error {}

function fsyncDir(dir: string) {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  }
}

function writeAtomic(file: string, data: string | Uint8Array) {
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, "w");
  try {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  fsyncDir(dirname(file));
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The content hash files are stored under (hex, so it is a safe file name). */
export function fileKey(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export type DataStoreOptions = {
  /** Compact (snapshot + empty journal) once the journal is this big. Default 16 MB. */
  compactAtBytes?: number;
  /** False: no fsync (for measuring what durability costs; never for real data). */
  sync?: boolean;
};

export class DataStore {
  readonly dir: string;
  private journalFd: number | null = null;
  private journalBytes = 0;
  /** Size of the last snapshot: compaction waits until the journal is as big (amortized cost). */
  private snapshotBytes = 0;
  private seq = 0;
  private readonly compactAt: number;
  private readonly sync: boolean;
  private closed = false;
  /** Durations (ms) of the last appends: [serialize+write, fsync] (for the benchmark). */
  readonly appendTimes: [number, number][] = [];

  private constructor(dir: string, options: DataStoreOptions) {
    this.dir = dir;
    this.compactAt = options.compactAtBytes ?? 16 * 1024 * 1024;
    this.sync = options.sync ?? true;
  }

  private get journalFile() {
    return join(this.dir, "journal.ndjson");
  }
  private get snapshotFile() {
    return join(this.dir, "snapshot.json");
  }
  private get lockFile() {
    return join(this.dir, "LOCK");
  }
  get filesDir() {
    return join(this.dir, "files");
  }

  /** Opens (creating) the folder and takes its lock; refuses a folder another live runtime holds. */
  static open(dir: string, options: DataStoreOptions = {}): DataStore {
    const abs = resolve(dir);
    mkdirSync(join(abs, "files"), { recursive: true });
    const store = new DataStore(abs, options);
    store.lock();
    return store;
  }

  private lock() {
    if (heldHere.has(this.dir)) {
      throw new DataDirInUse(
        `The data folder ${this.dir} is in use by another runtime in this process. Stop it, or set OFFLINE_DATA_DIR to another folder.`,
      );
    }
    if (existsSync(this.lockFile)) {
      const pid = Number(readFileSync(this.lockFile, "utf8").trim());
      if (pid !== process.pid && pidAlive(pid)) {
        throw new DataDirInUse(
          `The data folder ${this.dir} is in use by another runtime (process ${pid}). Stop it, or set OFFLINE_DATA_DIR to another folder.`,
        );
      }
    }
    writeAtomic(this.lockFile, String(process.pid));
    heldHere.add(this.dir);
  }

  /** True when the folder holds no data yet (a fresh start: seed the demo). */
  isEmpty(): boolean {
    return !existsSync(this.snapshotFile) && (!existsSync(this.journalFile) || statSync(this.journalFile).size === 0);
  }

  /**
   * Reads the snapshot and replays the journal. A torn tail (a crash mid-write) is cut off the
   * file so new records follow the last whole one.
   */
  load(): StoredState {
    const state: StoredState = {
      seq: 0,
      nextDocId: 10000,
      lastCreationTime: 0,
      docs: new Map(),
      encoded: new Set(),
      dedup: [],
    };
    const dedup = new Map<string, DedupEntry>();
    const remember = (d: DedupEntry) => {
      dedup.delete(d[0]); // a later record corrects an earlier one (and is the newer)
      dedup.set(d[0], d);
    };
    const put = (e: StoredEntry) => {
      if (e[1] === null) {
        state.docs.delete(e[0]);
        state.encoded.delete(e[0]);
        return;
      }
      state.docs.set(e[0], e[1]);
      if (e.length === 3) state.encoded.add(e[0]);
      else state.encoded.delete(e[0]);
    };
    if (existsSync(this.snapshotFile)) {
      const text = readFileSync(this.snapshotFile, "utf8");
      this.snapshotBytes = text.length;
      const snap = JSON.parse(text) as SnapshotFile;
      if (snap.format !== FORMAT)
        throw new Error(
          `${this.snapshotFile} has format ${snap.format}; this runtime reads format ${FORMAT}. Run \`npm run reset\`.`,
        );
      state.seq = snap.seq;
      state.nextDocId = snap.n;
      state.lastCreationTime = snap.c;
      for (const e of snap.docs) put(e);
      for (const d of snap.d ?? []) remember(d);
    }
    let good = 0;
    if (existsSync(this.journalFile)) {
      const text = readFileSync(this.journalFile);
      let start = 0;
      while (start < text.length) {
        const end = text.indexOf(10, start);
        if (end === -1) break; // torn: no newline
        let rec: JournalRecord;
        try {
          rec = JSON.parse(text.subarray(start, end).toString("utf8")) as JournalRecord;
        } catch {
          break; // torn
        }
        if (rec.s > state.seq) {
          for (const e of rec.w) put(e);
          if (rec.d) remember(rec.d);
          state.seq = rec.s;
          state.nextDocId = Math.max(state.nextDocId, rec.n);
          state.lastCreationTime = Math.max(state.lastCreationTime, rec.c);
        }
        start = end + 1;
        good = start;
      }
      if (good < text.length) {
        console.warn(
          `[offline] the journal ended in a torn record (a crash while writing it); the unacknowledged tail was dropped`,
        );
      }
    }
    state.dedup = [...dedup.values()];
    this.seq = state.seq;
    if (this.journalFd !== null) closeSync(this.journalFd); // loaded again after a wipe (reset)
    this.journalFd = openSync(this.journalFile, "a+");
    if (good !== statSync(this.journalFile).size) {
      ftruncateSync(this.journalFd, good);
      if (this.sync) fdatasyncSync(this.journalFd);
    }
    this.journalBytes = good;
    return state;
  }

  /**
   * Appends one committed transaction (with the outcome of the client mutation that made it, if
   * any) and flushes it to disk before returning.
   */
  append(nextDocId: number, lastCreationTime: number, writes: StoredEntry[], dedup?: DedupEntry) {
    if (this.journalFd === null) throw new Error("data store not loaded");
    const started = performance.now();
    const rec: JournalRecord = { s: this.seq + 1, n: nextDocId, c: lastCreationTime, w: writes };
    if (dedup) rec.d = dedup;
    const line = Buffer.from(JSON.stringify(rec) + "\n", "utf8");
    let off = 0;
    while (off < line.length) off += writeSync(this.journalFd, line, off);
    const written = performance.now();
    if (this.sync) fdatasyncSync(this.journalFd);
    this.appendTimes.push([written - started, performance.now() - written]);
    if (this.appendTimes.length > 1000) this.appendTimes.shift();
    this.seq = rec.s;
    this.journalBytes += line.length;
  }

  /**
   * Time for a snapshot: the journal reached the compaction size, and is at least as big as the
   * last snapshot (so rewriting every document costs at most about as much as was appended since;
   * at 100,000s of documents a snapshot is 100+ MB).
   */
  get needsCompaction(): boolean {
    return this.journalBytes >= Math.max(this.compactAt, this.snapshotBytes);
  }

  get snapshotSize(): number {
    return this.snapshotBytes;
  }

  get journalSize(): number {
    return this.journalBytes;
  }

  /**
   * Writes a snapshot of `docs` and the mutation outcomes to keep (as of the last appended
   * record) and empties the journal.
   */
  compact(nextDocId: number, lastCreationTime: number, docs: Iterable<StoredEntry>, dedup: DedupEntry[] = []) {
    if (this.journalFd === null) throw new Error("data store not loaded");
    const parts: string[] = [`{"format":${FORMAT},"seq":${this.seq},"n":${nextDocId},"c":${lastCreationTime},"docs":[`];
    let first = true;
    for (const entry of docs) {
      parts.push(`${first ? "" : ","}${JSON.stringify(entry)}`);
      first = false;
    }
    parts.push(dedup.length > 0 ? `],"d":${JSON.stringify(dedup)}}` : "]}");
    const text = parts.join("");
    this.snapshotBytes = text.length;
    writeAtomic(this.snapshotFile, text);
    // Records up to `seq` are in the snapshot now; a crash before this truncation is harmless
    // (load skips records the snapshot already has).
    ftruncateSync(this.journalFd, 0);
    if (this.sync) fdatasyncSync(this.journalFd);
    this.journalBytes = 0;
  }

  /** Stores a file's bytes (fsynced) under their hash; returns the key. */
  saveFile(bytes: Uint8Array, contentType: string): string {
    const key = fileKey(bytes);
    const path = join(this.filesDir, key);
    if (!existsSync(path)) {
      writeAtomic(`${path}.type`, contentType);
      writeAtomic(path, bytes);
    }
    return key;
  }

  /** A stored file by key, or null. */
  readFile(key: string): { bytes: Buffer; type: string } | null {
    const path = join(this.filesDir, key);
    if (!/^[0-9a-f]{64}$/.test(key) || !existsSync(path)) return null;
    const typeFile = `${path}.type`;
    return {
      bytes: readFileSync(path),
      type: existsSync(typeFile) ? readFileSync(typeFile, "utf8") : "application/octet-stream",
    };
  }

  /** Removes files no `_storage` document names any more. */
  pruneFiles(keep: Set<string>) {
    for (const f of readdirSync(this.filesDir)) {
      const key = f.replace(/\.type$/, "");
      if (/^[0-9a-f]{64}$/.test(key) && !keep.has(key)) rmSync(join(this.filesDir, f), { force: true });
    }
  }

  readJson<T>(name: string): T | null {
    const path = join(this.dir, name);
    if (!existsSync(path)) return null;
    try {
      return JSON.parse(readFileSync(path, "utf8")) as T;
    } catch {
      return null;
    }
  }

  writeJson(name: string, value: unknown) {
    writeAtomic(join(this.dir, name), JSON.stringify(value));
  }

  /** Empties the folder (all data, files, cron state); keeps the lock. */
  wipe() {
    if (this.journalFd !== null) {
      ftruncateSync(this.journalFd, 0);
    }
    this.journalBytes = 0;
    this.seq = 0;
    for (const f of readdirSync(this.dir)) {
      if (f === "LOCK" || f === "journal.ndjson") continue;
      rmSync(join(this.dir, f), { recursive: true, force: true });
    }
    mkdirSync(this.filesDir, { recursive: true });
    fsyncDir(this.dir);
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    heldHere.delete(this.dir);
    if (this.journalFd !== null) closeSync(this.journalFd);
    this.journalFd = null;
    try {
      if (readFileSync(this.lockFile, "utf8").trim() === String(process.pid)) unlinkSync(this.lockFile);
    } catch {
      // already gone
    }
  }
}

/** Moves a data folder aside (never deletes it); returns where it went, or null if there was none. */
export function moveAside(dir: string): string | null {
  const abs = resolve(dir);
  if (!existsSync(abs)) return null;
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const to = `${abs}.bak-${stamp}`;
  renameSync(abs, to);
  return to;
}
