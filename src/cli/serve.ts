import { run } from "probot";
import { expectationsApp } from "../app.js";
import { openStore } from "../store/index.js";

/** Runs the Probot server; without APP_ID, Probot's own setup flow registers the app. */
export async function serve(): Promise<void> {
  const store = openStore();
  await run(expectationsApp({ store }));
}
