// Writes .env.example from the declared settings (src/settings/declared-settings.ts), as built
// into dist/ by `npm run build`; test/settings/env-example.test.ts fails until it is rerun.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderEnvExample } from "../dist/src/settings/index.js";

writeFileSync(join(import.meta.dirname, "..", ".env.example"), renderEnvExample());
