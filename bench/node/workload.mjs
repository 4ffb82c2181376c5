// The GOV-IND v1 workload in JavaScript: the same xorshift32 generator and
// the same order of draws as bench/govind/src/workload.rs, so both sides
// build exactly the same numbers. `node bench/node/workload.mjs` checks the
// pinned first values (the Rust tests pin the same ones) and prints the
// digests, which bench/govind.sh compares with the Rust side's.

export const SEED = 0x9e3779b9;
export const SINGLE_EDITS = 200;
export const A_COMMITS = 100;
export const A_UPDATES = 10;
export const B_COMMITS = 50;
export const B_MONTHS = 12;
const FIRST_YEAR = 2016;

export const SIZES = { S: { name: "S", n: 200, m: 120 }, L: { name: "L", n: 1000, m: 120 } };

// The first draws from SEED, pinned on both sides (src/rng.rs has the same).
export const FIRST_U32 = [1359758873, 3761132862, 2075758394, 25405621, 3862129951];
export const FIRST_VALUES = [7588.73, 1328.62, 7583.94];

export class XorShift32 {
  constructor(seed) {
    this.x = seed >>> 0 || 1;
  }

  // `>>> 0` brings each step back to an unsigned 32-bit integer, `>>>` is
  // the logical shift: exactly Rust's u32 arithmetic.
  nextU32() {
    let x = this.x;
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    this.x = x;
    return x;
  }

  value() {
    return (this.nextU32() % 1_000_000) / 100;
  }

  below(n) {
    return this.nextU32() % n;
  }
}

export function period(month) {
  return `${FIRST_YEAR + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}`;
}

const hex = (v, width) => v.toString(16).padStart(width, "0");

function uuidLike(rng) {
  const [a, b, c, d] = [rng.nextU32(), rng.nextU32(), rng.nextU32(), rng.nextU32()];
  return `${hex(a, 8)}-${hex(b >>> 16, 4)}-${hex(b & 0xffff, 4)}-${hex(c >>> 16, 4)}-${hex(c & 0xffff, 4)}${hex(d, 8)}`;
}

// The same draws, in the same order, as Workload::new in Rust.
export function workload(size) {
  const { n, m } = size;
  const rng = new XorShift32(SEED);
  const ids = Array.from({ length: n }, () => uuidLike(rng));
  const values = Array.from({ length: n }, () => Array.from({ length: m }, () => rng.value()));
  const edit = () => ({ indicator: rng.below(n), month: rng.below(m), value: rng.value() });
  const edits = Array.from({ length: SINGLE_EDITS }, edit);
  const aCommits = Array.from({ length: A_COMMITS }, () => Array.from({ length: A_UPDATES }, edit));
  const bCommits = Array.from({ length: B_COMMITS }, (_, j) => {
    const vals = Array.from({ length: B_MONTHS }, () => rng.value());
    const target = aCommits[2 * j][0];
    const overwrite = { indicator: target.indicator, month: target.month, value: rng.value() };
    return { indicator: (7 * j) % n, firstMonth: m, values: vals, overwrite };
  });
  return { size, ids, values, edits, aCommits, bCommits };
}

// Indicator id → period → value (plain objects), after the build and edits.
export function afterEdits(w) {
  const state = {};
  w.ids.forEach((id, i) => {
    state[id] = {};
    w.values[i].forEach((v, k) => (state[id][period(k)] = v));
  });
  for (const e of w.edits) state[w.ids[e.indicator]][period(e.month)] = e.value;
  return state;
}

// A merged state is right when every key holds the expected value, except
// keys both replicas wrote concurrently, where either side may win.
export function checkMerged(w, merged) {
  const expected = afterEdits(w);
  const set = (e) => (expected[w.ids[e.indicator]][period(e.month)] = e.value);
  w.aCommits.flat().forEach(set);
  const allowed = new Map();
  for (const b of w.bCommits) {
    b.values.forEach((v, k) => set({ indicator: b.indicator, month: b.firstMonth + k, value: v }));
    const key = `${w.ids[b.overwrite.indicator]} ${period(b.overwrite.month)}`;
    if (!allowed.has(key)) allowed.set(key, new Set());
    allowed.get(key).add(b.overwrite.value);
  }
  for (const [key, values] of allowed) {
    const [id, p] = key.split(" ");
    values.add(expected[id][p]);
  }
  const count = Object.values(merged).reduce((s, series) => s + Object.keys(series).length, 0);
  const want = w.size.n * w.size.m + B_COMMITS * B_MONTHS;
  if (count !== want) throw new Error(`${count} measurements, expected ${want}`);
  for (const [id, series] of Object.entries(expected)) {
    for (const [p, v] of Object.entries(series)) {
      const got = merged[id]?.[p];
      const ok = allowed.has(`${id} ${p}`) ? allowed.get(`${id} ${p}`).has(got) : got === v;
      if (!ok) throw new Error(`${id} ${p}: ${got}, expected ${v}`);
    }
  }
}

// A fingerprint of a state (FNV-1a 32 over sorted keys and values), to
// compare states across processes; JavaScript-side only.
export function fingerprint(state) {
  let h = 0x811c9dc5;
  const eat = (text) => {
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  };
  for (const id of Object.keys(state).sort()) {
    eat(id);
    for (const p of Object.keys(state[id]).sort()) eat(`${p}=${state[id][p]};`);
  }
  return hex(h, 8);
}

export function countMeasurements(state) {
  return Object.values(state).reduce((s, series) => s + Object.keys(series).length, 0);
}

// The digest of Workload::digest in Rust: sums in generation order.
export function digest(w) {
  const sum = (xs) => xs.reduce((s, v) => s + v, 0);
  return {
    size: w.size.name,
    first_id: w.ids[0],
    last_id: w.ids[w.ids.length - 1],
    values_sum: sum(w.values.flat()),
    edits_sum: sum(w.edits.map((e) => e.value)),
    a_sum: sum(w.aCommits.flat().map((e) => e.value)),
    b_sum: sum(w.bCommits.flatMap((b) => [...b.values, b.overwrite.value])),
  };
}

export function selfCheck() {
  const rng = new XorShift32(SEED);
  const first = FIRST_U32.map(() => rng.nextU32());
  const again = new XorShift32(SEED);
  const values = FIRST_VALUES.map(() => again.value());
  if (first.join() !== FIRST_U32.join() || values.join() !== FIRST_VALUES.join()) {
    throw new Error(`xorshift32 differs from the pinned values: ${first} / ${values}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  selfCheck();
  console.log(JSON.stringify([digest(workload(SIZES.S)), digest(workload(SIZES.L))], null, 2));
}
