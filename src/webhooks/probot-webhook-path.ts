/**
 * Where Probot's own webhook middleware is told to listen, given the app's webhook path: a path
 * no request has (a URL's path never holds a `?`), so that it never answers a delivery and the
 * app's own route does. A proxy Probot starts (WEBHOOK_PROXY_URL) forwards to this address,
 * whose path is the app's route.
 */
export function probotWebhookPath(path: string): string {
  return `${path}?app-route`;
}
