import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import type { TLSSocket } from "node:tls";
import type { Logger } from "pino";
import type { Period } from "../metrics/index.js";
import type { ReviewActivityReport } from "../reports/index.js";
import type { RepositoryRecord, Store } from "../store/index.js";
import type { Figure } from "./computed-cache.js";
import { cookieHeader, readCookie } from "./cookies.js";
import type { DashboardFigures } from "./dashboard-figures.js";
import { dashboardPaths } from "./dashboard-paths.js";
import type { DashboardScope, DashboardScopes } from "./dashboard-scopes.js";
import type { DashboardSettings } from "./dashboard-settings.js";
import { DASHBOARD_STYLESHEET } from "./dashboard-stylesheet.js";
import { type Html, html } from "./html.js";
import { figureMissing } from "./page-parts.js";
import { renderMessage, renderSignIn } from "./render-messages.js";
import { renderMilestone } from "./render-milestone.js";
import { renderOverview } from "./render-overview.js";
import { renderPage } from "./render-page.js";
import { renderPerson } from "./render-person.js";
import { renderProblems } from "./render-problems.js";
import { renderTeam } from "./render-team.js";
import { reportPeriods, TREND_PERIODS } from "./report-periods.js";
import { RepositoryAccess } from "./repository-access.js";
import { type Session, SessionStore } from "./session-store.js";
import { SIGN_IN_STATE_MS, SignInStates } from "./sign-in-states.js";
import { signedValues } from "./signed-values.js";
import { GitHubAnswer, userGitHub } from "./user-github.js";

export interface DashboardOptions {
  store: Store;
  /** The figures pages show, computed off this thread (see `dashboardFigures`). */
  figures: DashboardFigures;
  settings: DashboardSettings;
  log: Logger;
  /** The wall clock; tests pass a fake one. */
  clock?: () => Date;
  /** How long a page waits for figures still being computed before it shows what it has. */
  waitMs?: number;
  /** How long GitHub's list of a person's repositories is trusted (default five minutes). */
  repositoryListMs?: number;
  fetch?: typeof fetch;
}

/** Answers a request it owns (true) or leaves it to the next handler (false), as Probot's `addHandler` wants. */
export type DashboardHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const SESSION_COOKIE = "expectations_session";
const STATE_COOKIE = "expectations_sign_in";
const SESSION_MS = 8 * 3_600_000;
const MAX_FORM_BYTES = 4096;
// A page answers within about this long (and its rendering): what is not counted by then is
// shown as counting, and the page reloads itself.
const DEFAULT_WAIT_MS = 120;
const RELOAD_SECONDS = 3;

const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};

class PageError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

const notFound = () =>
  new PageError(
    404,
    "Not found",
    "There is no such page, or it is about a repository GitHub does not list for you.",
  );

function sameText(given: string | null, expected: string): boolean {
  const a = Buffer.from(given ?? "");
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Only pages of the dashboard itself: never another site, never a protocol-relative path. */
function safeReturn(value: string | null): string {
  if (
    value &&
    value.length < 2000 &&
    (value === dashboardPaths.root || value.startsWith(`${dashboardPaths.root}/`)) &&
    !/[\\\s]|\/\//.test(value)
  )
    return value;
  return dashboardPaths.overview;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded"))
    throw new PageError(415, "Not a form", "Sign out with the button on a dashboard page.");
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES)
      throw new PageError(413, "Too large", "That form is larger than any form of this dashboard.");
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function decodeSegments(path: string): string[] {
  try {
    return path
      .slice(dashboardPaths.root.length)
      .split("/")
      .filter((segment) => segment !== "")
      .map((segment) => decodeURIComponent(segment));
  } catch {
    throw new PageError(400, "Bad address", "This address is not well formed.");
  }
}

function chosenPeriod(url: URL): number {
  const value = url.searchParams.get("period") ?? "0";
  const index = /^\d{1,2}$/.test(value) ? Number(value) : Number.NaN;
  if (!(index >= 0 && index <= TREND_PERIODS))
    throw new PageError(
      400,
      "Unknown period",
      `period must be 0 (this period so far) up to ${TREND_PERIODS} (that many periods back).`,
    );
  return index;
}

/**
 * The dashboard under `/expectations/`: sign-in with GitHub (the App's user-authorization flow),
 * then server-rendered pages from the store. GitHub is read only to sign people in and to list
 * the repositories each may see; every figure comes from the store through the same report and
 * release-readiness functions the app publishes with.
 */
export function dashboardHandler(options: DashboardOptions): DashboardHandler {
  const { store, figures, settings, log } = options;
  const clock = options.clock ?? (() => new Date());
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  const github = userGitHub(settings, options.fetch);
  const sessions = new SessionStore(store, settings.sessionSecret);
  const states = new SignInStates(settings.sessionSecret);
  const access = new RepositoryAccess(store, github, options.repositoryListMs);
  const sessionCookie = signedValues(settings.sessionSecret, "session");
  const redirectUri = settings.publicUrl
    ? `${settings.publicUrl}${dashboardPaths.signInCallback}`
    : null;

  return async (req, res) => {
    const started = performance.now();
    // What is left of the page's wait for figures, however much of it was spent before.
    const left = () => Math.max(0, started + waitMs - performance.now());
    const url = new URL(req.url ?? "/", "http://dashboard.invalid");
    const path = url.pathname;
    if (path !== dashboardPaths.root && !path.startsWith(`${dashboardPaths.root}/`)) return false;
    if (path === "/expectations/health" || path === "/expectations/live") return false;
    // Secure cookies when this connection is TLS, or when the operator says browsers use https
    // (PUBLIC_URL); X-Forwarded-Proto is never trusted, anyone can send it.
    const secure =
      (req.socket as TLSSocket).encrypted === true ||
      settings.publicUrl?.startsWith("https:") === true;
    const cookies: string[] = [];
    let signedIn: Session | undefined;
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        ...SECURITY_HEADERS,
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
        ...(cookies.length > 0 ? { "set-cookie": cookies } : {}),
        ...headers,
      });
      res.end(body);
    };
    const redirect = (location: string, status = 303) => send(status, "", { location });
    const setSession = (value: string, maxAgeSeconds: number) =>
      cookies.push(
        cookieHeader(SESSION_COOKIE, value, {
          path: dashboardPaths.root,
          maxAge: maxAgeSeconds,
          secure,
        }),
      );
    const page = (status: number, title: string, body: Html, session?: Session, refresh = 0) =>
      send(
        status,
        renderPage({
          title,
          body,
          ...(session ? { signedIn: { login: session.login, formToken: session.formToken } } : {}),
          ...(refresh > 0 ? { refreshSeconds: refresh } : {}),
          footer:
            "Figures come from the app's own records. GitHub is read only to sign you in and to list the repositories you can see.",
        }),
      );

    try {
      if (req.method === "GET" && path === dashboardPaths.stylesheet) {
        send(200, DASHBOARD_STYLESHEET, {
          "content-type": "text/css; charset=utf-8",
          "cache-control": "public, max-age=3600",
        });
        return true;
      }
      if (req.method === "GET" && path === dashboardPaths.root) {
        redirect(dashboardPaths.overview, 301);
        return true;
      }
      if (req.method === "GET" && path === dashboardPaths.signIn) {
        const { state, cookie } = states.start(
          safeReturn(url.searchParams.get("return_to")),
          clock().getTime(),
        );
        const authorize = new URL(`${settings.webUrl}/login/oauth/authorize`);
        authorize.searchParams.set("client_id", settings.clientId);
        authorize.searchParams.set("state", state);
        if (redirectUri) authorize.searchParams.set("redirect_uri", redirectUri);
        cookies.push(
          cookieHeader(STATE_COOKIE, cookie, {
            path: dashboardPaths.signInCallback,
            maxAge: SIGN_IN_STATE_MS / 1000,
            secure,
          }),
        );
        redirect(authorize.toString(), 302);
        return true;
      }
      if (req.method === "GET" && path === dashboardPaths.signInCallback) {
        await finishSignIn(url);
        return true;
      }
      if (req.method === "POST" && path === dashboardPaths.signOut) {
        await signOut();
        return true;
      }
      if (req.method !== "GET") {
        send(405, "", { allow: "GET" });
        return true;
      }
      await showPage();
    } catch (error) {
      if (error instanceof PageError) {
        page(error.status, error.title, renderMessage(error.title, error.message), signedIn);
      } else {
        log.error({ err: error, path }, "dashboard page failed");
        page(
          500,
          "Something went wrong",
          renderMessage(
            "Something went wrong",
            "The page could not be put together; it has been logged. Try again in a moment.",
          ),
          signedIn,
        );
      }
    }
    return true;

    async function finishSignIn(callback: URL): Promise<void> {
      const code = callback.searchParams.get("code");
      const state = callback.searchParams.get("state");
      // The code is a credential: keep it out of the request log line written at the end.
      req.url = callback.pathname;
      cookies.push(
        cookieHeader(STATE_COOKIE, "", {
          path: dashboardPaths.signInCallback,
          maxAge: 0,
          secure,
        }),
      );
      // Only a state this browser started, in time: nobody can finish, or spoil, another's.
      const returnTo = state
        ? states.finish(state, readCookie(req, STATE_COOKIE), clock().getTime())
        : undefined;
      if (!returnTo || (!code && !callback.searchParams.has("error"))) {
        page(
          400,
          "Sign-in not accepted",
          renderSignIn(
            dashboardPaths.overview,
            "That sign-in was not accepted: it was already used, took longer than ten minutes, or was started in another browser. Sign in again.",
          ),
        );
        return;
      }
      if (!code) {
        page(
          200,
          "Not signed in",
          renderSignIn(returnTo, "GitHub did not sign you in (the authorization was declined)."),
        );
        return;
      }
      let token: { token: string; expiresInSeconds: number | null };
      let user: { login: string; id: number };
      try {
        token = await github.exchangeCode(code, redirectUri);
        user = await github.user(token.token);
      } catch (error) {
        log.warn({ err: error }, "GitHub did not confirm a dashboard sign-in");
        page(
          502,
          "Sign-in failed",
          renderSignIn(
            returnTo,
            "GitHub did not confirm the sign-in. Sign in again; if it keeps failing, the app's GITHUB_CLIENT_ID or GITHUB_CLIENT_SECRET may be wrong.",
          ),
        );
        return;
      }
      const now = clock().getTime();
      const lifetime = Math.min(SESSION_MS, (token.expiresInSeconds ?? Infinity) * 1000);
      const session = await sessions.create(
        { login: user.login, userId: user.id, token: token.token, expiresAt: now + lifetime },
        now,
      );
      setSession(sessionCookie.sign(session.id), Math.floor(lifetime / 1000));
      log.info({ login: user.login }, "signed in to the dashboard");
      redirect(returnTo);
    }

    async function currentSession(): Promise<{
      session?: Session;
      cookie: "none" | "ended" | "tampered";
    }> {
      const cookie = readCookie(req, SESSION_COOKIE);
      if (cookie === undefined) return { cookie: "none" };
      const id = sessionCookie.verify(cookie);
      const session = id === null ? undefined : await sessions.get(id, clock().getTime());
      if (session) {
        signedIn = session;
        return { session, cookie: "none" };
      }
      // A cookie we did not sign, or a session that is over: clear it, the person is signed out.
      setSession("", 0);
      return { cookie: id === null ? "tampered" : "ended" };
    }

    async function signOut(): Promise<void> {
      const form = await readForm(req);
      const { session } = await currentSession();
      if (session) {
        if (!sameText(form.get("token"), session.formToken))
          throw new PageError(
            403,
            "Not signed out",
            "That sign-out did not come from a page of this dashboard; nothing changed.",
          );
        await sessions.delete(session.id);
        access.forget(session.userId);
        setSession("", 0);
        try {
          await github.revoke(session.token);
        } catch (error) {
          log.warn({ err: error }, "could not revoke a dashboard token on GitHub");
        }
      }
      redirect(`${dashboardPaths.overview}?signed_out=1`);
    }

    async function showPage(): Promise<void> {
      const { session, cookie } = await currentSession();
      if (!session) {
        const note =
          cookie === "tampered"
            ? "Your session was not valid, so you were signed out. Sign in again."
            : cookie === "ended"
              ? "Your session has ended. Sign in again."
              : url.searchParams.has("signed_out")
                ? "You are signed out."
                : undefined;
        page(200, "Sign in", renderSignIn(path + url.search, note));
        return;
      }
      const now = clock();
      let visible: RepositoryRecord[];
      try {
        visible = await access.visible(session, now.getTime());
      } catch (error) {
        if (error instanceof GitHubAnswer && error.status === 401) {
          await sessions.delete(session.id);
          setSession("", 0);
          page(
            200,
            "Sign in",
            renderSignIn(path, "GitHub no longer accepts your sign-in. Sign in again."),
          );
          return;
        }
        log.warn({ err: error }, "GitHub did not list a dashboard user's repositories");
        page(
          502,
          "GitHub did not answer",
          renderMessage(
            "GitHub did not answer",
            "The dashboard asks GitHub which repositories you can see before it shows anything, and GitHub did not answer just now. Try again in a moment.",
          ),
          session,
        );
        return;
      }
      // Teams and settings of exactly these repositories, kept while the store is unchanged.
      const scopes = await figures.scopes(visible, left());
      if (scopes.state !== "ready") {
        page(
          200,
          "Releases and teams",
          html`<h1>Releases and teams</h1>${figureMissing(scopes)}`,
          session,
          reloadWhile(scopes),
        );
        return;
      }
      const segments = decodeSegments(path);
      const [first, second, third, fourth, fifth, ...rest] = segments;
      if (rest.length > 0) throw notFound();
      if (first === undefined) return overview(session, scopes.value, now);
      if (first === "repos" && second && third) {
        const fullName = `${second}/${third}`.toLowerCase();
        if (fourth === undefined || (fourth === "people" && fifth)) {
          const scope = scopes.value.scopes.find(
            (s) => s.kind === "repository" && s.name.toLowerCase() === fullName,
          );
          if (scope) return fourth ? person(session, scope, fifth as string) : team(session, scope);
          // A repository reported as part of a team: its page is the team's.
          const teams = scopes.value.scopes.filter((s) =>
            s.repositories.some((r) => r.fullName.toLowerCase() === fullName),
          );
          if (fourth === undefined && teams.length === 1 && teams[0])
            return redirect(teams[0].path, 302);
          throw notFound();
        }
        if (fourth === "milestones" && fifth && /^\d{1,9}$/.test(fifth))
          return milestone(session, scopes.value, fullName, Number(fifth));
        throw notFound();
      }
      if (first === "teams" && second && /^\d{1,15}$/.test(second) && third) {
        const scope = scopes.value.scopes.find(
          (s) => s.kind === "team" && s.installationId === Number(second) && s.name === third,
        );
        if (!scope) throw notFound();
        if (fourth === undefined) return team(session, scope);
        if (fourth === "people" && fifth) return person(session, scope, fifth);
      }
      throw notFound();
    }

    async function overview(session: Session, scopes: DashboardScopes, now: Date) {
      const repositories = scopes.repositories;
      const current = scopes.scopes.map(
        (scope) => reportPeriods(scope.config, now, 0)[0] as Period,
      );
      const wait = left();
      const [releases, ...reports] = await Promise.all([
        figures.releases(repositories, wait),
        ...scopes.scopes.map((scope, i) => figures.report(scope, current[i] as Period, wait)),
      ]);
      const body = renderOverview({
        now: now.getTime(),
        repositories: repositories.length,
        releases,
        teams: scopes.scopes.map((scope, i) => ({
          scope,
          period: current[i] as Period,
          report: reports[i] as Figure<ReviewActivityReport>,
        })),
        problems: scopes.problems,
        unread: repositories.filter((r) => r.settingsSince === null).length,
      });
      page(200, "Releases and teams", body, session, reloadWhile(releases, ...reports));
    }

    async function milestone(
      session: Session,
      scopes: DashboardScopes,
      fullName: string,
      number: number,
    ) {
      const visible = scopes.repositories.find(
        (r) => r.repository.fullName.toLowerCase() === fullName,
      );
      if (!visible) throw notFound();
      const { repository, config } = visible;
      const found = (
        await store.listMilestones(repository.installationId, repository.repositoryId)
      ).find((m) => m.number === number && m.deletedAt === null);
      if (!found) throw notFound();
      if (config === null) {
        page(
          200,
          found.title,
          html`<h1>${found.title}</h1>${renderProblems(
            scopes.problems.filter((p) => p.file === repository.fullName),
            0,
          )}`,
          session,
        );
        return;
      }
      const standing = await figures.milestone(repository, number, config, left());
      if (standing.state !== "ready") {
        page(
          200,
          found.title,
          html`<h1>${found.title}</h1>${figureMissing(standing)}`,
          session,
          reloadWhile(standing),
        );
        return;
      }
      if (standing.value === null) throw notFound();
      page(
        200,
        found.title,
        renderMilestone(standing.value, settings.webUrl, standing.computedAt, standing.fresh),
        session,
      );
    }

    async function team(session: Session, scope: DashboardScope) {
      const chosen = chosenPeriod(url);
      const periods = reportPeriods(scope.config, clock());
      const wait = left();
      const [report, trends] = await Promise.all([
        figures.report(scope, periods[chosen] as Period, wait),
        figures.trends(scope, periods.slice(1), wait),
      ]);
      page(
        200,
        scope.name,
        renderTeam({ scope, periods, chosen, report, trends, webUrl: settings.webUrl }),
        session,
        reloadWhile(report, trends),
      );
    }

    async function person(session: Session, scope: DashboardScope, login: string) {
      const chosen = chosenPeriod(url);
      const periods = reportPeriods(scope.config, clock());
      const period = periods[chosen] as Period;
      // Only people the team's report knows in that period: a made-up name costs nothing.
      const report = await figures.report(scope, period, left());
      if (
        report.state === "ready" &&
        !report.value.people.some((p) => p.login === login) &&
        !report.value.members.logins.includes(login)
      )
        throw new PageError(
          404,
          "Not found",
          `Nobody of that name took part in ${scope.name} in this period, or is listed as one of its members.`,
        );
      const ladder =
        report.state === "ready" ? await figures.person(scope, period, login, left()) : report;
      page(
        200,
        login,
        renderPerson({ scope, login, periods, chosen, ladder, webUrl: settings.webUrl }),
        session,
        reloadWhile(ladder),
      );
    }
  };
}

/** Seconds until the page reloads itself: only while some of its figures are being counted. */
function reloadWhile(...figures: Figure<unknown>[]): number {
  return figures.some((figure) => figure.state === "counting") ? RELOAD_SECONDS : 0;
}
