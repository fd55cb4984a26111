/** The cookies a browser would keep for the dashboard, as one `Cookie` header. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = ""] = header.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

export async function get(url: string, jar: CookieJar = new CookieJar()): Promise<Response> {
  const response = await fetch(url, { redirect: "manual", headers: { cookie: jar.header() } });
  jar.take(response);
  return response;
}

/**
 * Signs in the way a browser does: the dashboard sends it to GitHub with a state, GitHub sends
 * it back with a code, the dashboard sets the session. Returns the jar and the sign-in's
 * callback URL (code and state), for tests that try to use it again.
 */
export async function signIn(
  base: string,
  jar: CookieJar = new CookieJar(),
): Promise<{ jar: CookieJar; callback: string }> {
  const start = await get(`${base}/expectations/login`, jar);
  const authorize = start.headers.get("location");
  if (start.status !== 302 || !authorize) throw new Error(`sign-in start answered ${start.status}`);
  const approved = await fetch(authorize, { redirect: "manual" });
  const callback = approved.headers.get("location");
  if (!callback) throw new Error("GitHub did not send the browser back");
  const done = await get(callback, jar);
  if (done.status !== 303) throw new Error(`sign-in callback answered ${done.status}`);
  return { jar, callback };
}
