// A partner's client of the pactum API: types from the committed spec, calls through openapi-fetch.
// tests/contract/test_typescript_sdk.py type-checks it under `tsc --strict`.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/pactum";

type Problem = components["schemas"]["Problem"];
type AgreementView = components["schemas"]["AgreementView"];

export function pactum(baseUrl: string, apiKey: string) {
  return createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${apiKey}` } });
}

export async function draftReadAndList(api: ReturnType<typeof pactum>): Promise<AgreementView> {
  const drafted = await api.POST("/agreements", {
    params: { header: { "Idempotency-Key": "draft-ts-1" } },
    body: {
      code: "TS-1",
      title: { "zh-Hans": { text: "类型协议", kind: "authentic" } },
      authenticLanguage: "zh-Hans",
      drafterRole: "signatory",
    },
  });
  if (drafted.error) {
    const problem: Problem = drafted.error; // every error status is a Problem
    throw new Error(`${problem.type}: ${problem.detail}`);
  }
  const { id, position } = drafted.data; // CommandAccepted, not never
  const etag: string | null = drafted.response.headers.get("ETag");

  const read = await api.GET("/agreements/{agreementId}", {
    params: { path: { agreementId: id }, query: { minPosition: position } },
  });
  if (read.error) {
    if (read.response.status === 404) throw new Error(`not found: ${read.error.instance}`);
    throw new Error(read.error.title);
  }
  const view: AgreementView = read.data;
  const status: "draft" | "open_for_signature" | "in_force" | (string & {}) = view.status;
  console.log(status, etag, view.title["zh-Hans"]?.text);

  const page = await api.GET("/agreements", { params: { query: { limit: 10 } } });
  if (page.error) throw new Error(page.error.detail);
  for (const summary of page.data.items) console.log(summary.code, summary.version);
  const next: string | null = page.data.nextCursor;
  console.log(next);
  return view;
}
