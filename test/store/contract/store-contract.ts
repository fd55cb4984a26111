import examples from "@octokit/webhooks-examples";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Delivery, ingestDelivery } from "../../../src/ingest/index.js";
import type {
  ActivityDump,
  PendingPurge,
  RecordGap,
  RedeliveryRequest,
  Store,
  StoreChange,
} from "../../../src/store/index.js";
import { kodiakChain, readDeliveryStream, shuffled } from "../../helpers/fixtures.js";
import { comment, issue, milestone, min, pullRequest, request, review, sec } from "../records.js";

/** A store of the backend under test, empty, and how to get rid of it. */
export interface OpenedStore {
  store: Store;
  /** Another store on the same database, as a second process (or replica) would open it. */
  reopen: () => Promise<Store>;
  cleanup: () => Promise<void>;
}

const KODIAK = 848733;
const ANTS = 1000001;

/** The recorded deliveries of two installations: kodiak's PR #9, and chdsbd + panjf2000/ants. */
function recorded(): Delivery[] {
  return [...kodiakChain(), ...readDeliveryStream("demo/deliveries.jsonl")];
}

/** The dump's rows of one table as objects. */
function rows<T = Record<string, unknown>>(dump: ActivityDump, table: keyof ActivityDump): T[] {
  return dump[table].map((row) => JSON.parse(row) as T);
}

/** The dump without the rows of installation `id` (or of repository `repositoryId` in it). */
function without(dump: ActivityDump, id: number, repositoryId?: number): ActivityDump {
  const other = (row: string) => {
    const parsed = JSON.parse(row) as { installationId: number; repositoryId?: number };
    if (parsed.installationId !== id) return true;
    return repositoryId !== undefined && parsed.repositoryId !== repositoryId;
  };
  return Object.fromEntries(
    Object.entries(dump).map(([table, list]) => [table, list.filter(other)]),
  ) as ActivityDump;
}

const repository = (installationId = 1, repositoryId = 10): StoreChange => ({
  kind: "repository",
  record: { installationId, repositoryId, fullName: "acme/widgets", private: false },
});

const EXAMPLE_INSTALLATION = 42;

function gap(installationId: number, startsAt: number, endsAt: number): RecordGap {
  return {
    installationId,
    startsAt,
    endsAt,
    reason: "down",
    state: "redelivery",
    openedAt: endsAt,
    checked: false,
    lastError: null,
  };
}

function redeliveryRequest(
  guid: string,
  installationId: number | null,
  repositoryId: number | null,
): RedeliveryRequest {
  return {
    guid,
    installationId,
    repositoryId,
    event: "pull_request",
    githubDeliveryId: 90_000_000_001,
    deliveredAt: min(15),
    askedAt: min(30),
    asks: 1,
    state: "asked",
    settledAt: null,
  };
}

/** One webhooks-examples payload of an event and action, as an installation's delivery. */
export function example(
  name: string,
  action: string,
  installationId = EXAMPLE_INSTALLATION,
): Record<string, unknown> {
  const event = (
    examples as unknown as { name: string; examples: Record<string, unknown>[] }[]
  ).find((e) => e.name === name);
  const payload = event?.examples.find((p) => p.action === action);
  if (!payload) throw new Error(`no ${name}.${action} example`);
  return { ...payload, installation: { id: installationId } };
}

/**
 * The behaviour every store backend owes its callers, through the Store interfaces only. A
 * backend runs it with one small test file: `describeStoreContract("name", open)`.
 */
export function describeStoreContract(backend: string, open: () => Promise<OpenedStore>): void {
  describe(`the ${backend} store`, () => {
    const opened: OpenedStore[] = [];
    afterEach(async () => {
      for (const each of opened.splice(0)) await each.cleanup();
    });
    const fresh = async () => {
      const each = await open();
      opened.push(each);
      return each.store;
    };
    const ingested = async (deliveries: Delivery[]) => {
      const store = await fresh();
      for (const delivery of deliveries) await ingestDelivery(store, delivery);
      return store;
    };
    /** A store after these changes, each applied on its own (as separate deliveries would be). */
    const storeAfter = async (changes: StoreChange[]) => {
      const store = await fresh();
      for (const change of changes) await store.applyChanges([change]);
      return store;
    };

    const inBothOrders = async (
      first: StoreChange,
      second: StoreChange,
    ): Promise<[Store, Store]> => [
      await storeAfter([first, second]),
      await storeAfter([second, first]),
    ];

    describe("deliveries", () => {
      /**
       * The recorded stream ingested in order, once: its rows are what every order must give, and
       * its store is where deliveries come again (which must change none of its rows).
       */
      let inOrder: OpenedStore;
      let firstOutcomes: string[];
      let clean: ActivityDump;
      beforeAll(async () => {
        inOrder = await open();
        firstOutcomes = [];
        for (const delivery of recorded())
          firstOutcomes.push((await ingestDelivery(inOrder.store, delivery)).status);
        clean = await inOrder.store.dumpActivity();
      });
      afterAll(() => inOrder.cleanup());

      it("changes nothing for a delivery id seen before, and says so", async () => {
        const { store } = inOrder;
        const activity = await store.dumpActivity();
        const log = await store.dumpDeliveryLog();
        const again: string[] = [];
        for (const delivery of recorded())
          again.push((await ingestDelivery(store, delivery)).status);
        // One that was applied is a duplicate now; one that was ignored still is.
        expect(again).toEqual(
          firstOutcomes.map((status) => (status === "applied" ? "duplicate" : status)),
        );
        expect(await store.dumpActivity()).toEqual(activity);
        expect(await store.dumpDeliveryLog()).toEqual(log);
      });

      it("converges when GitHub redelivers under a new id", async () => {
        const { store } = inOrder;
        const deliveries = recorded();
        for (const delivery of deliveries)
          await ingestDelivery(store, {
            ...delivery,
            id: `${delivery.id}-redelivery`,
            receivedAt: delivery.receivedAt + 60_000,
          });
        expect(await store.dumpActivity()).toEqual(clean);
        const log = await store.dumpDeliveryLog();
        expect(log.deliveries.map((d) => d.deliveryId)).toContain(
          `${deliveries[0]?.id}-redelivery`,
        );
      });

      it.each([1, 2, 3])("gives identical rows whatever the order (shuffle %i)", async (seed) => {
        expect(clean.pull_requests.length).toBeGreaterThan(50);
        expect(clean.reviews.length).toBeGreaterThan(30);
        expect(clean.issue_comments.length).toBeGreaterThan(40);
        const mixed = await ingested(shuffled(recorded(), seed));
        expect(await mixed.dumpActivity()).toEqual(clean);
      });

      it("logs each delivery with its installation and repository", async () => {
        const store = await ingested(kodiakChain().slice(0, 1));
        const { deliveries } = await store.dumpDeliveryLog();
        expect(deliveries).toEqual([
          {
            deliveryId: "kodiak-0",
            installationId: KODIAK,
            repositoryId: (kodiakChain()[0] as { payload: { repository: { id: number } } }).payload
              .repository.id,
            event: "pull_request",
            action: "opened",
            receivedAt: Date.parse("2019-05-01T03:30:00Z"),
          },
        ]);
      });

      it("keeps a payload it cannot use, once, and prunes old ones on request", async () => {
        const store = await fresh();
        const odd = {
          name: "pull_request",
          id: "odd-1",
          payload: {
            action: "opened",
            installation: { id: 1 },
            repository: { id: 10, full_name: "acme/widgets", private: false },
            pull_request: { id: "nope" },
          },
          receivedAt: min(0),
        };
        expect((await ingestDelivery(store, odd)).status).toBe("malformed");
        expect((await ingestDelivery(store, { ...odd, receivedAt: min(5) })).status).toBe(
          "malformed",
        );
        await ingestDelivery(store, { ...odd, id: "odd-2", receivedAt: min(10) });
        const { failedDeliveries, deliveries } = await store.dumpDeliveryLog();
        expect(deliveries).toEqual([]);
        expect(failedDeliveries).toEqual([
          expect.objectContaining({
            deliveryId: "odd-1",
            installationId: 1,
            repositoryId: 10,
            receivedAt: min(0),
          }),
          expect.objectContaining({ deliveryId: "odd-2", receivedAt: min(10) }),
        ]);
        expect(failedDeliveries[0]?.error).toMatch(/pull_request/);
        expect(JSON.parse(failedDeliveries[0]?.payload ?? "null")).toEqual(odd.payload);
        expect(await store.pruneFailedDeliveries(min(10))).toBe(1);
        expect((await store.dumpDeliveryLog()).failedDeliveries.map((d) => d.deliveryId)).toEqual([
          "odd-2",
        ]);
        expect(await store.pruneFailedDeliveries(min(10))).toBe(0);
      });

      it("stores a NUL character in a title, a label or a login the same way as the other backend", async () => {
        const [opened] = kodiakChain() as [Delivery];
        const payload = structuredClone(opened.payload) as {
          pull_request: { title: string; labels: { name: string }[]; user: { login: string } };
        };
        payload.pull_request.title = "Fix\u0000crash";
        payload.pull_request.labels = [{ name: "bug\u0000" }];
        payload.pull_request.user.login = "\u0000mallory";
        const store = await fresh();
        const outcome = await ingestDelivery(store, { ...opened, id: "nul-1", payload });
        expect(outcome.status).toBe("applied");
        const [pullRequest] = rows<{ title: string; labels: string[]; author: { login: string } }>(
          await store.dumpActivity(),
          "pull_requests",
        );
        // U+FFFD, the replacement character, where the NUL was: neither backend can tell.
        expect(pullRequest).toMatchObject({
          title: "Fix\uFFFDcrash",
          labels: ["bug\uFFFD"],
          author: { login: "\uFFFDmallory" },
        });
      });
    });

    describe("snapshots", () => {
      it("keeps the newest pull request snapshot, whatever the order", async () => {
        const older = pullRequest({ updatedAt: min(0), title: "First title" });
        const newer = pullRequest({
          updatedAt: min(5),
          title: "Second title",
          state: "closed",
          closedAt: min(5),
        });
        const [one, other] = await inBothOrders(
          { kind: "pull_request", record: older },
          { kind: "pull_request", record: newer },
        );
        expect(await one.getPullRequest(1, 7)).toMatchObject({
          title: "Second title",
          state: "closed",
        });
        expect(await other.getPullRequest(1, 7)).toEqual(await one.getPullRequest(1, 7));
      });

      it("breaks a tie of two snapshots of one instant the same way in either order", async () => {
        const a = pullRequest({ updatedAt: min(5), labels: ["bug"] });
        const b = pullRequest({ updatedAt: min(5), labels: ["release"] });
        const [ab, ba] = await inBothOrders(
          { kind: "pull_request", record: a },
          { kind: "pull_request", record: b },
        );
        expect(await ab.dumpActivity()).toEqual(await ba.dumpActivity());
      });

      it("keeps what a payload does not carry: merged_by, author association, draft", async () => {
        const store = await storeAfter([
          { kind: "pull_request", record: pullRequest({ draft: true, mergedBy: "bob" }) },
          {
            kind: "pull_request",
            record: pullRequest({
              updatedAt: min(5),
              title: "Renamed",
              draft: undefined,
              mergedBy: undefined,
              authorAssociation: undefined,
            }),
          },
        ]);
        expect(await store.getPullRequest(1, 7)).toMatchObject({
          title: "Renamed",
          draft: true,
          mergedBy: "bob",
          authorAssociation: "MEMBER",
        });
      });

      it("keeps the newest installation event", async () => {
        const installation = (updatedAt: number, suspended: boolean): StoreChange => ({
          kind: "installation",
          record: {
            installationId: 1,
            accountLogin: "acme",
            accountType: "Organization",
            suspended,
            updatedAt,
          },
        });
        const store = await storeAfter([installation(min(5), true), installation(min(0), false)]);
        expect(await store.listInstallations()).toEqual([
          {
            installationId: 1,
            accountLogin: "acme",
            accountType: "Organization",
            suspended: true,
            updatedAt: min(5),
          },
        ]);
      });

      it("keeps the earliest time a milestone was deleted, and its newest snapshot", async () => {
        const store = await storeAfter([
          { kind: "milestone", record: milestone({ updatedAt: min(10), title: "1.0 final" }) },
          { kind: "milestone_deleted", installationId: 1, milestoneId: 3, at: min(50) },
          { kind: "milestone", record: milestone({ updatedAt: min(0) }) },
          { kind: "milestone_deleted", installationId: 1, milestoneId: 3, at: min(20) },
          { kind: "milestone_deleted", installationId: 1, milestoneId: 3, at: min(90) },
        ]);
        expect(await store.getMilestone(1, 3)).toMatchObject({
          title: "1.0 final",
          deletedAt: min(20),
        });
        expect(await store.listMilestones(1, 10)).toHaveLength(1);
      });

      it("takes a deleted milestone from a real payload", async () => {
        const payload = example("milestone", "deleted");
        const store = await ingested([
          { name: "milestone", id: "m-1", payload, receivedAt: min(0) },
        ]);
        const { id } = payload.milestone as { id: number };
        expect((await store.getMilestone(EXAMPLE_INSTALLATION, id))?.deletedAt).toEqual(
          expect.any(Number),
        );
      });
    });

    describe("pull requests, reviews and requests", () => {
      it("knows when a pull request became ready, whatever the order of its transitions", async () => {
        // As ingest and backfill send them: each transition after a snapshot of its PR.
        const opened = { kind: "pull_request", record: pullRequest({ draft: true }) } as const;
        const changes: StoreChange[] = [
          {
            kind: "pull_request_timeline",
            record: {
              installationId: 1,
              repositoryId: 10,
              pullRequestId: 7,
              kind: "opened_as_draft",
              at: min(0),
            },
          },
          {
            kind: "pull_request_timeline",
            record: {
              installationId: 1,
              repositoryId: 10,
              pullRequestId: 7,
              kind: "ready_for_review",
              at: min(45),
            },
          },
          { kind: "pull_request", record: pullRequest({ draft: false, updatedAt: min(45) }) },
        ];
        const forward = await storeAfter([opened, ...changes]);
        expect((await forward.getPullRequest(1, 7))?.readyAt).toBe(min(45));
        const backward = await storeAfter([opened, ...[...changes].reverse()]);
        expect(await backward.dumpActivity()).toEqual(await forward.dumpActivity());
      });

      it("knows a draft opened from a real payload has never been ready", async () => {
        const payload = example("pull_request", "opened");
        const draft = {
          ...payload,
          pull_request: { ...(payload.pull_request as object), draft: true },
        };
        const store = await ingested([
          { name: "pull_request", id: "d-1", payload: draft, receivedAt: min(0) },
        ]);
        const { id } = payload.pull_request as { id: number };
        expect(await store.getPullRequest(EXAMPLE_INSTALLATION, id)).toMatchObject({
          draft: true,
          readyAt: null,
        });
      });

      it("pairs one request seen by webhooks and by backfill a second apart, in either order", async () => {
        const webhook = { kind: "review_requested", record: request(sec(1)) } as const;
        const backfill = {
          kind: "review_requested",
          record: request(sec(0), { by: null }),
        } as const;
        for (const order of [
          [webhook, backfill],
          [backfill, webhook],
        ]) {
          const store = await storeAfter([
            { kind: "pull_request", record: pullRequest() },
            ...order,
          ]);
          expect((await store.listReviewRequests(1, [7])).map((r) => r.requestedAt)).toEqual([
            sec(0),
          ]);
        }
      });

      it("keeps a re-request an hour later, and voids only the request a removal follows", async () => {
        const changes: StoreChange[] = [
          { kind: "review_requested", record: request(sec(0)) },
          { kind: "review_request_removed", record: request(sec(60)) },
          { kind: "review_requested", record: request(sec(3600)) },
        ];
        const expected = [
          { requestedAt: sec(0), removedAt: sec(60), repositoryId: 10 },
          { requestedAt: sec(3600), removedAt: null, repositoryId: 10 },
        ];
        for (const order of [changes, [...changes].reverse()]) {
          const store = await storeAfter([
            { kind: "pull_request", record: pullRequest() },
            ...order,
          ]);
          const requests = await store.listReviewRequests(1, [7]);
          expect(
            requests.map(({ requestedAt, removedAt, repositoryId }) => ({
              requestedAt,
              removedAt,
              repositoryId,
            })),
          ).toEqual(expected);
        }
      });

      it("keeps a review's verdict when only its dismissal is seen, and the dismissal for good", async () => {
        const store = await storeAfter([
          { kind: "pull_request", record: pullRequest() },
          {
            kind: "review",
            record: review({
              state: undefined,
              dismissed: true,
              commitId: null,
              authorAssociation: undefined,
            }),
          },
          { kind: "review", record: review() },
        ]);
        expect(await store.listReviews(1, [7])).toEqual([
          expect.objectContaining({
            reviewId: 70,
            state: "APPROVED",
            dismissed: true,
            commitId: "abc",
            authorAssociation: "MEMBER",
            repositoryId: 10,
          }),
        ]);
      });

      it("records the kodiak reviews with their exact times, and the same in reverse order", async () => {
        const forward = await ingested(kodiakChain());
        const reviews = await forward.listReviews(KODIAK, [274948232]);
        expect(reviews.map((r) => [r.state, new Date(r.submittedAt).toISOString()])).toEqual([
          ["CHANGES_REQUESTED", "2019-05-01T03:25:33.000Z"],
          ["COMMENTED", "2019-05-01T03:25:42.000Z"],
          ["APPROVED", "2019-05-01T03:26:40.000Z"],
        ]);
        const backward = await ingested(kodiakChain().reverse());
        expect(await backward.dumpActivity()).toEqual(await forward.dumpActivity());
      });
    });

    describe("issues", () => {
      it("removes a deleted issue with its comments, and a deleted comment alone", async () => {
        const store = await storeAfter([
          repository(),
          { kind: "issue", record: issue() },
          { kind: "issue", record: issue({ issueId: 100, number: 9 }) },
          { kind: "issue_comment", record: comment(1) },
          { kind: "issue_comment", record: comment(2) },
          { kind: "issue_comment", record: comment(3, { issueId: 100 }) },
          { kind: "issue_comment", record: comment(4, { issueId: 100 }) },
          { kind: "issue_comment_deleted", installationId: 1, commentId: 4 },
          { kind: "issue_deleted", installationId: 1, issueId: 99 },
        ]);
        const dump = await store.dumpActivity();
        expect(rows<{ issueId: number }>(dump, "issues").map((i) => i.issueId)).toEqual([100]);
        expect(rows<{ commentId: number; repositoryId: number }>(dump, "issue_comments")).toEqual([
          expect.objectContaining({ commentId: 3, repositoryId: 10 }),
        ]);
      });

      it("follows a comment author's association and keeps the newest issue", async () => {
        const store = await storeAfter([
          { kind: "issue", record: issue({ updatedAt: min(10), title: "It breaks on Mondays" }) },
          { kind: "issue", record: issue({ updatedAt: min(5) }) },
          { kind: "issue_comment", record: comment(1, { authorAssociation: "CONTRIBUTOR" }) },
          { kind: "issue_comment", record: comment(1, { authorAssociation: "MEMBER" }) },
        ]);
        const activity = await store.loadActivity({
          installationId: 1,
          repositoryIds: [10],
          since: min(0),
          until: min(100),
        });
        expect(activity.issues.map((i) => i.title)).toEqual(["It breaks on Mondays"]);
        expect(activity.issueComments.map((c) => c.authorAssociation)).toEqual(["MEMBER"]);
      });
    });

    describe("removing an installation or a repository", () => {
      /** Kodiak and ants ingested, each with a publication, jobs, a backfill cursor and a failed delivery. */
      const populated = async () => {
        const store = await ingested(recorded());
        const repos = new Map<number, number>();
        for (const installationId of [KODIAK, ANTS]) {
          const [repo] = await store.listRepositories(installationId);
          if (!repo) throw new Error(`no repository of ${installationId}`);
          repos.set(installationId, repo.repositoryId);
          const repositoryId = repo.repositoryId;
          for (const [key, inRepo] of [
            [`check:${installationId}`, repositoryId],
            [`issue:${installationId}`, null],
          ] as const) {
            await store.putPublication({
              installationId,
              key,
              repositoryId: inRepo,
              targetId: 1,
              contentHash: "h",
              state: "open",
              updatedAt: min(0),
            });
          }
          await store.setNextRun(
            `release-readiness:${installationId}:${repositoryId}`,
            min(60),
            null,
            { installationId, repositoryId },
          );
          await store.setNextRun(`review-activity:${installationId}:team:core`, min(60), null, {
            installationId,
            repositoryId: null,
          });
          await store.putBackfillCursor(
            installationId,
            repositoryId,
            "graphql",
            { cursor: "c1", since: min(0), done: false },
            min(0),
          );
          await ingestDelivery(store, {
            name: "pull_request",
            id: `odd-${installationId}`,
            payload: {
              action: "opened",
              installation: { id: installationId },
              repository: { id: repositoryId },
              pull_request: {},
            },
            receivedAt: min(0),
          });
          await store.openRecordGaps([gap(installationId, min(10), min(20))]);
          await store.putRedeliveryRequests([
            redeliveryRequest(`guid-${installationId}`, installationId, repositoryId),
          ]);
        }
        await store.setNextRun("release-readiness", min(60), null);
        return { store, repos };
      };
      const owned = async (store: Store, installationId: number, repositoryId: number | null) => ({
        checkPublication: await store.getPublication(installationId, `check:${installationId}`),
        issuePublication: await store.getPublication(installationId, `issue:${installationId}`),
        repositoryJob: await store.getNextRun(
          `release-readiness:${installationId}:${repositoryId}`,
        ),
        teamJob: await store.getNextRun(`review-activity:${installationId}:team:core`),
        cursor:
          repositoryId === null
            ? undefined
            : await store.getBackfillCursor(installationId, repositoryId, "graphql"),
        gaps: await store.listRecordGaps(installationId),
        requests: await store.listRedeliveryRequests([`guid-${installationId}`]),
      });

      it("leaves nothing of an uninstalled installation, and the others as they were", async () => {
        const { store, repos } = await populated();
        const kodiakRepo = repos.get(KODIAK) as number;
        const antsRepo = repos.get(ANTS) as number;
        const before = await store.dumpActivity();
        const antsBefore = await owned(store, ANTS, antsRepo);
        expect(
          rows(before, "pull_requests").filter((r) => r.installationId === KODIAK).length,
        ).toBeGreaterThan(0);

        const outcome = await ingestDelivery(store, {
          name: "installation",
          id: "uninstall-1",
          payload: {
            action: "deleted",
            installation: { id: KODIAK, account: { login: "chdsbd", type: "User" } },
          },
          receivedAt: min(100),
        });
        expect(outcome.status).toBe("applied");

        const dump = await store.dumpActivity();
        expect(
          Object.values(dump)
            .flat()
            .filter((row) => JSON.parse(row).installationId === KODIAK),
        ).toEqual([]);
        expect(dump).toEqual(without(before, KODIAK));
        const log = await store.dumpDeliveryLog();
        // The removal's own record stays, so that its redelivery is a duplicate.
        expect(
          log.deliveries.filter((d) => d.installationId === KODIAK).map((d) => d.deliveryId),
        ).toEqual(["uninstall-1"]);
        expect(log.failedDeliveries.map((d) => d.installationId)).toEqual([ANTS]);
        expect(await owned(store, KODIAK, kodiakRepo)).toEqual({
          checkPublication: undefined,
          issuePublication: undefined,
          repositoryJob: undefined,
          teamJob: undefined,
          cursor: undefined,
          gaps: [],
          requests: [],
        });
        // Remembered, so that GitHub's older deliveries of it are never asked for again.
        expect(await store.listRemovals()).toEqual([
          { installationId: KODIAK, repositoryId: 0, removedAt: min(100) },
        ]);
        expect(await store.listInstallationIds()).toEqual([ANTS]);
        expect(await owned(store, ANTS, antsRepo)).toEqual(antsBefore);
        expect(await store.getNextRun("release-readiness")).toBe(min(60));
      });

      it("leaves nothing of a removed repository, and the rest of its installation", async () => {
        const { store, repos } = await populated();
        const antsRepo = repos.get(ANTS) as number;
        const before = await store.dumpActivity();
        const kodiakBefore = await owned(store, KODIAK, repos.get(KODIAK) as number);
        const teamJob = await store.getNextRun(`review-activity:${ANTS}:team:core`);

        await ingestDelivery(store, {
          name: "installation_repositories",
          id: "remove-1",
          payload: {
            action: "removed",
            installation: { id: ANTS, account: { login: "panjf2000", type: "User" } },
            repositories_added: [],
            repositories_removed: [{ id: antsRepo, full_name: "panjf2000/ants", private: false }],
          },
          receivedAt: min(100),
        });

        const dump = await store.dumpActivity();
        const ofRepository = (row: string) => {
          const parsed = JSON.parse(row);
          return parsed.installationId === ANTS && parsed.repositoryId === antsRepo;
        };
        expect(Object.values(dump).flat().filter(ofRepository)).toEqual([]);
        expect(dump).toEqual(without(before, ANTS, antsRepo));
        expect(await store.findRepositories("panjf2000/ants")).toEqual([]);
        const log = await store.dumpDeliveryLog();
        expect(log.deliveries.filter((d) => d.repositoryId === antsRepo)).toEqual([]);
        expect(log.failedDeliveries.filter((d) => d.repositoryId === antsRepo)).toEqual([]);
        expect(await owned(store, ANTS, antsRepo)).toEqual({
          checkPublication: undefined,
          // Not in the repository: an issue posted elsewhere (a team report's) stays.
          issuePublication: expect.objectContaining({ key: `issue:${ANTS}` }),
          repositoryJob: undefined,
          teamJob,
          cursor: undefined,
          // The installation's gap stays; the repository's redelivery request goes.
          gaps: kodiakBefore.gaps.map((g) => ({ ...g, installationId: ANTS })),
          requests: [],
        });
        expect(await store.listRemovals()).toEqual([
          { installationId: ANTS, repositoryId: antsRepo, removedAt: min(100) },
        ]);
        expect(await owned(store, KODIAK, repos.get(KODIAK) as number)).toEqual(kodiakBefore);
      });
    });

    describe("removals waiting for GitHub's confirmation", () => {
      const uninstall = (id: string, at: number): Delivery => ({
        name: "installation",
        id,
        payload: {
          action: "deleted",
          installation: { id: KODIAK, account: { login: "chdsbd", type: "User" } },
        },
        receivedAt: at,
      });
      const removal = (id: string, repositoryId: number): Delivery => ({
        name: "installation_repositories",
        id,
        payload: {
          action: "removed",
          installation: { id: ANTS, account: { login: "panjf2000", type: "User" } },
          repositories_added: [],
          repositories_removed: [{ id: repositoryId, full_name: "panjf2000/ants", private: false }],
        },
        receivedAt: min(100),
      });

      it("keeps an uninstall as a request, deleting nothing, once however often it comes", async () => {
        const store = await ingested(recorded());
        const before = await store.dumpActivity();
        const confirm = { confirmPurges: true };
        expect(await ingestDelivery(store, uninstall("uninstall-1", min(100)), confirm)).toEqual({
          status: "applied",
          installationId: KODIAK,
        });
        await ingestDelivery(store, uninstall("uninstall-2", min(105)), confirm);
        expect(await store.dumpActivity()).toEqual(before);
        expect(await store.listDuePurges(min(200), 10)).toEqual([
          {
            installationId: KODIAK,
            subject: "installation",
            repositoryId: null,
            fullName: null,
            deliveryId: "uninstall-1",
            requestedAt: min(100),
            dueAt: min(100),
            attempts: 0,
            lastError: null,
          },
        ]);
        expect(await store.listDuePurges(min(99), 10)).toEqual([]);
        expect(await store.listDuePurges(min(200), 10, ANTS)).toEqual([]);
      });

      it("puts a request off with its attempts and error, drops one GitHub refutes", async () => {
        const store = await ingested(recorded());
        const before = await store.dumpActivity();
        await ingestDelivery(store, uninstall("uninstall-1", min(100)), { confirmPurges: true });
        const [pending] = (await store.listDuePurges(min(100), 10)) as [PendingPurge];
        await store.postponePurge(pending, min(130), "GitHub answered 502");
        expect(await store.listDuePurges(min(129), 10)).toEqual([]);
        expect(await store.listDuePurges(min(130), 10)).toEqual([
          { ...pending, dueAt: min(130), attempts: 1, lastError: "GitHub answered 502" },
        ]);
        await store.dropPurge(pending);
        expect(await store.listDuePurges(min(1_000), 10)).toEqual([]);
        expect(await store.confirmPurge(pending)).toBe(false);
        expect(await store.dumpActivity()).toEqual(before);
      });

      it("once confirmed, leaves what a trusted uninstall leaves, its own delivery record included", async () => {
        const trusted = await ingested(recorded());
        await ingestDelivery(trusted, uninstall("uninstall-1", min(100)));
        const store = await ingested(recorded());
        await ingestDelivery(store, uninstall("uninstall-1", min(100)), { confirmPurges: true });
        const [pending] = (await store.listDuePurges(min(100), 10)) as [PendingPurge];

        expect(await store.confirmPurge(pending)).toBe(true);
        expect(await store.dumpActivity()).toEqual(await trusted.dumpActivity());
        expect(await store.dumpDeliveryLog()).toEqual(await trusted.dumpDeliveryLog());
        expect(await store.listDuePurges(min(1_000), 10)).toEqual([]);
        expect(await store.confirmPurge(pending)).toBe(false);
        // A redelivery of the uninstall is a duplicate, and asks for nothing more.
        expect(
          await ingestDelivery(store, uninstall("uninstall-1", min(110)), { confirmPurges: true }),
        ).toMatchObject({ status: "duplicate" });
        expect(await store.listDuePurges(min(1_000), 10)).toEqual([]);
      });

      it("confirms a repository's removal alone: the rest of its installation stays", async () => {
        const store = await ingested(recorded());
        const [repository] = await store.listRepositories(ANTS);
        const repositoryId = repository?.repositoryId as number;
        const before = await store.dumpActivity();
        await ingestDelivery(store, removal("remove-1", repositoryId), { confirmPurges: true });
        expect(await store.dumpActivity()).toEqual(before);
        const [pending] = (await store.listDuePurges(min(100), 10)) as [PendingPurge];
        expect(pending).toMatchObject({
          installationId: ANTS,
          subject: `repository:${repositoryId}`,
          repositoryId,
          fullName: "panjf2000/ants",
        });

        expect(await store.confirmPurge(pending)).toBe(true);
        expect(await store.dumpActivity()).toEqual(without(before, ANTS, repositoryId));
        expect(await store.listDuePurges(min(1_000), 10)).toEqual([]);
      });
    });

    describe("a complete record", () => {
      it("knows every delivery id it logged: applied, ignored and malformed ones", async () => {
        const deliveries = recorded();
        const store = await ingested(deliveries);
        const ignored = { ...example("check_run", "completed"), installation: { id: KODIAK } };
        expect(
          (
            await ingestDelivery(store, {
              name: "check_run",
              id: "ignored-1",
              payload: ignored,
              receivedAt: min(1),
            })
          ).status,
        ).toBe("ignored");
        await ingestDelivery(store, {
          name: "pull_request",
          id: "malformed-1",
          payload: { action: "opened", installation: { id: KODIAK }, pull_request: {} },
          receivedAt: min(1),
        });
        const ids = [...deliveries.map((d) => d.id), "ignored-1", "malformed-1"];
        expect(await store.knownDeliveryIds([...ids, "never-seen"])).toEqual(new Set(ids));
        expect(await store.knownDeliveryIds([])).toEqual(new Set());
      });

      it("keeps the newest heartbeat of all replicas, and the watermark as written", async () => {
        const store = await fresh();
        const other = await opened.at(-1)?.reopen();
        if (!other) throw new Error("no second store");
        try {
          expect(await store.readMark("heartbeat")).toBeUndefined();
          await store.writeMark("heartbeat", min(10), true);
          await other.writeMark("heartbeat", min(9), true);
          expect(await other.readMark("heartbeat")).toBe(min(10));
          await store.writeMark("redelivery-watermark", min(10));
          await other.writeMark("redelivery-watermark", min(4));
          expect(await store.readMark("redelivery-watermark")).toBe(min(4));
        } finally {
          await other.close();
        }
      });

      it("keeps gaps per installation, widens one opened again from its start, and forgets a closed one", async () => {
        const store = await fresh();
        await store.openRecordGaps([gap(1, min(10), min(20)), gap(2, min(5), min(8))]);
        await store.openRecordGaps([
          { ...gap(1, min(10), min(30)), state: "catch_up", reason: "list_cut_short" },
        ]);
        // Still the first opening's reason and time: the gap is as old as it was.
        expect(await store.listRecordGaps(1)).toEqual([
          { ...gap(1, min(10), min(30)), state: "catch_up", openedAt: min(20) },
        ]);
        expect((await store.listRecordGaps()).map((g) => g.installationId)).toEqual([2, 1]);
        // A gap opened again within what was checked stays checked; a wider one does not.
        await store.updateRecordGaps([{ ...gap(2, min(5), min(8)), checked: true }]);
        await store.openRecordGaps([gap(2, min(5), min(7))]);
        expect((await store.listRecordGaps(2))[0]?.checked).toBe(true);
        await store.openRecordGaps([gap(2, min(5), min(9))]);
        expect(await store.listRecordGaps(2)).toEqual([
          { ...gap(2, min(5), min(9)), openedAt: min(8) },
        ]);

        await store.closeRecordGaps([{ installationId: 1, startsAt: min(10) }]);
        // A catch-up finishing after another replica closed the gap does not bring it back.
        await store.updateRecordGaps([{ ...gap(1, min(10), min(30)), state: "failed" }]);
        expect(await store.listRecordGaps(1)).toEqual([]);
      });

      it("keeps each redelivery asked for, lists those still awaited, and prunes settled ones", async () => {
        const store = await fresh();
        const asked = redeliveryRequest("guid-a", 1, 10);
        const recovered = {
          ...redeliveryRequest("guid-b", 1, null),
          state: "recovered" as const,
          settledAt: min(40),
        };
        await store.putRedeliveryRequests([asked, recovered]);
        expect(await store.listRedeliveryRequests(["guid-a", "guid-b", "guid-c"])).toEqual(
          expect.arrayContaining([asked, recovered]),
        );
        expect(await store.listOutstandingRedeliveries()).toEqual([asked]);
        await store.putRedeliveryRequests([{ ...asked, asks: 2, askedAt: min(50) }]);
        expect(await store.listRedeliveryRequests(["guid-a"])).toEqual([
          { ...asked, asks: 2, askedAt: min(50) },
        ]);
        expect(await store.pruneRedeliveryRequests(min(41))).toBe(1);
        expect(await store.listRedeliveryRequests(["guid-b"])).toEqual([]);
        expect(await store.listOutstandingRedeliveries()).toHaveLength(1);
      });
    });

    describe("reads", () => {
      it("return only the asked installation's rows when two share ids", async () => {
        const store = await storeAfter(
          [1, 2].flatMap((installationId): StoreChange[] => [
            repository(installationId),
            {
              kind: "pull_request",
              record: pullRequest({ installationId, title: `PR of ${installationId}` }),
            },
            { kind: "review", record: review({ installationId }) },
            { kind: "review_requested", record: request(min(1), { installationId }) },
            {
              kind: "milestone",
              record: milestone({ installationId, title: `1.0 of ${installationId}` }),
            },
            { kind: "issue", record: issue({ installationId }) },
            { kind: "issue_comment", record: comment(1, { installationId }) },
          ]),
        );
        for (const installationId of [1, 2]) {
          const mine = (row: { installationId: number }) => row.installationId === installationId;
          expect((await store.getPullRequest(installationId, 7))?.title).toBe(
            `PR of ${installationId}`,
          );
          expect((await store.listOpenPullRequests(installationId, 10)).every(mine)).toBe(true);
          expect((await store.listMilestonePullRequests(installationId, 3)).every(mine)).toBe(true);
          expect(await store.listReviews(installationId, [7])).toEqual([
            expect.objectContaining({ installationId }),
          ]);
          expect(await store.listReviewRequests(installationId, [7])).toEqual([
            expect.objectContaining({ installationId }),
          ]);
          expect((await store.getMilestone(installationId, 3))?.title).toBe(
            `1.0 of ${installationId}`,
          );
          expect(await store.listRepositories(installationId)).toEqual([
            expect.objectContaining({ installationId }),
          ]);
          const activity = await store.loadActivity({
            installationId,
            repositoryIds: [10],
            since: min(0),
            until: min(100),
          });
          for (const list of Object.values(activity)) expect(list.every(mine)).toBe(true);
          expect(activity.pullRequests).toHaveLength(1);
          expect(activity.issueComments).toHaveLength(1);
          expect(await store.countMilestoneItems(installationId, [3], min(100))).toEqual(
            new Map([[3, { open: 1, closed: 0 }]]),
          );
        }
        expect((await store.findRepositories("ACME/Widgets")).map((r) => r.installationId)).toEqual(
          [1, 2],
        );
        expect(await store.listInstallationIds()).toEqual([1, 2]);
      });
    });

    describe("publications", () => {
      it("keeps what was published per installation and key, replaced on each put", async () => {
        const store = await fresh();
        const publication = {
          installationId: 1,
          key: "check:release-readiness:PR_7:abc",
          repositoryId: 10,
          targetId: 555,
          contentHash: "h1",
          state: "success",
          updatedAt: min(0),
        };
        expect(await store.getPublication(1, publication.key)).toBeUndefined();
        await store.putPublication(publication);
        await store.putPublication({ ...publication, installationId: 2, targetId: 777 });
        expect(await store.getPublication(1, publication.key)).toEqual(publication);
        await store.putPublication({
          ...publication,
          targetId: null,
          contentHash: "",
          state: "absent",
          repositoryId: null,
          updatedAt: min(5),
        });
        expect(await store.getPublication(1, publication.key)).toEqual({
          ...publication,
          targetId: null,
          contentHash: "",
          state: "absent",
          repositoryId: null,
          updatedAt: min(5),
        });
        expect((await store.getPublication(2, publication.key))?.targetId).toBe(777);
      });
    });

    describe("jobs", () => {
      it("gives a lease to one owner at a time until it expires or is released", async () => {
        const store = await fresh();
        const ttl = 15 * 60_000;
        expect(await store.acquireLease("daily", "a", min(0), ttl)).toBe(true);
        expect(await store.acquireLease("daily", "b", min(1), ttl)).toBe(false);
        expect(await store.acquireLease("daily", "a", min(10), ttl)).toBe(true);
        expect(await store.acquireLease("daily", "b", min(20), ttl)).toBe(false);
        expect(await store.acquireLease("daily", "b", min(25), ttl)).toBe(true);
        await store.releaseLease("daily", "a");
        expect(await store.acquireLease("daily", "a", min(26), ttl)).toBe(false);
        await store.releaseLease("daily", "b");
        expect(await store.acquireLease("daily", "a", min(27), ttl)).toBe(true);
        // A lease is not a schedule.
        expect(await store.getNextRun("daily")).toBeUndefined();
      });

      it("remembers each job's next run, and keeps its lease while rescheduled", async () => {
        const store = await fresh();
        expect(await store.getNextRun("hourly")).toBeUndefined();
        await store.setNextRun("hourly", min(60), null);
        expect(await store.getNextRun("hourly")).toBe(min(60));
        expect(await store.acquireLease("hourly", "a", min(60), 60_000)).toBe(true);
        await store.setNextRun("hourly", min(120), min(60));
        expect(await store.getNextRun("hourly")).toBe(min(120));
        expect(await store.acquireLease("hourly", "b", min(60), 60_000)).toBe(false);
        await store.setNextRun("other", min(30), null);
        expect(await store.getNextRun("hourly")).toBe(min(120));
      });
    });

    describe("backfill cursors", () => {
      const page = (title: string): StoreChange[] => [
        repository(),
        { kind: "pull_request", record: pullRequest({ title, updatedAt: min(title.length) }) },
      ];
      const cursor = (value: string, done = false) => ({
        installationId: 1,
        repositoryId: 10,
        kind: "graphql",
        cursor: value,
        since: min(0),
        done,
      });

      it("applies a page only if the cursor is still where the backfill left it", async () => {
        const store = await fresh();
        expect(await store.getBackfillCursor(1, 10, "graphql")).toBeUndefined();
        expect(await store.applyBackfillPage(page("First page"), cursor("p1"), min(1), null)).toBe(
          true,
        );
        expect(await store.getBackfillCursor(1, 10, "graphql")).toEqual({
          cursor: "p1",
          since: min(0),
          done: false,
        });
        const written = await store.dumpActivity();

        // Another backfill moved on, or none started: a stale `previous` writes nothing.
        expect(await store.applyBackfillPage(page("Stale page!"), cursor("p9"), min(2), null)).toBe(
          false,
        );
        expect(await store.applyBackfillPage(page("Stale page!"), cursor("p9"), min(2), "p0")).toBe(
          false,
        );
        expect(await store.dumpActivity()).toEqual(written);
        expect((await store.getBackfillCursor(1, 10, "graphql"))?.cursor).toBe("p1");

        expect(
          await store.applyBackfillPage(page("Second page"), cursor("p2", true), min(3), "p1"),
        ).toBe(true);
        expect((await store.getPullRequest(1, 7))?.title).toBe("Second page");
        expect(await store.getBackfillCursor(1, 10, "graphql")).toEqual({
          cursor: "p2",
          since: min(0),
          done: true,
        });
      });

      it("lists the unfinished backfills of an installation", async () => {
        const store = await fresh();
        await store.putBackfillCursor(
          1,
          10,
          "graphql",
          { cursor: "p3", since: min(0), done: false },
          min(1),
        );
        await store.putBackfillCursor(
          1,
          11,
          "graphql",
          { cursor: null, since: null, done: true },
          min(1),
        );
        await store.putBackfillCursor(
          2,
          12,
          "graphql",
          { cursor: "x", since: null, done: false },
          min(1),
        );
        expect(await store.listUnfinishedBackfills(1)).toEqual([cursor("p3")]);
      });
    });

    describe("teams and who was in them", () => {
      const TEAM = 3253328;
      const delivery = (name: string, payload: Record<string, unknown>, at: number, id: string) =>
        ({ name, id, payload, receivedAt: at }) satisfies Delivery;
      /** Real payloads: a team created, Codertocat joining, given a repository, leaving, ... */
      const lifecycle = () => [
        delivery("team", example("team", "created"), min(0), "t-created"),
        delivery("membership", example("membership", "added"), min(10), "m-added"),
        delivery("team", example("team", "added_to_repository"), min(20), "t-repo"),
        delivery("membership", example("membership", "removed"), min(30), "m-removed"),
      ];
      const teamState = async (store: Store) => ({
        teams: await store.listTeams(EXAMPLE_INSTALLATION),
        members: await store.listTeamMembers(EXAMPLE_INSTALLATION, [TEAM]),
        repositories: await store.listTeamRepositories(EXAMPLE_INSTALLATION, [TEAM]),
      });

      it("follows a team from real team and membership payloads: who was in it, from when to when", async () => {
        const store = await ingested(lifecycle());
        const state = await teamState(store);
        expect(state.teams).toEqual([
          {
            installationId: EXAMPLE_INSTALLATION,
            teamId: TEAM,
            organization: "octocoders",
            slug: "github",
            name: "github",
            parentTeamId: null,
            updatedAt: min(20),
            deletedAt: null,
            membersKnownAt: min(0),
          },
        ]);
        expect(state.members).toEqual([
          {
            installationId: EXAMPLE_INSTALLATION,
            teamId: TEAM,
            login: "Codertocat",
            spans: [{ from: min(10), until: min(30) }],
          },
        ]);
        expect(state.repositories).toEqual([
          {
            installationId: EXAMPLE_INSTALLATION,
            teamId: TEAM,
            repositoryId: 186853261,
            fullName: "Octocoders/Hello-World",
          },
        ]);
        // Another installation sharing the team's id sees nothing of it.
        expect(await store.listTeamMembers(EXAMPLE_INSTALLATION + 1, [TEAM])).toEqual([]);
      });

      it("ends up the same whatever order the deliveries come in, and ignores a redelivery", async () => {
        const ordered = await ingested(lifecycle());
        const reversed = await ingested([...lifecycle()].reverse());
        const twice = await ingested([...lifecycle(), ...lifecycle()]);
        expect(await teamState(reversed)).toEqual(await teamState(ordered));
        expect(await teamState(twice)).toEqual(await teamState(ordered));
      });

      it("keeps a deleted team with when it went, and its repository once it is taken away", async () => {
        const store = await ingested([
          ...lifecycle(),
          delivery("team", example("team", "removed_from_repository"), min(40), "t-unrepo"),
          delivery("team", example("team", "deleted"), min(50), "t-deleted"),
        ]);
        const state = await teamState(store);
        expect(state.teams[0]?.deletedAt).toBe(min(50));
        expect(state.repositories).toEqual([]);
      });

      it("ends every team membership in the organisation of someone who leaves it", async () => {
        // The examples have no member_removed: member_added with only its action changed.
        const left: Record<string, unknown> = {
          ...example("organization", "member_added"),
          action: "member_removed",
        };
        const hacktocat = (left.membership as { user: { login: string } }).user.login;
        const joined = example("membership", "added");
        const store = await ingested([
          delivery("team", example("team", "created"), min(0), "t-created"),
          delivery(
            "membership",
            { ...joined, member: { ...(joined.member as object), login: hacktocat } },
            min(5),
            "m-hacktocat",
          ),
          delivery("organization", left, min(60), "o-left"),
        ]);
        expect((await teamState(store)).members).toEqual([
          {
            installationId: EXAMPLE_INSTALLATION,
            teamId: TEAM,
            login: hacktocat,
            spans: [{ from: min(5), until: min(60) }],
          },
        ]);
      });

      it("reads a first listing as members since before anything was recorded, later ones from their time", async () => {
        const listed = (logins: string[], at: number, first: boolean): StoreChange => ({
          kind: "team_membership",
          installationId: 1,
          teamId: 7,
          change: { kind: "listed", logins, at, first },
        });
        const store = await storeAfter([
          listed(["alice", "bob"], min(0), true),
          listed(["alice", "carol"], min(60), false),
        ]);
        expect(await store.listTeamMembers(1, [7])).toEqual([
          { installationId: 1, teamId: 7, login: "alice", spans: [{ from: null, until: null }] },
          { installationId: 1, teamId: 7, login: "bob", spans: [{ from: null, until: min(60) }] },
          { installationId: 1, teamId: 7, login: "carol", spans: [{ from: min(60), until: null }] },
        ]);
      });

      it("keeps a rejoin as a second stay, and a leave seen before its join ends the right one", async () => {
        const move = (kind: "joined" | "left", at: number): StoreChange => ({
          kind: "team_membership",
          installationId: 1,
          teamId: 7,
          change: { kind, login: "alice", at },
        });
        const [a, b] = await inBothOrders(move("joined", min(0)), move("left", min(10)));
        expect(await a.listTeamMembers(1, [7])).toEqual(await b.listTeamMembers(1, [7]));
        const store = await storeAfter([
          move("joined", min(0)),
          move("left", min(10)),
          move("joined", min(20)),
        ]);
        expect((await store.listTeamMembers(1, [7]))[0]?.spans).toEqual([
          { from: min(0), until: min(10) },
          { from: min(20), until: null },
        ]);
      });

      it("removes an installation's teams with it, and a removed repository from its teams", async () => {
        const store = await ingested(lifecycle());
        await store.applyChanges([
          {
            kind: "repository_removed",
            installationId: EXAMPLE_INSTALLATION,
            repositoryId: 186853261,
            at: min(1),
          },
        ]);
        expect((await teamState(store)).repositories).toEqual([]);
        expect((await teamState(store)).members).toHaveLength(1);
        await store.applyChanges([
          {
            kind: "repository_owners",
            installationId: EXAMPLE_INSTALLATION,
            repositoryId: 5,
            teams: ["Octocoders/GitHub"],
            at: min(0),
          },
        ]);
        expect(await store.listRepositoryOwners(EXAMPLE_INSTALLATION)).toEqual([
          {
            installationId: EXAMPLE_INSTALLATION,
            repositoryId: 5,
            teams: ["octocoders/github"],
            readAt: min(0),
          },
        ]);
        await store.applyChanges([
          { kind: "installation_deleted", installationId: EXAMPLE_INSTALLATION, at: min(2) },
        ]);
        expect(await teamState(store)).toEqual({ teams: [], members: [], repositories: [] });
        expect(await store.listRepositoryOwners(EXAMPLE_INSTALLATION)).toEqual([]);
      });
    });
  });
}
