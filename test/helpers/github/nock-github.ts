import nock from "nock";
import type { FakeGitHub } from "./fake-github.js";
import { parsedBody, splitUri } from "./github-request.js";

export const API = "https://api.github.com";

const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"] as const;

/**
 * Serves `github` at `origin` through nock (REST under `/api/v3` too, as an Enterprise Server
 * has it), for the requests one of its routes answers; others are left to other interceptors.
 * `stop` removes it.
 */
export function nockGitHub(github: FakeGitHub, origin = API): { stop: () => void } {
  const scope = nock(origin).persist();
  for (const method of METHODS)
    scope
      .intercept((uri) => github.answers(method, splitUri(uri).path), method)
      .reply(async function (uri, body) {
        const reply = await github.answer({
          method,
          ...splitUri(uri),
          headers: this.req.headers,
          body: parsedBody(body),
        });
        return [
          reply.status,
          reply.body === undefined ? "" : JSON.stringify(reply.body),
          { "content-type": "application/json; charset=utf-8", ...reply.headers },
        ];
      });
  return {
    stop() {
      scope.persist(false);
      nock.cleanAll();
    },
  };
}
