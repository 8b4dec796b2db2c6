import { describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { LEFT_THE_PAGE, renderPage, stubConvexEach } from "../../../test/convexStub";
import { refusal } from "../../../test/forms";
import { product } from "../../../test/fixtures";
import { NewOrderPage } from "./NewOrderPage";

vi.mock("convex/react", () => import("../../../test/convexReact"));

/** The catalog's one product: WID-1 at 12.50. */
const widget = product();

const server = stubConvexEach();
const createManual = () => server.mutations["orders:createManual"];
function openForm() {
  server.queries["products:search"] = [widget];
  server.queries["orders:findByNumber"] = null;
  return renderPage(<NewOrderPage />, { url: "/orders/new", path: "/orders/new", role: "supervisor" });
}

async function fillValidForm(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText(/Customer name/), "Grace Hopper");
  await user.type(screen.getByLabelText(/^Email/), "grace@example.com");
  await user.type(screen.getByLabelText(/Recipient name/), "Grace Hopper");
  await user.type(screen.getByLabelText(/Street address/), "1 Main St");
  await user.type(screen.getByLabelText(/^City/), "Arlington");
  await user.type(screen.getByLabelText(/State \/ region/), "VA");
  await user.type(screen.getByLabelText(/Postal code/), "22201");
  await user.type(screen.getByRole("combobox", { name: /Product/ }), "WID");
  await user.click(await screen.findByRole("option", { name: /WID-1/ }));
}

describe("New order form", { timeout: 20_000 }, () => {
  it("shows the shared sentence for a malformed US postal code next to the input", async () => {
    const user = userEvent.setup({ delay: null });
    openForm();
    const postal = screen.getByLabelText(/Postal code/);
    await user.type(postal, "1234");
    await user.tab();
    expect(postal).toHaveAttribute("aria-invalid", "true");
    expect(postal).toHaveAccessibleDescription(
      '"1234" is not a valid United States postal code (e.g. 12345 or 12345-6789).',
    );
  });

  it("does not submit while the form has errors, and says what is missing", async () => {
    const user = userEvent.setup({ delay: null });
    openForm();
    await user.click(screen.getByRole("button", { name: "Create order" }));
    expect(createManual()).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/^Email/)).toHaveAccessibleDescription("Email is required.");
    expect(screen.getByLabelText(/Customer name/)).toHaveAccessibleDescription("Customer name is required.");
    expect(screen.getByRole("combobox", { name: /Product/ })).toHaveAccessibleDescription("Choose a product.");
    expect(screen.getByText(/Please correct the \d+ highlighted fields/)).toBeInTheDocument();
    // The keyboard is taken to the first field that needs attention.
    expect(document.activeElement).toHaveAttribute("aria-invalid", "true");
  });

  it("refuses a missing email even when everything else is right", async () => {
    const user = userEvent.setup({ delay: null });
    openForm();
    await fillValidForm(user);
    await user.clear(screen.getByLabelText(/^Email/));
    await user.click(screen.getByRole("button", { name: "Create order" }));
    expect(screen.getByLabelText(/^Email/)).toHaveAccessibleDescription("Email is required.");
    expect(createManual()).not.toHaveBeenCalled();
  });

  it("refuses a non-positive quantity", async () => {
    const user = userEvent.setup({ delay: null });
    openForm();
    await fillValidForm(user);
    const qty = screen.getByLabelText(/Quantity/);
    await user.clear(qty);
    await user.type(qty, "0");
    await user.tab();
    expect(qty).toHaveAccessibleDescription("Quantity must be a whole number above zero.");
    await user.click(screen.getByRole("button", { name: "Create order" }));
    expect(createManual()).not.toHaveBeenCalled();
    await user.clear(qty);
    await user.type(qty, "-3");
    expect(qty).toHaveAccessibleDescription("Quantity must be a whole number above zero.");
  });

  it("submits a valid order with money in minor units and opens it", async () => {
    const user = userEvent.setup({ delay: null });
    createManual().mockResolvedValue({ orderId: "o42", number: "SO-100042" });
    const page = openForm();
    await fillValidForm(user);
    expect(screen.getByLabelText(/Unit price/)).toHaveValue("12.50");
    await user.click(screen.getByRole("button", { name: "Create order" }));
    await waitFor(() => expect(createManual()).toHaveBeenCalledTimes(1));
    expect(createManual().mock.calls[0][0].order).toMatchObject({
      kind: "phone",
      customer: { name: "Grace Hopper", email: "grace@example.com" },
      shipTo: { line1: "1 Main St", postalCode: "22201", country: "US", region: "VA" },
      lines: [{ productId: "p1", quantity: 1, unitPriceMinor: 1250 }],
      currency: "USD",
    });
    expect(await screen.findByText(LEFT_THE_PAGE)).toBeInTheDocument();
    expect(page.url()).toBe("/orders/o42");
  });

  it("shows the server's field errors next to the inputs they name", async () => {
    const user = userEvent.setup({ delay: null });
    createManual().mockRejectedValue(
      refusal("INVALID_INPUT", "Please correct the highlighted fields.", {
        "shipTo.postalCode": "Server says this postal code is unknown.",
        "lines.0.quantity": "Server says too many.",
        "customer.email": "Server says this email bounces.",
      }),
    );
    openForm();
    await fillValidForm(user);
    await user.click(screen.getByRole("button", { name: "Create order" }));
    await waitFor(() => expect(createManual()).toHaveBeenCalledTimes(1));
    const postal = screen.getByLabelText(/Postal code/);
    expect(await screen.findByText("Server says this postal code is unknown.")).toBeInTheDocument();
    expect(postal).toHaveAttribute("aria-invalid", "true");
    expect(postal).toHaveAccessibleDescription("Server says this postal code is unknown.");
    expect(screen.getByLabelText(/Quantity/)).toHaveAccessibleDescription("Server says too many.");
    expect(screen.getByLabelText(/^Email/)).toHaveAccessibleDescription("Server says this email bounces.");
    expect(document.body.textContent).not.toMatch(/at handler|Error:/);
    expect(screen.getByText("Please correct the highlighted fields.")).toBeInTheDocument();
    // Editing the field clears the server's complaint about it.
    await user.type(postal, "{backspace}1");
    expect(screen.queryByText("Server says this postal code is unknown.")).toBeNull();
  });

  it("shows the code's sentence for a refusal without fields", async () => {
    const user = userEvent.setup({ delay: null });
    createManual().mockRejectedValue(refusal("FORBIDDEN", ""));
    openForm();
    await fillValidForm(user);
    await user.click(screen.getByRole("button", { name: "Create order" }));
    expect(await screen.findByText("You do not have permission to do that.")).toBeInTheDocument();
  });
});
