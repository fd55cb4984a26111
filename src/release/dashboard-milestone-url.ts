/**
 * Where the dashboard shows a milestone: `<public URL>/expectations/repos/<owner>/<repo>/milestones/<number>`,
 * the page a release check's "Details" link opens.
 */
export function dashboardMilestoneUrl(
  publicUrl: string,
  repositoryFullName: string,
  milestoneNumber: number,
): string {
  const [owner = "", repo = ""] = repositoryFullName.split("/");
  return `${publicUrl.replace(/\/+$/, "")}/expectations/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/milestones/${milestoneNumber}`;
}
