// The OpenAPI 3.1 document of the API, generated from the route table (openapi-routes.ts) and
// the zod schemas it names (schemas.ts) with zod's own JSON Schema output: each named schema
// is a component, every other one is written where it is used. Built once, on first request.
import { z } from "zod";
import pkg from "../../package.json" with { type: "json" };
import { API_BASE } from "./public-view.ts";
import { ROUTES, type ResponseDoc, type RouteDoc } from "./openapi-routes.ts";
import { apiSchemas, errorSchema } from "./schemas.ts";

type Json = Record<string, unknown>;

const componentRef = (id: string) => `#/components/schemas/${id}`;
const SECURITY = "firebaseIdToken";

function mapValues<T, U>(record: Record<string, T>, f: (value: T, key: string) => U) {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v, k)]));
}

/** A schema written where it is used; registered schemas inside it are written out too. */
function inline(schema: z.ZodType, io: "input" | "output" = "output"): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "throw" });
  return rest;
}

/** A reference to the component when the schema is named, otherwise the schema itself. */
function schemaOf(schema: z.ZodType): Json {
  const id = apiSchemas.get(schema)?.id;
  return id ? { $ref: componentRef(id) } : inline(schema);
}

function components(): Record<string, Json> {
  const { schemas } = z.toJSONSchema(apiSchemas, { uri: componentRef, unrepresentable: "throw" });
  return mapValues(schemas, ({ $schema: _dialect, $id: _id, ...schema }) => schema);
}

function parameters(route: RouteDoc): Json[] {
  const places = [
    ["path", route.params],
    ["query", route.query],
  ] as const;
  return places.flatMap(([where, object]) =>
    Object.entries(object?.shape ?? {}).map(([name, schema]) => {
      const { description, ...rest } = inline(schema as z.ZodType, "input");
      return {
        name,
        in: where,
        required: !(schema as z.ZodType).safeParse(undefined).success,
        ...(description === undefined ? {} : { description }),
        schema: rest,
      };
    }),
  );
}

function response(doc: ResponseDoc): Json {
  const headers = doc.headers
    ? mapValues(doc.headers, (h) => ({
        description: h.description,
        required: h.required ?? true,
        schema: inline(h.schema),
      }))
    : undefined;
  const content = doc.content
    ? mapValues(doc.content, (schema, type) => ({
        schema: schemaOf(schema),
        ...(type === "text/event-stream" && doc.events
          ? { "x-events": mapValues(doc.events, schemaOf) }
          : {}),
      }))
    : undefined;
  return { description: doc.description, ...(headers && { headers }), ...(content && { content }) };
}

/** Answers every route may give besides its own: 401 where it asks who calls, and 500. */
function standardResponses(route: RouteDoc): Record<number, ResponseDoc> {
  const content = { "application/json": errorSchema };
  const standard: Record<number, ResponseDoc> = {
    500: { description: "The judge's own failure, with its message", content },
  };
  if (route.identifies) {
    standard[401] = { description: "No identity, or one refused (the message says why)", content };
  }
  return standard;
}

function operation(route: RouteDoc): Json {
  const params = parameters(route);
  const responses = { ...route.responses, ...standardResponses(route) };
  return {
    summary: route.summary,
    ...(params.length ? { parameters: params } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: schemaOf(route.body) } },
          },
        }
      : {}),
    responses: mapValues(responses, response),
    ...(route.identifies ? { security: [{ [SECURITY]: [] }, {}] } : {}),
  };
}

function build(): Json {
  const paths: Record<string, Json> = {};
  for (const route of ROUTES) {
    paths[route.path] = { ...paths[route.path], [route.method]: operation(route) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "clusterjudge API",
      version: pkg.version,
      description:
        "Submit a distributed algorithm, watch it judged on a real cluster under faults, read the evidence. Errors are JSON {error, issues?}; nothing is stored for a refused submission. Generated from the zod schemas the routes use (functions/api/schemas.ts).",
    },
    servers: [{ url: API_BASE }],
    paths,
    components: {
      schemas: components(),
      securitySchemes: {
        [SECURITY]: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description:
            "In the cloud only: a Firebase Auth ID token for the project. Locally no identity is asked for.",
        },
      },
    },
  };
}

let built: Json | undefined;

export function openApiDocument(): Json {
  built ??= build();
  return built;
}
