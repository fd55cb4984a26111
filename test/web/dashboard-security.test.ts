import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TABLE_NAMES } from "../../src/store/stored-rows.js";
import { CLIENT_SECRET } from "../helpers/github/index.js";
import {
  ANTS,
  type DashboardWorld,
  HOSTILE_LOGIN,
  HOSTILE_TITLE,
  NOW,
  SECRETS,
  SESSION_SECRET,
  startDashboardWorld,
  startReplica,
  USER,
} from "./dashboard-world.js";
import { CookieJar, get, signIn } from "./sign-in.js";

const MILESTONE = "/expectations/repos/chdsbd/test_repo/milestones/1";

describe("the dashboard's sign-in, sessions and pages against a simulated GitHub", () => {
  let world: DashboardWorld;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    world = await startDashboardWorld();
  }, 120_000);
  afterAll(async () => {
    await world?.stop();
    nock.enableNetConnect();
  });

  const page = async (path: string, jar: CookieJar) => {
    const response = await get(`${world.url}${path}`, jar);
    return { response, text: await response.text() };
  };

  it("sends every page with a strict Content-Security-Policy and no caching", async () => {
    const { jar } = await signIn(world.url);
    for (const path of ["/expectations/", MILESTONE, "/expectations/teams/848733/kodiak"]) {
      const { response } = await page(path, jar);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-security-policy")).toBe(
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      );
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("shows a person who is not signed in only the way to sign in", async () => {
    const { response, text } = await page("/expectations/teams/848733/kodiak", new CookieJar());
    expect(response.status).toBe(200);
    expect(text).toContain("Sign in with GitHub");
    expect(text).not.toContain("chdsbd");
    expect(text).toContain(
      `href="/expectations/login?return_to=${encodeURIComponent("/expectations/teams/848733/kodiak")}"`,
    );
  });

  it("signs in with a session cookie that is HttpOnly, SameSite=Lax, and Secure only behind https", async () => {
    const jar = new CookieJar();
    const start = await get(`${world.url}/expectations/login`, jar);
    const authorize = new URL(start.headers.get("location") ?? "");
    expect(`${authorize.origin}${authorize.pathname}`).toBe(
      `${world.github.url}/login/oauth/authorize`,
    );
    expect(authorize.searchParams.get("redirect_uri")).toBe(
      `${world.url}/expectations/auth/callback`,
    );
    expect(authorize.searchParams.get("state")).toMatch(/^[\w-]{43}$/);
    const back = await fetch(authorize, { redirect: "manual" });
    const done = await get(back.headers.get("location") ?? "", jar);
    const cookie = done.headers.getSetCookie().find((c) => c.startsWith("expectations_session="));
    expect(cookie).toMatch(/; Path=\/expectations; Max-Age=28800; HttpOnly; SameSite=Lax$/);
    // The token stays on the server: the cookie is a signed random id.
    expect(cookie).not.toContain("ghu_");
    expect(done.headers.get("location")).toBe("/expectations/");
  });

  it("writes nothing for 1,000 anonymous sign-ins: the state waits in a signed cookie until GitHub sends the browser back", async () => {
    const rows = async () =>
      Object.fromEntries(
        await Promise.all(
          TABLE_NAMES.map(async (table) => [table, (await world.store.readTable(table)).length]),
        ),
      );
    const before = await rows();
    // A flood of starts, 25 at a time: one row written by any of them would show below.
    for (let started = 0; started < 1_000; started += 25)
      await Promise.all(
        Array.from({ length: 25 }, async () => {
          const response = await fetch(`${world.url}/expectations/login`, { redirect: "manual" });
          expect(response.status).toBe(302);
        }),
      );
    expect(await rows()).toEqual(before);
    // A sign-in that comes back from GitHub still signs in.
    const { jar } = await signIn(world.url);
    expect(jar.get("expectations_session")).toBeDefined();
  });

  it("refuses a sign-in without a state, with a wrong one, or one used before", async () => {
    const missing = await page("/expectations/auth/callback?code=anything", new CookieJar());
    expect(missing.response.status).toBe(400);
    expect(missing.response.headers.getSetCookie().join()).not.toContain("expectations_session=");

    const { callback } = await signIn(world.url);
    const url = new URL(callback);
    // The same browser again: the state was used up.
    const jar = new CookieJar();
    const start = await get(`${world.url}/expectations/login`, jar);
    const state = new URL(start.headers.get("location") ?? "").searchParams.get("state") ?? "";
    url.searchParams.set("state", `${state.slice(0, -2)}xx`);
    const wrong = await page(`${url.pathname}${url.search}`, jar);
    expect(wrong.response.status).toBe(400);
    expect(wrong.text).toContain("That sign-in was not accepted");

    const reused = await get(callback, new CookieJar());
    expect(reused.status).toBe(400);
  });

  it("refuses a state started in another browser, and one older than ten minutes", async () => {
    const victim = new CookieJar();
    const start = await get(`${world.url}/expectations/login`, victim);
    const back = await fetch(start.headers.get("location") ?? "", { redirect: "manual" });
    const callback = back.headers.get("location") ?? "";
    // An attacker's browser (no state cookie, or its own) cannot finish someone else's sign-in.
    const attacker = new CookieJar();
    await get(`${world.url}/expectations/login`, attacker);
    expect((await get(callback, attacker)).status).toBe(400);
    // ...and did not use the state up: the browser that started it still can.
    expect((await get(callback, victim)).status).toBe(303);

    const late = new CookieJar();
    const started = await get(`${world.url}/expectations/login`, late);
    const returned = await fetch(started.headers.get("location") ?? "", { redirect: "manual" });
    world.setNow(new Date(NOW.getTime() + 10 * 60_000 + 1_000));
    try {
      expect((await get(returned.headers.get("location") ?? "", late)).status).toBe(400);
    } finally {
      world.setNow(NOW);
    }
  });

  it("signs out a session cookie that was tampered with", async () => {
    const { jar } = await signIn(world.url);
    const signed = jar.get("expectations_session") ?? "";
    const [id = "", signature = ""] = signed.split(".");
    for (const forged of [
      `${id.slice(0, -1)}${id.endsWith("A") ? "B" : "A"}.${signature}`,
      `${id}.${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`,
      id,
    ]) {
      const tampered = new CookieJar();
      tampered.set("expectations_session", forged);
      const response = await get(`${world.url}/expectations/`, tampered);
      const text = await response.text();
      expect(text).toContain("Your session was not valid, so you were signed out.");
      expect(text).not.toContain("test milestone");
      expect(response.headers.getSetCookie().join()).toMatch(/expectations_session=; .*Max-Age=0/);
    }
    // The real cookie still works.
    expect((await page("/expectations/", jar)).text).toContain("test milestone");
  });

  it("renders a hostile pull request title and login as text", async () => {
    const { jar } = await signIn(world.url);
    const milestone = (await page(MILESTONE, jar)).text;
    expect(milestone).toContain(
      "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;",
    );
    expect(milestone).toContain("&quot;&gt;&lt;svg onload=alert(4)&gt;mallory");
    expect(milestone).not.toContain(HOSTILE_TITLE);
    expect(milestone).not.toContain(HOSTILE_LOGIN);
    expect(milestone).not.toMatch(/<script|<img|<svg onload|href="javascript:/i);
    // Their person page: the login is escaped in the address too.
    const team = (await page("/expectations/teams/848733/kodiak", jar)).text;
    const href = `/expectations/teams/848733/kodiak/people/${encodeURIComponent(HOSTILE_LOGIN)}`;
    expect(team).toContain(`href="${href.replace(/&/g, "&amp;")}"`);
    const person = await page(href, jar);
    expect(person.response.status).toBe(200);
    expect(person.text).not.toContain(HOSTILE_LOGIN);
  });

  it("has a page only for people the team's report knows: a made-up name computes nothing", async () => {
    const { jar } = await signIn(world.url);
    const made = await page("/expectations/teams/848733/kodiak/people/no-such-person", jar);
    expect(made.response.status).toBe(404);
    // Nor someone who only worked in the repository this person cannot see.
    const hidden = await page("/expectations/teams/848733/kodiak/people/falcon-reviewer", jar);
    expect(hidden.response.status).toBe(404);
    const member = await page("/expectations/teams/848733/kodiak/people/chdsbd", jar);
    expect(member.response.status).toBe(200);
  });

  it("answers a repository the person cannot see exactly like one that does not exist", async () => {
    const { jar } = await signIn(world.url);
    const hidden = await page("/expectations/repos/chdsbd/secret_repo/milestones/1", jar);
    const missing = await page("/expectations/repos/chdsbd/no_such_repo/milestones/1", jar);
    expect(hidden.response.status).toBe(404);
    expect(hidden.text).toBe(missing.text);
    for (const path of ["/expectations/", "/expectations/teams/848733/kodiak", MILESTONE]) {
      const text = (await page(path, jar)).text;
      for (const secret of SECRETS) expect(text, `${path}: ${secret}`).not.toContain(secret);
    }
  });

  it("links the release checks to the milestone page, which shows the milestone's pull requests", async () => {
    const readiness = world.github.checkRuns.filter(
      (run) => run.name === "Release readiness" && run.details_url?.endsWith(MILESTONE),
    );
    expect(readiness.length).toBeGreaterThanOrEqual(1);
    const { jar } = await signIn(world.url);
    const { text } = await page(new URL(readiness[0]?.details_url ?? "").pathname, jar);
    expect(text).toContain(`<a href="${world.github.url}/chdsbd/test_repo/pull/9">#9</a>`);
  });

  it("asks GitHub again after the cache time: access taken away there is gone from every page", async () => {
    const { jar } = await signIn(world.url);
    expect((await page("/expectations/", jar)).text).toContain("panjf2000/ants");
    world.access.delete(ANTS);
    try {
      // Within the five minutes the list is trusted, nothing is asked again.
      world.setNow(new Date(NOW.getTime() + 4 * 60_000));
      expect((await page("/expectations/", jar)).text).toContain("panjf2000/ants");
      world.setNow(new Date(NOW.getTime() + 5 * 60_000));
      const overview = (await page("/expectations/", jar)).text;
      expect(overview).not.toContain("panjf2000/ants");
      expect(overview).toContain("chdsbd/test_repo");
      expect((await page("/expectations/repos/panjf2000/ants", jar)).response.status).toBe(404);
    } finally {
      world.access.set(ANTS, [134018330]);
      world.setNow(NOW);
    }
  });

  it("signs out only with the page's own form, ending the session and revoking the token", async () => {
    const { jar } = await signIn(world.url);
    const overview = (await page("/expectations/", jar)).text;
    const formToken = /name="token" value="([^"]+)"/.exec(overview)?.[1] ?? "";
    const post = (token: string) =>
      fetch(`${world.url}/expectations/logout`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ token }).toString(),
      });
    const forged = await post("not-the-token");
    expect(forged.status).toBe(403);
    expect((await page("/expectations/", jar)).text).toContain("test milestone");

    const revokedBefore = world.github.revoked.length;
    const out = await post(formToken);
    expect(out.status).toBe(303);
    jar.take(out);
    expect(world.github.revoked.length).toBe(revokedBefore + 1);
    expect(out.headers.get("location")).toBe("/expectations/?signed_out=1");
    const after = (await page("/expectations/?signed_out=1", jar)).text;
    expect(after).toContain("You are signed out.");
    expect(after).not.toContain("test milestone");
  });

  it("keeps sessions in the store: another replica knows them, the token sealed, gone at sign-out", async () => {
    const { jar } = await signIn(world.url);
    // A second replica on the same store, behind the same load balancer: no sticky sessions.
    const replica = await startReplica(world);
    try {
      const response = await get(`${replica.url}/expectations/`, jar);
      const text = await response.text();
      expect(response.status).toBe(200);
      expect(text).toContain(USER.login);
      expect(text).not.toContain("Sign in with GitHub");
      const kept = await world.store.readTable("dashboard_sessions");
      expect(kept.map((session) => session.login)).toContain(USER.login);
      const [id = ""] = (jar.get("expectations_session") ?? "").split(".");
      expect(kept.some((session) => session.idHash === id)).toBe(false);

      // Signed out on the replica: gone from the store for both.
      const formToken = /name="token" value="([^"]+)"/.exec(text)?.[1] ?? "";
      const out = await fetch(`${replica.url}/expectations/logout`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ token: formToken }).toString(),
      });
      expect(out.status).toBe(303);
      const token = world.github.revoked.at(-1) ?? "";
      expect(token).toMatch(/^ghu_/);
      expect(JSON.stringify(kept)).not.toContain(token);
      expect((await world.store.readTable("dashboard_sessions")).length).toBe(kept.length - 1);
      expect((await page("/expectations/", jar)).text).not.toContain("test milestone");
    } finally {
      await replica.stop();
    }
  });

  it("keeps the session, the code, the tokens and the secrets out of the log", async () => {
    const { jar, callback } = await signIn(world.url);
    await page("/expectations/", jar);
    const log = world.logLines.join("");
    expect(log).toContain('"msg":"signed in to the dashboard"');
    expect(log).toContain(`"login":"${USER.login}"`);
    const code = new URL(callback).searchParams.get("code") ?? "";
    const session = jar.get("expectations_session") ?? "";
    for (const secret of [
      code,
      session,
      session.split(".")[0] ?? "",
      CLIENT_SECRET,
      SESSION_SECRET,
    ])
      expect(log).not.toContain(secret);
    expect(log).not.toMatch(/ghu_[0-9a-f]{32}/);
  });
});
