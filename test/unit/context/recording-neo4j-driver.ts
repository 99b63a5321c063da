import neo4j, { EagerResult, Record as Neo4jRecord, ResultSummary } from "neo4j-driver";
import { vi } from "vitest";
import { SCHEMA_STATEMENTS } from "../../../src/context/graph/neo4j-cypher.js";

// No Neo4j server can run on this machine (none is installable and there is no container
// engine), so the unit tests replace the driver's query layer (Driver.executeQuery) with this
// fake: it records every statement, answers with records built from the driver's own Record and
// Integer types, and fails a statement once when told to. test/contract/neo4j-contract.test.ts
// runs the shared contract against a real server whenever NEO4J_URI is set.

interface SentStatement {
  cypher: string;
  parameters: unknown;
  routing: string | undefined;
  database: string | undefined;
}

/** A real driver that never connects: every query goes to the recording fake. */
export function recordingDriver() {
  const driver = neo4j.driver("bolt://127.0.0.1:7687");
  const sent: SentStatement[] = [];
  const answers = new Map<string, Neo4jRecord[]>();
  const failures = new Map<string, Error>();
  vi.spyOn(driver, "executeQuery").mockImplementation(async (query, parameters, config) => {
    const cypher = typeof query === "object" && "text" in query ? query.text : String(query);
    sent.push({ cypher, parameters, routing: config?.routing, database: config?.database });
    const failure = failures.get(cypher);
    failures.delete(cypher);
    if (failure) throw failure;
    const records = answers.get(cypher) ?? [];
    return new EagerResult(records[0]?.keys.map(String) ?? [], records, new ResultSummary(cypher, {}, {}));
  });
  const statementsAfterSchema = () => sent.slice(SCHEMA_STATEMENTS.length);
  return { driver, sent, answers, failures, statementsAfterSchema };
}
