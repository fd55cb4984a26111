import { dashboardMilestoneUrl } from "../release/index.js";

const segment = encodeURIComponent;

/** Every page of the dashboard, under `/expectations/`; the one place its URLs are spelled. */
export const dashboardPaths = {
  root: "/expectations",
  overview: "/expectations/",
  stylesheet: "/expectations/assets/dashboard.css",
  signIn: "/expectations/login",
  signInCallback: "/expectations/auth/callback",
  signOut: "/expectations/logout",
  repository(fullName: string): string {
    const [owner = "", repo = ""] = fullName.split("/");
    return `/expectations/repos/${segment(owner)}/${segment(repo)}`;
  },
  team: (installationId: number, name: string) =>
    `/expectations/teams/${installationId}/${segment(name)}`,
  /** The same page a release check's "Details" link opens. */
  milestone: (fullName: string, number: number) => dashboardMilestoneUrl("", fullName, number),
  person: (scopePath: string, login: string) => `${scopePath}/people/${segment(login)}`,
};
