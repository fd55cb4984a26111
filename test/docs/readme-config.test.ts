import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../bench/project-root.js";
import { loadConfigFile } from "../../src/config/index.js";

const dir = mkdtempSync(join(tmpdir(), "expectations-readme-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The README's `.github/expectations.yml` examples: YAML blocks that open with that name. */
function readmeConfigs(): string[] {
  const readme = readFileSync(join(projectRoot(), "README.md"), "utf8");
  return [...readme.matchAll(/```yaml\n(# \.github\/expectations\.yml[\s\S]*?)```/g)].map(
    (match) => match[1] as string,
  );
}

describe("the README's example configurations", () => {
  const [typical, everyKey] = readmeConfigs();

  it("are there: a typical organisation's file and one with every key", () => {
    expect(readmeConfigs()).toHaveLength(2);
  });

  it("the typical file is valid and says what it seems to say", async () => {
    const path = join(dir, "typical.yml");
    writeFileSync(path, typical as string);
    const loaded = await loadConfigFile(path);
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
    if (!loaded.ok) return;
    expect(loaded.config).toMatchObject({
      timezone: "Europe/Berlin",
      release: { warn_within_business_days: 3, gate: { labels: ["release"] } },
      sla: { review_request_business_hours: 16 },
      reports: {
        repository: "acme/team-reports",
        teams: {
          storage: { repos: ["acme/widgets", "acme/gadgets"], members: ["alice", "bob", "carol"] },
          search: { github_team: "acme/search", owners_from: "codeowners" },
        },
      },
    });
  });

  it("the file with every key is valid", async () => {
    const path = join(dir, "every-key.yml");
    writeFileSync(path, everyKey as string);
    const loaded = await loadConfigFile(path);
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
  });
});
