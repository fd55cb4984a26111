import { DECLARED_SETTINGS } from "./declared-settings.js";

const WIDTH = 98;

/** `text` as comment lines of at most WIDTH characters, broken between words. */
function comment(text: string): string[] {
  const lines: string[] = [];
  let line = "#";
  for (const word of text.split(" ")) {
    if (line.length + 1 + word.length > WIDTH && line !== "#") {
      lines.push(line);
      line = "#";
    }
    line += ` ${word}`;
  }
  return [...lines, line];
}

/** `.env.example` as generated from the declared settings (`npm run env-example` writes it). */
export function renderEnvExample(): string {
  const lines = comment(
    "Settings of the expectations server and commands: copy to .env in the directory they run in. A variable set in the environment wins over .env. Generated from src/settings/declared-settings.ts by `npm run env-example`: edit that file, not this one.",
  );
  let group = "";
  for (const setting of DECLARED_SETTINGS) {
    if (setting.group !== group) {
      group = setting.group;
      lines.push("", `# --- ${group} ---`);
    }
    const example = "example" in setting ? setting.example : "";
    const set = "set" in setting && setting.set;
    lines.push(...comment(setting.description), `${set ? "" : "# "}${setting.name}=${example}`);
  }
  return `${lines.join("\n")}\n`;
}
