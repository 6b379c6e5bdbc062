// Talks to the RiskMap API. Every call sends the page's language (Accept-Language) and returns parsed JSON, or throws
// an ApiError carrying the server's ProblemDetails, or the AbortError of a request its caller cancelled.
import { t, languageTag } from './i18n.js';

/** True for the rejection of a request cancelled through its AbortSignal: never an error to show. */
export function isAbort(error) {
  return error?.name === 'AbortError';
}

/** A ProblemDetails (RFC 7807) body: an object with a title or a detail. */
function isProblem(body) {
  return !!body && typeof body === 'object' && (typeof body.title === 'string' || typeof body.detail === 'string');
}

/**
 * The text of a failure as the page shows it: the server's title and detail as sent (the server writes them in the
 * language the page asked for); a label in the page's language when the answer was no ProblemDetails (no connection,
 * a proxy's error page) or the failure was the page's own.
 */
export function errorText(error) {
  if (!(error instanceof ApiError)) return t('error.unexpected');
  const { problem, status } = error;
  if (!problem) return status === 0 ? t('error.network') : t('error.http', { status });
  if (problem.title && problem.detail) return t('error.titleDetail', { title: problem.title, detail: problem.detail });
  return problem.detail || problem.title;
}

/**
 * The field errors of a failure as [name, message] pairs, as the server sent them: ASP.NET Core's errors object
 * (name → messages) or an import's list of rejected values (column, reason). Empty when there are none.
 */
export function fieldErrors(error) {
  const errors = error?.problem?.errors;
  if (Array.isArray(errors)) return errors.map((e) => [e.column ?? '', e.reason ?? '']);
  return Object.entries(errors ?? {}).map(([name, messages]) => [name, [].concat(messages).join(' ')]);
}

export class ApiError extends Error {
  /** status: the HTTP status, 0 when no answer came; problem: the ProblemDetails body, or null when it was none. */
  constructor(status, problem) {
    super('');
    this.name = 'ApiError';
    this.status = status;
    this.problem = isProblem(problem) ? problem : null;
    this.message = errorText(this);
  }
}

/**
 * Hands out abort signals for one kind of request (the map's data, the township panel…): starting a request aborts
 * the one started before it, so that only the latest answer is ever shown.
 */
export class LatestRequest {
  /** A signal for a new request; the previous request of this kind is aborted. */
  start() {
    this.controller?.abort();
    this.controller = new AbortController();
    return this.controller.signal;
  }
}

function withQuery(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue;
    query.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return query.size ? `${path}?${query}` : path;
}

/** One request: json is sent as JSON, form as multipart; signal cancels it. */
async function request(method, path, { params, json, form, signal } = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': languageTag() };
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  const init = { method, headers, credentials: 'same-origin', signal, body: json !== undefined ? JSON.stringify(json) : form };
  let response;
  let body = null;
  try {
    response = await fetch(withQuery(path, params), init);
    if (response.headers.get('content-type')?.includes('json')) body = await response.json();
  } catch (error) {
    if (isAbort(error) || signal?.aborted) throw error;
    // No answer at all (the network), or an answer that was not the JSON it claimed to be.
    throw new ApiError(response?.status ?? 0, null);
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

const get = (path, params, options) => request('GET', path, { ...options, params });
const post = (path, json) => request('POST', path, { json });
const put = (path, json) => request('PUT', path, { json });
/** The path of a sub-resource of hazard id, e.g. hazardPath(7, 'status'). */
const hazardPath = (id, rest) => `/api/v1/hazards/${encodeURIComponent(id)}/${rest}`;

export const api = {
  me: () => get('/api/v1/auth/me'),
  login: (userName, password) => post('/api/v1/auth/login', { userName, password }),
  logout: () => post('/api/v1/auth/logout'),
  hazard: (id) => get(`/api/v1/hazards/${encodeURIComponent(id)}`),
  enterprise: (id) => get(`/api/v1/enterprises/${encodeURIComponent(id)}`),
  search: (q, options) => get('/api/v1/search', { q, limit: 10 }, options),
  reportError: (body) => post('/api/v1/error-reports', body),
  myErrorReports: () => get('/api/v1/error-reports/mine'),
  errorReportQueue: (params) => get('/api/v1/error-reports/queue', params),
  decideErrorReport: (id, body) => post(`/api/v1/error-reports/${encodeURIComponent(id)}/decision`, body),
  recordInspection: (body) => post('/api/v1/inspections', body),
  changeHazardStatus: (id, body) => post(hazardPath(id, 'status'), body),
  extendDeadline: (id, body) => post(hazardPath(id, 'deadline'), body),
  setHazardPlan: (id, body) => put(hazardPath(id, 'plan'), body),
  setHazardSupervision: (id, body) => put(hazardPath(id, 'supervision'), body),
  requestExtension: (id, body) => post(hazardPath(id, 'extension-requests'), body),
  decideExtension: (id, requestId, body) => post(hazardPath(id, `extension-requests/${encodeURIComponent(requestId)}/decision`), body),
  acceptHazard: (id, body) => post(hazardPath(id, 'acceptance'), body),
  attachments: (id) => get(hazardPath(id, 'attachments')),
  attachToHazard: (id, form) => request('POST', hazardPath(id, 'attachments'), { form }),
  recordEnforcement: (body) => post('/api/v1/enforcement-actions', body),
  users: () => get('/api/v1/users'),
  createUser: (body) => post('/api/v1/users', body),
  resetPassword: (userName, newPassword, currentPassword) =>
    post(`/api/v1/users/${encodeURIComponent(userName)}/password`, { newPassword, currentPassword }),
  mapConfig: () => get('/api/v1/map-config'),
  districts: () => get('/api/v1/districts'),
  dataNotes: () => get('/api/v1/data-notes'),
  // The map's and the panels' reads take { signal } to be cancelled when a newer one replaces them.
  choropleth: (params, options) => get('/api/v1/townships/choropleth', params, options),
  township: (code, params, options) => get(`/api/v1/townships/${encodeURIComponent(code)}`, params, options),
  enterprises: (params, options) => get('/api/v1/enterprises', params, options),
  hazards: (params, options) => get('/api/v1/hazards', params, options),
  statistics: (params, options) => get('/api/v1/statistics', params, options),
  statisticsSeries: (params, options) => get('/api/v1/statistics/series', params, options),
  hexagons: (params, options) => get('/api/v1/density/hexagons', params, options),
  responsibility: (params, options) => get('/api/v1/responsibility', params, options),
  routeCandidates: (params) => get('/api/v1/routes/candidates', params),
  planRoutes: (body) => post('/api/v1/routes/plan', body),
  scheduleRoutes: (body) => post('/api/v1/routes/schedule', body),
  routesDue: (params, options) => get('/api/v1/routes/due', params, options),
  depots: (params) => get('/api/v1/routes/depots', params),
  uploadImport: (file) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request('POST', '/api/v1/imports/uploads', { form });
  },
  importPreview: (id, params) => get(`/api/v1/imports/uploads/${encodeURIComponent(id)}/preview`, params),
  startImport: (kind, body) => post(`/api/v1/imports/${encodeURIComponent(kind)}`, body),
  importJob: (id) => get(`/api/v1/imports/jobs/${encodeURIComponent(id)}`),
  notifications: (params) => get('/api/v1/notifications', params),
  markNotificationRead: (id) => post(`/api/v1/notifications/${encodeURIComponent(id)}/read`),
  markAllNotificationsRead: () => post('/api/v1/notifications/read-all'),
};

/**
 * Fetches a file (an export) in the page's language and returns { blob, fileName }, the name from the answer's
 * Content-Disposition; throws an ApiError carrying the ProblemDetails when the server refuses.
 */
export async function download(path, params) {
  let response;
  try {
    response = await fetch(withQuery(path, params), { headers: { 'Accept-Language': languageTag() }, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    const body = response.headers.get('content-type')?.includes('json') ? await response.json().catch(() => null) : null;
    throw new ApiError(response.status, body);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const fileName = star ? decodeURIComponent(star[1]) : plain ? plain[1] : path.split('/').pop();
  return { blob: await response.blob(), fileName };
}
