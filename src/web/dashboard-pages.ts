import type { IncomingMessage } from "node:http";
import type { Logger } from "pino";
import type { Period } from "../metrics/index.js";
import type { ReviewActivityReport } from "../reports/index.js";
import type { RepositoryRecord, Store } from "../store/index.js";
import type { Figure } from "./computed-cache.js";
import type { DashboardFigures } from "./dashboard-figures.js";
import { dashboardPaths } from "./dashboard-paths.js";
import { type DashboardReply, notFound, PageError } from "./dashboard-reply.js";
import type { DashboardScope, DashboardScopes } from "./dashboard-scopes.js";
import type { DashboardSettings } from "./dashboard-settings.js";
import type { DashboardSignIn } from "./dashboard-sign-in.js";
import { html } from "./html.js";
import { figureMissing } from "./page-parts.js";
import { renderMessage } from "./render-messages.js";
import { renderMilestone } from "./render-milestone.js";
import { renderOverview } from "./render-overview.js";
import { renderPerson } from "./render-person.js";
import { renderProblems } from "./render-problems.js";
import { renderTeam } from "./render-team.js";
import { reportPeriods, TREND_PERIODS } from "./report-periods.js";
import type { RepositoryAccess } from "./repository-access.js";
import type { Session } from "./session-store.js";
import { GitHubAnswer } from "./user-github.js";

const RELOAD_SECONDS = 3;

/** Seconds until the page reloads itself: only while some of its figures are being counted. */
function reloadWhile(...figures: Figure<unknown>[]): number {
  return figures.some((figure) => figure.state === "counting") ? RELOAD_SECONDS : 0;
}

/** The address's parts under `/expectations`, decoded; a malformed one is a 400. */
function decodeSegments(path: string): string[] {
  try {
    return path
      .slice(dashboardPaths.root.length)
      .split("/")
      .filter((segment) => segment !== "")
      .map((segment) => decodeURIComponent(segment));
  } catch {
    throw new PageError(400, "Bad address", "This address is not well formed.");
  }
}

/** The `period` asked for: 0 (this one so far) up to TREND_PERIODS back; anything else is a 400. */
function chosenPeriod(url: URL): number {
  const value = url.searchParams.get("period") ?? "0";
  const index = /^\d{1,2}$/.test(value) ? Number(value) : Number.NaN;
  if (!(index >= 0 && index <= TREND_PERIODS))
    throw new PageError(
      400,
      "Unknown period",
      `period must be 0 (this period so far) up to ${TREND_PERIODS} (that many periods back).`,
    );
  return index;
}

/** One page asked for by a signed-in person, and what is left of its wait for figures. */
interface PageVisit {
  url: URL;
  session: Session;
  reply: DashboardReply;
  /** Milliseconds the page may still wait for figures being computed. */
  left: () => number;
}

export interface DashboardPagesOptions {
  store: Store;
  figures: DashboardFigures;
  settings: DashboardSettings;
  access: RepositoryAccess;
  signIn: DashboardSignIn;
  clock: () => Date;
  log: Logger;
}

/**
 * The dashboard's pages: the overview of releases and teams, a milestone, a team (or a
 * repository reported on its own) and a person in it, each only about repositories GitHub
 * lists for the signed-in person, with figures from the store; a page whose figures are still
 * being counted shows what it has and reloads itself.
 */
export class DashboardPages {
  constructor(private readonly options: DashboardPagesOptions) {}

  /** The page at `url`, or the sign-in page when the request has no session. */
  async show(
    req: IncomingMessage,
    url: URL,
    reply: DashboardReply,
    left: () => number,
  ): Promise<void> {
    const { signIn, figures } = this.options;
    const { session, cookie } = await signIn.current(req, reply);
    if (!session) return signIn.askToSignIn(url, cookie, reply);
    const now = this.options.clock();
    const visit = { url, session, reply, left };
    const visible = await this.visibleRepositories(visit, now);
    if (!visible) return;
    // Teams and settings of exactly these repositories, kept while the store is unchanged.
    const scopes = await figures.scopes(visible, left());
    if (scopes.state !== "ready") {
      reply.page(
        200,
        "Releases and teams",
        html`<h1>Releases and teams</h1>${figureMissing(scopes)}`,
        session,
        reloadWhile(scopes),
      );
      return;
    }
    return this.open(visit, scopes.value, now);
  }

  /** The repositories GitHub lists for the person; undefined when it did not (then answered). */
  private async visibleRepositories(
    { url, session, reply }: PageVisit,
    now: Date,
  ): Promise<RepositoryRecord[] | undefined> {
    try {
      return await this.options.access.visible(session, now.getTime());
    } catch (error) {
      if (error instanceof GitHubAnswer && error.status === 401) {
        await this.options.signIn.signInAgain(session, url.pathname, reply);
        return undefined;
      }
      this.options.log.warn({ err: error }, "GitHub did not list a dashboard user's repositories");
      reply.page(
        502,
        "GitHub did not answer",
        renderMessage(
          "GitHub did not answer",
          "The dashboard asks GitHub which repositories you can see before it shows anything, and GitHub did not answer just now. Try again in a moment.",
        ),
        session,
      );
      return undefined;
    }
  }

  /** The page the address names, among the scopes the person may see; else not found. */
  private async open(visit: PageVisit, scopes: DashboardScopes, now: Date): Promise<void> {
    const [first, second, third, fourth, fifth, ...rest] = decodeSegments(visit.url.pathname);
    if (rest.length > 0) throw notFound();
    if (first === undefined) return this.overview(visit, scopes, now);
    if (first === "repos" && second && third) {
      const fullName = `${second}/${third}`.toLowerCase();
      if (fourth === undefined || (fourth === "people" && fifth)) {
        const scope = scopes.scopes.find(
          (s) => s.kind === "repository" && s.name.toLowerCase() === fullName,
        );
        if (scope)
          return fourth ? this.person(visit, scope, fifth as string) : this.team(visit, scope);
        // A repository reported as part of a team: its page is the team's.
        const teams = scopes.scopes.filter((s) =>
          s.repositories.some((r) => r.fullName.toLowerCase() === fullName),
        );
        if (fourth === undefined && teams.length === 1 && teams[0])
          return visit.reply.redirect(teams[0].path, 302);
        throw notFound();
      }
      if (fourth === "milestones" && fifth && /^\d{1,9}$/.test(fifth))
        return this.milestone(visit, scopes, fullName, Number(fifth));
      throw notFound();
    }
    if (first === "teams" && second && /^\d{1,15}$/.test(second) && third) {
      const scope = scopes.scopes.find(
        (s) => s.kind === "team" && s.installationId === Number(second) && s.name === third,
      );
      if (!scope) throw notFound();
      if (fourth === undefined) return this.team(visit, scope);
      if (fourth === "people" && fifth) return this.person(visit, scope, fifth);
    }
    throw notFound();
  }

  /** Releases of every visible repository and this period's report of every scope. */
  private async overview({ session, reply, left }: PageVisit, scopes: DashboardScopes, now: Date) {
    const { figures } = this.options;
    const repositories = scopes.repositories;
    const current = scopes.scopes.map((scope) => reportPeriods(scope.config, now, 0)[0] as Period);
    const wait = left();
    const [releases, ...reports] = await Promise.all([
      figures.releases(repositories, wait),
      ...scopes.scopes.map((scope, i) => figures.report(scope, current[i] as Period, wait)),
    ]);
    const body = renderOverview({
      now: now.getTime(),
      repositories: repositories.length,
      releases,
      teams: scopes.scopes.map((scope, i) => ({
        scope,
        period: current[i] as Period,
        report: reports[i] as Figure<ReviewActivityReport>,
      })),
      problems: scopes.problems,
      unread: repositories.filter((r) => r.settingsSince === null).length,
    });
    reply.page(200, "Releases and teams", body, session, reloadWhile(releases, ...reports));
  }

  /** Where a milestone of a visible repository stands; its settings' problems if invalid. */
  private async milestone(
    { session, reply, left }: PageVisit,
    scopes: DashboardScopes,
    fullName: string,
    number: number,
  ) {
    const { store, figures, settings } = this.options;
    const visible = scopes.repositories.find(
      (r) => r.repository.fullName.toLowerCase() === fullName,
    );
    if (!visible) throw notFound();
    const { repository, config } = visible;
    const found = (
      await store.listMilestones(repository.installationId, repository.repositoryId)
    ).find((m) => m.number === number && m.deletedAt === null);
    if (!found) throw notFound();
    if (config === null) {
      reply.page(
        200,
        found.title,
        html`<h1>${found.title}</h1>${renderProblems(
          scopes.problems.filter((p) => p.file === repository.fullName),
          0,
        )}`,
        session,
      );
      return;
    }
    const standing = await figures.milestone(repository, number, config, left());
    if (standing.state !== "ready") {
      reply.page(
        200,
        found.title,
        html`<h1>${found.title}</h1>${figureMissing(standing)}`,
        session,
        reloadWhile(standing),
      );
      return;
    }
    if (standing.value === null) throw notFound();
    reply.page(
      200,
      found.title,
      renderMilestone(standing.value, settings.webUrl, standing.computedAt, standing.fresh),
      session,
    );
  }

  /** A team's (or a repository's own) review activity in the chosen period, and its trends. */
  private async team({ url, session, reply, left }: PageVisit, scope: DashboardScope) {
    const { figures, settings } = this.options;
    const chosen = chosenPeriod(url);
    const periods = reportPeriods(scope.config, this.options.clock());
    const wait = left();
    const [report, trends] = await Promise.all([
      figures.report(scope, periods[chosen] as Period, wait),
      figures.trends(scope, periods.slice(1), wait),
    ]);
    reply.page(
      200,
      scope.name,
      renderTeam({ scope, periods, chosen, report, trends, webUrl: settings.webUrl }),
      session,
      reloadWhile(report, trends),
    );
  }

  /** One person's ladder lines in a scope and period, if the team's report knows them. */
  private async person(
    { url, session, reply, left }: PageVisit,
    scope: DashboardScope,
    login: string,
  ) {
    const { figures, settings } = this.options;
    const chosen = chosenPeriod(url);
    const periods = reportPeriods(scope.config, this.options.clock());
    const period = periods[chosen] as Period;
    // Only people the team's report knows in that period: a made-up name costs nothing.
    const report = await figures.report(scope, period, left());
    if (
      report.state === "ready" &&
      !report.value.people.some((p) => p.login === login) &&
      !report.value.members.logins.includes(login)
    )
      throw new PageError(
        404,
        "Not found",
        `Nobody of that name took part in ${scope.name} in this period, or is listed as one of its members.`,
      );
    const ladder =
      report.state === "ready" ? await figures.person(scope, period, login, left()) : report;
    reply.page(
      200,
      login,
      renderPerson({ scope, login, periods, chosen, ladder, webUrl: settings.webUrl }),
      session,
      reloadWhile(ladder),
    );
  }
}
