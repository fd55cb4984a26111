import type { Actor } from "../store/index.js";

/** Bots: type Bot, logins ending in `[bot]`, and logins listed in config. */
export function isBot(actor: Actor | string, configuredBots: readonly string[] = []): boolean {
  const login = typeof actor === "string" ? actor : actor.login;
  if (typeof actor !== "string" && actor.type === "Bot") return true;
  return login.endsWith("[bot]") || configuredBots.includes(login);
}
