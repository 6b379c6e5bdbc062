// The planner's layers: candidate enterprises as markers numbered by rank, and a plan as a coloured straight-line
// route per team with numbered stops. Names are shown in tooltips built as DOM text, never as HTML.
import { el } from '../dom.js';
import { LEVEL_COLORS } from './enterprises.js';

const L = window.L;

/** Distinct colours for teams 1…10, repeated after that. */
export const TEAM_COLORS = ['#1565c0', '#2e7d32', '#6a1b9a', '#ef6c00', '#00838f', '#ad1457', '#4e342e', '#283593', '#827717', '#c62828'];

export function teamColor(team) { return TEAM_COLORS[(team - 1) % TEAM_COLORS.length]; }

/** Colour of a candidate: its worst open hazard level. */
export function candidateColor(item) {
  return LEVEL_COLORS[item.openMajor > 0 ? 'Major' : item.openGeneral > 0 ? 'General' : 'none'];
}

function numberIcon(text, color, className, size = 22) {
  const label = el('div', { className: 'route-number', style: `background:${color};width:${size}px;height:${size}px;line-height:${size - 4}px` }, text);
  return L.divIcon({ html: label, className, iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
}

function tooltip(lines) {
  return () => el('div', {}, lines.map((line, i) => (i === 0 ? el('b', {}, line) : el('div', {}, line))));
}

export class RouteLayer {
  constructor(map) {
    this.map = map;
    map.createPane('route').style.zIndex = 650;
    this.candidates = L.layerGroup().addTo(map);
    this.routes = L.layerGroup().addTo(map);
    this.start = null;
    this.byId = new Map();
  }

  /** Shows candidates as markers numbered by rank; selected ones solid, the others faded. onClick(item) on a click. */
  setCandidates(items, selected, onClick) {
    this.candidates.clearLayers();
    this.byId.clear();
    for (const item of items) {
      const marker = L.marker([item.latitude, item.longitude], {
        pane: 'route',
        icon: numberIcon(String(item.rank), candidateColor(item), 'route-candidate-marker'),
        opacity: selected.has(item.enterpriseId) ? 1 : 0.45,
        riseOnHover: true,
      });
      marker.bindTooltip(tooltip([item.name, item.address ?? '']), { direction: 'top', offset: [0, -10] });
      marker.on('click', () => onClick?.(item, marker.getLatLng()));
      marker.addTo(this.candidates);
      this.byId.set(item.enterpriseId, marker);
    }
  }

  /** Fades or shows a candidate marker. */
  setSelected(id, on) { this.byId.get(id)?.setOpacity(on ? 1 : 0.45); }

  /** Opens the tooltip of a candidate (hover in the list). */
  highlight(id, on) {
    const marker = this.byId.get(id);
    if (!marker) return;
    if (on) marker.openTooltip(); else marker.closeTooltip();
  }

  /** The start point (and end point when it is the same). */
  setStart(latlng) {
    this.start?.remove();
    this.start = latlng
      ? L.marker(latlng, { pane: 'route', icon: numberIcon('★', '#111', 'route-start-marker', 26), zIndexOffset: 1000 }).addTo(this.map)
      : null;
  }

  /**
   * Draws a plan: per team a polyline start → stops (→ end) in the team's colour, along the roads where the plan's legs
   * carry road paths (legPath), and numbered stop markers.
   */
  setPlan(plan, routes) {
    this.routes.clearLayers();
    // A plan draws its own numbered stops; the candidates' rank numbers would only cover them.
    if (plan) this.candidates.remove(); else this.candidates.addTo(this.map);
    if (!plan) return;
    const start = [plan.start.latitude, plan.start.longitude];
    routes.forEach((visits, index) => {
      const team = index + 1;
      if (!visits.length) return;
      const color = teamColor(team);
      // Road plans carry each leg's path along the roads; a leg whose ends no longer match (stops moved by hand) is straight.
      const line = [start];
      let onRoads = false;
      const leg = (path, to) => {
        const coordinates = path?.coordinates;
        const from = line[line.length - 1];
        if (coordinates?.length > 1 && samePoint(coordinates[0], from) && samePoint(coordinates[coordinates.length - 1], to)) {
          line.push(...coordinates.slice(1).map(([lon, lat]) => [lat, lon]));
          onRoads = true;
        } else {
          line.push(to);
        }
      };
      visits.forEach((v) => leg(v.legPath, [v.latitude, v.longitude]));
      if (plan.end) leg(plan.teams?.[index]?.finish?.legPath, [plan.end.latitude, plan.end.longitude]);
      L.polyline(line, { pane: 'route', color, weight: 4, opacity: 0.85, className: onRoads ? 'route-line route-line-road' : 'route-line', dashArray: null })
        .addTo(this.routes);
      visits.forEach((v, i) => {
        L.marker([v.latitude, v.longitude], { pane: 'route', icon: numberIcon(String(i + 1), color, 'route-stop-marker'), zIndexOffset: 500 })
          .bindTooltip(tooltip([`${team}-${i + 1} ${v.name}`, v.address ?? '']), { direction: 'top', offset: [0, -10] })
          .addTo(this.routes);
      });
    });
  }

  bounds() {
    const group = L.featureGroup([...this.routes.getLayers(), ...this.candidates.getLayers()]);
    return group.getLayers().length ? group.getBounds() : null;
  }

  clear() {
    this.candidates.clearLayers();
    this.routes.clearLayers();
    this.setStart(null);
    this.byId.clear();
  }
}

/** True when a GeoJSON position [lon, lat] is the Leaflet point [lat, lon]. */
function samePoint([lon, lat], [pointLat, pointLon]) {
  return Math.abs(lon - pointLon) < 1e-9 && Math.abs(lat - pointLat) < 1e-9;
}
