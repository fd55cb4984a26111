import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Logger } from "pino";
import type { Store } from "../store/index.js";
import { readCookie } from "./cookies.js";
import { dashboardPaths } from "./dashboard-paths.js";
import { type DashboardReply, PageError } from "./dashboard-reply.js";
import type { DashboardSettings } from "./dashboard-settings.js";
import { renderSignIn } from "./render-messages.js";
import type { RepositoryAccess } from "./repository-access.js";
import { type Session, SessionStore } from "./session-store.js";
import { SIGN_IN_STATE_MS, SignInStates } from "./sign-in-states.js";
import { type SignedValues, signedValues } from "./signed-values.js";
import type { UserGitHub } from "./user-github.js";

const SESSION_COOKIE = "expectations_session";
const STATE_COOKIE = "expectations_sign_in";
const SESSION_MS = 8 * 3_600_000;
const MAX_FORM_BYTES = 4096;

/** What the request's session cookie said when it led to no session. */
export type SessionCookie = "none" | "ended" | "tampered";

/** Whether a form's token is the session's, compared in constant time. */
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

/** The sign-out form's fields: a urlencoded body of at most MAX_FORM_BYTES, or a PageError. */
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

export interface DashboardSignInOptions {
  store: Store;
  settings: DashboardSettings;
  github: UserGitHub;
  /** Forgets a person's repositories when they sign out. */
  access: RepositoryAccess;
  clock: () => Date;
  log: Logger;
}

/**
 * Signing in with GitHub (the App's user-authorization flow) and out: the sign-in's `state`
 * kept by the browser that started it, the session each browser carries in a signed cookie
 * (kept in the store, at most eight hours or the token's life), and the form token a sign-out
 * must bring back, so that no other site can sign anyone out.
 */
export class DashboardSignIn {
  private readonly settings: DashboardSettings;
  private readonly github: UserGitHub;
  private readonly access: RepositoryAccess;
  private readonly clock: () => Date;
  private readonly log: Logger;
  private readonly sessions: SessionStore;
  private readonly states: SignInStates;
  private readonly sessionCookie: SignedValues;
  private readonly redirectUri: string | null;

  constructor(options: DashboardSignInOptions) {
    this.settings = options.settings;
    this.github = options.github;
    this.access = options.access;
    this.clock = options.clock;
    this.log = options.log;
    this.sessions = new SessionStore(options.store, this.settings.sessionSecret);
    this.states = new SignInStates(this.settings.sessionSecret);
    this.sessionCookie = signedValues(this.settings.sessionSecret, "session");
    this.redirectUri = this.settings.publicUrl
      ? `${this.settings.publicUrl}${dashboardPaths.signInCallback}`
      : null;
  }

  /** `/login`: sends the browser to GitHub with a new state, to come back to `return_to`. */
  start(url: URL, reply: DashboardReply): void {
    const { state, cookie } = this.states.start(
      safeReturn(url.searchParams.get("return_to")),
      this.clock().getTime(),
    );
    const authorize = new URL(`${this.settings.webUrl}/login/oauth/authorize`);
    authorize.searchParams.set("client_id", this.settings.clientId);
    authorize.searchParams.set("state", state);
    if (this.redirectUri) authorize.searchParams.set("redirect_uri", this.redirectUri);
    reply.setCookie(STATE_COOKIE, cookie, dashboardPaths.signInCallback, SIGN_IN_STATE_MS / 1000);
    reply.redirect(authorize.toString(), 302);
  }

  /** GitHub's redirect back: a session for the person, when the state is this browser's own. */
  async finish(req: IncomingMessage, callback: URL, reply: DashboardReply): Promise<void> {
    const code = callback.searchParams.get("code");
    const state = callback.searchParams.get("state");
    // The code is a credential: keep it out of the request log line written at the end.
    req.url = callback.pathname;
    reply.setCookie(STATE_COOKIE, "", dashboardPaths.signInCallback, 0);
    // Only a state this browser started, in time: nobody can finish, or spoil, another's.
    const returnTo = state
      ? this.states.finish(state, readCookie(req, STATE_COOKIE), this.clock().getTime())
      : undefined;
    if (!returnTo || (!code && !callback.searchParams.has("error"))) {
      reply.page(
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
      reply.page(
        200,
        "Not signed in",
        renderSignIn(returnTo, "GitHub did not sign you in (the authorization was declined)."),
      );
      return;
    }
    let token: { token: string; expiresInSeconds: number | null };
    let user: { login: string; id: number };
    try {
      token = await this.github.exchangeCode(code, this.redirectUri);
      user = await this.github.user(token.token);
    } catch (error) {
      this.log.warn({ err: error }, "GitHub did not confirm a dashboard sign-in");
      reply.page(
        502,
        "Sign-in failed",
        renderSignIn(
          returnTo,
          "GitHub did not confirm the sign-in. Sign in again; if it keeps failing, the app's GITHUB_CLIENT_ID or GITHUB_CLIENT_SECRET may be wrong.",
        ),
      );
      return;
    }
    const now = this.clock().getTime();
    const lifetime = Math.min(SESSION_MS, (token.expiresInSeconds ?? Infinity) * 1000);
    const session = await this.sessions.create(
      { login: user.login, userId: user.id, token: token.token, expiresAt: now + lifetime },
      now,
    );
    this.setSession(reply, this.sessionCookie.sign(session.id), Math.floor(lifetime / 1000));
    this.log.info({ login: user.login }, "signed in to the dashboard");
    reply.redirect(returnTo);
  }

  /** The request's session (then the reply shows its person); else what its cookie said. */
  async current(
    req: IncomingMessage,
    reply: DashboardReply,
  ): Promise<{ session?: Session; cookie: SessionCookie }> {
    const cookie = readCookie(req, SESSION_COOKIE);
    if (cookie === undefined) return { cookie: "none" };
    const id = this.sessionCookie.verify(cookie);
    const session = id === null ? undefined : await this.sessions.get(id, this.clock().getTime());
    if (session) {
      reply.signedIn = session;
      return { session, cookie: "none" };
    }
    // A cookie we did not sign, or a session that is over: clear it, the person is signed out.
    this.setSession(reply, "", 0);
    return { cookie: id === null ? "tampered" : "ended" };
  }

  /** `/logout`: ends the session and revokes its token, when the form's token is the session's. */
  async signOut(req: IncomingMessage, reply: DashboardReply): Promise<void> {
    const form = await readForm(req);
    const { session } = await this.current(req, reply);
    if (session) {
      if (!sameText(form.get("token"), session.formToken))
        throw new PageError(
          403,
          "Not signed out",
          "That sign-out did not come from a page of this dashboard; nothing changed.",
        );
      await this.sessions.delete(session.id);
      this.access.forget(session.userId);
      this.setSession(reply, "", 0);
      try {
        await this.github.revoke(session.token);
      } catch (error) {
        this.log.warn({ err: error }, "could not revoke a dashboard token on GitHub");
      }
    }
    reply.redirect(`${dashboardPaths.overview}?signed_out=1`);
  }

  /** The sign-in page for a request without a session, saying why when its cookie did not do. */
  askToSignIn(url: URL, cookie: SessionCookie, reply: DashboardReply): void {
    const note =
      cookie === "tampered"
        ? "Your session was not valid, so you were signed out. Sign in again."
        : cookie === "ended"
          ? "Your session has ended. Sign in again."
          : url.searchParams.has("signed_out")
            ? "You are signed out."
            : undefined;
    reply.page(200, "Sign in", renderSignIn(url.pathname + url.search, note));
  }

  /** Ends a session whose token GitHub no longer accepts, and asks to sign in again. */
  async signInAgain(session: Session, path: string, reply: DashboardReply): Promise<void> {
    await this.sessions.delete(session.id);
    this.setSession(reply, "", 0);
    reply.page(
      200,
      "Sign in",
      renderSignIn(path, "GitHub no longer accepts your sign-in. Sign in again."),
    );
  }

  /** Sets the session cookie (signed id) for the whole dashboard; `maxAgeSeconds` 0 clears it. */
  private setSession(reply: DashboardReply, value: string, maxAgeSeconds: number): void {
    reply.setCookie(SESSION_COOKIE, value, dashboardPaths.root, maxAgeSeconds);
  }
}
