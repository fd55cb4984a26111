import { afterEach, describe, expect, it } from "vitest";
import { capturedLog } from "../helpers/captured-log.js";
import { startServer } from "../helpers/probot-server.js";
import { tempStore } from "../helpers/temp-store.js";

const SESSION = "session-id-that-must-stay-secret.signature";
const CODE = "oauth-code-that-must-stay-secret";
const TOKEN = "ghu_token_that_must_stay_secret";

describe("the server's log", () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  it("writes each request without its cookies, credentials or query string", async () => {
    const { log, lines } = await capturedLog();
    const ctx = await tempStore();
    const server = await startServer(
      {
        store: ctx.store,
        routes: [
          async (req, res) => {
            if (!req.url?.startsWith("/expectations/auth")) return false;
            res.writeHead(302, {
              location: `https://github.example/login/oauth/authorize?state=${CODE}`,
              "set-cookie": `expectations_session=${SESSION}; Path=/expectations; HttpOnly`,
            });
            res.end();
            return true;
          },
        ],
      },
      { log },
    );
    stops.push(server.stop, ctx.cleanup);

    const response = await fetch(`${server.url}/expectations/auth/callback?code=${CODE}`, {
      redirect: "manual",
      headers: { cookie: `expectations_session=${SESSION}`, authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(302);
    await new Promise((resolve) => setTimeout(resolve, 50));

    const text = lines.join("");
    expect(text).toContain("/expectations/auth/callback");
    expect(text).toContain("[redacted]");
    for (const secret of [SESSION, CODE, TOKEN]) expect(text).not.toContain(secret);
  });

  it("never writes a payload, a body or an Authorization header, wherever a log call puts them", async () => {
    const { log, lines } = await capturedLog();
    const MARKER = "MARKER-body-text-in-the-log";
    const payload = { issue: { title: "t", body: MARKER } };
    // Probot's error handler logs the event a handler failed on under `err.event`.
    const failed = Object.assign(new Error("handler failed"), {
      event: { id: "d-1", name: "issues", payload },
    });
    // Another delivery's, another message: the same line is written once, then counted.
    const failedToo = Object.assign(new Error("reaction failed"), {
      event: { id: "d-2", name: "issues", payload },
    });
    log.error(failed);
    log.error({ err: failedToo }, "reaction failed");
    log.warn({ payload }, "with a payload");
    log.warn({ delivery: { payload } }, "with a payload one level down");
    log.warn({ event: { name: "issues", payload } }, "with an event");
    log.warn({ body: MARKER }, "with a body");
    log.warn({ request: { body: MARKER } }, "with a request body");
    log.warn({ req: { headers: { authorization: `token ${MARKER}` } } }, "a request");
    log.warn({ headers: { authorization: `Bearer ${MARKER}` } }, "headers");
    log.warn(
      { err: { request: { headers: { authorization: `token ${MARKER}` } } } },
      "an Octokit error",
    );
    await new Promise((resolve) => setTimeout(resolve, 50));

    const text = lines.join("");
    expect(lines).toHaveLength(10);
    expect(text).toContain("handler failed");
    expect(text).toContain('"d-1"');
    expect(text).not.toContain(MARKER);
  });
});
