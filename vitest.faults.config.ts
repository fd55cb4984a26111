import { defineConfig } from "vitest/config";

/** `npm run test:faults`: the slow fault and load tests, against the built server in dist/. */
export default defineConfig({
  test: {
    // And the property tests that `npm test` runs with fewer cases, with all of them.
    include: ["test/faults/slow/**/*.test.ts", "test/reports/one-story-property.test.ts"],
    env: { EXPECTATIONS_FUZZ_RUNS: "5000", EXPECTATIONS_STORY_RUNS: "1000" },
    // The replicas share one PostgreSQL server (TEST_DATABASE_URL, or a throwaway embedded one).
    globalSetup: ["test/helpers/postgres-global-setup.ts"],
    // One at a time: each test loads the 2 cores on its own.
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
