// Colours of every chart. Categorical: Okabe & Ito, "Color Universal Design" (2008), distinguishable with the common
// colour-vision deficiencies; yellow is last because it is weak on white. Sequential: viridis (perceptually uniform, readable
// in grey scale), light to dark, for heatmaps and the map.
export const CATEGORICAL = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#F0E442'];
export const SEQUENTIAL = ['#fde725', '#90d743', '#35b779', '#21918c', '#31688e', '#443983', '#440154'];
/** Forecast bands: the same hue, lighter for the wider interval. */
export const BAND_80 = 'rgba(0, 114, 178, 0.30)';
export const BAND_95 = 'rgba(0, 114, 178, 0.14)';

/** The sequential colour of a share 0..1 and a text colour readable on it. */
export function sequential(share) {
  const i = Math.max(0, Math.min(SEQUENTIAL.length - 1, Math.round(share * (SEQUENTIAL.length - 1))));
  return { background: SEQUENTIAL[i], text: i >= 3 ? '#ffffff' : '#000000' };
}
