/**
 * A unique element id that is safe where an id becomes a CSS selector or is handed to a library
 * that looks it up (html5-qrcode, a wedge scanner's input): React's `useId` with only letters and
 * digits kept, after a readable prefix.
 */
import { useId } from "react";

export function useDomId(prefix: string): string {
  return `${prefix}-${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
}
