// The township choropleth: pure colour/style functions, handlers wired in onEachFeature only.
const L = window.L;

// The classes and their colours come from the server (fixed per metric and scheme, the same as the printed map's);
// "no data" has a colour of its own.
export const NO_DATA_COLOR = '#d9d9d9';
const GREYED = '#f2f2f2';

/** Index of the class holding value, or -1 (the last class has no upper bound: max is null). */
export function classIndex(value, classes) {
  return classes.findIndex((c) => value >= c.min && (c.max === null || c.max === undefined || value <= c.max));
}

/** The colour of each class, as the server sent it. */
export function classColors(classes) {
  return classes.map((c) => c.color);
}

export function getColor(value, classes) {
  if (value === null || value === undefined) return NO_DATA_COLOR;
  const index = classIndex(value, classes);
  return index < 0 ? NO_DATA_COLOR : classColors(classes)[index];
}

/** Style of a township: greyed out when another township is selected in the township filter. */
export function style(feature, state) {
  const props = feature.properties;
  const outside = state.township && props.code !== state.township;
  if (outside) return { pane: 'townships', fillColor: GREYED, fillOpacity: 0.6, color: '#c4c4c4', weight: 0.8, dashArray: null };
  const noData = props.value === null || props.value === undefined;
  const selected = state.selected === props.code;
  return {
    pane: 'townships',
    fillColor: getColor(props.value, state.classes),
    fillOpacity: 0.85,
    color: selected ? '#0b3d91' : state.township === props.code ? '#222' : '#5f5f5f',
    weight: selected ? 4 : state.township === props.code ? 2.5 : 1,
    dashArray: noData && !selected ? '4 3' : null,
    className: selected ? 'township-selected' : '',
  };
}

export function highlightStyle() { return { weight: 3, color: '#111' }; }

export class ChoroplethLayer {
  constructor(map, { onHover, onLeave, onSelect }) {
    this.map = map;
    this.handlers = { onHover, onLeave, onSelect };
    this.state = { classes: [], township: null, selected: null };
    this.layer = null;
  }

  setData(collection, state) {
    this.state = { ...state, classes: collection.classes };
    if (this.layer) this.layer.remove();
    this.layer = L.geoJSON(collection, {
      style: (feature) => style(feature, this.state),
      onEachFeature: (feature, layer) => this.wire(feature, layer),
    }).addTo(this.map);
    this.bringSelectedToFront();
    return this.layer;
  }

  setState(state) {
    this.state = { ...this.state, ...state };
    this.layer?.setStyle((feature) => style(feature, this.state));
    this.bringSelectedToFront();
  }

  /** The selected township's outline on top of its neighbours' (its panel is open). */
  bringSelectedToFront() {
    this.layer?.eachLayer((layer) => {
      if (layer.feature.properties.code === this.state.selected) {
        layer.bringToFront();
        layer.getElement?.()?.setAttribute('data-selected', 'true');
      } else layer.getElement?.()?.removeAttribute('data-selected');
    });
  }

  boundsOf(code) {
    let bounds = null;
    this.layer?.eachLayer((layer) => { if (layer.feature.properties.code === code) bounds = layer.getBounds(); });
    return bounds;
  }

  wire(feature, layer) {
    layer.on({
      mouseover: () => {
        if (this.state.township && this.state.township !== feature.properties.code) return;
        layer.setStyle(highlightStyle());
        layer.bringToFront();
        this.handlers.onHover(feature.properties);
      },
      mouseout: () => {
        this.layer.resetStyle(layer);
        this.bringSelectedToFront();
        this.handlers.onLeave();
      },
      click: () => {
        if (this.state.township && this.state.township !== feature.properties.code) return;
        this.handlers.onSelect(feature.properties.code);
      },
    });
  }
}
