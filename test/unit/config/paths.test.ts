import { describe, expect, it } from "vitest";
import { resolvePaths } from "../../../src/config/paths.js";

describe("resolvePaths", () => {
  it("keeps config and data in NECTR_HOME when it is set", () => {
    expect(resolvePaths({ NECTR_HOME: "/srv/nectr", XDG_CONFIG_HOME: "/x" }, "/home/u")).toEqual({
      configDir: "/srv/nectr",
      dataDir: "/srv/nectr",
      configFile: "/srv/nectr/config.json",
      hostsFile: "/srv/nectr/hosts.json",
      appFile: "/srv/nectr/app.json",
      databaseFile: "/srv/nectr/nectr.db",
    });
  });

  it("follows the XDG base directories, ignoring relative ones as the spec says", () => {
    expect(resolvePaths({ XDG_CONFIG_HOME: "/cfg", XDG_DATA_HOME: "relative/data" }, "/home/u")).toMatchObject({
      configDir: "/cfg/nectr",
      dataDir: "/home/u/.local/share/nectr",
    });
    expect(resolvePaths({}, "/home/u")).toMatchObject({
      configFile: "/home/u/.config/nectr/config.json",
      databaseFile: "/home/u/.local/share/nectr/nectr.db",
    });
  });
});
