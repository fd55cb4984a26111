import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import type { TLSSocket } from "node:tls";
import type { Logger } from "pino";
import type { Store } from "../store/index.js";
import type { DashboardFigures } from "./dashboard-figures.js";
import { DashboardPages } from "./dashboard-pages.js";
import { dashboardPaths } from "./dashboard-paths.js";
import { DashboardReply } from "./dashboard-reply.js";
import type { DashboardSettings } from "./dashboard-settings.js";
import { DashboardSignIn } from "./dashboard-sign-in.js";
import { DASHBOARD_STYLESHEET } from "./dashboard-stylesheet.js";
import { RepositoryAccess } from "./repository-access.js";
import { userGitHub } from "./user-github.js";

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

// A page answers within about this long (and its rendering): what is not counted by then is
// shown as counting, and the page reloads itself.
const DEFAULT_WAIT_MS = 120;

/**
 * The dashboard under `/expectations/`: sign-in with GitHub (the App's user-authorization flow),
 * then server-rendered pages from the store. GitHub is read only to sign people in and to list
 * the repositories each may see; every figure comes from the store through the same report and
 * release-readiness functions the app publishes with. This routes each request: the stylesheet,
 * sign-in and sign-out (`DashboardSignIn`), and every other GET to the pages (`DashboardPages`).
 */
export function dashboardHandler(options: DashboardOptions): DashboardHandler {
  const { store, figures, settings, log } = options;
  const clock = options.clock ?? (() => new Date());
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  const github = userGitHub(settings, options.fetch);
  const access = new RepositoryAccess(store, github, options.repositoryListMs);
  const signIn = new DashboardSignIn({ store, settings, github, access, clock, log });
  const pages = new DashboardPages({ store, figures, settings, access, signIn, clock, log });

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
    const reply = new DashboardReply(res, secure);
    try {
      if (req.method === "GET" && path === dashboardPaths.stylesheet)
        reply.send(200, DASHBOARD_STYLESHEET, {
          "content-type": "text/css; charset=utf-8",
          "cache-control": "public, max-age=3600",
        });
      else if (req.method === "GET" && path === dashboardPaths.root)
        reply.redirect(dashboardPaths.overview, 301);
      else if (req.method === "GET" && path === dashboardPaths.signIn) signIn.start(url, reply);
      else if (req.method === "GET" && path === dashboardPaths.signInCallback)
        await signIn.finish(req, url, reply);
      else if (req.method === "POST" && path === dashboardPaths.signOut)
        await signIn.signOut(req, reply);
      else if (req.method !== "GET") reply.send(405, "", { allow: "GET" });
      else await pages.show(req, url, reply, left);
    } catch (error) {
      reply.failed(error, log, path);
    }
    return true;
  };
}
