// Runs Material for MkDocs' own search worker under Node, as a browser would (no browser needed):
//   node search_worker.js <material assets/javascripts dir> <extra lunr dir> <index.json> <query>...
// prints one JSON line per query: the locations found. importScripts() reads the worker's
// language files from Material's folder, or from the extra folder (our lunr.kk.min.js).
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [assets, extra, indexFile, ...queries] = process.argv.slice(2);
const workers = path.join(assets, "workers");
const worker = fs.readdirSync(workers).find((name) => /^search\..*\.min\.js$/.test(name));
let handler = null;
const replies = [];
const context = {
  console,
  addEventListener: (type, listener) => { if (type === "message") handler = listener; },
  postMessage: (message) => replies.push(message),
  importScripts: (...urls) => {
    for (const url of urls) {
      const name = path.basename(url);
      const own = path.join(extra, name);
      const file = fs.existsSync(own) ? own : path.resolve(workers, url);
      vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
    }
  },
};
context.self = context;
vm.createContext(context);
vm.runInContext(fs.readFileSync(path.join(workers, worker), "utf8"), context, { filename: worker });

async function send(message) {
  const before = replies.length;
  await handler({ data: message });
  while (replies.length === before) await new Promise((resolve) => setTimeout(resolve, 1));
  return replies[replies.length - 1];
}

(async () => {
  const index = JSON.parse(fs.readFileSync(indexFile, "utf8"));
  await send({ type: 0, data: index });
  for (const query of queries) {
    const reply = await send({ type: 2, data: query });
    console.log(JSON.stringify(reply.data.items.map((group) => group.map((doc) => doc.location))));
  }
})().catch((error) => { console.error(error); process.exit(1); });
