import type { Unit } from "../metrics/index.js";

/**
 * Every expectation of the engineering ladder (Senior Software Engineer, "Expectations"), as
 * data: the ladder's own words, what GitHub activity can show of it, the target and the rule
 * that turns the measure into a verdict. Lines GitHub activity cannot show say why.
 */

export type Area = "Process" | "Project" | "Technical" | "Customer" | "Social";

export interface Expectation {
  id: string;
  area: Area;
  /** The ladder's text, unchanged. */
  text: string;
  /** What shows it in GitHub activity, in a few words; null when activity cannot show it. */
  measure: string | null;
  /** The measure in full: what is counted and what is left out. */
  details?: string;
  /** Why activity cannot show it (only when `measure` is null). */
  reason?: string;
  /**
   * The target, in words; SLA figures and the business calendar come from config (`{sla.*}`
   * and `{business_time}` placeholders).
   */
  target?: string;
  /**
   * How the measure becomes met / at risk / missed / not measured. "Met" always needs evidence:
   * at least one thing measured against the target in the period.
   */
  rule?: string;
  /** The unit of the verdict's value, and which way is better for it (trends judge changes by it). */
  value?: { unit: Unit; better: "up" | "down" };
}

const MEETINGS = "Meetings and their outcomes are not recorded in pull requests or issues.";
const OUTSIDE = "It happens outside the repositories the app is installed on.";
const CONVERSATION = "It happens in conversations, not in repository activity.";

export const EXPECTATIONS: readonly Expectation[] = [
  {
    id: "process.mentor-team",
    area: "Process",
    text: "Educate/mentor team about process/culture and to follow it",
    measure: null,
    reason: CONVERSATION,
  },
  {
    id: "process.review-process",
    area: "Process",
    text: "Review the process followed by team",
    measure: "PRs merged without approval",
    details:
      "Pull requests merged in the period with no approval by someone other than the author before the merge (a dismissed approval does not count); those merged by their own author are counted apart.",
    target: "none",
    rule: "met: none; at risk: up to 10% of merged PRs and none self-merged; missed: more, or any self-merged without approval; not measured: nothing merged",
    value: { unit: "count", better: "down" },
  },
  {
    id: "process.peer-reviews",
    area: "Process",
    text: "Peer reviews be it PRs/trainings/knowledge sharing sessions",
    measure: "Members who reviewed a PR",
    details:
      "Share of team members who reviewed at least one pull request in the period. Trainings and knowledge sharing sessions are not visible in GitHub activity.",
    target: "at least 80% of members",
    rule: "met: 80% or more; at risk: 50% to 80%; missed: under 50%; not measured: fewer than 2 members or no PRs by people in the period",
    value: { unit: "ratio", better: "up" },
  },
  {
    id: "process.plan-day-to-day",
    area: "Process",
    text: "Plan team's day-to-day activities in the repos they own",
    measure: null,
    reason: "Day-to-day plans are not recorded in pull requests or issues.",
  },
  {
    id: "process.coordination",
    area: "Process",
    text: "Make sure team to follow coordination with E2E/support/documentation process",
    measure: null,
    reason: "Coordination with other teams happens outside the repositories.",
  },
  {
    id: "process.feedback",
    area: "Process",
    text: "Provide feedback for process improvement",
    measure: null,
    reason: CONVERSATION,
  },
  {
    id: "process.best-practices",
    area: "Process",
    text: "Contribute to best practices",
    measure: null,
    reason: "What counts as a contribution to practice cannot be told from activity alone.",
  },
  {
    id: "project.identify-risks",
    area: "Project",
    text: "Identifying risks, and mitigating with help of Lead/Manager",
    measure: null,
    reason: `${CONVERSATION} The report's escalation risks list what activity does show.`,
  },
  {
    id: "project.monitor-progress",
    area: "Project",
    text: "Manage/monitor project progress",
    measure: "Milestone completion",
    details:
      "Closed pull requests and issues of every open milestone with a due date, and open milestones past their release date.",
    target:
      "no open milestone past its release date; milestones due within the warning window complete",
    rule: "met: nothing overdue and nothing open inside the warning window; at risk: open PRs or issues in a milestone due inside the warning window; missed: an open milestone past its release date with open items; not measured: no open milestone with a due date",
    value: { unit: "ratio", better: "up" },
  },
  {
    id: "project.avoid-escalations",
    area: "Project",
    text: "Avoid escalations",
    measure: "SLA breaches",
    details:
      "Review requests, first reviews and customer first responses of the period answered after their SLA, customer issues closed without any response, or still waiting past the SLA now; out of all requests, PRs that became ready and customer issues opened in the period.",
    target: "none (SLAs in business hours: {business_time})",
    rule: "met: no breach, and at least one request, first review or customer issue answered; at risk: breaches in up to 10% of tracked items; missed: more; not measured: nothing tracked, or nothing answered yet and no breach",
    value: { unit: "count", better: "down" },
  },
  {
    id: "project.no-pending-prs",
    area: "Project",
    text: "No pending PRs at owned repos by release date",
    measure: "PRs open at their release date",
    details:
      "Pull requests still open when their milestone's release date (its due date) ended in the team's time zone, and unapproved open pull requests of releases inside the warning window.",
    target: "no PR open at its release date",
    rule: "missed: a release date ended with PRs open; at risk: a release inside the warning window has unapproved open PRs; met: otherwise, with a release date in the period or inside the warning window; not measured: no release date in the period or the warning window",
    value: { unit: "count", better: "down" },
  },
  {
    id: "project.plan-holidays",
    area: "Project",
    text: "Plan team activities as per coming planned holidays",
    measure: "Release dates off business days",
    details:
      "Release dates (milestone due dates) in the period or ahead that fall on a weekend, a listed holiday or inside a holiday period.",
    target: "every release date on a business day",
    rule: "missed: a release date in the period was not a business day; at risk: an upcoming one is not; met: otherwise; not measured: no release dates",
    value: { unit: "count", better: "down" },
  },
  {
    id: "project.reviews-with-team",
    area: "Project",
    text: "Reviews related to code, designs, E2E, documentation along with team",
    measure: "Merged PRs with a review",
    details:
      "Pull requests merged in the period that someone other than the author reviewed before the merge. Designs, E2E and documentation reviewed outside pull requests are not visible.",
    target: "every merged PR",
    rule: "met: all; at risk: 90% or more; missed: under 90%; not measured: nothing merged",
    value: { unit: "ratio", better: "up" },
  },
  {
    id: "project.review-meetings",
    area: "Project",
    text: "Participate in internal project review meeting",
    measure: null,
    reason: MEETINGS,
  },
  {
    id: "project.unblock-timely",
    area: "Project",
    text: "Motivate team by unblocking them timely.",
    measure: "Review request answer time",
    details:
      "Business hours from each review request of the period to the reviewer's review (median and 90th percentile; a re-request restarts the clock, a removed request does not count, draft time is left out), and requests waiting past the SLA now.",
    target:
      "90% of requests answered within {sla.review_request_business_hours} business hours ({business_time})",
    rule: "met: 90th percentile within the SLA and nothing waiting past it; missed: median beyond the SLA; at risk: otherwise; not measured: no requests",
    value: { unit: "business_hours", better: "down" },
  },
  {
    id: "project.rca-review-meetings",
    area: "Project",
    text: "Internal product review meetings with feedback from RCAs of customer issues",
    measure: null,
    reason: MEETINGS,
  },
  {
    id: "technical.explore-methods",
    area: "Technical",
    text: "Exploring new methods to improve skills",
    measure: null,
    reason: "Learning is not visible in repository activity.",
  },
  {
    id: "technical.train-team",
    area: "Technical",
    text: "Training team on new methods",
    measure: null,
    reason: "Trainings are not recorded in pull requests or issues.",
  },
  {
    id: "technical.productivity",
    area: "Technical",
    text: "Improve team productivity with automation, quality work, time management etc",
    measure: null,
    reason:
      "A gain needs a baseline and a cause activity does not give; ready-to-merge cycle time is shown for context.",
  },
  {
    id: "technical.conduct-training",
    area: "Technical",
    text: "Conduct training/discussions among team members",
    measure: null,
    reason: "Trainings are not recorded in pull requests or issues.",
  },
  {
    id: "customer.train-support",
    area: "Customer",
    text: "Conduct training to support team with the help of team",
    measure: null,
    reason: "Trainings are not recorded in pull requests or issues.",
  },
  {
    id: "customer.documentation",
    area: "Customer",
    text: "Provide information to documentation team at project/repo level",
    measure: null,
    reason: "Hand-overs to the documentation team happen outside the repositories.",
  },
  {
    id: "customer.timely-help",
    area: "Customer",
    text: "Provide timely help to customers",
    measure: "First response to customer issues",
    details:
      "Business hours from a customer issue (a customer label, or opened by someone outside the team) to the first comment by a team member; SLA breaches (answered late, still waiting past the SLA, or closed without any response: closing silently is not timely help, however soon it happens), and issues awaiting a first response now.",
    target:
      "first response within {sla.customer_first_response_business_hours} business hours ({business_time})",
    rule: "met: no breach and at least one first response; at risk: breaches but the median within the SLA; missed: median beyond the SLA, or breaches and no response at all; not measured: no customer issues, or none answered yet and none past the SLA",
    value: { unit: "business_hours", better: "down" },
  },
  {
    id: "customer.rca",
    area: "Customer",
    text: "RCA of user/customer issues",
    measure: "Closed customer bugs with an RCA",
    details:
      'Customer bugs (customer issues with a label containing "bug") closed in the period that carry an RCA label (`rca.labels`). An RCA section in the issue body is not visible: the store keeps no issue bodies.',
    target: "every closed customer bug",
    rule: "met: all; at risk: half or more; missed: under half; not measured: none closed",
    value: { unit: "ratio", better: "up" },
  },
  {
    id: "customer.open-source",
    area: "Customer",
    text: "Being active and well known in other related opensource projects",
    measure: null,
    reason: OUTSIDE,
  },
  {
    id: "social.surveys",
    area: "Social",
    text: "Completing surveys",
    measure: null,
    reason: OUTSIDE,
  },
  {
    id: "social.advocacy",
    area: "Social",
    text: "Strong advocacy of component you worked in other mediums like K8s channels, or other opensource channels",
    measure: null,
    reason: OUTSIDE,
  },
  {
    id: "social.discussions",
    area: "Social",
    text: "Involve in discussion threads on social media like reddit, stackoverflow, twitter etc",
    measure: null,
    reason: OUTSIDE,
  },
  {
    id: "social.talks",
    area: "Social",
    text: "Talks/seminars/proposals about the component, product",
    measure: null,
    reason: OUTSIDE,
  },
  {
    id: "social.posts",
    area: "Social",
    text: "Tweets about self-learnings, company, product",
    measure: null,
    reason: OUTSIDE,
  },
];
