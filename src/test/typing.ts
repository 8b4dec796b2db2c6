/** Typing into fields in component tests. */
import { screen } from "@testing-library/react";
import type userEvent from "@testing-library/user-event";

type User = ReturnType<typeof userEvent.setup>;

/** Replaces the text of the field labelled `label` with `text` (clears it, then types). */
export async function retype(u: User, label: string | RegExp, text: string) {
  const field = screen.getByLabelText(label);
  await u.clear(field);
  await u.type(field, text);
}
