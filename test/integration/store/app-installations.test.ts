import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { classifyDelivery } from "../../../src/daemon/classify-delivery.js";
import { recentEvents, recordDelivery, type RecordedDelivery } from "../../../src/store/events-table.js";
import { openDatabase, type NectrDatabase } from "../../../src/store/open-database.js";
import { removeTempDirs, tempDir } from "../../harness/run-nectr.js";
import { pullRequestDelivery, webhookExample } from "../../harness/webhook-examples.js";

afterAll(removeTempDirs);

const INSTALLATION = 957387;
let deliveries = 0;

/** Classifies and stores a delivery as the webhook handler does, through installation INSTALLATION. */
function deliver(db: NectrDatabase, event: string, payload: Record<string, unknown>): RecordedDelivery {
  const body = { ...payload, installation: { ...Object(payload.installation), id: INSTALLATION } };
  const plan = classifyDelivery(event, body, { reviewDrafts: false });
  deliveries += 1;
  return recordDelivery(db, {
    deliveryId: `d${deliveries}`,
    event,
    ...plan,
    payload: JSON.stringify(body),
    receivedAt: new Date(Date.UTC(2026, 11, 1, 0, 0, deliveries)).toISOString(),
  });
}

const opened = (repo: string, number: number) =>
  pullRequestDelivery("opened", { repo, number, headSha: String(number).repeat(40).slice(0, 40) });
const reposEvent = (action: "added" | "removed", repos: string[]) => ({
  ...webhookExample("installation_repositories", action),
  [`repositories_${action}`]: repos.map((full_name) => ({ full_name })),
});
const latest = (db: NectrDatabase) => recentEvents(db, 1)[0];

describe("the GitHub App's installations, as its deliveries tell", () => {
  it("a PR of a repository removed from the installation is ignored, saying why, until it is added back", () => {
    const db = openDatabase(path.join(tempDir(), "nectr.db"));
    expect(deliver(db, "installation", webhookExample("installation", "created")).status).toBe("recorded");
    expect(deliver(db, "pull_request", opened("Codertocat/Hello-World", 1)).status).toBe("queued");

    expect(deliver(db, "installation_repositories", reposEvent("removed", ["codertocat/hello-world"])).status).toBe(
      "recorded",
    );
    expect(deliver(db, "pull_request", opened("Codertocat/Hello-World", 2)).status).toBe("ignored");
    expect(latest(db)).toMatchObject({
      status: "ignored",
      error: `Codertocat/Hello-World was removed from the app's installation ${INSTALLATION}`,
    });
    // Another repository of the same installation is still reviewed.
    expect(deliver(db, "pull_request", opened("Codertocat/Other", 3)).status).toBe("queued");

    deliver(db, "installation_repositories", reposEvent("added", ["Codertocat/Hello-World"]));
    expect(deliver(db, "pull_request", opened("Codertocat/Hello-World", 4)).status).toBe("queued");
    db.close();
  });

  it("skips the queued jobs a removal, a suspension or an uninstall makes moot, and no others", () => {
    const db = openDatabase(path.join(tempDir(), "nectr.db"));
    const first = deliver(db, "pull_request", opened("Codertocat/Hello-World", 1));
    const second = deliver(db, "pull_request", opened("Codertocat/Other", 2));
    deliver(db, "installation_repositories", reposEvent("removed", ["Codertocat/Hello-World"]));
    const byId = () => new Map(recentEvents(db, 10).map((event) => [event.id, event]));
    expect(byId().get(first.id!)).toMatchObject({ status: "skipped", error: expect.stringContaining("was removed") });
    expect(byId().get(second.id!)?.status).toBe("queued");

    deliver(db, "installation", webhookExample("installation", "suspend"));
    expect(byId().get(second.id!)).toMatchObject({
      status: "skipped",
      error: `the app's installation ${INSTALLATION} on Codertocat is suspended`,
    });
    expect(deliver(db, "pull_request", opened("Codertocat/Other", 3)).status).toBe("ignored");
    deliver(db, "installation", webhookExample("installation", "unsuspend"));
    expect(deliver(db, "pull_request", opened("Codertocat/Other", 4)).status).toBe("queued");
    db.close();
  });

  it("an uninstalled app stays uninstalled: an installation id is never reused, so no later event revives it", () => {
    const db = openDatabase(path.join(tempDir(), "nectr.db"));
    deliver(db, "installation", webhookExample("installation", "deleted"));
    deliver(db, "installation", webhookExample("installation", "unsuspend"));
    expect(deliver(db, "pull_request", opened("octocat/Hello-World", 1)).status).toBe("ignored");
    expect(latest(db)?.error).toMatch(
      new RegExp(`^the app was uninstalled on \\w+ \\(installation ${INSTALLATION}\\)$`),
    );
    // A comment's command through it is no job either.
    const comment = webhookExample("issue_comment", "created");
    const issue = { ...Object(comment.issue), pull_request: {} };
    const body = { ...comment, issue, comment: { ...Object(comment.comment), body: "@nectr review" } };
    expect(deliver(db, "issue_comment", body).status).toBe("ignored");
    db.close();
  });

  it("an installation nectr never heard of is no reason to refuse: the token mint decides", () => {
    const db = openDatabase(path.join(tempDir(), "nectr.db"));
    expect(deliver(db, "pull_request", opened("Codertocat/Hello-World", 1)).status).toBe("queued");
    expect(latest(db)?.installationId).toBe(INSTALLATION);
    db.close();
  });

  it("an action nectr does not know is ignored and changes nothing; a malformed installation is a 400's error", () => {
    const db = openDatabase(path.join(tempDir(), "nectr.db"));
    const odd = { ...webhookExample("installation", "deleted"), action: "constructor" };
    expect(deliver(db, "installation", odd).status).toBe("ignored");
    expect(deliver(db, "pull_request", opened("octocat/Hello-World", 1)).status).toBe("queued");
    expect(() =>
      classifyDelivery("installation", { action: "deleted", installation: { id: "1" } }, { reviewDrafts: false }),
    ).toThrow("the body is not an installation event");
    db.close();
  });
});
