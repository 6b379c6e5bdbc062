// The township choropleth: pure colour/style functions, handlers wired in onEachFeature only.
const L = window.L;

// ColorBrewer YlOrRd, light to dark, for the positive classes; zero and "no data" have colours of their own.
export const PALETTE = ['#fed976', '#feb24c', '#fd8d3c', '#e31a1c', '#800026'];
export const ZERO_COLOR = '#e8f3e4';
export const NO_DATA_COLOR = '#d9d9d9';
const GREYED = '#f2f2f2';

/** Index of the class holding value, or -1. */
export function classIndex(value, classes) {
  return classes.findIndex((c) => value >= c.min && value <= c.max);
}

/** Colours of the positive classes: spread over the palette so that two classes are far apart. */
export function classColors(classes) {
  const positive = classes.filter((c) => c.max > 0).length;
  return classes.map((c, i) => {
    if (c.max === 0) return ZERO_COLOR;
    const rank = i - (classes.length - positive);
    const index = positive === 1 ? PALETTE.length - 2 : Math.round((rank * (PALETTE.length - 1)) / (positive - 1));
    return PALETTE[index];
  });
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
  return {
    pane: 'townships',
    fillColor: getColor(props.value, state.classes),
    fillOpacity: 0.85,
    color: state.township === props.code ? '#222' : '#5f5f5f',
    weight: state.township === props.code ? 2.5 : 1,
    dashArray: noData ? '4 3' : null,
  };
}

export function highlightStyle() { return { weight: 3, color: '#111' }; }

export class ChoroplethLayer {
  constructor(map, { onHover, onLeave, onSelect }) {
    this.map = map;
    this.handlers = { onHover, onLeave, onSelect };
    this.state = { classes: [], township: null };
    this.layer = null;
  }

  setData(collection, state) {
    this.state = { ...state, classes: collection.classes };
    if (this.layer) this.layer.remove();
    this.layer = L.geoJSON(collection, {
      style: (feature) => style(feature, this.state),
      onEachFeature: (feature, layer) => this.wire(feature, layer),
    }).addTo(this.map);
    return this.layer;
  }

  setState(state) {
    this.state = { ...this.state, ...state };
    this.layer?.setStyle((feature) => style(feature, this.state));
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
        this.handlers.onLeave();
      },
      click: () => {
        if (this.state.township && this.state.township !== feature.properties.code) return;
        this.handlers.onSelect(feature.properties.code);
      },
    });
  }
}
