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
} from "./dashboard-settings.js";
