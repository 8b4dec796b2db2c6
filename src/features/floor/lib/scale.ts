/**
 * Reading a shipping scale. A typed reading always works; where the browser has Web Serial
 * (Chromium on a desktop), a USB/serial scale can be read directly: most shipping scales print a
 * line such as "ST,GS,+  1.234kg", "  1234 g" or "2.72 lb" on request or continuously.
 */

/** Grams from one line a scale printed, or null when it carries no stable positive weight. */
export function parseScaleReading(line: string): number | null {
  if (/\b(US|MO)\b/i.test(line)) return null; // unstable / in motion
  const m = /([+-]?\s*\d+(?:[.,]\d+)?)\s*(kg|g|lb|oz)\b/i.exec(line);
  if (!m) return null;
  const value = Number(m[1].replace(/\s/g, "").replace(",", "."));
  if (!Number.isFinite(value) || value <= 0) return null;
  const unit = m[2].toLowerCase();
  const grams =
    unit === "kg" ? value * 1000 : unit === "lb" ? value * 453.59237 : unit === "oz" ? value * 28.349523125 : value;
  const rounded = Math.round(grams);
  return rounded > 0 ? rounded : null;
}

type SerialPortLike = {
  open(o: { baudRate: number }): Promise<void>;
  close(): Promise<void>;
  readable: ReadableStream<Uint8Array> | null;
  writable: WritableStream<Uint8Array> | null;
};
type SerialLike = { requestPort(): Promise<SerialPortLike> };

/** Whether this browser can read a scale itself (Web Serial). */
export function canReadScale(): boolean {
  return typeof navigator !== "undefined" && "serial" in navigator;
}

/** Asks for the scale's port, requests a weight ("W\r") and reads lines until one parses (5 s at most). */
export async function readScale(timeoutMs = 5000): Promise<number> {
  const serial = (navigator as unknown as { serial?: SerialLike }).serial;
  if (!serial) throw new Error("This browser cannot read a scale; type the weight.");
  const port = await serial.requestPort();
  await port.open({ baudRate: 9600 });
  const reader = port.readable?.getReader();
  try {
    const writer = port.writable?.getWriter();
    await writer?.write(new TextEncoder().encode("W\r"));
    writer?.releaseLock();
    const decoder = new TextDecoder();
    const deadline = Date.now() + timeoutMs;
    let text = "";
    while (reader && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      const lines = text.split(/\r?\n|\r/);
      text = lines.pop() ?? "";
      for (const l of lines) {
        const grams = parseScaleReading(l);
        if (grams !== null) return grams;
      }
    }
    throw new Error("The scale sent no stable weight; type it instead.");
  } finally {
    await reader?.cancel().catch(() => undefined);
    reader?.releaseLock();
    await port.close().catch(() => undefined);
  }
}
