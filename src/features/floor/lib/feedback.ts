/**
 * What a scan result feels like on the floor: a tone (green ok / red refused), a short sound made
 * with WebAudio (a high beep for ok, a low buzz for refused) and a vibration where the device has
 * one. Sound needs a user gesture first in every browser: the context is made (or resumed) on the
 * first call, which follows a tap or a scan, and every failure is silent.
 */
import type { ScanResult } from "../../../../convex/model/floor/tables";

export type ScanTone = "ok" | "refused";
export type ScanFeedback = { tone: ScanTone; message: string };

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

/** Plays the tone of a result: 880 Hz for 120 ms when ok, a 150 Hz square buzz for 350 ms when refused. */
export function beep(tone: ScanTone): void {
  const ctx = audioContext();
  if (!ctx) return;
  try {
    if (ctx.state === "suspended") void ctx.resume();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    const ok = tone === "ok";
    osc.type = ok ? "sine" : "square";
    osc.frequency.value = ok ? 880 : 150;
    const seconds = ok ? 0.12 : 0.35;
    gain.gain.setValueAtTime(ok ? 0.25 : 0.2, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + seconds);
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + seconds);
  } catch {
    // No sound is better than a broken scan.
  }
}

/** One short pulse for ok, two long ones for refused; nothing where vibration is missing. */
export function vibrate(tone: ScanTone): void {
  try {
    if (typeof navigator !== "undefined" && typeof navigator.vibrate === "function") {
      navigator.vibrate(tone === "ok" ? 60 : [200, 80, 200]);
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
