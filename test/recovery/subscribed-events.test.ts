import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SUBSCRIBED_EVENTS } from "../../src/recovery/index.js";

describe("the events asked for again", () => {
  it("are those app.yml subscribes to, and the installation events every App gets", () => {
    const manifest = parse(
      readFileSync(join(import.meta.dirname, "..", "..", "app.yml"), "utf8"),
    ) as { default_events: string[] };
    expect([...SUBSCRIBED_EVENTS].sort()).toEqual(
      [...manifest.default_events, "installation", "installation_repositories"].sort(),
    );
  });
});
