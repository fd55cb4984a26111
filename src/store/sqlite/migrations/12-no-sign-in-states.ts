import type { Migration } from "../../schema/index.js";

export const noSignInStates: Migration = {
  version: 12,
  name: "no sign-in states",
  // A sign-in's state waits in a signed cookie of the browser that started it: starting one
  // writes nothing.
  sql: "DROP TABLE sign_in_states;",
};
