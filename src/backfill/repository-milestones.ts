import { z } from "zod";
import { expecting } from "../config/index.js";
import { type MilestonePayload, milestoneSchema } from "../ingest/index.js";
import type { BackfillGitHub } from "./github-client.js";
import { parseReply } from "./parse-reply.js";

// Not a list is an error, never "no milestones": pull requests would silently become unscheduled.
const milestoneList = z.array(milestoneSchema, { error: expecting("a list of milestones") });

/**
 * A repository's milestones as REST (and webhooks) give them: GraphQL has no milestone database
 * id, and the store keys milestones by it. One request per 100 milestones.
 */
export class RepositoryMilestones {
  private readonly byNumber = new Map<number, MilestonePayload>();
  private readonly missing = new Set<number>();
  requests = 0;
  private loaded = false;

  constructor(
    private readonly github: BackfillGitHub,
    private readonly owner: string,
    private readonly repo: string,
  ) {}

  /** Reads them all, once. */
  async load(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    for (let page = 1; ; page++) {
      this.requests += 1;
      const { data } = await this.github.request("GET /repos/{owner}/{repo}/milestones", {
        owner: this.owner,
        repo: this.repo,
        state: "all",
        per_page: 100,
        page,
      });
      const milestones = parseReply(
        milestoneList,
        data,
        `GET /repos/${this.owner}/${this.repo}/milestones (page ${page})`,
      );
      for (const milestone of milestones) this.byNumber.set(milestone.number, milestone);
      if (milestones.length < 100) return;
    }
  }

  /** Looks up milestones created after `load` (a page may name one); a deleted one stays unknown. */
  async resolve(numbers: Iterable<number>): Promise<void> {
    for (const number of numbers) {
      if (this.byNumber.has(number) || this.missing.has(number)) continue;
      try {
        this.requests += 1;
        const { data } = await this.github.request(
          "GET /repos/{owner}/{repo}/milestones/{milestone_number}",
          { owner: this.owner, repo: this.repo, milestone_number: number },
        );
        const milestone = parseReply(
          milestoneSchema,
          data,
          `GET /repos/${this.owner}/${this.repo}/milestones/${number}`,
        );
        this.byNumber.set(milestone.number, milestone);
      } catch (error) {
        if ((error as { status?: number }).status !== 404) throw error;
        this.missing.add(number);
      }
    }
  }

  all(): MilestonePayload[] {
    return [...this.byNumber.values()];
  }

  ids(): Map<number, number> {
    return new Map([...this.byNumber].map(([number, milestone]) => [number, milestone.id]));
  }
}
