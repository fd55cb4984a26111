import type { GitHubTarget, GitHubWrite } from "../../src/github/index.js";

/** GitHub's issues and comments in memory: what a reader of the repository would see. */
export function memoryGitHub() {
  const writes: GitHubWrite[] = [];
  const issues = new Map<number, { title: string; body: string; state: string }>();
  const comments = new Map<number, { issue: number; body: string }>();
  let next = 1;
  const target: GitHubTarget = {
    async send(write) {
      writes.push(write);
      const body = write.body as Record<string, string>;
      const id = Number(write.path.split("/").at(-1));
      if (write.method === "POST" && write.path.endsWith("/issues")) {
        const number = next++;
        issues.set(number, { title: body.title ?? "", body: body.body ?? "", state: "open" });
        return { number };
      }
      if (write.method === "POST" && write.path.endsWith("/comments")) {
        const commentId = next++;
        comments.set(commentId, {
          issue: Number(write.path.split("/").at(-2)),
          body: body.body ?? "",
        });
        return { id: commentId };
      }
      if (write.method === "PATCH" && write.path.includes("/issues/comments/")) {
        Object.assign(comments.get(id) ?? {}, body);
        return {};
      }
      if (write.method === "PATCH") {
        Object.assign(issues.get(id) ?? {}, body);
        return {};
      }
      if (write.method === "DELETE") comments.delete(id);
      return {};
    },
    async read() {
      return [];
    },
  };
  return { target, writes, issues, comments };
}
