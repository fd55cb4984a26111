import { createServer, type Server } from "node:http";
import nock from "nock";
import type { Logger } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ingestDelivery } from "../../src/ingest/index.js";
import {
  type DashboardFiguresOptions,
  dashboardFigures,
  dashboardHandler,
  dashboardSettings,
} from "../../src/web/index.js";
import { kodiakChain } from "../helpers/fixtures.js";
import { loggerCalling } from "../helpers/logger-calling.js";
import { tempStore } from "../helpers/temp-store.js";
import { CookieJar, get } from "./sign-in.js";

const GHE = "https://github.acme.test";
const silent = loggerCalling();

async function serve(
  env: Record<string, string>,
  waitMs = 5_000,
  options: { figures?: Partial<DashboardFiguresOptions>; log?: Logger } = {},
) {
  const ctx = await tempStore();
  const log = options.log ?? silent;
  const clock = () => new Date("2019-10-01T12:00:00Z");
  for (const delivery of kodiakChain()) await ingestDelivery(ctx.store, delivery);
  const switched = dashboardSettings({
    GITHUB_CLIENT_ID: "Iv1.abc",
    GITHUB_CLIENT_SECRET: "shh",
    SESSION_SECRET: "s".repeat(40),
    GHE_HOST: "github.acme.test",
    ...env,
  });
  if (!switched.on) throw new Error(switched.reason);
  const figures = dashboardFigures({
    store: ctx.store,
    location: { path: ctx.path },
    log,
    clock,
    ...options.figures,
  });
  const handler = dashboardHandler({
    store: ctx.store,
    figures,
    settings: switched.settings,
    log,
    clock,
    waitMs,
  });
  const server: Server = createServer(async (req, res) => {
    if (!(await handler(req, res))) res.writeHead(418).end("not the dashboard's");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return {
    url,
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await figures.stop();
      await ctx.cleanup();
    },
  };
}

/** GitHub Enterprise Server signing in `octo` who sees chdsbd/test_repo. */
function github() {
  nock(GHE)
    .post("/login/oauth/access_token")
    .reply(200, { access_token: "ghu_octo", token_type: "bearer" })
    .get("/api/v3/user")
    .reply(200, { login: "octo", id: 7 })
    .get("/api/v3/user/installations")
    .query(true)
    .reply(200, { installations: [{ id: 848733 }] })
    .get("/api/v3/user/installations/848733/repositories")
    .query(true)
    .reply(200, { repositories: [{ id: 183980723 }] });
}

async function signIn(url: string, returnTo = "/expectations/") {
  const jar = new CookieJar();
  const start = await get(
    `${url}/expectations/login?return_to=${encodeURIComponent(returnTo)}`,
    jar,
  );
  const state = new URL(start.headers.get("location") ?? "").searchParams.get("state");
  const done = await get(`${url}/expectations/auth/callback?code=c0de&state=${state}`, jar);
  return { jar, start, done };
}

describe("the dashboard's HTTP handling", () => {
  const stops: (() => Promise<void>)[] = [];
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterEach(async () => {
    nock.cleanAll();
    for (const stop of stops.splice(0)) await stop();
  });
  afterAll(() => nock.enableNetConnect());

  it("marks cookies Secure when PUBLIC_URL says browsers use https, and sends it as the callback", async () => {
    const server = await serve({ PUBLIC_URL: "https://expectations.acme.test" });
    stops.push(server.stop);
    github();
    const { start, done } = await signIn(server.url);
    expect(start.headers.getSetCookie()[0]).toMatch(
      /; Path=\/expectations\/auth\/callback; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/,
    );
    expect(new URL(start.headers.get("location") ?? "").searchParams.get("redirect_uri")).toBe(
      "https://expectations.acme.test/expectations/auth/callback",
    );
    expect(done.headers.getSetCookie().find((c) => c.startsWith("expectations_session="))).toMatch(
      /; Secure$/,
    );
  });

  it("does not trust X-Forwarded-Proto, and leaves the callback to the App's settings without PUBLIC_URL", async () => {
    const server = await serve({});
    stops.push(server.stop);
    const start = await fetch(`${server.url}/expectations/login`, {
      redirect: "manual",
      headers: { "x-forwarded-proto": "https" },
    });
    expect(start.headers.getSetCookie()[0]).not.toContain("Secure");
    const authorize = new URL(start.headers.get("location") ?? "");
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${GHE}/login/oauth/authorize`);
    expect(authorize.searchParams.get("client_id")).toBe("Iv1.abc");
    expect(authorize.searchParams.has("redirect_uri")).toBe(false);
  });

  it("returns after sign-in only to a page of the dashboard, never to another site", async () => {
    const server = await serve({});
    stops.push(server.stop);
    // The place to return to travels in the signed state cookie, as long as a page's address.
    const long = `/expectations/teams/848733/kodiak?x=${"a".repeat(1_950)}`;
    for (const [returnTo, location] of [
      ["/expectations/teams/848733/kodiak?period=2", "/expectations/teams/848733/kodiak?period=2"],
      ["/expectations", "/expectations"],
      [long, long],
      [`${long}${"a".repeat(100)}`, "/expectations/"],
      ["//evil.example/expectations/", "/expectations/"],
      ["https://evil.example/", "/expectations/"],
      ["/expectations/\\evil", "/expectations/"],
      ["/expectations//evil.example", "/expectations/"],
      ["/expectationsevil", "/expectations/"],
      ["javascript:alert(1)", "/expectations/"],
      ["/expectations/ \t/evil", "/expectations/"],
      ["", "/expectations/"],
    ]) {
      github();
      const { done } = await signIn(server.url, returnTo);
      expect(done.headers.get("location"), returnTo).toBe(location);
    }
  });

  it("leaves other paths and the health check to the other handlers; answers other methods with 405", async () => {
    const server = await serve({});
    stops.push(server.stop);
    expect((await fetch(`${server.url}/expectations/health`)).status).toBe(418);
    expect((await fetch(`${server.url}/api/github/webhooks`)).status).toBe(418);
    expect((await fetch(`${server.url}/expectationsx`)).status).toBe(418);
    const put = await fetch(`${server.url}/expectations/`, { method: "PUT" });
    expect([put.status, put.headers.get("allow")]).toEqual([405, "GET"]);
    const css = await fetch(`${server.url}/expectations/assets/dashboard.css`);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(await css.text()).toContain("prefers-color-scheme: dark");
  });

  it("answers at once with what is ready, and reloads itself while figures are still being counted", async () => {
    const server = await serve({}, 0);
    stops.push(server.stop);
    github();
    const { jar } = await signIn(server.url);
    const first = await (await get(`${server.url}/expectations/`, jar)).text();
    expect(first).toContain('<meta http-equiv="refresh" content="3">');
    expect(first).toContain("Counting…");
    // What a browser does: reload until every figure is there.
    let later = first;
    for (let i = 0; i < 200 && later.includes('http-equiv="refresh"'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      later = await (await get(`${server.url}/expectations/`, jar)).text();
    }
    expect(later).not.toContain('http-equiv="refresh"');
    expect(later).toContain("test milestone");
    expect(later).toContain("chdsbd/test_repo");
  });

  // A job that hangs past its deadline ends its worker the same way; worker-pool.test.ts shows
  // that with a job that really hangs (here a deadline of a millisecond would race the answer).
  it("a worker that cannot start (its store cannot be opened): the page says the figures are unavailable instead of reloading forever, and the error is logged", async () => {
    const figures = { location: { path: "/nonexistent/expectations.db" } };
    const reason = "starting";
    const lines: { message: string; details: Record<string, unknown> }[] = [];
    const log = loggerCalling({
      info() {},
      warn() {},
      error: (details: object, message: string) =>
        lines.push({ message, details: details as Record<string, unknown> }),
    });
    const server = await serve({}, 20_000, { figures: { ...figures, restartMs: 60_000 }, log });
    stops.push(server.stop);
    github();
    const { jar } = await signIn(server.url);
    const response = await get(`${server.url}/expectations/`, jar);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toContain("could not be computed just now; the error is logged");
    expect(text).not.toContain('http-equiv="refresh"');
    expect(lines.map((line) => line.message)).toContain(
      "dashboard figures: a worker thread stopped; it is started again",
    );
    expect(
      lines.find((line) => line.message === "dashboard figures failed")?.details,
    ).toMatchObject({
      figures: "scopes",
      err: { message: expect.stringContaining(reason) },
    });
    // Reloaded at once: still unavailable, and not computed again in a loop.
    const again = await (await get(`${server.url}/expectations/`, jar)).text();
    expect(again).toContain("could not be computed just now");
    expect(lines.filter((line) => line.message === "dashboard figures failed")).toHaveLength(1);
  });
});
