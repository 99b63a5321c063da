import neo4j, { type Record as Neo4jRecord } from "neo4j-driver";
import { RemoteError } from "../../errors.js";

// A Neo4j record's fields are untyped; each is checked once here before it becomes a plain value.
// Integers arrive as the driver's 64-bit Integer; counts and PR numbers always fit a JS number.

export function integerField(record: Neo4jRecord, key: string): number {
  const value: unknown = record.get(key);
  if (neo4j.isInt(value)) return neo4j.integer.toNumber(value);
  if (typeof value === "number" && Number.isInteger(value)) return value;
  throw unexpectedField(key, "an integer", value);
}

export function floatField(record: Neo4jRecord, key: string): number {
  const value: unknown = record.get(key);
  if (neo4j.isInt(value)) return neo4j.integer.toNumber(value);
  if (typeof value === "number") return value;
  throw unexpectedField(key, "a number", value);
}

export function stringField(record: Neo4jRecord, key: string): string {
  const value: unknown = record.get(key);
  if (typeof value === "string") return value;
  throw unexpectedField(key, "a string", value);
}

export function nullableStringField(record: Neo4jRecord, key: string): string | null {
  const value: unknown = record.get(key);
  if (value === null || typeof value === "string") return value;
  throw unexpectedField(key, "a string or null", value);
}

export function stringListField(record: Neo4jRecord, key: string): string[] {
  const value: unknown = record.get(key);
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value;
  throw unexpectedField(key, "a list of strings", value);
}

function unexpectedField(key: string, expected: string, value: unknown): RemoteError {
  return new RemoteError(`Neo4j answered ${String(value)} for "${key}" where nectr expects ${expected}`, {
    hint: "the graph holds data nectr did not write; index it into an empty Neo4j database",
  });
}
