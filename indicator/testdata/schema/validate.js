// validate.js SCHEMA FILE...: validates each JSON file against the JSON
// Schema (draft 2020-12) with Ajv, an implementation independent of the
// Go decoder, and prints one JSON line per file: {"file", "valid", "errors"}.
// NODE_PATH must reach the ajv and ajv-formats packages.
"use strict";
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;

const [schemaPath, ...files] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: true, allErrors: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")));
for (const f of files) {
  let text = fs.readFileSync(f, "utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    console.log(JSON.stringify({ file: f, valid: false, errors: ["not JSON: " + e.message] }));
    continue;
  }
  const ok = validate(doc);
  console.log(JSON.stringify({
    file: f,
    valid: ok,
    errors: ok ? [] : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`),
  }));
}
