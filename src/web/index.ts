export {
  type DashboardHandler,
  type DashboardLog,
  type DashboardOptions,
  dashboardHandler,
} from "./dashboard-handler.js";
export {
  type DashboardSettings,
  type DashboardSwitch,
  dashboardSettings,
  MIN_SESSION_SECRET_LENGTH,
} from "./dashboard-settings.js";
export { reportTrends, type TrendSeries, type TrendSource } from "./trends.js";
