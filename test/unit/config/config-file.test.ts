import { describe, expect, it } from "vitest";
import { readConfigFile, writeConfigFile } from "../../../src/config/config-file.js";
import { setConfigValue } from "../../../src/config/set-config-value.js";

import { memoryFs as memory } from "../../harness/memory-fs.js";

describe("config file", () => {
  it("is written with mode 0600 in a 0700 folder, leaving no temporary file", () => {
    const { fs, volume, port } = memory();
    writeConfigFile(port, "/cfg/nectr/config.json", { model: "m" });
    expect(fs.statSync("/cfg/nectr/config.json").mode & 0o777).toBe(0o600);
    expect(fs.statSync("/cfg/nectr").mode & 0o777).toBe(0o700);
    expect(Object.keys(volume.toJSON())).toEqual(["/cfg/nectr/config.json"]);
    expect(readConfigFile(port, "/cfg/nectr/config.json")).toEqual({ model: "m" });
  });

  it("reads as empty when there is no file", () => {
    expect(readConfigFile(memory().port, "/none/config.json")).toEqual({});
  });

  it("sets a key, reading a number or an object as JSON, and keeps other keys", () => {
    const { port } = memory();
    setConfigValue(port, "/c/config.json", "model", "llama3");
    setConfigValue(port, "/c/config.json", "port", "9001");
    setConfigValue(port, "/c/config.json", "mcpServers", '{"s": {"url": "https://mcp.example.com"}}');
    expect(readConfigFile(port, "/c/config.json")).toEqual({
      model: "llama3",
      port: 9001,
      mcpServers: { s: { url: "https://mcp.example.com" } },
    });
  });

  it("leaves the file untouched when the new value is invalid or the key unknown", () => {
    const { port } = memory();
    setConfigValue(port, "/c/config.json", "port", "9001");
    expect(() => setConfigValue(port, "/c/config.json", "port", "99999")).toThrow(
      /^port must be a whole number from 1 to 65535$/,
    );
    expect(() => setConfigValue(port, "/c/config.json", "colour", "x")).toThrow(/unknown setting "colour"/);
    expect(readConfigFile(port, "/c/config.json")).toEqual({ port: 9001 });
  });
});
