// The OpenAPI 3 document of the API (openapi.json beside this file), served as it is.
import document from "./openapi.json" with { type: "json" };

export function openApiDocument(): object {
  return document;
}
