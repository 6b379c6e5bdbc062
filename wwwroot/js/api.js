// Talks to the RiskMap API. Every call returns parsed JSON or throws an ApiError carrying the ProblemDetails.
import { currentLanguage } from './i18n.js';

// The server writes its messages in the page's language, not the browser's.
function headers(extra = {}) {
  return { Accept: 'application/json', 'Accept-Language': currentLanguage() === 'en' ? 'en' : 'zh-CN', ...extra };
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function getJson(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue;
    query.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const url = query.size ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: headers(), credentials: 'same-origin' });
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

async function send(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

async function sendForm(path, form) {
  const response = await fetch(path, { method: 'POST', headers: headers(), credentials: 'same-origin', body: form });
  const json = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

export const api = {
  me: () => getJson('/api/v1/auth/me'),
  login: (userName, password) => send('POST', '/api/v1/auth/login', { userName, password }),
  logout: () => send('POST', '/api/v1/auth/logout'),
  hazard: (id) => getJson(`/api/v1/hazards/${encodeURIComponent(id)}`),
  recordInspection: (body) => send('POST', '/api/v1/inspections', body),
  changeHazardStatus: (id, body) => send('POST', `/api/v1/hazards/${encodeURIComponent(id)}/status`, body),
  extendDeadline: (id, body) => send('POST', `/api/v1/hazards/${encodeURIComponent(id)}/deadline`, body),
  recordEnforcement: (body) => send('POST', '/api/v1/enforcement-actions', body),
  users: () => getJson('/api/v1/users'),
  createUser: (body) => send('POST', '/api/v1/users', body),
  resetPassword: (userName, newPassword) => send('POST', `/api/v1/users/${encodeURIComponent(userName)}/password`, { newPassword }),
  mapConfig: () => getJson('/api/v1/map-config'),
  districts: () => getJson('/api/v1/districts'),
  choropleth: (params) => getJson('/api/v1/townships/choropleth', params),
  township: (code, params) => getJson(`/api/v1/townships/${encodeURIComponent(code)}`, params),
  enterprises: (params) => getJson('/api/v1/enterprises', params),
  hazards: (params) => getJson('/api/v1/hazards', params),
  statistics: (params) => getJson('/api/v1/statistics', params),
  routeCandidates: (params) => getJson('/api/v1/routes/candidates', params),
  planRoutes: (body) => send('POST', '/api/v1/routes/plan', body),
  uploadImport: (file) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return sendForm('/api/v1/imports/uploads', form);
  },
  importPreview: (id, params) => getJson(`/api/v1/imports/uploads/${encodeURIComponent(id)}/preview`, params),
  startImport: (kind, body) => send('POST', `/api/v1/imports/${encodeURIComponent(kind)}`, body),
  importJob: (id) => getJson(`/api/v1/imports/jobs/${encodeURIComponent(id)}`),
};
