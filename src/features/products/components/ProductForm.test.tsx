import { describe, expect, it, vi } from "vitest";
import type { ComponentProps } from "react";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ProductForm } from "./ProductForm";
import { MAX_BARCODES } from "../../../../convex/lib/bounds";
import { validateProductForm, productFormValues } from "../lib/productForm";

/** The form as a page hosts it: no refusal, nothing pending, unless `host` says otherwise. */
const renderProductForm = (host: Partial<ComponentProps<typeof ProductForm>>) =>
  render(
    <ProductForm
      pending={false}
      serverFields={{}}
      clearServerField={vi.fn()}
      onSubmit={vi.fn()}
      onCancel={vi.fn()}
      {...host}
    />,
  );

describe("ProductForm", () => {
  it("shows a duplicate SKU or barcode refusal under the input it names, and forgets it on edit", async () => {
    const user = userEvent.setup({ delay: null });
    const clear = vi.fn();
    renderProductForm({
      serverError: "Some values are already in use.",
      serverFields: { sku: "SKU TRS-M is already used by “Trail Running Sock — M”." },
      clearServerField: clear,
    });
    const sku = screen.getByLabelText(/^SKU/);
    expect(sku).toHaveAccessibleDescription("SKU TRS-M is already used by “Trail Running Sock — M”.");
    expect(screen.getByRole("alert")).toHaveTextContent("Some values are already in use.");
    await user.type(sku, "X");
    expect(clear).toHaveBeenCalledWith("sku");
  });

  it("offers no more barcode inputs than the server keeps", async () => {
    const user = userEvent.setup({ delay: null });
    renderProductForm({});
    for (let i = 0; i < MAX_BARCODES; i++) await user.click(screen.getByRole("button", { name: "Add barcode" }));
    expect(screen.getAllByLabelText(/^Barcode \d+/)).toHaveLength(MAX_BARCODES);
    expect(screen.queryByRole("button", { name: "Add barcode" })).toBeNull();
    expect(screen.getByText(`A product has at most ${MAX_BARCODES} barcodes.`)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Remove barcode 1" }));
    expect(screen.getByRole("button", { name: "Add barcode" })).toBeInTheDocument();
  });

  it("does not submit while a barcode has a wrong check digit", async () => {
    const user = userEvent.setup({ delay: null });
    const onSubmit = vi.fn();
    renderProductForm({ onSubmit });
    await user.type(screen.getByLabelText(/^SKU/), "ABC-1");
    await user.type(screen.getByLabelText(/^Name/), "Thing");
    for (const l of [/Weight/, /Length/, /Width/, /Height/]) await user.type(screen.getByLabelText(l), "10");
    await user.type(screen.getByLabelText(/^Price/), "5.00");
    await user.type(screen.getByLabelText(/^Cost/), "2");
    await user.click(screen.getByRole("button", { name: "Add barcode" }));
    await user.type(screen.getByLabelText(/Barcode 1/), "012345678906");
    await user.click(screen.getByRole("button", { name: "Create product" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/Barcode 1/)).toHaveAccessibleDescription(
      "Barcode 012345678906 has a wrong check digit.",
    );
    await user.clear(screen.getByLabelText(/Barcode 1/));
    await user.type(screen.getByLabelText(/Barcode 1/), "012345678905");
    await user.click(screen.getByRole("button", { name: "Create product" }));
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({
        sku: "ABC-1",
        barcodes: ["012345678905"],
        priceMinor: 500,
        costMinor: 200,
        weightGrams: 10,
      }),
    );
  });
});

describe("validateProductForm", () => {
  it("keys errors like the server", () => {
    const { errors } = validateProductForm({ ...productFormValues(), sku: " bad sku", price: "1.234" });
    expect(errors.sku).toMatch(/^SKU must be/);
    expect(errors.priceMinor).toBe("Enter an amount of zero or more.");
    expect(errors.weightGrams).toBe("Enter a whole number above zero.");
  });
});
