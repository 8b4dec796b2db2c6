/**
 * What a scan result feels like on the floor: a tone (green ok / red refused), a short sound made
 * with WebAudio (a high beep for ok, a low buzz for refused) and a vibration where the device has
 * one. Sound needs a user gesture first in every browser: the context is made (or resumed) on the
 * first call, which follows a tap or a scan, and every failure is silent.
 */
import type { ScanResult } from "../../../lib/api-types";

export type ScanTone = "ok" | "refused";
/** `done`: the scan finished a list, a shipment or a return — a distinct sound and vibration. */
export type ScanFeedback = { tone: ScanTone; message: string; done?: boolean };

/** Results that moved the work on (a unit picked, a bin confirmed); everything else was refused. */
export function toneOf(result: ScanResult): ScanTone {
  return result === "ok" || result === "bin_ok" ? "ok" : "refused";
}

type AudioCtor = typeof AudioContext;
let audio: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (audio) return audio;
  const w = globalThis as unknown as { AudioContext?: AudioCtor; webkitAudioContext?: AudioCtor };
  const Ctor = w.AudioContext ?? w.webkitAudioContext;
  if (!Ctor) return null;
  try {
    audio = new Ctor();
  } catch {
    return null;
  }
  return audio;
}

/** The notes of each result: one high beep (ok), a low buzz (refused), a rising three-note chime (done). */
export const SOUNDS: Record<
  ScanTone | "done",
  { type: OscillatorType; notes: { hz: number; at: number; seconds: number }[]; gain: number }
> = {
  ok: { type: "sine", gain: 0.25, notes: [{ hz: 880, at: 0, seconds: 0.12 }] },
  refused: { type: "square", gain: 0.2, notes: [{ hz: 150, at: 0, seconds: 0.35 }] },
  done: {
    type: "triangle",
    gain: 0.3,
    notes: [
      { hz: 660, at: 0, seconds: 0.12 },
      { hz: 880, at: 0.14, seconds: 0.12 },
      { hz: 1320, at: 0.28, seconds: 0.25 },
    ],
  },
};

/** Plays the sound of a result (see SOUNDS); silent where WebAudio is missing or blocked. */
export function beep(tone: ScanTone, done = false): void {
  const ctx = audioContext();
  if (!ctx) return;
  try {
    if (ctx.state === "suspended") void ctx.resume();
    const sound = SOUNDS[done && tone === "ok" ? "done" : tone];
    for (const note of sound.notes) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = sound.type;
      osc.frequency.value = note.hz;
      const start = ctx.currentTime + note.at;
      gain.gain.setValueAtTime(sound.gain, start);
      gain.gain.exponentialRampToValueAtTime(0.001, start + note.seconds);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + note.seconds);
    }
  } catch {
    // No sound is better than a broken scan.
  }
}

/** One short pulse for ok, two long ones for refused, three short for done; nothing where vibration is missing. */
export function vibrate(tone: ScanTone, done = false): void {
  try {
    if (typeof navigator !== "undefined" && typeof navigator.vibrate === "function") {
      navigator.vibrate(tone === "refused" ? [200, 80, 200] : done ? [60, 60, 60, 60, 60] : 60);
    }
  } catch {
    // Some browsers throw when called outside a gesture; ignore.
  }
}

/** Leaves a performance mark the browser e2e reads to time decode → result on screen. */
export function markScan(name: "floor-scan-decoded" | "floor-scan-shown", detail: Record<string, unknown>): void {
  try {
    performance.mark(name, { detail });
  } catch {
    // Older engines without mark details: timing is a test aid only.
  }
}
