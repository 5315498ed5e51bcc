// The browser's search code run in node, for tests/test_search_stemming.py and tests/test_search_index.py.
// Reads a JSON request on standard input and writes the answer as JSON:
//   {"stem": {"kk": [words], ...}}                 -> {"kk": {word: stem}, ...}
//   {"words": [texts]}                             -> [[words of each text]]
//   {"index": "path/to/index.ru.js", "queries": [q]} -> {q: [[kind, link], ...] best first}
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const ROOT = path.resolve(__dirname, "..", "..");
globalThis.window = globalThis;
require(path.join(ROOT, "theme/assets/javascripts/vendor/snowball-3.1.1.js"));
const search = require(path.join(ROOT, "theme/assets/javascripts/kb-search.js"));
const kazakh = JSON.parse(fs.readFileSync(path.join(ROOT, "generator/search/kk_suffixes.json"), "utf-8"));

const request = JSON.parse(fs.readFileSync(0, "utf-8"));
let answer;
if (request.stem) {
  answer = {};
  for (const [language, words] of Object.entries(request.stem)) {
    answer[language] = Object.fromEntries(words.map((word) => [word, search.stem(word, language, kazakh)]));
  }
} else if (request.words) {
  answer = request.words.map((text) => search.words(text));
} else {
  vm.runInThisContext(fs.readFileSync(request.index, "utf-8"), {filename: request.index});
  const index = new search.Index(globalThis.__kbSearchIndex);
  answer = Object.fromEntries(request.queries.map((query) => [query, index.search(query).map((result) => [result.entry[0], result.entry[1]])]));
  if (request.closest) answer.closest = Object.fromEntries(request.closest.map((word) => [word, index.closestWord(word)]));
}
process.stdout.write(JSON.stringify(answer));
