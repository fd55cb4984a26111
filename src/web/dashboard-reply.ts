import type { ServerResponse } from "node:http";
import type { Logger } from "pino";
import { cookieHeader } from "./cookies.js";
import type { Html } from "./html.js";
import { renderMessage } from "./render-messages.js";
import { renderPage } from "./render-page.js";
import type { Session } from "./session-store.js";

const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};

/** A request the dashboard refuses: answered with `status` and a page that says why. */
export class PageError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

/** The one answer for a page that does not exist and for one the person may not see. */
export const notFound = () =>
  new PageError(
    404,
    "Not found",
    "There is no such page, or it is about a repository GitHub does not list for you.",
  );

/**
 * The answer to one dashboard request: always with the security headers and never cached,
 * with the cookies set while it was worked out, and its pages in the dashboard's frame.
 */
export class DashboardReply {
  private readonly cookies: string[] = [];
  /** The person the request's session belongs to, once known: an error page shows them too. */
  signedIn: Session | undefined;

  constructor(
    private readonly res: ServerResponse,
    /** Cookies only over https: this connection is TLS, or the operator says browsers use it. */
    private readonly secureCookies: boolean,
  ) {}

  /** Sets a cookie with the answer; `maxAgeSeconds` 0 deletes it. */
  setCookie(name: string, value: string, path: string, maxAgeSeconds: number): void {
    this.cookies.push(
      cookieHeader(name, value, { path, maxAge: maxAgeSeconds, secure: this.secureCookies }),
    );
  }

  /** Sends the answer: the security headers, no caching, the cookies set, then `headers`. */
  send(status: number, body: string, headers: Record<string, string> = {}): void {
    this.res.writeHead(status, {
      ...SECURITY_HEADERS,
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      ...(this.cookies.length > 0 ? { "set-cookie": this.cookies } : {}),
      ...headers,
    });
    this.res.end(body);
  }

  /** Sends the browser to `location`: 303 (See Other) unless `status` says otherwise. */
  redirect(location: string, status = 303): void {
    this.send(status, "", { location });
  }

  /** A page in the dashboard's frame; it reloads itself after `refresh` seconds when not 0. */
  page(status: number, title: string, body: Html, session?: Session, refresh = 0): void {
    this.send(
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
  }

  /** The page for a request that failed: a PageError's own, else a 500 (and a log line). */
  failed(error: unknown, log: Logger, path: string): void {
    if (error instanceof PageError) {
      this.page(
        error.status,
        error.title,
        renderMessage(error.title, error.message),
        this.signedIn,
      );
      return;
    }
    log.error({ err: error, path }, "dashboard page failed");
    this.page(
      500,
      "Something went wrong",
      renderMessage(
        "Something went wrong",
        "The page could not be put together; it has been logged. Try again in a moment.",
      ),
      this.signedIn,
    );
  }
}
