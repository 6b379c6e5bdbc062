// Talks to the RiskMap API. Every call returns parsed JSON or throws an ApiError carrying the ProblemDetails.
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
  const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export const api = {
  mapConfig: () => getJson('/api/v1/map-config'),
  districts: () => getJson('/api/v1/districts'),
  choropleth: (params) => getJson('/api/v1/townships/choropleth', params),
  township: (code, params) => getJson(`/api/v1/townships/${encodeURIComponent(code)}`, params),
  enterprises: (params) => getJson('/api/v1/enterprises', params),
  hazards: (params) => getJson('/api/v1/hazards', params),
  statistics: (params) => getJson('/api/v1/statistics', params),
};
