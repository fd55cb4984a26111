import { describe, expect, it } from "vitest";
import { SIGN_IN_STATE_MS, SignInStates } from "../../src/web/sign-in-states.js";
import { signedValues } from "../../src/web/signed-values.js";

const SECRET = "s".repeat(40);
const T = Date.parse("2026-01-05T09:00:00Z");

describe("sign-in states kept in a signed cookie", () => {
  const states = new SignInStates(SECRET);

  it("return where the sign-in started, for its own state, within ten minutes", () => {
    const { state, cookie } = states.start("/expectations/teams/1/core", T);
    expect(state).toMatch(/^[\w-]{43}$/);
    expect(cookie).not.toContain(state);
    expect(states.finish(state, cookie, T + SIGN_IN_STATE_MS - 1)).toBe(
      "/expectations/teams/1/core",
    );
    expect(states.finish(state, cookie, T + SIGN_IN_STATE_MS)).toBeUndefined();
  });

  it("refuse another sign-in's state, a cookie changed by anyone, or signed for anything else", () => {
    const mine = states.start("/expectations/", T);
    const theirs = states.start("/expectations/", T);
    expect(states.finish(theirs.state, mine.cookie, T)).toBeUndefined();
    expect(states.finish(mine.state, undefined, T)).toBeUndefined();
    const [payload = "", signature = ""] = mine.cookie.split(".");
    const changed = Buffer.from(
      Buffer.from(payload, "base64url").toString().replace('"/expectations/"', '"//evil.example"'),
    ).toString("base64url");
    expect(states.finish(mine.state, `${changed}.${signature}`, T)).toBeUndefined();
    // The same value, signed as a session id (or under another secret), is not a sign-in's.
    expect(
      states.finish(mine.state, signedValues(SECRET, "session").sign(payload), T),
    ).toBeUndefined();
    expect(new SignInStates("t".repeat(40)).finish(mine.state, mine.cookie, T)).toBeUndefined();
    const notJson = signedValues(SECRET, "sign-in state").sign("bm90IGpzb24");
    expect(states.finish(mine.state, notJson, T)).toBeUndefined();
  });
});
