/**
 * Durability for the offline runtime: a data folder with a write-ahead journal, snapshots and
 * stored files.
 *
 *   <dir>/LOCK             the pid of the runtime using the folder (one writer at a time)
 *   <dir>/snapshot.ndjson  every document and counter as of journal record `seq` (written aside,
 *                          fsynced, renamed), one JSON value a line: a header
 *                          `{format: 2, seq, n, c}`, then for each table a marker `{t: table}` followed
 *                          by its documents, one `StoredEntry` a line, and a trailer
 *                          `{end: count, d: [outcomes]}` that proves the file whole. Read as a stream
 *                          in chunks (memory bounded by the chunk, not the file; no string of the
 *                          whole snapshot, which V8 caps at 512 MB: about 1,000,000 documents).
 *   <dir>/snapshot.json    the snapshot as format 1 wrote it (one JSON object); still read, and
 *                          replaced by snapshot.ndjson at the next snapshot
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
  fstatSync,
  readFileSync,
  readSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { isAscii } from "node:buffer";
import { createHash } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import type { JSONValue } from "convex/values";

/** The snapshot format written (snapshot.ndjson); format 1 (snapshot.json) is still read. */
export const FORMAT = 2;
const FORMAT_1 = 1;
/** Snapshot and journal are read in pieces of this size (grown for a longer line). */
const READ_CHUNK = 8 * 1024 * 1024;
/** Snapshots are written in pieces of about this size. */
const WRITE_CHUNK = 1024 * 1024;

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
type SnapshotHeader = { format: number; seq: number; n: number; c: number };
type SnapshotTrailer = { end: number; d?: DedupEntry[] };
/**
 * Where load() puts what it reads, in order: every snapshot document, then every journal write
 * (a later one replaces an earlier one; `doc` null is a deletion). `table` is known for snapshot
 * documents (from the table marker), null for journal writes (the id ends with it).
 */
export type LoadSink = (id: string, table: string | null, doc: JSONValue | null, encoded: boolean) => void;
/** What load() returns besides the documents (which went to the sink). */
export type LoadedState = {
  /** Last journal record included. */
  seq: number;
  nextDocId: number;
  lastCreationTime: number;
  /** Outcomes of client mutations (re-sent ones are answered from them), oldest first. */
  dedup: DedupEntry[];
  /** Documents in the snapshot read (before the journal), and journal records replayed. */
  snapshotDocuments: number;
  journalRecords: number;
  /** Milliseconds reading the snapshot and replaying the journal. */
  snapshotMs: number;
  journalMs: number;
};

/** A snapshot or journal that cannot be read (not a crash's torn tail: lost or damaged data). */
export class DataFolderDamaged extends Error {}

/**
 * Reads `file` in pieces of `READ_CHUNK` bytes and hands `onLines` each run of whole lines:
 * `buf[0, end)`, `end` being the offset of the run's last newline. `onLines` returns the offset of
 * the first byte it did not use (`end` when it used all: reading goes on; less when a line there
 * is damaged: reading stops). Returns the file offset just after the last line used (`good`) and
 * the file's size; `good < size` means a torn or damaged tail.
 */
function readLines(
  file: string,
  chunk: number,
  onLines: (buf: Buffer, end: number) => number,
): { good: number; size: number } {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    let buf = Buffer.allocUnsafe(Math.max(1, Math.min(chunk, size)));
    let pos = 0; // file offset of buf[0]
    let filled = 0;
    for (;;) {
      if (filled === buf.length) {
        // A line longer than the buffer: grow it.
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const n = readSync(fd, buf, filled, buf.length - filled, pos + filled);
      filled += n;
      const last = filled > 0 ? buf.lastIndexOf(10, filled - 1) : -1;
      if (last >= 0) {
        const used = onLines(buf, last);
        if (used < last) return { good: pos + used, size };
        buf.copy(buf, 0, last + 1, filled);
        pos += last + 1;
        filled -= last + 1;
      }
      if (n === 0) return { good: pos, size };
    }
  } finally {
    closeSync(fd);
  }
}

/** The lines `buf[0, end)` as one array (a newline never occurs inside a JSON value), or null. */
function parseLines(buf: Buffer, end: number): unknown[] | null {
  try {
    return JSON.parse(`[${decode(buf, 0, end).replaceAll("\n", ",")}]`) as unknown[];
  } catch {
    return null;
  }
}

/**
 * Text of `buf[start, end)`: ASCII (as this runtime writes: see asciiJson) is read as latin1,
 * a one-byte string made by a copy, about 3× faster to make and 1.5× faster to parse than UTF-8
 * text holding a single "é"; anything else (a format 1 journal) as UTF-8.
 */
function decode(buf: Buffer, start: number, end: number): string {
  return isAscii(buf.subarray(start, end)) ? buf.toString("latin1", start, end) : buf.toString("utf8", start, end);
}

const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_ALL = /[\u0080-\uffff]/g;
const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * JSON text with every non-ASCII character escaped (`\u00e9`): the same value to any JSON
 * reader, and ASCII, so snapshot and journal are read back fast (see decode). Non-ASCII occurs
 * only inside strings, where the escape is valid; a surrogate pair becomes two escapes, which
 * JSON reads back as the same pair.
 */
export function asciiJson(value: unknown): string {
  const text = JSON.stringify(value);
  return NON_ASCII.test(text) ? text.replace(NON_ASCII_ALL, escapeChar) : text;
}

const isDigit = (code: number) => code >= 48 && code <= 57;

const isRecord = (r: unknown): r is JournalRecord =>
  typeof r === "object" &&
  r !== null &&
  typeof (r as JournalRecord).s === "number" &&
  typeof (r as JournalRecord).n === "number" &&
  typeof (r as JournalRecord).c === "number" &&
  Array.isArray((r as JournalRecord).w);

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
  /** Snapshot and journal are read in pieces of this many bytes (default 8 MB; tests use tiny ones). */
  readChunkBytes?: number;
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
  private readonly readChunk: number;
  private closed = false;
  /** Durations (ms) of the last appends: [serialize+write, fsync] (for the benchmark). */
  readonly appendTimes: [number, number][] = [];

  private constructor(dir: string, options: DataStoreOptions) {
    this.dir = dir;
    this.compactAt = options.compactAtBytes ?? 16 * 1024 * 1024;
    this.sync = options.sync ?? true;
    this.readChunk = options.readChunkBytes ?? READ_CHUNK;
  }

  private get journalFile() {
    return join(this.dir, "journal.ndjson");
  }
  private get snapshotFile() {
    return join(this.dir, "snapshot.ndjson");
  }
  /** Format 1's snapshot (read; replaced at the next snapshot). */
  private get oldSnapshotFile() {
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
    return (
      !existsSync(this.snapshotFile) &&
      !existsSync(this.oldSnapshotFile) &&
      (!existsSync(this.journalFile) || statSync(this.journalFile).size === 0)
    );
  }

  /**
   * Reads the snapshot and replays the journal into `sink` (see LoadSink), as a stream: memory
   * holds one chunk of the files at a time, never a whole file. A torn journal tail (a crash
   * mid-write) is cut off the file so new records follow the last whole one. A snapshot that is
   * not whole (it is renamed into place only once written and fsynced, so only damage does this)
   * throws DataFolderDamaged before anything on disk is changed.
   */
  load(sink: LoadSink = () => {}): LoadedState {
    const state: LoadedState = {
      seq: 0,
      nextDocId: 10000,
      lastCreationTime: 0,
      dedup: [],
      snapshotDocuments: 0,
      journalRecords: 0,
      snapshotMs: 0,
      journalMs: 0,
    };
    const dedup = new Map<string, DedupEntry>();
    const remember = (d: DedupEntry) => {
      dedup.delete(d[0]); // a later record corrects an earlier one (and is the newer)
      dedup.set(d[0], d);
    };
    const t0 = performance.now();
    if (existsSync(this.snapshotFile)) this.readSnapshot(sink, state, remember);
    else if (existsSync(this.oldSnapshotFile)) this.readOldSnapshot(sink, state, remember);
    const t1 = performance.now();
    const put = (e: StoredEntry) => sink(e[0], null, e[1], e.length === 3);
    const apply = (rec: JournalRecord) => {
      if (rec.s <= state.seq) return; // already in the snapshot (a crash before the journal was emptied)
      for (const e of rec.w) put(e);
      if (rec.d) remember(rec.d);
      state.seq = rec.s;
      state.nextDocId = Math.max(state.nextDocId, rec.n);
      state.lastCreationTime = Math.max(state.lastCreationTime, rec.c);
      state.journalRecords += 1;
    };
    let good = 0;
    if (existsSync(this.journalFile)) {
      const read = readLines(this.journalFile, this.readChunk, (buf, end) => {
        const recs = parseLines(buf, end);
        if (recs && recs.every(isRecord)) {
          for (const rec of recs) apply(rec);
          return end;
        }
        // A damaged record among these: apply the whole ones before it, stop there.
        let start = 0;
        while (start < end) {
          let nl = buf.indexOf(10, start);
          if (nl === -1 || nl > end) nl = end;
          let rec: unknown;
          try {
            rec = JSON.parse(decode(buf, start, nl));
          } catch {
            return start;
          }
          if (!isRecord(rec)) return start;
          apply(rec);
          start = nl + 1;
        }
        return end;
      });
      good = read.good;
      if (good < read.size) {
        console.warn(
          `[offline] the journal ended in a torn record (a crash while writing it); the unacknowledged tail was dropped`,
        );
      }
    }
    state.journalMs = performance.now() - t1;
    state.snapshotMs = t1 - t0;
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

  /** Format 2 (snapshot.ndjson): header, table markers and documents, trailer; in chunks. */
  private readSnapshot(sink: LoadSink, state: LoadedState, remember: (d: DedupEntry) => void) {
    const file = this.snapshotFile;
    const damaged = (why: string) =>
      new DataFolderDamaged(
        `The snapshot ${file} is damaged (${why}); nothing was changed. It is written aside and renamed into place only once whole, so something else changed it. Restore the folder from a backup, or start afresh with \`npm run reset\` (the folder is moved aside and kept).`,
      );
    // In an object: TypeScript does not see the callback assign plain variables.
    const seen: { header: SnapshotHeader | null; trailer: SnapshotTrailer | null } = { header: null, trailer: null };
    let table: string | null = null;
    let count = 0;
    const read = readLines(file, this.readChunk, (buf, end) => {
      const items = parseLines(buf, end);
      if (!items) throw damaged("a line is not JSON");
      for (const item of items) {
        if (seen.trailer) throw damaged("lines after the end");
        if (Array.isArray(item)) {
          if (table === null) throw damaged("a document before any table");
          const id = item[0] as unknown;
          // The id is digits and then its table's name.
          if (typeof id !== "string" || !id.endsWith(table) || !isDigit(id.charCodeAt(id.length - table.length - 1)))
            throw damaged(`document ${String(id)} is not of table ${table}`);
          sink(id, table, item[1] as JSONValue, item.length === 3);
          count += 1;
        } else if (typeof item === "object" && item !== null) {
          const o = item as Partial<SnapshotHeader & SnapshotTrailer & { t: string }>;
          if (typeof o.t === "string") table = o.t;
          else if (o.format !== undefined) {
            if (seen.header) throw damaged("two headers");
            if (o.format !== FORMAT)
              throw new Error(
                `${file} has format ${o.format}; this runtime reads formats ${FORMAT_1} and ${FORMAT}. Run \`npm run reset\` (the folder is moved aside and kept).`,
              );
            seen.header = o as SnapshotHeader;
          } else if (typeof o.end === "number") seen.trailer = o as SnapshotTrailer;
          else throw damaged("an unknown line");
        } else throw damaged("an unknown line");
        if (!seen.header) throw damaged("no header");
      }
      return end;
    });
    if (read.good < read.size) throw damaged("it ends in the middle of a line");
    const { header, trailer } = seen;
    if (!header) throw damaged("no header");
    if (!trailer) throw damaged("no end line: cut short");
    if (trailer.end !== count) throw damaged(`it holds ${count} documents, its end line says ${trailer.end}`);
    this.snapshotBytes = read.size;
    state.seq = header.seq;
    state.nextDocId = header.n;
    state.lastCreationTime = header.c;
    state.snapshotDocuments = count;
    for (const d of trailer.d ?? []) remember(d);
  }

  /** Format 1 (snapshot.json): one JSON object (a string of the whole file: fine below ~1M documents). */
  private readOldSnapshot(sink: LoadSink, state: LoadedState, remember: (d: DedupEntry) => void) {
    const text = readFileSync(this.oldSnapshotFile, "utf8");
    this.snapshotBytes = text.length;
    const snap = JSON.parse(text) as SnapshotFile;
    if (snap.format !== FORMAT_1)
      throw new Error(
        `${this.oldSnapshotFile} has format ${snap.format}; this runtime reads formats ${FORMAT_1} and ${FORMAT}. Run \`npm run reset\`.`,
      );
    state.seq = snap.seq;
    state.nextDocId = snap.n;
    state.lastCreationTime = snap.c;
    for (const e of snap.docs) sink(e[0], null, e[1], e.length === 3);
    state.snapshotDocuments = snap.docs.length;
    for (const d of snap.d ?? []) remember(d);
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
    const line = Buffer.from(asciiJson(rec) + "\n", "latin1");
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
   * Writes a snapshot of `tables` (each table's name and its documents) and the mutation outcomes
   * to keep, as of the last appended record, and empties the journal. Written in pieces of about
   * WRITE_CHUNK (no string of the whole snapshot), aside, fsynced, then renamed into place; a
   * format 1 snapshot.json is removed after the rename.
   */
  compact(
    nextDocId: number,
    lastCreationTime: number,
    tables: Iterable<[string, Iterable<StoredEntry>]>,
    dedup: DedupEntry[] = [],
  ) {
    if (this.journalFd === null) throw new Error("data store not loaded");
    const file = this.snapshotFile;
    const temp = `${file}.${process.pid}.tmp`;
    const fd = openSync(temp, "w");
    let bytes = 0;
    try {
      let parts: string[] = [];
      let partsLength = 0;
      const flush = () => {
        const chunk = Buffer.from(parts.join(""), "latin1"); // ASCII: asciiJson
        let off = 0;
        while (off < chunk.length) off += writeSync(fd, chunk, off);
        bytes += chunk.length;
        parts = [];
        partsLength = 0;
      };
      const line = (text: string) => {
        parts.push(text, "\n");
        partsLength += text.length + 1;
        if (partsLength >= WRITE_CHUNK) flush();
      };
      const header: SnapshotHeader = { format: FORMAT, seq: this.seq, n: nextDocId, c: lastCreationTime };
      line(asciiJson(header));
      let count = 0;
      for (const [table, entries] of tables) {
        let marked = false;
        for (const entry of entries) {
          if (!marked) line(asciiJson({ t: table }));
          marked = true;
          line(asciiJson(entry));
          count += 1;
        }
      }
      const trailer: SnapshotTrailer = { end: count };
      if (dedup.length > 0) trailer.d = dedup;
      line(asciiJson(trailer));
      flush();
      fsyncSync(fd);
    } catch (e) {
      closeSync(fd);
      rmSync(temp, { force: true });
      throw e;
    }
    closeSync(fd);
    renameSync(temp, file);
    rmSync(this.oldSnapshotFile, { force: true });
    fsyncDir(this.dir);
    this.snapshotBytes = bytes;
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
