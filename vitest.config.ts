import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Load and crash tests take minutes: `npm run test:faults` (vitest.faults.config.ts) runs them.
    exclude: [...configDefaults.exclude, "test/faults/slow/**"],
    // One PostgreSQL server for the run (TEST_DATABASE_URL, or a throwaway embedded one).
    globalSetup: ["test/helpers/postgres-global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
