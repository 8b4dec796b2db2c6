/**
 * Timing a camera scan from the first video frame that shows the barcode to the result on screen.
 *
 * In the page (an init script): every frame the <video> presents is seen through
 * requestVideoFrameCallback and its middle row is read from a canvas; the frame where dark bars
 * appear after a blank stretch is a barcode's first frame (time: the callback's `now`). The
 * Scanner leaves performance marks: `floor-scan-decoded` when a decode is accepted and
 * `floor-scan-shown` in the animation frame after the green/red result is committed. Both clocks
 * are the page's performance.now().
 */
import type { Page } from "playwright-core";

export const FRAME_PROBE = `(() => {
  const log = { appear: [], frames: 0 };
  window.__floorProbe = log;
  const canvas = document.createElement("canvas");
  let last = false;
  const watch = (video) => {
    if (video.__floorProbed) return;
    video.__floorProbed = true;
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    const onFrame = (now) => {
      const w = video.videoWidth, h = video.videoHeight;
      if (w && h && ctx) {
        if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
        ctx.drawImage(video, 0, 0, w, h);
        const row = ctx.getImageData(0, h >> 1, w, 1).data;
        let dark = 0;
        for (let i = 0; i < row.length; i += 4) if (row[i] < 80) dark++;
        const code = dark > 20;
        log.frames++;
        if (code && !last) log.appear.push(now);
        last = code;
      }
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };
  new MutationObserver(() => document.querySelectorAll("video").forEach(watch)).observe(document, { childList: true, subtree: true });
})();`;

type Mark = { at: number; code: string; tone?: string; message?: string };

export type ScanTiming = {
  code: string;
  tone: string;
  message: string;
  firstFrameAt: number;
  decodedAt: number;
  shownAt: number;
  frameToShownMs: number;
  decodeToShownMs: number;
};

/** Pairs each camera result on screen with its decode and the barcode's first frame. */
export async function cameraTimings(page: Page): Promise<{ scans: ScanTiming[]; frames: number }> {
  // A string, not a function: tsx's helpers (__name) do not exist in the page.
  const raw = (await page.evaluate(`(() => {
    const marks = (name) => performance.getEntriesByName(name).map((e) => ({ at: e.startTime, ...(e.detail || {}) }));
    const probe = window.__floorProbe || { appear: [], frames: 0 };
    return { appear: probe.appear, frames: probe.frames, decoded: marks("floor-scan-decoded"), shown: marks("floor-scan-shown") };
  })()`)) as { appear: number[]; frames: number; decoded: Mark[]; shown: Mark[] };
  const scans: ScanTiming[] = [];
  const used = new Set<number>();
  for (const d of raw.decoded) {
    const shown = raw.shown.find((s, i) => !used.has(i) && s.code === d.code && s.at >= d.at);
    if (!shown) continue;
    used.add(raw.shown.indexOf(shown));
    const firstFrameAt = Math.max(...raw.appear.filter((a) => a <= d.at));
    if (!Number.isFinite(firstFrameAt)) continue;
    scans.push({
      code: d.code,
      tone: shown.tone ?? "?",
      message: shown.message ?? "",
      firstFrameAt,
      decodedAt: d.at,
      shownAt: shown.at,
      frameToShownMs: Math.round(shown.at - firstFrameAt),
      decodeToShownMs: Math.round(shown.at - d.at),
    });
  }
  return { scans, frames: raw.frames };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : Math.round((s[m - 1] + s[m]) / 2);
}
