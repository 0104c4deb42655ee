// Checks a real answer of the API against the OpenAPI document it serves: its route and status
// must be documented, its media type listed, its documented headers present, and its JSON body
// (or, on an event stream, each event's data) valid against the document's schema, by ajv
// (JSON Schema 2020-12, the dialect of OpenAPI 3.1). It records each documented answer seen,
// so a test can tell which were never exercised.
import assert from "node:assert/strict";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";

interface Operation {
  responses: Record<
    string,
    {
      headers?: Record<string, unknown>;
      content?: Record<string, { "x-events"?: Record<string, unknown> }>;
    }
  >;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

/** What one request got back. */
export interface Answer {
  method: string;
  /** The path under the API's base, with its query. */
  path: string;
  status: number;
  headers: Headers;
  text: string;
}

const DOCUMENT_ID = "https://clusterjudge.test/openapi.json";

/** A JSON pointer to a place in the document, as a URI fragment. */
const pointer = (...parts: string[]) =>
  "#/" +
  parts.map((p) => encodeURIComponent(p.replaceAll("~", "~0").replaceAll("/", "~1"))).join("/");

/** A documented answer: "GET /submissions/{id} 404". */
export const answerKey = (method: string, path: string, status: number | string) =>
  `${method.toUpperCase()} ${path} ${status}`;

export class OpenApiChecker {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true });
  private readonly validators = new Map<string, ValidateFunction>();
  /** The documented answers seen so far. */
  readonly seen = new Set<string>();
  /** The document's paths, concrete ones before templated ones (OpenAPI's matching order). */
  private readonly templates: { path: string; regex: RegExp }[];

  constructor(readonly document: OpenApiDocument) {
    // The document's own fields are not JSON Schema: known to ajv, with nothing to check.
    this.ajv.addVocabulary(Object.keys(document));
    this.ajv.addSchema(document as object, DOCUMENT_ID);
    this.templates = Object.keys(document.paths)
      .map((path) => ({
        path,
        params: path.split("{").length - 1,
        regex: new RegExp(`^${path.replace(/\{\w+\}/g, "[^/]+")}$`),
      }))
      .sort((a, b) => a.params - b.params);
  }

  /** Every documented answer: method, path and status. */
  documented(): string[] {
    return Object.entries(this.document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, op]) =>
        Object.keys(op.responses).map((status) => answerKey(method, path, status)),
      ),
    );
  }

  /** Fails unless the answer is one the document describes; returns its body as JSON or text. */
  check(answer: Answer): unknown {
    const { method, status } = answer;
    const pathname = answer.path.split("?")[0]!;
    const template = this.templates.find((t) => t.regex.test(pathname))?.path;
    assert.ok(template, `${method} ${pathname}: no path of the document matches`);
    const op = this.document.paths[template]![method.toLowerCase()];
    assert.ok(op, `${method} ${template} is not in the document`);
    const doc = op.responses[String(status)];
    const where = `${method} ${answer.path} (${template}) answered ${status}`;
    assert.ok(doc, `${where}, which the document does not list: ${answer.text.slice(0, 300)}`);
    this.seen.add(answerKey(method, template, status));
    for (const [header, spec] of Object.entries(doc.headers ?? {})) {
      if ((spec as { required?: boolean }).required === false) continue;
      assert.ok(answer.headers.has(header), `${where} without its documented ${header} header`);
    }
    if (!doc.content) {
      assert.equal(answer.text, "", `${where} with a body the document does not describe`);
      return undefined;
    }
    const type = (answer.headers.get("content-type") ?? "").split(";")[0]!.trim();
    const media = doc.content[type];
    assert.ok(media, `${where} as ${type}; documented: ${Object.keys(doc.content).join(", ")}`);
    const at = ["paths", template, method.toLowerCase(), "responses", String(status), "content"];
    if (type === "text/event-stream") {
      return this.checkEvents(where, answer.text, [...at, type, "x-events"]);
    }
    const body: unknown = type.endsWith("json") ? JSON.parse(answer.text) : answer.text;
    this.validate(where, pointer(...at, type, "schema"), body);
    return body;
  }

  /** Each event of a stream: its name documented and its data valid; returns them in order. */
  private checkEvents(where: string, text: string, at: string[]) {
    const events = text
      .split("\n\n")
      .map((block) => block.split("\n").filter((line) => line !== "" && !line.startsWith(":")))
      .filter((lines) => lines.length > 0)
      .map((lines) => {
        const field = (name: string) =>
          lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
        return { event: field("event") ?? "message", data: JSON.parse(field("data") ?? "null") };
      });
    for (const { event, data } of events) {
      this.validate(`${where}, event ${event}`, pointer(...at, event), data);
    }
    return events;
  }

  private validate(where: string, ref: string, body: unknown): void {
    let validate = this.validators.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: DOCUMENT_ID + ref });
      this.validators.set(ref, validate);
    }
    if (!validate(body)) {
      const errors = (validate.errors ?? []).map(
        (e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`,
      );
      assert.fail(`${where}: the body does not match the document:\n  ${errors.join("\n  ")}`);
    }
  }
}
