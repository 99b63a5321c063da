import neo4j from "neo4j-driver";
import { afterAll, describe } from "vitest";
import { neo4jGraphFromSettings } from "../../src/context/graph/neo4j-graph.js";
import { CONTRACT_REPO_OWNER, describeKnowledgeGraphContract } from "./knowledge-graph-contract.js";

// Runs only against a real Neo4j (`NEO4J_URI=bolt://... npm run test:neo4j`): none can run on the
// machines this project is built on, where test/unit/context/neo4j-graph.test.ts stands in.
const uri = process.env.NEO4J_URI;
const settings = { uri: uri ?? "", user: process.env.NEO4J_USER, password: process.env.NEO4J_PASSWORD };

describe.runIf(uri)("Neo4j at NEO4J_URI", () => {
  describeKnowledgeGraphContract("Neo4j", async () => neo4jGraphFromSettings(settings));

  afterAll(async () => {
    const driver = neo4j.driver(settings.uri, neo4j.auth.basic(settings.user ?? "neo4j", settings.password ?? ""));
    try {
      // The graph stores repository names lower-case; every node of this run carries one.
      await driver.executeQuery(
        "MATCH (node) WHERE node.repo STARTS WITH $owner OR node.name STARTS WITH $owner DETACH DELETE node",
        { owner: CONTRACT_REPO_OWNER.toLowerCase() },
      );
      // Developers exist only as authors of pull requests: the run's authors are left with none.
      await driver.executeQuery("MATCH (developer:Developer) WHERE NOT (developer)--() DELETE developer");
    } finally {
      await driver.close();
    }
  });
});
