import { describe, expect, it } from "vitest";
import { dashboardSettings } from "../../src/web/index.js";

const SECRET = "x".repeat(32);
const ON = { GITHUB_CLIENT_ID: "Iv1.abc", GITHUB_CLIENT_SECRET: "shh", SESSION_SECRET: SECRET };

describe("whether the dashboard is on", () => {
  it.each([
    [{}, "GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET, SESSION_SECRET are not set"],
    [{ ...ON, GITHUB_CLIENT_SECRET: "" }, "GITHUB_CLIENT_SECRET is not set"],
    [{ ...ON, SESSION_SECRET: "   " }, "SESSION_SECRET is not set"],
  ])("is off with one reason naming what is missing: %j", (env, missing) => {
    expect(dashboardSettings(env)).toEqual({
      on: false,
      reason: `the dashboard is off: ${missing} (it needs GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET, SESSION_SECRET)`,
    });
  });

  it("is on with the three set, on github.com", () => {
    expect(dashboardSettings(ON)).toEqual({
      on: true,
      settings: {
        clientId: "Iv1.abc",
        clientSecret: "shh",
        sessionSecret: SECRET,
        webUrl: "https://github.com",
        apiUrl: "https://api.github.com",
        publicUrl: null,
      },
    });
  });

  it("uses GitHub Enterprise Server's OAuth pages and API under GHE_HOST", () => {
    const result = dashboardSettings({
      ...ON,
      GHE_HOST: "github.acme.test",
      GHE_PROTOCOL: "http",
      PUBLIC_URL: "https://expectations.acme.test/",
    });
    expect(result.on && result.settings).toMatchObject({
      webUrl: "http://github.acme.test",
      apiUrl: "http://github.acme.test/api/v3",
      publicUrl: "https://expectations.acme.test",
    });
  });

  it("refuses to start with a session secret shorter than 32 characters: there is no default", () => {
    expect(() => dashboardSettings({ ...ON, SESSION_SECRET: "development" })).toThrow(
      "SESSION_SECRET is 11 characters long; it must have at least 32",
    );
  });

  it.each(["expectations.acme.test", "ftp://acme.test", "https://acme.test/?a=1"])(
    "refuses a PUBLIC_URL browsers cannot use: %s",
    (url) => {
      expect(() => dashboardSettings({ ...ON, PUBLIC_URL: url })).toThrow(/^PUBLIC_URL must be/);
    },
  );
});
