// Node as CommonJS: the wasm-bindgen glue, plus verifyAdminCommit.
"use strict";
const api = require("./node/mesh_maintenance.js");
const { verifier } = require("./verify.cjs");

module.exports = { ...api, verifyAdminCommit: verifier(api.prepareAdminCommit) };
