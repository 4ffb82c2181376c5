// Turns the official list of communes and EPCI (npm
// @etalab/decoupage-administratif) into a compact asset the app loads only
// when someone searches for a collectivité: public/data/collectivites.json.
//   { source, epci: [[siren, name, population]], communes: [[insee, name, population, epciIndex]] }
// Run by Trunk before each build (see Trunk.toml); the output is not committed.
import { createRequire } from "node:module";
import { mkdirSync, writeFileSync, existsSync, readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "public", "data", "collectivites.json");
const pkg = require("@etalab/decoupage-administratif/package.json");
const source = `@etalab/decoupage-administratif ${pkg.version}`;
if (existsSync(out) && JSON.parse(readFileSync(out, "utf8")).source === source) {
  process.exit(0);
}
const communes = require("@etalab/decoupage-administratif/data/communes.json");
const epcis = require("@etalab/decoupage-administratif/data/epci.json");

const epci = epcis.map((e) => [e.code, e.nom, e.populationTotale ?? e.populationMunicipale ?? 0]);
const epciOf = new Map();
epcis.forEach((e, i) => e.membres.forEach((m) => epciOf.set(m.code, i)));
const list = communes
  .filter((c) => c.type === "commune-actuelle")
  .map((c) => [c.code, c.nom, c.population ?? 0, epciOf.get(c.code) ?? -1]);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ source, epci, communes: list }));
console.log(`collectivites.json: ${list.length} communes, ${epci.length} EPCI`);
