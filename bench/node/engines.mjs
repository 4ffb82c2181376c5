// The JavaScript contenders, each as the same set of phase steps as the
// Rust `Replica` trait (bench/govind/src/engine.rs):
//  - automerge-js: @automerge/automerge, one map per indicator, period →
//    number, built with `from` (one change), edits in `change` callbacks;
//  - yjs: a Y.Map per indicator in a root map, as the yrs engine;
//  - gouvernail-file: not a writer; the file Gouvernail saved, read by
//    @automerge/automerge (load + toJS), for the "same document" comparison.
// Automerge documents are immutable values: steps return the new document.

import * as Automerge from "@automerge/automerge";
import * as Y from "yjs";
import { period } from "./workload.mjs";

const automergeJs = {
  name: "automerge-js",
  build(w) {
    const measurements = {};
    w.ids.forEach((id, i) => {
      const series = {};
      w.values[i].forEach((v, k) => (series[period(k)] = v));
      measurements[id] = series;
    });
    return Automerge.from({ measurements });
  },
  editMany(doc, w, edits) {
    return Automerge.change(doc, (d) => {
      for (const e of edits) d.measurements[w.ids[e.indicator]][period(e.month)] = e.value;
    });
  },
  append(doc, w, a) {
    return Automerge.change(doc, (d) => {
      const series = d.measurements[w.ids[a.indicator]];
      a.values.forEach((v, k) => (series[period(a.firstMonth + k)] = v));
      d.measurements[w.ids[a.overwrite.indicator]][period(a.overwrite.month)] = a.overwrite.value;
    });
  },
  save: (doc) => Automerge.save(doc),
  load: (bytes) => Automerge.load(bytes),
  materialize: (doc) => Automerge.toJS(doc),
  toNative: (snapshot) => snapshot.measurements,
  fork: (doc) => Automerge.clone(doc),
  mark: (doc) => Automerge.getHeads(doc),
  changesSince: (doc, heads) => Automerge.saveSince(doc, heads),
  merge: (doc, other) => Automerge.merge(doc, other),
};

const yjs = {
  name: "yjs",
  build(w) {
    const doc = new Y.Doc();
    const root = doc.getMap("measurements");
    doc.transact(() => {
      w.ids.forEach((id, i) => {
        const series = new Y.Map();
        root.set(id, series);
        w.values[i].forEach((v, k) => series.set(period(k), v));
      });
    });
    return doc;
  },
  editMany(doc, w, edits) {
    const root = doc.getMap("measurements");
    doc.transact(() => {
      for (const e of edits) root.get(w.ids[e.indicator]).set(period(e.month), e.value);
    });
    return doc;
  },
  append(doc, w, a) {
    const root = doc.getMap("measurements");
    doc.transact(() => {
      const series = root.get(w.ids[a.indicator]);
      a.values.forEach((v, k) => series.set(period(a.firstMonth + k), v));
      root.get(w.ids[a.overwrite.indicator]).set(period(a.overwrite.month), a.overwrite.value);
    });
    return doc;
  },
  save: (doc) => Y.encodeStateAsUpdate(doc),
  load(bytes) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, bytes);
    return doc;
  },
  materialize: (doc) => doc.getMap("measurements").toJSON(),
  toNative: (snapshot) => snapshot,
  fork(doc) {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    return copy;
  },
  mark: (doc) => Y.encodeStateVector(doc),
  changesSince: (doc, stateVector) => Y.encodeStateAsUpdate(doc, stateVector),
  merge(doc, other) {
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
    return doc;
  },
};

// Gouvernail's file as @automerge/automerge sees it: the whole workspace
// (meta, indicators, measurements: a number per period in schema 2, a map
// {value, comment, author, recorded_at} in schema 1).
const gouvernailFile = {
  name: "gouvernail-file",
  load: (bytes) => Automerge.load(bytes),
  materialize: (doc) => Automerge.toJS(doc),
  toNative(snapshot) {
    const out = {};
    for (const [id, series] of Object.entries(snapshot.measurements)) {
      out[id] = {};
      for (const [p, m] of Object.entries(series)) out[id][p] = typeof m === "number" ? m : m.value;
    }
    return out;
  },
};

export const ENGINES = { [automergeJs.name]: automergeJs, [yjs.name]: yjs, [gouvernailFile.name]: gouvernailFile };
export const WRITERS = [automergeJs.name, yjs.name];
