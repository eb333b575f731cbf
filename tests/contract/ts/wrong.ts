// Must NOT compile: `authenticLanguage` is a string, so the generated types refuse a number.
import { pactum } from "./client";

export async function wrong(): Promise<void> {
  await pactum("http://127.0.0.1:8000", "key").POST("/agreements", {
    body: {
      code: "TS-WRONG",
      title: { en: { text: "Wrong", kind: "authentic" } },
      authenticLanguage: 42,
    },
  });
}
