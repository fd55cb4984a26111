import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TREND_MEASURES } from "../../../src/reports/index.js";
import {
  type DashboardWorld,
  HOSTILE_LOGIN,
  HOSTILE_TITLE,
  SECRETS,
  startDashboardWorld,
  startReplica,
} from "../../web/dashboard-world.js";

const SCREENSHOTS = join(import.meta.dirname, "..", "..", "..", "test-results", "dashboard");
const CHROMIUM = "/usr/bin/chromium";

/**
 * The dashboard end to end in a real browser: Debian's chromium driven by playwright-core,
 * against the real server and a simulated GitHub Enterprise Server on 127.0.0.1. Screenshots
 * of every page go to test-results/dashboard/ for a person to look at.
 */
describe("the dashboard in a browser", () => {
  let world: DashboardWorld;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const seen: string[] = [];
  const replicas: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    // Nothing leaves the machine: the browser and the server talk to 127.0.0.1 only.
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    if (!existsSync(CHROMIUM))
      throw new Error(
        `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium fonts-liberation; .ci/run does)`,
      );
    mkdirSync(SCREENSHOTS, { recursive: true });
    world = await startDashboardWorld();
    profile = mkdtempSync(join(tmpdir(), "dashboard-chromium-"));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
      ],
      viewport: { width: 1280, height: 900 },
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    for (const replica of replicas) await replica.stop();
    await world?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
    nock.enableNetConnect();
  });

  const shot = (name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const remember = async () => {
    seen.push(await page.content());
  };

  it("signs in through GitHub and shows only the repositories GitHub lists for the person", async () => {
    const first = await page.goto(`${world.url}/expectations/`);
    expect(first?.headers()["content-security-policy"]).toContain("default-src 'none'");
    await expect(page.getByRole("link", { name: "Sign in with GitHub" }).count()).resolves.toBe(1);
    await shot("01-sign-in");

    await page.getByRole("link", { name: "Sign in with GitHub" }).click();
    await page.waitForURL(`${world.url}/expectations/`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "Releases and teams",
    );
    await expect(page.locator("header .login").textContent()).resolves.toBe("octo-lead");
    const overview = await page.locator("main").textContent();
    expect(overview).toContain("test milestone");
    expect(overview).toContain("kodiak");
    expect(overview).toContain("panjf2000/ants");
    // The only release the person can see; the private repository's is not counted either.
    expect(await page.locator("#releases-chart tbody tr").count()).toBe(1);
    await remember();
    await shot("02-overview");
  });

  it("goes from the overview to the milestone and on to a pull request on GitHub", async () => {
    await page.getByRole("link", { name: "test milestone" }).first().click();
    await page.waitForURL(/\/expectations\/repos\/chdsbd\/test_repo\/milestones\/1$/);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain(
      "test milestone",
    );
    const rows = page.locator("main table").last().locator("tbody tr");
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    await expect(page.locator("main").textContent()).resolves.toContain("sbdchd");
    await remember();
    await shot("03-milestone");

    const pull = page.getByRole("link", { name: "#9", exact: true });
    expect(await pull.getAttribute("href")).toBe(`${world.github.url}/chdsbd/test_repo/pull/9`);
    await pull.click();
    await page.waitForURL(`${world.github.url}/chdsbd/test_repo/pull/9`);
    await page.goBack();
  });

  it("renders a hostile title and login as text: no script runs, nothing is injected", async () => {
    await page.goto(`${world.url}/expectations/repos/chdsbd/test_repo/milestones/1`);
    await expect(page.getByText(HOSTILE_TITLE, { exact: false }).count()).resolves.toBe(1);
    await expect(page.getByText(HOSTILE_LOGIN).first().isVisible()).resolves.toBe(true);
    expect(await page.locator("script").count()).toBe(0);
    expect(await page.locator('img[src="x"], svg[onload]').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it("shows a team's report sections with its trends as charts, each with its table", async () => {
    await page.goto(`${world.url}/expectations/`);
    await page.getByRole("link", { name: "kodiak", exact: true }).click();
    await page.waitForURL(/\/expectations\/teams\/848733\/kodiak$/);
    const headings = await page.locator("main h2").allInnerTexts();
    expect(headings).toEqual([
      "Expectations",
      "Pull requests",
      "Review participation",
      "Waiting on someone past the SLA",
      "Escalation risks",
      "Customer issues",
      "Pending work by release",
      "Trends",
    ]);
    // One chart per measure of the pull-request and participation sections that has a better direction.
    const charted = TREND_MEASURES.filter((measure) => measure.better !== null).length;
    const charts = page.locator("figure.chart[id^='trend-']");
    expect(await charts.count()).toBe(charted);
    // Every chart has its figures in a table behind it.
    expect(await page.locator("figure.chart[id^='trend-'] table").count()).toBe(charted);
    await remember();
    await shot("04-team-kodiak");

    await page.goto(`${world.url}/expectations/repos/panjf2000/ants`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "panjf2000/ants",
    );
    expect(await page.locator("figure.chart[id^='trend-'] circle").count()).toBeGreaterThan(12);
    await remember();
    await shot("05-team-ants");
  });

  it("shows one person's ladder lines for a chosen period, never ranked against anyone", async () => {
    await page.goto(`${world.url}/expectations/teams/848733/kodiak`);
    await page.getByRole("link", { name: "sbdchd" }).first().click();
    await page.waitForURL(/\/people\/sbdchd$/);
    await expect(page.getByRole("heading", { level: 2 }).allInnerTexts()).resolves.toEqual([
      "Their ladder lines",
      "Review requests waiting on them past the SLA",
      "Their pull requests in releases",
      "Measured for the team as a whole",
      "What activity cannot show",
    ]);
    expect(await page.locator("main").textContent()).not.toMatch(/rank|top reviewer|leaderboard/i);
    await remember();
    await shot("06-person");

    await page.selectOption("select#period", "1");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/\/people\/sbdchd\?period=1$/);
    await remember();

    await page.goto(`${world.url}/expectations/teams/848733/kodiak`);
    await page.getByRole("link", { name: HOSTILE_LOGIN }).click();
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      HOSTILE_LOGIN,
    );
    expect(await page.locator("script").count()).toBe(0);
    await remember();
  });

  it("follows the browser's dark preference", async () => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`${world.url}/expectations/`);
    const background = await page.evaluate("getComputedStyle(document.body).backgroundColor");
    expect(background).toBe("rgb(13, 17, 23)");
    await shot("07-overview-dark");
    await page.goto(`${world.url}/expectations/teams/848733/kodiak`);
    await shot("08-team-dark");
    await page.emulateMedia({ colorScheme: "light" });
  });

  it("answers before the figures are counted and reloads itself until they are, without script and within the CSP", async () => {
    // A replica that has computed nothing yet and waits for no figure: the first look of a lead.
    const replica = await startReplica(world, { waitMs: 0 });
    // Stopped after the browser, which keeps its connections to the replica open until then.
    replicas.push(replica);
    const refused: string[] = [];
    const onConsole = (message: { text(): string }) => {
      if (/content security policy/i.test(message.text())) refused.push(message.text());
    };
    let loads = 0;
    const onLoad = () => {
      loads += 1;
    };
    page.on("console", onConsole);
    page.on("load", onLoad);
    try {
      const first = await page.goto(`${replica.url}/expectations/`);
      expect(first?.headers()["content-security-policy"]).toContain("default-src 'none'");
      expect(await page.content()).toContain("Counting…");
      await shot("09-counting");
      // Reloaded by the page itself until every figure is there, and then no more.
      const until = Date.now() + 40_000;
      let pending = true;
      while (pending && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        const content = await page.content().catch(() => "navigating");
        pending = content === "navigating" || content.includes('http-equiv="refresh"');
      }
      expect(pending).toBe(false);
      await page.waitForLoadState("load");
      const done = await page.content();
      expect(done).toContain("test milestone");
      expect(done).not.toContain("Counting");
      expect(loads).toBeGreaterThan(1);
      expect(refused).toEqual([]);
      expect(dialogs).toEqual([]);
    } finally {
      page.off("console", onConsole);
      page.off("load", onLoad);
    }
  }, 60_000);

  it("signs out: the session ends and the token is revoked on GitHub", async () => {
    await page.goto(`${world.url}/expectations/`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${world.url}/expectations/?signed_out=1`);
    await expect(page.locator("main").textContent()).resolves.toContain("You are signed out.");
    await shot("09-signed-out");
    expect(world.github.revoked).toHaveLength(1);
    expect(world.github.liveTokens()).toEqual([]);
    await page.goto(`${world.url}/expectations/teams/848733/kodiak`);
    await expect(page.getByRole("link", { name: "Sign in with GitHub" }).count()).resolves.toBe(1);
  });

  it("never showed anything of the repository the person cannot see", () => {
    expect(seen.length).toBeGreaterThanOrEqual(7);
    for (const html of seen) for (const secret of SECRETS) expect(html).not.toContain(secret);
    expect(dialogs).toEqual([]);
  });
});
