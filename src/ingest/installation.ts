import { z } from "zod";
import type { StoreChange } from "../store/index.js";
import type { IngestContext } from "./context.js";
import { normalizeActor } from "./normalize-fields.js";
import { parse } from "./parse.js";
import { installationRepositorySchema, installationSchema } from "./payload-schemas.js";

const repositoryListSchema = z.array(installationRepositorySchema).optional();

function repositoryChanges(installationId: number, value: unknown, path: string): StoreChange[] {
  return (parse(repositoryListSchema, value, path) ?? []).map((repository) => ({
    kind: "repository" as const,
    record: {
      installationId,
      repositoryId: repository.id,
      fullName: repository.full_name,
      private: repository.private,
    },
  }));
}

/** The removal of an installation (no repository) or of one repository of it, or its request. */
function removal(
  context: IngestContext,
  repository: { id: number; full_name: string } | null,
): StoreChange {
  const { installationId } = context;
  if (context.confirmPurges)
    return {
      kind: "purge_requested",
      record: {
        installationId,
        repositoryId: repository?.id ?? null,
        fullName: repository?.full_name ?? null,
        deliveryId: context.deliveryId,
        requestedAt: context.receivedAt,
      },
    };
  const at = context.receivedAt;
  return repository
    ? { kind: "repository_removed", installationId, repositoryId: repository.id, at }
    : { kind: "installation_deleted", installationId, at };
}

export function installationChanges(
  action: string,
  payload: Record<string, unknown>,
  context: IngestContext,
): StoreChange[] | null {
  const { installationId, receivedAt } = context;
  if (action === "deleted") return [removal(context, null)];
  if (action !== "created" && action !== "suspend" && action !== "unsuspend") return null;
  const installation = parse(installationSchema, payload.installation, "installation");
  const account = normalizeActor(installation.account);
  return [
    {
      kind: "installation",
      record: {
        installationId,
        accountLogin: account.login,
        accountType: account.type,
        suspended: action === "suspend",
        updatedAt: receivedAt,
      },
    },
    ...repositoryChanges(installationId, payload.repositories, "repositories"),
  ];
}

export function installationRepositoriesChanges(
  action: string,
  payload: Record<string, unknown>,
  context: IngestContext,
): StoreChange[] | null {
  const { installationId } = context;
  if (action === "added")
    return repositoryChanges(installationId, payload.repositories_added, "repositories_added");
  if (action !== "removed") return null;
  const removed =
    parse(repositoryListSchema, payload.repositories_removed, "repositories_removed") ?? [];
  return removed.map((repository) => removal(context, repository));
}
