/**
 * Providers against local vendor-shaped servers on 127.0.0.1: a Postmark-shaped /email endpoint,
 * a Twilio-shaped Messages endpoint, and a real SMTP server (smtp-server). Each checks what the
 * vendor checks (token header, basic auth, form fields) and answers in the vendor's shapes.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { postmarkProvider } from "./postmark";
import { twilioProvider } from "./twilio";
import { smtpProvider } from "./smtp";
import { NotifyError } from "./types";

type Seen = { path: string; headers: IncomingMessage["headers"]; body: string };
const seen: Seen[] = [];
let http: Server;
let base = "";
let smtp: SMTPServer;
let smtpPort = 0;
const mails: { from: string; to: string[]; raw: string }[] = [];

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = "";
    req.on("data", (c: Buffer) => (s += c.toString()));
    req.on("end", () => resolve(s));
  });

beforeAll(async () => {
  http = createServer((req, res) => {
    void (async () => {
      const body = await read(req);
      seen.push({ path: req.url ?? "", headers: req.headers, body });
      const json = (status: number, data: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(data));
      };
      if (req.url === "/email") {
        if (req.headers["x-postmark-server-token"] !== "pm-token")
          return json(401, { ErrorCode: 10, Message: "Bad or missing API token" });
        const msg = JSON.parse(body) as { To: string };
        if (msg.To === "busy@example.com") return json(500, { ErrorCode: 100, Message: "Maintenance" });
        if (!/@/.test(msg.To)) return json(422, { ErrorCode: 300, Message: "Invalid 'To' address: 'nobody'." });
        return json(200, {
          To: msg.To,
          SubmittedAt: "2024-01-01T00:00:00Z",
          MessageID: "b7bc2f4a-e38e-4336-af7d-e6c392c2f817",
          ErrorCode: 0,
          Message: "OK",
        });
      }
      const m = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(req.url ?? "");
      if (m) {
        const expected = `Basic ${Buffer.from("AC123:tw-token").toString("base64")}`;
        if (req.headers.authorization !== expected || m[1] !== "AC123")
          return json(401, { code: 20003, message: "Authenticate", status: 401 });
        const form = new URLSearchParams(body);
        if (!/^\+\d{8,15}$/.test(form.get("To") ?? ""))
          return json(400, { code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 });
        if (form.get("To") === "+15550000429")
          return json(429, { code: 20429, message: "Too Many Requests", status: 429 });
        return json(201, {
          sid: "SM0123456789abcdef0123456789abcdef",
          status: "queued",
          to: form.get("To"),
          from: form.get("From"),
          body: form.get("Body"),
        });
      }
      json(404, { message: "not found" });
    })();
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith("unknown@"))
        return cb(Object.assign(new Error("5.1.1 No such user"), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString()));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((r) => http.close(() => r()));
  await new Promise<void>((r) => smtp.close(() => r()));
});

describe("Postmark", () => {
  const pm = () => postmarkProvider({ serverToken: "pm-token", from: "shop@example.com", baseUrl: base });
  test("sends the documented JSON with the server token and returns MessageID", async () => {
    const r = await pm().send({ to: "ada@example.com", subject: "Hi", body: "<p>Hi</p>", text: "Hi" });
    expect(r.providerId).toBe("b7bc2f4a-e38e-4336-af7d-e6c392c2f817");
    const req = seen.at(-1)!;
    expect(JSON.parse(req.body)).toEqual({
      From: "shop@example.com",
      To: "ada@example.com",
      Subject: "Hi",
      HtmlBody: "<p>Hi</p>",
      TextBody: "Hi",
      MessageStream: "outbound",
    });
    expect(req.headers.accept).toBe("application/json");
  });
  test("an invalid address is permanent; maintenance is retryable; a bad token is permanent", async () => {
    await expect(pm().send({ to: "nobody", body: "x" })).rejects.toMatchObject({
      retryable: false,
      message: expect.stringMatching(/ErrorCode 300/),
    });
    await expect(pm().send({ to: "busy@example.com", body: "x" })).rejects.toMatchObject({ retryable: true });
    await expect(
      postmarkProvider({ serverToken: "wrong", from: "a@b.co", baseUrl: base }).send({ to: "a@b.co", body: "x" }),
    ).rejects.toMatchObject({ retryable: false });
  });
  test("an unreachable server is retryable", async () => {
    const err = await postmarkProvider({ serverToken: "t", from: "a@b.co", baseUrl: "http://127.0.0.1:1" })
      .send({ to: "a@b.co", body: "x" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotifyError);
    expect((err as NotifyError).retryable).toBe(true);
  });
});

describe("Twilio", () => {
  const tw = () => twilioProvider({ accountSid: "AC123", authToken: "tw-token", from: "+15550001111", baseUrl: base });
  test("posts To/From/Body form-encoded with basic auth and returns the message sid", async () => {
    expect(await tw().send({ to: "+15555550100", body: "Order SO-1 shipped" })).toEqual({
      providerId: "SM0123456789abcdef0123456789abcdef",
    });
    const form = new URLSearchParams(seen.at(-1)!.body);
    expect([form.get("To"), form.get("From"), form.get("Body")]).toEqual([
      "+15555550100",
      "+15550001111",
      "Order SO-1 shipped",
    ]);
  });
  test("an invalid number is permanent; 429 is retryable", async () => {
    await expect(tw().send({ to: "12", body: "x" })).rejects.toMatchObject({
      retryable: false,
      message: "Twilio 400 (21211): The 'To' number is not a valid phone number.",
    });
    await expect(tw().send({ to: "+15550000429", body: "x" })).rejects.toMatchObject({ retryable: true });
  });
});

describe("SMTP", () => {
  const sm = () => smtpProvider({ host: "127.0.0.1", port: smtpPort, secure: false, from: "shop@example.com" });
  test("delivers a multipart message with the HTML and text parts", async () => {
    const r = await sm().send({
      to: "ada@example.com",
      subject: "Order SO-1 confirmed",
      body: "<p>Hi &lt;b&gt;</p>",
      text: "Hi <b>",
    });
    expect(r.providerId).toMatch(/^<.+>$/);
    const mail = mails.at(-1)!;
    expect([mail.from, mail.to]).toEqual(["shop@example.com", ["ada@example.com"]]);
    expect(mail.raw).toMatch(/Subject: Order SO-1 confirmed/);
    expect(mail.raw).toMatch(/text\/html/);
    expect(mail.raw).toContain("<p>Hi &lt;b&gt;</p>");
  });
  test("a refused mailbox (5xx) is permanent", async () => {
    await expect(sm().send({ to: "unknown@example.com", subject: "x", body: "x" })).rejects.toMatchObject({
      retryable: false,
      message: expect.stringMatching(/SMTP 550/),
    });
  });
});
