export { escapeMarkdown } from "./escape-markdown.js";
export { formatLogin } from "./format-login.js";
export { oneLine } from "./one-line.js";
export { plural } from "./plural.js";
export { GITHUB_BODY_LIMIT, splitMarkdownBody } from "./split-markdown-body.js";
