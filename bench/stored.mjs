// What a build of the app has stored in the page's browser, read from the
// page itself: the kind of every document kept, and where. Works on this
// version (IndexedDB, database `gouvernail`) and on the previous one
// (localStorage, `gouvernail/v1/…`), for benchmarks run side by side.

/** `{ storage, kinds }`: "IndexedDB" or "localStorage", and one kind per stored document ("Workspace", "Roadmap", "Template", "Unknown"). */
export function storedDocuments(page) {
  return page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === "gouvernail")) {
      // The previous version stores a snapshot next to each workspace (under 256 KB).
      const keys = Object.keys(localStorage).filter((k) => k.startsWith("gouvernail/v1/doc/"));
      const kinds = keys.map((k) => (localStorage.getItem(k.replace("/doc/", "/snapshot/")) ? "Workspace" : "Unknown"));
      return { storage: "localStorage", kinds };
    }
    const db = await new Promise((ok, ko) => {
      const request = indexedDB.open("gouvernail");
      request.onsuccess = () => ok(request.result);
      request.onerror = () => ko(request.error);
    });
    const values = await new Promise((ok) => (db.transaction("documents").objectStore("documents").getAll().onsuccess = (e) => ok(e.target.result)));
    db.close();
    return { storage: "IndexedDB", kinds: values.map((v) => JSON.parse(new TextDecoder().decode(v)).kind) };
  });
}
