/**
 * The phone camera as a barcode reader, through html5-qrcode: the browser's native
 * BarcodeDetector where it exists (`useBarCodeDetectorIfSupported`), html5-qrcode's own ZXing
 * decoder elsewhere. Reads UPC-A, EAN-13, Code 128 and QR. Starts on a tap (browsers ask for the
 * camera on a gesture), prefers the back camera, and offers the others once permission is given.
 * Every decode goes to `onDecode`, many per second for one barcode: de-duplication is the caller's.
 */
import { useEffect, useRef, useState } from "react";
import { useDomId } from "../../../lib/useDomId";
import type { Html5Qrcode } from "html5-qrcode";
import { Button } from "../../../components/ui";

type Camera = { id: string; label: string };

export function CameraScanner({ onDecode, disabled }: { onDecode: (code: string) => void; disabled?: boolean }) {
  const regionId = useDomId("camera");
  const scanner = useRef<Html5Qrcode | null>(null);
  const onDecodeRef = useRef(onDecode);
  const [state, setState] = useState<"off" | "starting" | "on">("off");
  const [error, setError] = useState<string>();
  const [cameras, setCameras] = useState<Camera[]>([]);
  const [cameraId, setCameraId] = useState<string>();

  useEffect(() => {
    onDecodeRef.current = onDecode;
  }, [onDecode]);

  const stop = async () => {
    const s = scanner.current;
    scanner.current = null;
    setState("off");
    if (!s) return;
    try {
      if (s.isScanning) await s.stop();
      s.clear();
    } catch {
      // Already stopped (page left mid-start): nothing to release.
    }
  };

  const start = async (deviceId?: string) => {
    setError(undefined);
    setState("starting");
    try {
      const { Html5Qrcode, Html5QrcodeSupportedFormats: F } = await import("html5-qrcode");
      await stop();
      setState("starting");
      const s = new Html5Qrcode(regionId, {
        verbose: false,
        formatsToSupport: [F.UPC_A, F.EAN_13, F.CODE_128, F.QR_CODE],
        useBarCodeDetectorIfSupported: true,
      });
      scanner.current = s;
      await s.start(
        deviceId ?? { facingMode: "environment" },
        // A wide, low box: 1D barcodes are long and thin; QR codes fit too.
        {
          fps: 15,
          qrbox: (w, h) => ({ width: Math.max(50, Math.floor(w * 0.9)), height: Math.max(50, Math.floor(h * 0.6)) }),
        },
        (text) => onDecodeRef.current(text),
        () => {},
      );
      if (scanner.current !== s) return; // stopped while starting
      setState("on");
      Html5Qrcode.getCameras()
        .then((list) => setCameras(list.map((c) => ({ id: c.id, label: c.label || "Camera" }))))
        .catch(() => setCameras([]));
    } catch (e) {
      scanner.current = null;
      setState("off");
      setError(cameraError(e));
    }
  };

  // A scanner with nothing to scan for (list done, not claimed) turns the camera off.
  useEffect(() => {
    if (disabled && scanner.current) void stop();
  }, [disabled]);

  // Leaving the page turns the camera off.
  useEffect(
    () => () => {
      const s = scanner.current;
      scanner.current = null;
      if (s?.isScanning)
        void s.stop().then(
          () => s.clear(),
          () => {},
        );
    },
    [],
  );

  const native = typeof window !== "undefined" && "BarcodeDetector" in window;
  return (
    <div className="camera" data-camera={state}>
      <div id={regionId} className={["camera-region", state === "off" ? "camera-off" : ""].join(" ")} />
      <div className="camera-controls">
        <Button
          size="lg"
          variant={state === "on" ? "secondary" : "primary"}
          className="floor-big"
          disabled={disabled && state === "off"}
          loading={state === "starting"}
          onClick={() => void (state === "off" ? start(cameraId) : stop())}
        >
          {state === "on" ? "Stop camera" : "Start camera"}
        </Button>
        {state === "on" && cameras.length > 1 && (
          <select
            aria-label="Camera"
            value={cameraId ?? ""}
            onChange={(e) => {
              setCameraId(e.target.value || undefined);
              void start(e.target.value || undefined);
            }}
          >
            <option value="">Back camera</option>
            {cameras.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        )}
      </div>
      {state === "on" && (
        <p className="muted camera-note">Decoder: {native ? "built into the browser" : "ZXing (in the page)"}</p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function cameraError(e: unknown): string {
  const text = typeof e === "string" ? e : e instanceof Error ? `${e.name} ${e.message}` : "";
  if (/NotAllowed|Permission/i.test(text))
    return "The camera is blocked. Allow it in the browser's site settings, or use a scanner.";
  if (/NotFound|no camera|Requested device not found/i.test(text))
    return "No camera was found on this device. Use a scanner or type the code.";
  if (/NotReadable|in use/i.test(text)) return "The camera is in use by another app.";
  if (/secure|https/i.test(text)) return "The camera needs a secure (https) page.";
  return "The camera could not start. Use a scanner or type the code.";
}
