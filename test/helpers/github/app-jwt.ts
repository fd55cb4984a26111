import { createPublicKey, createVerify } from "node:crypto";
import type { GitHubRequest } from "./github-request.js";

/** GitHub refuses an App JWT that expires more than ten minutes ahead. */
const LONGEST_JWT_S = 600;

function base64url(text: string): Buffer {
  return Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}

/** The claims of a JWT's payload, or null when it is not a JSON object. */
function claimsOf(payload: string): { iss?: unknown; exp?: unknown } | null {
  try {
    const claims: unknown = JSON.parse(base64url(payload).toString());
    return typeof claims === "object" && claims !== null ? claims : null;
  } catch {
    return null;
  }
}

/**
 * Whether a request carries the App's JWT, as GitHub checks it on `/app/...`: RS256, signed by
 * the key whose private half is `privateKey`, issued for `appId`, not expired and expiring at
 * most ten minutes from now.
 */
export function signedByApp(
  request: GitHubRequest,
  app: { appId: number; privateKey: string },
): boolean {
  const token = /^Bearer (.+)$/i.exec(String(request.headers.authorization ?? ""))?.[1] ?? "";
  const [header, payload, signature] = token.split(".");
  if (!header || !payload || !signature) return false;
  const verify = createVerify("RSA-SHA256");
  verify.update(`${header}.${payload}`);
  if (!verify.verify(createPublicKey(app.privateKey), base64url(signature))) return false;
  const claims = claimsOf(payload);
  const now = Date.now() / 1000;
  return (
    claims !== null &&
    String(claims.iss) === String(app.appId) &&
    typeof claims.exp === "number" &&
    claims.exp > now &&
    claims.exp <= now + LONGEST_JWT_S
  );
}
