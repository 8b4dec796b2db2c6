/**
 * A fake camera's video for Chromium (`--use-file-for-fake-video-capture`): barcodes rendered
 * with bwip-js, decoded from PNG with pngjs, centred on white 640×480 frames and written as
 * YUV4MPEG2 (4:2:0, greyscale: U = V = 128). Chromium plays the file at its frame rate and loops.
 */
import { openSync, writeSync, closeSync } from "node:fs";
import bwipjs from "bwip-js/node";
import { PNG } from "pngjs";

export const WIDTH = 640;
export const HEIGHT = 480;
export const FPS = 10;

export type Symbology = "upca" | "ean13" | "code128" | "qrcode";
/** A stretch of video: blank frames, or one barcode in the middle of the frame. */
export type Segment = { seconds: number; barcode?: { bcid: Symbology; text: string } };

type Luma = { w: number; h: number; y: Uint8Array };

/** Renders one barcode to a greyscale image (bars black on white), quiet zone included. */
export async function renderBarcode(bcid: Symbology, text: string): Promise<Luma> {
  const twoD = bcid === "qrcode";
  const png = await bwipjs.toBuffer({
    bcid,
    text,
    scale: twoD ? 6 : 3,
    height: twoD ? undefined : 22,
    includetext: false,
    paddingwidth: 10,
    paddingheight: 10,
    backgroundcolor: "FFFFFF",
  });
  const img = PNG.sync.read(png);
  const y = new Uint8Array(img.width * img.height);
  for (let i = 0; i < y.length; i++) {
    const [r, g, b, a] = [img.data[i * 4], img.data[i * 4 + 1], img.data[i * 4 + 2], img.data[i * 4 + 3] / 255];
    // Transparent pixels over white.
    y[i] = Math.round((0.299 * r + 0.587 * g + 0.114 * b) * a + 255 * (1 - a));
  }
  return { w: img.width, h: img.height, y };
}

/** A white frame with `image` centred (shrunk by whole-pixel sampling if it is too wide). */
function frameWith(image: Luma | null): Buffer {
  const ySize = WIDTH * HEIGHT;
  const frame = Buffer.alloc(ySize * 1.5, 128);
  frame.fill(255, 0, ySize);
  if (!image) return frame;
  const shrink = Math.max(1, Math.ceil(image.w / (WIDTH - 40)), Math.ceil(image.h / (HEIGHT - 40)));
  const w = Math.floor(image.w / shrink);
  const h = Math.floor(image.h / shrink);
  const left = (WIDTH - w) >> 1;
  const top = (HEIGHT - h) >> 1;
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) frame[(top + r) * WIDTH + left + c] = image.y[r * shrink * image.w + c * shrink];
  }
  return frame;
}

/** Writes the segments as one Y4M file; returns the index of the first frame of each segment. */
export async function writeY4m(file: string, segments: Segment[]): Promise<number[]> {
  const fd = openSync(file, "w");
  const starts: number[] = [];
  try {
    writeSync(fd, `YUV4MPEG2 W${WIDTH} H${HEIGHT} F${FPS}:1 Ip A1:1 C420jpeg\n`);
    let index = 0;
    for (const s of segments) {
      starts.push(index);
      const frame = frameWith(s.barcode ? await renderBarcode(s.barcode.bcid, s.barcode.text) : null);
      const count = Math.round(s.seconds * FPS);
      for (let i = 0; i < count; i++) {
        writeSync(fd, "FRAME\n");
        writeSync(fd, frame);
      }
      index += count;
    }
  } finally {
    closeSync(fd);
  }
  return starts;
}
