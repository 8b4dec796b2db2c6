import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { cleanText, escapeHtml, renderEmail, renderSms, renderTemplate, templateProblems } from "./render";
import { DEFAULT_TEMPLATES, NOTIFICATION_CHANNELS, NOTIFICATION_EVENTS, SAMPLE_DATA } from "./templates";

describe("rendering", () => {
  test("values and lists", () => {
    expect(
      renderTemplate(
        "Hi {{ name }}, {{#items}}[{{n}}]{{/items}}!",
        { name: "Ada", items: [{ n: 1 }, { n: 2 }] },
        "html",
      ),
    ).toBe("Hi Ada, [1][2]!");
    expect(renderTemplate("{{missing}}|{{#none}}x{{/none}}|", {}, "html")).toBe("||");
  });

  test("an order note with a script tag never appears unescaped in the email's HTML", () => {
    const note = `</p><script>alert(document.cookie)</script><img src=x onerror="steal()">`;
    const { html, subject } = renderEmail(DEFAULT_TEMPLATES.order_confirmed.email, {
      ...SAMPLE_DATA,
      orderNote: note,
      customerName: `Eve <b>"x"</b>`,
    });
    expect(html).not.toMatch(/<script|<img|<\/p><script/i);
    expect(html).toContain("&lt;script&gt;alert(document.cookie)&lt;/script&gt;");
    expect(html).toContain("onerror=&quot;steal()&quot;");
    expect(html).toContain("Hi Eve &lt;b&gt;&quot;x&quot;&lt;/b&gt;,");
    expect(subject).toBe("Order SO-100042 confirmed");
  });

  test("list items from customer data are escaped too", () => {
    const html = renderTemplate(
      "{{#lines}}<li>{{name}}</li>{{/lines}}",
      { lines: [{ name: "<svg onload=x>" }] },
      "html",
    );
    expect(html).toBe("<li>&lt;svg onload=x&gt;</li>");
  });

  test("subjects and SMS cannot carry line breaks (no header injection)", () => {
    const { subject } = renderEmail(
      { subject: "Order {{orderNumber}}", body: "" },
      { orderNumber: "1\r\nBcc: victim@example.com" },
    );
    expect(subject).toBe("Order 1 Bcc: victim@example.com");
    expect(subject).not.toMatch(/[\r\n]/);
    expect(renderSms({ body: "Hi {{customerName}}" }, { customerName: "A\nB" })).toBe("Hi A B");
  });

  test("the plain-text alternative drops the template's tags and keeps the words", () => {
    const { text } = renderEmail(DEFAULT_TEMPLATES.shipped.email, SAMPLE_DATA);
    expect(text).toContain("UPS Ground: 1Z999AA10123456784");
    expect(text).not.toMatch(/<li>|<p>/);
  });

  test("property: HTML output of any value contains no raw markup characters from the value", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = renderTemplate("<p>{{v}}</p>", { v: s }, "html");
        const inner = out.slice(3, -4);
        expect(inner).not.toMatch(/[<>"']/);
        expect(inner).toBe(escapeHtml(s));
      }),
    );
  });
  test("property: text output never contains control characters", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        // eslint-disable-next-line no-control-regex
        expect(cleanText(renderTemplate("{{v}}", { v: s }, "text"))).not.toMatch(/[\u0000-\u001f]/);
      }),
    );
  });
});

describe("template checks", () => {
  test("every default template is valid for its event", () => {
    for (const e of NOTIFICATION_EVENTS)
      for (const c of NOTIFICATION_CHANNELS) {
        const t = DEFAULT_TEMPLATES[e][c];
        expect([e, c, templateProblems(t.subject, e), templateProblems(t.body, e)]).toEqual([e, c, [], []]);
      }
  });
  test("unknown placeholders, lists of another event, unclosed and nested sections are named", () => {
    expect(templateProblems("{{refundAmount}}", "shipped")[0]).toMatch(/refundAmount\}\} is not available/);
    expect(templateProblems("{{#packages}}{{name}}{{/packages}}", "order_confirmed")[0]).toMatch(
      /not a list for this message/,
    );
    expect(templateProblems("{{#lines}}{{quantity}}", "order_confirmed")).toEqual(["{{#lines}} is never closed."]);
    expect(templateProblems("{{#lines}}{{#lines}}{{/lines}}", "order_confirmed")[0]).toMatch(/cannot be inside/);
    expect(templateProblems("{{ oops", "delivered")).toEqual(["A placeholder is malformed: use {{name}}."]);
  });
});
