import { afterEach, describe, expect, it } from "vitest";
import { type Delivery, ingestDelivery } from "../../../src/ingest/index.js";
import type { QueuedWork, Store } from "../../../src/store/index.js";
import { kodiakChain, readDeliveryStream } from "../../helpers/fixtures.js";
import { min } from "../records.js";
import { example, type OpenedStore } from "./store-contract.js";

const KODIAK = 848733;
const ANTS = 1000001;
const T = Date.parse("2019-10-01T12:00:00Z");

/**
 * What the store owes the app beyond recorded activity, on every backend: the settings kept
 * for the dashboard, the data version, repository ids, the publish queue, the publication lock,
 * dashboard sessions, and two processes (replicas) writing at once.
 */
export function describeOperationsContract(
  name: string,
  open: () => Promise<OpenedStore>,
  /** Whether several processes (replicas) may share the database. */
  backend: { replicas: boolean },
): void {
  describe(`the ${name} store's operations`, () => describeOperations(open, backend));
}

function describeOperations(
  open: () => Promise<OpenedStore>,
  backend: { replicas: boolean },
): void {
  const opened: OpenedStore[] = [];
  const others: Store[] = [];
  afterEach(async () => {
    for (const other of others.splice(0)) await other.close();
    for (const each of opened.splice(0)) await each.cleanup();
  });
  const fresh = async () => {
    const each = await open();
    opened.push(each);
    return each;
  };
  /** A second process on the same database. */
  const second = async (each: OpenedStore) => {
    const other = await each.reopen();
    others.push(other);
    return other;
  };
  const ingested = async (deliveries: Delivery[]) => {
    const each = await fresh();
    for (const delivery of deliveries) await ingestDelivery(each.store, delivery);
    return each;
  };
  const demo = () => readDeliveryStream("demo/deliveries.jsonl");

  describe("the settings the app last read for each repository", () => {
    const TEST_REPO = 183980723;
    const ANTS_REPO = 134018330;
    // chdsbd's .github repository: the owner's file is kept as its settings.
    const DOT_GITHUB = 900_000_001;
    const put = (
      store: Store,
      installationId: number,
      repositoryId: number,
      settings: string,
      at: number,
    ) => store.putSettings({ installationId, repositoryId, settings, updatedAt: at });
    const changed = (
      action: "added" | "removed",
      repository: { id: number; full_name: string },
    ): Delivery => ({
      name: "installation_repositories",
      id: `${action}-${repository.id}-${repository.full_name}`,
      payload: {
        action,
        installation: { id: KODIAK, account: { login: "chdsbd", type: "User" } },
        repositories_added: action === "added" ? [{ ...repository, private: false }] : [],
        repositories_removed: action === "removed" ? [{ ...repository, private: false }] : [],
      },
      receivedAt: T,
    });

    it("keeps the latest text per repository by id, each installation on its own", async () => {
      const { store } = await ingested(demo());
      await put(store, KODIAK, TEST_REPO, '{"timezone":"UTC"}', T);
      await put(store, KODIAK, DOT_GITHUB, '{"reports":{}}', T);
      await put(store, ANTS, ANTS_REPO, '{"timezone":"Asia/Shanghai"}', T);
      await put(store, KODIAK, TEST_REPO, '{"timezone":"Europe/Berlin"}', T + 1000);
      expect(await store.listSettings(KODIAK)).toEqual([
        {
          installationId: KODIAK,
          repositoryId: TEST_REPO,
          settings: '{"timezone":"Europe/Berlin"}',
          updatedAt: T + 1000,
        },
        {
          installationId: KODIAK,
          repositoryId: DOT_GITHUB,
          settings: '{"reports":{}}',
          updatedAt: T,
        },
      ]);
      expect((await store.listSettings(ANTS)).map((s) => s.settings)).toEqual([
        '{"timezone":"Asia/Shanghai"}',
      ]);
    });

    it("reading the same settings again writes nothing: the time is when they changed", async () => {
      const { store } = await fresh();
      await put(store, KODIAK, TEST_REPO, '{"timezone":"UTC"}', T);
      const version = await store.dataVersion();
      await put(store, KODIAK, TEST_REPO, '{"timezone":"UTC"}', T + 60_000);
      expect((await store.listSettings(KODIAK))[0]?.updatedAt).toBe(T);
      expect(await store.dataVersion()).toBe(version);
    });

    it("goes with the repository when it is removed from the app, and all with the installation", async () => {
      const { store } = await ingested(demo());
      await put(store, KODIAK, TEST_REPO, '{"timezone":"UTC"}', T);
      await put(store, KODIAK, DOT_GITHUB, '{"reports":{}}', T);
      await put(store, ANTS, ANTS_REPO, '{"timezone":"UTC"}', T);
      await ingestDelivery(
        store,
        changed("removed", { id: TEST_REPO, full_name: "chdsbd/test_repo" }),
      );
      expect((await store.listSettings(KODIAK)).map((s) => s.repositoryId)).toEqual([DOT_GITHUB]);
      await ingestDelivery(store, {
        name: "installation",
        id: "uninstall-settings-1",
        payload: {
          action: "deleted",
          installation: { id: KODIAK, account: { login: "chdsbd", type: "User" } },
        },
        receivedAt: T,
      });
      expect(await store.listSettings(KODIAK)).toEqual([]);
      expect(await store.listSettings(ANTS)).toHaveLength(1);
    });

    it("go when the repository is removed, whatever its name: a new repository of the old name gets none", async () => {
      const [opened] = kodiakChain();
      const payload = structuredClone(opened?.payload) as {
        repository: { full_name: string; name: string };
      };
      const { store } = await ingested(kodiakChain().slice(0, 1));
      await put(store, KODIAK, TEST_REPO, '{"team":["alice"],"timezone":"Asia/Tokyo"}', T);
      // Renamed: the next delivery carries the new name.
      payload.repository.full_name = "chdsbd/renamed";
      payload.repository.name = "renamed";
      await ingestDelivery(store, {
        name: "pull_request",
        id: "renamed-1",
        payload,
        receivedAt: T,
      });
      await ingestDelivery(
        store,
        changed("removed", { id: TEST_REPO, full_name: "chdsbd/renamed" }),
      );
      await ingestDelivery(
        store,
        changed("added", { id: 9_000_001, full_name: "chdsbd/test_repo" }),
      );
      expect(await store.listSettings(KODIAK)).toEqual([]);
    });
  });

  describe("the data version", () => {
    it("stays the same while only reads happen", async () => {
      const { store } = await ingested(kodiakChain().slice(0, 1));
      const before = await store.dataVersion();
      await store.listRepositories(KODIAK);
      await store.loadActivity({
        installationId: KODIAK,
        repositoryIds: [183980723],
        since: 0,
        until: Date.now(),
      });
      expect(await store.dataVersion()).toBe(before);
    });

    it("changes with a delivery this process records", async () => {
      const [opened, requested] = kodiakChain() as [Delivery, Delivery];
      const { store } = await ingested([opened]);
      const before = await store.dataVersion();
      await ingestDelivery(store, requested);
      expect(await store.dataVersion()).not.toBe(before);
    });

    it("changes when another process (a replica, or a backfill from the CLI) writes", async () => {
      const each = await fresh();
      const before = await each.store.dataVersion();
      const other = await second(each);
      for (const delivery of kodiakChain()) await ingestDelivery(other, delivery);
      expect(await each.store.dataVersion()).not.toBe(before);
    });
  });

  describe("repository ids", () => {
    it("stores a review, request, draft change and comment in their repository even before their pull request or issue", async () => {
      const review = example("pull_request_review", "submitted", 42);
      const requested = example("pull_request", "review_requested", 42);
      const ready = example("pull_request", "ready_for_review", 42);
      const commented = example("issue_comment", "created", 42);
      const { store } = await fresh();
      for (const [i, [name, payload]] of (
        [
          ["pull_request_review", review],
          ["pull_request", requested],
          ["pull_request", ready],
          ["issue_comment", commented],
        ] as const
      ).entries())
        await ingestDelivery(store, { name, id: `early-${i}`, payload, receivedAt: min(i) });
      const dump = await store.dumpActivity();
      for (const table of [
        "reviews",
        "review_requests",
        "pull_request_timeline",
        "issue_comments",
      ] as const) {
        const repositoryIds = dump[table].map((row) => JSON.parse(row).repositoryId);
        expect(repositoryIds.length, table).toBeGreaterThan(0);
        expect(repositoryIds, table).not.toContain(0);
        expect(new Set(repositoryIds), table).toEqual(
          new Set([(review.repository as { id: number }).id]),
        );
      }
    });
  });

  describe("the publish queue", () => {
    const subjects = (items: QueuedWork[]) => items.map((item) => item.subject).sort();

    it("records what a delivery makes stale in the delivery's transaction, coalesced per subject", async () => {
      const { store } = await ingested(kodiakChain());
      const queued = await store.listPublishWork();
      // Six deliveries about PR #9 and its milestone: one item each, not six.
      expect(subjects(queued)).toEqual(["milestone:4276302", "pull_request:274948232"]);
      expect(queued.every((item) => item.installationId === KODIAK)).toBe(true);
      expect(Math.max(...queued.map((item) => item.version))).toBeGreaterThan(1);
      // A redelivered id changed nothing, so it queues nothing either.
      const before = await store.listPublishWork();
      await ingestDelivery(store, kodiakChain()[0] as Delivery);
      expect(await store.listPublishWork()).toEqual(before);
    });

    it("lets one worker of any process claim an item until its lease runs out", async () => {
      const each = await ingested(kodiakChain());
      const other = await second(each);
      const at = T;
      const [mine, theirs] = await Promise.all([
        each.store.claimPublishWork("a", at, 60_000, 10),
        other.claimPublishWork("b", at, 60_000, 10),
      ]);
      expect(subjects([...mine, ...theirs])).toEqual([
        "milestone:4276302",
        "pull_request:274948232",
      ]);
      expect(await other.claimPublishWork("b", at + 59_000, 60_000, 10)).toEqual([]);
      // Its worker died: after the lease, another takes it.
      const retaken = await other.claimPublishWork("b", at + 60_000, 60_000, 10);
      expect(retaken).toHaveLength(2);
      expect(retaken.every((item) => item.leaseOwner === "b")).toBe(true);
    });

    it("finishes published work unless a delivery made it stale again meanwhile", async () => {
      const chain = kodiakChain();
      const each = await ingested(chain.slice(0, 3));
      const claimed = await each.store.claimPublishWork("a", T, 60_000, 10);
      // The review arrives while PR #9's checks and milestone are being published.
      await ingestDelivery(each.store, chain[3] as Delivery);
      await each.store.finishPublishWork("a", claimed);
      const left = await each.store.listPublishWork();
      expect(subjects(left)).toEqual(["milestone:4276302", "pull_request:274948232"]);
      expect(left.every((item) => item.leaseOwner === null && item.leaseUntil === null)).toBe(true);
      // Someone else's finish leaves an item alone.
      const again = await each.store.claimPublishWork("a", T, 60_000, 10);
      await each.store.finishPublishWork("b", again);
      expect(await each.store.listPublishWork()).toHaveLength(2);
      await each.store.finishPublishWork("a", again);
      expect(await each.store.listPublishWork()).toEqual([]);
    });

    it("keeps failed work, due again after its back-off with the error, and a new event makes it due at once", async () => {
      const chain = kodiakChain();
      const { store } = await ingested(chain.slice(0, 2));
      const claimed = await store.claimPublishWork("a", T, 60_000, 10);
      await store.failPublishWork("a", claimed, T + 30_000, "GitHub answered 502");
      expect(await store.claimPublishWork("a", T + 29_000, 60_000, 10)).toEqual([]);
      const failed = await store.listPublishWork();
      expect(failed.every((item) => item.attempts === 1 && item.dueAt === T + 30_000)).toBe(true);
      expect(failed[0]?.lastError).toBe("GitHub answered 502");
      // The review, a new event on the same pull request.
      await ingestDelivery(store, chain[3] as Delivery);
      expect(subjects(await store.claimPublishWork("a", T + 1_000, 60_000, 10))).toContain(
        "pull_request:274948232",
      );
    });

    it("goes with its repository and installation", async () => {
      const { store } = await ingested(demo());
      const repository = (await store.listRepositories(KODIAK))[0];
      expect((await store.listPublishWork()).some((i) => i.installationId === KODIAK)).toBe(true);
      await ingestDelivery(store, {
        name: "installation_repositories",
        id: "remove-queue-1",
        payload: {
          action: "removed",
          installation: { id: KODIAK, account: { login: "chdsbd", type: "User" } },
          repositories_added: [],
          repositories_removed: [
            { id: repository?.repositoryId, full_name: repository?.fullName, private: false },
          ],
        },
        receivedAt: T,
      });
      const left = await store.listPublishWork();
      expect(left.some((i) => i.repositoryId === repository?.repositoryId)).toBe(false);
      expect(left.some((i) => i.installationId === ANTS)).toBe(true);
    });
  });

  describe("the publication lock", () => {
    it(`lets one publisher of a key run at a time${backend.replicas ? " across processes" : ""}, other keys meanwhile`, async () => {
      const each = await fresh();
      // SQLite is one process's store: its lock is that process's.
      const other = backend.replicas ? await second(each) : each.store;
      const events: string[] = [];
      const hold = (name: string, ms: number) => async () => {
        events.push(`${name} in`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        events.push(`${name} out`);
        return name;
      };
      const results = await Promise.all([
        each.store.withPublicationLock(1, "check:x", hold("a", 150)),
        other.withPublicationLock(1, "check:x", hold("b", 10)),
        other.withPublicationLock(1, "check:y", hold("c", 10)),
      ]);
      expect(results).toEqual(["a", "b", "c"]);
      const firstOut = events.findIndex((e) => e.endsWith("out") && !e.startsWith("c"));
      const inside = events.slice(0, firstOut).filter((e) => e !== "c in" && e !== "c out");
      expect(inside).toHaveLength(1);
      // A failure releases the lock.
      await expect(
        each.store.withPublicationLock(1, "check:x", async () => {
          throw new Error("GitHub answered 500");
        }),
      ).rejects.toThrow("500");
      expect(await other.withPublicationLock(1, "check:x", async () => "after")).toBe("after");
    });
  });

  describe("dashboard sessions", () => {
    const session = {
      idHash: "h1",
      login: "octo-lead",
      userId: 4242,
      sealedToken: "sealed",
      formToken: "form",
      expiresAt: T + 60_000,
    };

    it("are found by every process until they expire or end", async () => {
      const each = await fresh();
      const other = await second(each);
      await each.store.putSession(session);
      expect(await other.getSession("h1", T)).toEqual(session);
      expect(await other.getSession("h1", T + 60_000)).toBeUndefined();
      expect(await each.store.getSession("h1", T)).toBeUndefined();
      await each.store.putSession(session);
      await other.deleteSession("h1");
      expect(await each.store.getSession("h1", T)).toBeUndefined();
    });

    it("are purged once expired, and are no installation's rows", async () => {
      const { store } = await ingested(kodiakChain());
      await store.putSession(session);
      await store.putSession({ ...session, idHash: "h2", expiresAt: T + 120_000 });
      await ingestDelivery(store, {
        name: "installation",
        id: "uninstall-sessions",
        payload: {
          action: "deleted",
          installation: { id: KODIAK, account: { login: "chdsbd", type: "User" } },
        },
        receivedAt: T,
      });
      expect(await store.purgeExpiredSessions(T + 60_000)).toBe(1);
      expect(await store.getSession("h2", T + 60_000)).toMatchObject({ idHash: "h2" });
    });
  });

  describe("two replicas on one database", () => {
    it("converge to what one process gives, each delivery stored once, however they interleave", async () => {
      const deliveries = [...kodiakChain(), ...demo()];
      const single = await fresh();
      let recorded = 0;
      for (const delivery of deliveries)
        if ((await ingestDelivery(single.store, delivery)).status === "applied") recorded += 1;
      const each = await fresh();
      const other = await second(each);
      // Every delivery to one replica, 30% of them redelivered to the other, all at once.
      const outcomes = await Promise.all(
        deliveries.flatMap((delivery, i) => [
          ingestDelivery(i % 2 === 0 ? each.store : other, delivery),
          ...(i % 10 < 3 ? [ingestDelivery(i % 2 === 0 ? other : each.store, delivery)] : []),
        ]),
      );
      expect(outcomes.filter((o) => o.status === "applied")).toHaveLength(recorded);
      expect(await each.store.dumpActivity()).toEqual(await single.store.dumpActivity());
      expect(await other.dumpDeliveryLog()).toEqual(await single.store.dumpDeliveryLog());
      expect(queuedSubjects(await each.store.listPublishWork())).toEqual(
        queuedSubjects(await single.store.listPublishWork()),
      );
    });
  });
}

function queuedSubjects(items: QueuedWork[]): string[] {
  return items.map((item) => `${item.installationId}:${item.subject}`).sort();
}
