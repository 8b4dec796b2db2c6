import { describe, expect, it, vi } from "vitest";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { z } from "zod";
import { FormError, TextField } from "../components/ui";
import { correctFieldsMessage, useForm, zodValidation, type ServerState } from "./useForm";

const schema = z.object({
  name: z.string().trim().min(1, "Name is required."),
  email: z
    .string()
    .trim()
    .regex(/^[^\s@]+@[^\s@]+$/, "Not an email address."),
});

/** A two-field form on the hook, with a server whose refusal the test sets. */
function Harness({
  onValid,
  initialServer = {},
}: {
  onValid: (v: { name: string; email: string }) => void;
  initialServer?: Partial<ServerState>;
}) {
  const [fields, setFields] = useState<Record<string, string>>(initialServer.fields ?? {});
  const server: ServerState = {
    fields,
    error: initialServer.error,
    clearField: (p) => setFields((f) => Object.fromEntries(Object.entries(f).filter(([k]) => k !== p))),
  };
  const form = useForm({ name: "", email: "" }, schema, server);
  return (
    <form {...form.formProps(onValid)}>
      <FormError message={form.formError} />
      <TextField
        label="Name"
        value={form.values.name}
        onChange={(e) => form.change("name", (v) => ({ ...v, name: e.target.value }))}
        {...form.bind("name")}
      />
      <TextField
        label="Email"
        value={form.values.email}
        onChange={(e) => form.change("email", (v) => ({ ...v, email: e.target.value }))}
        {...form.bind("email")}
      />
      <button type="submit">Save</button>
    </form>
  );
}

describe("zodValidation", () => {
  it("keys each first message by its dotted path and returns the parsed value when clean", () => {
    const s = z.object({ lines: z.array(z.object({ qty: z.number().min(1, "At least one.") })) });
    expect(zodValidation(s, { lines: [{ qty: 1 }, { qty: 0 }] }).errors).toEqual({ "lines.1.qty": "At least one." });
    expect(zodValidation(schema, { name: " Ann ", email: "a@b.c" })).toEqual({
      errors: {},
      input: { name: "Ann", email: "a@b.c" },
    });
  });
});

describe("useForm", () => {
  it("shows a field's error once it is left, every error after a submit attempt, and submits nothing meanwhile", async () => {
    const user = userEvent.setup({ delay: null });
    const onValid = vi.fn();
    render(<Harness onValid={onValid} />);
    const name = screen.getByLabelText("Name");
    const email = screen.getByLabelText("Email");
    expect(name).not.toHaveAttribute("aria-invalid");
    await user.click(name);
    await user.tab();
    expect(name).toHaveAccessibleDescription("Name is required.");
    expect(email).not.toHaveAttribute("aria-invalid");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(onValid).not.toHaveBeenCalled();
    expect(email).toHaveAccessibleDescription("Not an email address.");
    expect(screen.getByRole("alert")).toHaveTextContent(correctFieldsMessage(2));
    // The keyboard goes to the first field that needs attention.
    await act(() => new Promise((r) => setTimeout(r, 5)));
    expect(name).toHaveFocus();
    await user.type(name, "Ann");
    await user.type(email, "ann@example.com");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(onValid).toHaveBeenCalledWith({ name: "Ann", email: "ann@example.com" });
  });

  it("shows the server's field errors under their fields until edited, focused, with its sentence as the summary", async () => {
    const user = userEvent.setup({ delay: null });
    render(
      <Harness
        onValid={vi.fn()}
        initialServer={{ fields: { email: "That email is already a member." }, error: "That already exists." }}
      />,
    );
    const email = screen.getByLabelText("Email");
    expect(email).toHaveAccessibleDescription("That email is already a member.");
    expect(screen.getByRole("alert")).toHaveTextContent("That already exists.");
    await act(() => new Promise((r) => setTimeout(r, 5)));
    expect(email).toHaveFocus();
    await user.type(email, "x");
    expect(email).not.toHaveAttribute("aria-invalid");
  });
});
