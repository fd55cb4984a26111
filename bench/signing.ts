import { createHmac, generateKeyPairSync } from "node:crypto";

/** The webhook secret benchmark and test servers are started with. */
export const BENCH_WEBHOOK_SECRET = "bench-webhook-secret";

/** GitHub's `X-Hub-Signature-256` for a body. */
export function signBody(body: string, secret = BENCH_WEBHOOK_SECRET): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** A throwaway RSA key for the app's own JWT; nothing is ever sent to GitHub with it. */
export function throwawayPrivateKey(): string {
  return generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
}

/**
 * Where GitHub is for a server or command run here unless told otherwise: a closed port on this
 * machine, so that nothing it does by itself (the redelivery job at start) leaves it.
 */
export const NO_GITHUB = { GHE_HOST: "127.0.0.1:9", GHE_PROTOCOL: "http" };

/** The environment `expectations serve` (and the benchmark server) reads, for a local child. */
export function serverEnvironment(options: {
  port: number;
  databasePath: string;
  privateKey: string;
  logLevel?: string;
}): Record<string, string> {
  return {
    APP_ID: "123",
    PRIVATE_KEY: options.privateKey,
    WEBHOOK_SECRET: BENCH_WEBHOOK_SECRET,
    HOST: "127.0.0.1",
    PORT: String(options.port),
    DATABASE_PATH: options.databasePath,
    LOG_LEVEL: options.logLevel ?? "warn",
    LOG_FORMAT: "json",
    NODE_ENV: "production",
    ...NO_GITHUB,
  };
}
