// What the phone keeps in IndexedDB (through idb, restored from npm by LibMan): the signed-in user, each user's
// downloaded day, and the outbox of records made on the phone, in the order they were made. Nothing here is lost
// when the page is closed or the phone restarts; records leave the outbox only when the server has them.
import { openDB } from '/lib/idb/index.js';

const database = openDB('riskmap-field', 1, {
  upgrade(db) {
    db.createObjectStore('meta');
    db.createObjectStore('days');
    const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
    outbox.createIndex('user', 'user');
  },
});

/** The user last signed in on this phone ({ userName, displayName, roles, townships }), or undefined. */
export async function savedUser() { return (await database).get('meta', 'user'); }

/** Remembers the signed-in user (or forgets with null). */
export async function saveUser(user) {
  const db = await database;
  return user ? db.put('meta', user, 'user') : db.delete('meta', 'user');
}

/** The day downloaded by userName (GET /api/v1/field/today's answer), or undefined. */
export async function savedDay(userName) { return (await database).get('days', userName); }

/** Keeps the day downloaded by userName, replacing the one before. */
export async function saveDay(userName, day) { return (await database).put('days', day, userName); }

/** userName's outbox records, oldest first. */
export async function outbox(userName) {
  const records = await (await database).getAllFromIndex('outbox', 'user', userName);
  return records.sort((a, b) => a.seq - b.seq);
}

/** Adds records to the outbox in one transaction (all or none); returns them with their seq. */
export async function enqueue(...records) {
  const tx = (await database).transaction('outbox', 'readwrite');
  const added = [];
  for (const record of records) {
    const seq = await tx.store.add(record);
    added.push({ ...record, seq });
  }
  await tx.done;
  return added;
}

/** Adds one record whose content depends on the seq of another added in the same transaction. */
export async function enqueueWith(first, makeRest) {
  const tx = (await database).transaction('outbox', 'readwrite');
  const seq = await tx.store.add(first);
  for (const record of makeRest(seq)) await tx.store.add(record);
  await tx.done;
  return seq;
}

/** Writes a changed outbox record back. */
export async function update(record) { return (await database).put('outbox', record); }

/** Removes an outbox record. */
export async function remove(seq) { return (await database).delete('outbox', seq); }

/** One outbox record, or undefined. */
export async function record(seq) { return (await database).get('outbox', seq); }
