/** The contents API's JSON description of a file: its content in base64, none past 1 MB. */
export function fileContents(text: string, path = ".github/expectations.yml") {
  const bytes = Buffer.from(text, "utf8");
  const inline = bytes.length <= 1_000_000;
  return {
    type: "file",
    encoding: inline ? "base64" : "none",
    size: bytes.length,
    name: path.split("/").at(-1),
    path,
    content: inline ? bytes.toString("base64") : "",
  };
}
