import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export const METRICS_PATH = "/expectations/metrics";

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/**
 * `GET /expectations/metrics` for a Prometheus that sends `Authorization: Bearer <token>`; 401
 * for anyone else (the token compared in constant time, whatever its length). Mounted only when
 * a token is set: without one the path does not exist.
 */
export function metricsRoute(options: {
  token: string;
  metrics: { render(): Promise<string>; contentType: string };
}): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const expected = digest(options.token);
  return async (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== METRICS_PATH) return false;
    if (req.method !== "GET") {
      res.writeHead(405, { allow: "GET" }).end();
      return true;
    }
    const presented = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1]?.trim() ?? "";
    if (!timingSafeEqual(digest(presented), expected)) {
      res.writeHead(401, {
        "www-authenticate": 'Bearer realm="metrics"',
        "cache-control": "no-store",
      });
      res.end("a bearer token is needed: the METRICS_TOKEN of this app\n");
      return true;
    }
    const body = await options.metrics.render();
    res.writeHead(200, {
      "content-type": options.metrics.contentType,
      "cache-control": "no-store",
    });
    res.end(body);
    return true;
  };
}
