import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { throwawayPrivateKey } from "../../bench/signing.js";
import {
  appPrivateKey,
  integerSetting,
  loadSettings,
  SettingError,
} from "../../src/settings/index.js";

const dir = mkdtempSync(join(tmpdir(), "expectations-settings-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("numeric settings, all read by one function", () => {
  it.each([
    [undefined, undefined],
    ["", undefined],
    [" 14 ", 14],
    ["1", 1],
  ])("FAILED_DELIVERY_RETENTION_DAYS=%j is %j", (value, expected) => {
    expect(
      integerSetting({ FAILED_DELIVERY_RETENTION_DAYS: value }, "FAILED_DELIVERY_RETENTION_DAYS"),
    ).toBe(expected);
  });

  it.each(["0", "-3", "2.5", "14d", "two weeks", "1e3", "0x10", "99999999999999999999"])(
    "%j is a setting error naming the variable",
    (value) => {
      const call = () =>
        integerSetting({ FAILED_DELIVERY_RETENTION_DAYS: value }, "FAILED_DELIVERY_RETENTION_DAYS");
      expect(call).toThrow(SettingError);
      expect(call).toThrow(
        `FAILED_DELIVERY_RETENTION_DAYS: "${value}" is not a positive whole number; set one, or leave it unset for the default`,
      );
    },
  );

  it("keeps a bounded setting within its bounds", () => {
    expect(integerSetting({ PORT: "65535" }, "PORT")).toBe(65535);
    expect(() => integerSetting({ PORT: "65536" }, "PORT")).toThrow(
      'PORT: "65536" is not a whole number from 1 to 65535',
    );
    expect(() => integerSetting({ DATABASE_POOL_SIZE: "5000" }, "DATABASE_POOL_SIZE")).toThrow(
      'DATABASE_POOL_SIZE: "5000" is not a whole number from 1 to 1000',
    );
  });
});

describe("loading the settings", () => {
  it("adds .env's settings under the environment's, and checks them all", () => {
    const cwd = mkdtempSync(join(dir, "load-"));
    writeFileSync(join(cwd, ".env"), "PORT=4000\nDATABASE_PATH=from-file.db\n# a comment\n");
    const { env, fromFile } = loadSettings({ DATABASE_PATH: "from-env.db", PATH: "/bin" }, cwd);
    expect(fromFile).toEqual({ PORT: "4000" });
    expect(env).toMatchObject({ PORT: "4000", DATABASE_PATH: "from-env.db", PATH: "/bin" });
  });

  it("without a .env, the environment alone", () => {
    expect(loadSettings({ LOG_LEVEL: "warn" }, mkdtempSync(join(dir, "none-")))).toEqual({
      env: { LOG_LEVEL: "warn" },
      fromFile: {},
    });
  });

  it("a bad value in the environment is named without the file", () => {
    expect(() => loadSettings({ LOG_FORMAT: "xml" }, mkdtempSync(join(dir, "bad-")))).toThrow(
      new SettingError('LOG_FORMAT: "xml" is not one of pretty, json'),
    );
  });
});

describe("the app's private key", () => {
  const pem = throwawayPrivateKey();

  it("reads PRIVATE_KEY as PEM, with \\n escapes, or base64", () => {
    expect(appPrivateKey({ PRIVATE_KEY: pem }, dir)).toBe(pem);
    expect(appPrivateKey({ PRIVATE_KEY: pem.replace(/\n/g, "\\n") }, dir)?.trim()).toBe(pem.trim());
    expect(appPrivateKey({ PRIVATE_KEY: Buffer.from(pem).toString("base64") }, dir)).toBe(pem);
  });

  it("reads PRIVATE_KEY_PATH, relative to the working directory", () => {
    writeFileSync(join(dir, "app.pem"), pem);
    expect(appPrivateKey({ PRIVATE_KEY_PATH: "app.pem" }, dir)).toBe(pem);
  });

  it("is null when none is set and no .pem file is there", () => {
    expect(appPrivateKey({}, mkdtempSync(join(dir, "empty-")))).toBeNull();
  });

  it("refuses a file that is not a key, naming the setting and the path, never the content", () => {
    writeFileSync(join(dir, "notes.pem"), "my secret notes");
    const call = () => appPrivateKey({ PRIVATE_KEY_PATH: "notes.pem" }, dir);
    expect(call).toThrow(SettingError);
    expect(call).toThrow(`PRIVATE_KEY_PATH: ${join(dir, "notes.pem")} is not a PEM private key`);
    expect(call).not.toThrow(/secret notes/);
  });
});
