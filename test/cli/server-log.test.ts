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
});
