import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { MessagePreview } from "./MessagePreview";
import { renderEmail } from "../../../../convex/lib/notifications/render";
import { DEFAULT_TEMPLATES, SAMPLE_DATA } from "../../../../convex/lib/notifications/templates";

describe("message preview", () => {
  it("renders email HTML in a sandboxed frame with a hostile note escaped", () => {
    const { subject, html } = renderEmail(DEFAULT_TEMPLATES.order_confirmed.email, {
      ...SAMPLE_DATA,
      orderNote: `Leave at the door <script>alert("hi")</script>`,
    });
    render(<MessagePreview channel="email" subject={subject} body={html} title="Preview" />);
    const frame = screen.getByTitle("Preview");
    expect(frame).toHaveAttribute("sandbox", "");
    const doc = frame.getAttribute("srcdoc") ?? "";
    expect(doc).toContain("&lt;script&gt;");
    expect(doc).not.toContain("<script>");
    expect(screen.getByText("Order SO-100042 confirmed")).toBeInTheDocument();
  });
  it("shows SMS as text", () => {
    render(<MessagePreview channel="sms" body="Order SO-1 shipped" title="SMS" />);
    expect(screen.getByLabelText("SMS")).toHaveTextContent("Order SO-1 shipped");
  });
});
