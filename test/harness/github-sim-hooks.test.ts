import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { githubApi } from "./github-api-client.js";
import { webhookExample } from "./webhook-examples.js";
import { AUTHOR_TOKEN, useSeededSimulator } from "./sim-world.js";

const world = useSeededSimulator();

describe("GitHub simulator: hooks and deliveries", () => {
  it("creates, lists, updates, pings and deletes a hook; a second hook on the same URL is refused", async () => {
    const deliveries: { headers: IncomingHttpHeaders; body: string }[] = [];
    const receiver = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        deliveries.push({ headers: request.headers, body });
        response.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/v1/webhooks/github`;
    try {
      const config = { url, content_type: "json", secret: "s3cret", insecure_ssl: "0" };
      const created = await world.api("POST", "/repos/octocat/hello/hooks", {
        body: { name: "web", events: ["pull_request"], config },
      });
      expect(created.status).toBe(201);
      expect(created.body.config.secret).toBe("********");
      expect((await world.api("POST", "/repos/octocat/hello/hooks", { body: { config } })).status).toBe(422);
      const hookPath = `/repos/octocat/hello/hooks/${created.body.id}`;
      const updated = await world.api("PATCH", hookPath, { body: { add_events: ["issues", "issue_comment"] } });
      expect(updated.body.events).toEqual(["pull_request", "issues", "issue_comment"]);
      expect((await world.api("GET", "/repos/octocat/hello/hooks")).body).toHaveLength(1);

      expect((await world.api("POST", `${hookPath}/pings`)).status).toBe(204);
      await world.sim.settle();
      await world.sim.deliverWebhook("octocat/hello", "pull_request", webhookExample("pull_request", "opened"));
      expect(deliveries.map((delivery) => delivery.headers["x-github-event"])).toEqual(["ping", "pull_request"]);
      expect(JSON.parse(deliveries[1]?.body ?? "{}")).toEqual(webhookExample("pull_request", "opened"));
      for (const delivery of deliveries) {
        const expected = `sha256=${createHmac("sha256", "s3cret").update(delivery.body).digest("hex")}`;
        expect(delivery.headers["x-hub-signature-256"]).toBe(expected);
        expect(delivery.headers["x-github-hook-id"]).toBe(String(created.body.id));
      }
      expect((await world.api("GET", hookPath)).body.last_response).toMatchObject({ code: 202 });

      const listed = await world.api("GET", `${hookPath}/deliveries`);
      expect(listed.body.map((delivery: { event: string }) => delivery.event)).toEqual(["pull_request", "ping"]);
      expect(listed.body[0]).toMatchObject({ status_code: 202, status: "OK" });
      expect((await world.api("DELETE", hookPath)).status).toBe(204);
      expect((await world.api("GET", hookPath)).status).toBe(404);
    } finally {
      receiver.close();
    }
  });

  it("hides hooks from a token without admin rights or a hook scope", async () => {
    const author = githubApi(world.sim.url, AUTHOR_TOKEN, world.openapi);
    expect((await author("GET", "/repos/octocat/hello/hooks")).status).toBe(404);
    world.sim.state.addToken("octocat", "gho_no_hook_scope", ["read:user", "public_repo"]);
    expect((await world.api("GET", "/repos/octocat/hello/hooks", { token: "gho_no_hook_scope" })).status).toBe(404);
  });
});
