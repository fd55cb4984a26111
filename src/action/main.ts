#!/usr/bin/env node
import { runAction } from "./run-action.js";

// The entry point `action.yml` runs: the process's environment, output and clock.
process.exitCode = await runAction({
  env: process.env,
  stdout: process.stdout,
  clock: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});
