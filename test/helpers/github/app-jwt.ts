import { createPublicKey, createVerify } from "node:crypto";
import type { GitHubRequest } from "./github-request.js";

function base64url(text: string): Buffer {
  return Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}

/**
 * Whether a request carries the App's JWT, as GitHub checks it on `/app/...`: RS256, signed by
 * the key whose private half is `privateKey`, issued for `appId`.
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
  const claims = JSON.parse(base64url(payload).toString()) as { iss?: unknown };
  return String(claims.iss) === String(app.appId);
}
