// Sends the outbox to the server, oldest record first, exactly once: every request carries the record's
// Idempotency-Key (a UUID made when the record was saved), so a request repeated after a lost answer, a closed page or
// a photo upload cut halfway is answered with the first result instead of writing a second record. A record the server
// refuses (another township's stop on a shared phone, a rule) is marked with the reason and the rest go on; a hazard
// changed on the server meanwhile (409) waits for the inspector to keep theirs or the server's. No connection, or a
// server error, stops the run: the records stay, in order, for the next one.
import { outbox, record, update, remove } from './store.js';
import { languageTag, t } from './texts.js';

/** An answer that was not a success: status 0 when none came; problem is the ProblemDetails body when there was one. */
export class SyncError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || (status === 0 ? t('networkError') : `HTTP ${status}`));
    this.status = status;
    this.problem = problem;
  }
}

/** One request to the API; json is sent as JSON, form as multipart; key becomes the Idempotency-Key header. */
export async function call(method, path, { json, form, key } = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': languageTag() };
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  if (key) headers['Idempotency-Key'] = key;
  let response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: json !== undefined ? JSON.stringify(json) : form });
  } catch {
    throw new SyncError(0, null);
  }
  const body = response.headers.get('content-type')?.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) throw new SyncError(response.status, body);
  return body;
}

/** Whether a failure should stop the run and keep the record for later: no answer, a server error, or "come back later". */
const isTransient = (error) => error.status === 0 || error.status >= 500 || error.status === 429 || error.status === 401;

async function refuse(r, error, all) {
  const reason = error.message;
  await update({ ...r, state: 'refused', reason });
  // The photos of a refused inspection's hazards cannot go either.
  for (const photo of all.filter((p) => p.kind === 'photo' && p.parentSeq === r.seq)) await update({ ...photo, state: 'refused', reason });
}

async function sendInspection(r, all) {
  const answer = await call('POST', '/api/v1/inspections', { json: r.body, key: r.key });
  for (const photo of all.filter((p) => p.kind === 'photo' && p.parentSeq === r.seq)) {
    const current = await record(photo.seq);
    if (current) await update({ ...current, hazardId: answer.hazardIds[current.hazardIndex], parentSeq: undefined });
  }
  await remove(r.seq);
}

async function sendPhoto(r) {
  const form = new FormData();
  form.append('kind', r.attachmentKind);
  form.append('file', r.blob, r.name);
  await call('POST', `/api/v1/hazards/${encodeURIComponent(r.hazardId)}/attachments`, { form, key: r.key });
  await remove(r.seq);
}

/** The steps from the status the record was based on to Rectified: Open → Rectifying → Rectified. */
export const stepsFrom = (status) => (status === 'Open' ? ['Rectifying', 'Rectified'] : status === 'Rectifying' ? ['Rectified'] : []);

async function sendStatus(r) {
  const steps = stepsFrom(r.baseStatus);
  let current = r;
  for (let i = current.stepDone ?? 0; i < steps.length; i++) {
    const body = steps[i] === 'Rectified'
      ? { status: 'Rectified', date: current.date, note: current.note, version: current.version ?? current.baseVersion }
      : { status: steps[i], date: current.date, version: current.version ?? current.baseVersion };
    const answer = await call('POST', `/api/v1/hazards/${encodeURIComponent(current.hazardId)}/status`, { json: body, key: current.keys[i] });
    current = { ...current, stepDone: i + 1, version: answer.version };
    await update(current);
  }
  await remove(r.seq);
}

/** Marks a status record as a conflict with the server's hazard as it is now, for the inspector to choose. */
async function conflict(r, error) {
  let server = null;
  try {
    server = await call('GET', `/api/v1/hazards/${encodeURIComponent(r.hazardId)}`);
  } catch { /* shown with the version alone */ }
  await update({ ...r, state: 'conflict', serverVersion: error.problem?.currentVersion, server });
}

/**
 * Sends userName's pending records in order; progress(done, total) after each. Returns { sent, stopped }: stopped is
 * true when the connection (or the server) failed and the rest waits.
 */
export async function syncAll(userName, progress = () => {}) {
  const pending = (await outbox(userName)).filter((r) => r.state === 'pending');
  let done = 0;
  progress(done, pending.length);
  for (const queued of pending) {
    const r = await record(queued.seq);
    if (r && r.state === 'pending' && !(r.kind === 'photo' && r.parentSeq !== undefined)) {
      try {
        if (r.kind === 'inspection') await sendInspection(r, await outbox(userName));
        else if (r.kind === 'photo') await sendPhoto(r);
        else if (r.kind === 'status') await sendStatus(r);
      } catch (error) {
        if (!(error instanceof SyncError) || isTransient(error)) return { sent: done, stopped: true };
        if (r.kind === 'status' && error.status === 409 && error.problem?.code === 'hazard.changed-meanwhile') await conflict(await record(r.seq), error);
        else await refuse(r, error, await outbox(userName));
      }
    }
    done += 1;
    progress(done, pending.length);
  }
  return { sent: done, stopped: false };
}

/** The inspector keeps their change: it is based on the server's version and status now, with new keys. */
export async function keepMine(seq) {
  const r = await record(seq);
  const status = r.server?.status ?? r.baseStatus;
  const version = r.server?.version ?? r.serverVersion;
  if (!stepsFrom(status).length) return remove(seq);
  return update({
    ...r, state: 'pending', baseStatus: status, baseVersion: version, version: undefined, stepDone: 0,
    keys: stepsFrom(status).map(() => crypto.randomUUID()), server: undefined, serverVersion: undefined,
  });
}

/** The inspector keeps the server's hazard: their change is dropped (an after photo recorded with it still goes). */
export const keepServer = (seq) => remove(seq);
