import { join } from "node:path";
import { freePort, type NodeChild, startNodeChild } from "../../../bench/node-child.js";
import { projectRoot } from "../../../bench/project-root.js";
import { serverEnvironment, throwawayPrivateKey } from "../../../bench/signing.js";

const privateKey = throwawayPrivateKey();

/**
 * The real Probot server with the expectations app in a child process (dist/bench/webhook-server.js,
 * built by `npm run test:faults`), on a loopback port, writing to `databasePath`.
 */
export async function startServerProcess(
  databasePath: string,
  cwd: string,
): Promise<{ url: string; child: NodeChild }> {
  const port = await freePort();
  const child = startNodeChild(
    join(projectRoot(), "dist", "bench", "webhook-server.js"),
    ["full"],
    {
      cwd,
      env: serverEnvironment({ port, databasePath, privateKey }),
    },
  );
  await child.message((m) => m.ready === true);
  return { url: `http://127.0.0.1:${port}`, child };
}
