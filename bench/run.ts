import { availableParallelism, loadavg } from "node:os";
import { apiBenchmark } from "./api-benchmark.js";
import { type BenchResult, progress } from "./bench-result.js";
import { httpBenchmark } from "./http-benchmark.js";
import { ingestBenchmark } from "./ingest-benchmark.js";
import { postgresBenchmark } from "./postgres-benchmark.js";
import { redeliveryBenchmark } from "./redelivery-benchmark.js";
import { reportBenchmark } from "./report-benchmark.js";
import { startupBenchmark } from "./startup-benchmark.js";
import { webBenchmark } from "./web-benchmark.js";

type Benchmark = (options: { quick: boolean }) => Promise<BenchResult[]>;

const benchmarks: Record<string, Benchmark> = {
  ingest: ingestBenchmark,
  http: httpBenchmark,
  report: reportBenchmark,
  api: apiBenchmark,
  startup: startupBenchmark,
  web: webBenchmark,
  postgres: postgresBenchmark,
  redelivery: redeliveryBenchmark,
};

const usage = `usage: npm run bench -- [--quick] [--only ${Object.keys(benchmarks).join(",")}]`;

function parseArguments(argv: string[]): { quick: boolean; only: string[] } {
  let quick = false;
  let only = Object.keys(benchmarks);
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === "--quick") quick = true;
    else if (argument === "--only") {
      only = (argv[++i] ?? "").split(",").filter(Boolean);
      const unknown = only.filter((name) => !(name in benchmarks));
      if (unknown.length > 0 || only.length === 0)
        throw new Error(
          `--only: unknown benchmark ${unknown.join(", ") || "(none given)"}\n${usage}`,
        );
    } else if (argument === "--help" || argument === "-h") {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    } else throw new Error(`unknown argument ${argument}\n${usage}`);
  }
  return { quick, only };
}

let parsed: { quick: boolean; only: string[] };
try {
  parsed = parseArguments(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`bench: ${(error as Error).message}\n`);
  process.exit(2);
}
const { quick, only } = parsed;
const started = Date.now();
for (const name of only) {
  progress(`${name}${quick ? " (quick)" : ""}`);
  // Figures from a busy machine are not comparable: say how busy it was when this one started.
  const machine = {
    cpus: availableParallelism(),
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    node: process.version,
  };
  try {
    const results = await (benchmarks[name] as Benchmark)({ quick });
    for (const result of results)
      process.stdout.write(
        `${JSON.stringify({ ...result, params: { ...result.params, machine } })}\n`,
      );
  } catch (error) {
    // One broken benchmark still leaves the others' figures, and says what is missing.
    const failed: BenchResult = {
      name,
      value: null,
      unit: "",
      params: { quick },
      note: `did not run: ${(error as Error).message}`,
    };
    process.stdout.write(`${JSON.stringify(failed)}\n`);
    process.exitCode = 1;
  }
}
progress(`done in ${Math.round((Date.now() - started) / 1000)} s`);
