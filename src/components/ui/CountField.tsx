/**
 * A count of things (units, shipments, days…) typed on a phone's number pad: a `TextField` of
 * type number from `min` (1 unless given) to `max`. The form's schema still parses the text
 * (`parseWhole`): the browser's own checks are off (`noValidate`).
 */
import type { ComponentProps } from "react";
import { TextField } from "./Field";

export function CountField(props: Omit<ComponentProps<typeof TextField>, "type" | "inputMode">) {
  return <TextField type="number" inputMode="numeric" min={1} {...props} />;
}
