/** The pickup code as a QR code (drawn by bwip-js, loaded only when shown) and as text to read out. */
import { useEffect, useState } from "react";

export function PickupCode({ code }: { code: string }) {
  const [svg, setSvg] = useState<string>();
  useEffect(() => {
    let live = true;
    void import("bwip-js/browser")
      .then((b) => {
        if (live) setSvg(b.toSVG({ bcid: "qrcode", text: code, scale: 4, paddingwidth: 4, paddingheight: 4 }));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [code]);
  return (
    <figure className="pickup-code">
      {svg ? (
        <img
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
          width={180}
          height={180}
          alt={`QR code of pickup code ${code}`}
        />
      ) : (
        <div className="pickup-qr-placeholder" aria-hidden />
      )}
      <figcaption>
        Pickup code{" "}
        <strong className="pickup-code-text" data-testid="pickup-code">
          {code}
        </strong>
      </figcaption>
    </figure>
  );
}
