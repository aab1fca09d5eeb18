/**
 * Colours of the charts that are not risk levels: a single-hue sequential scheme for rates, and
 * Okabe–Ito hues for series (distinguishable by colour-blind readers; no red or orange, which the
 * risk levels own).
 */
export const RATE_SCHEME = 'blues';
export const SERIES_COLOURS = ['#0072B2', '#009E73', '#CC79A7', '#56B4E9', '#000000', '#999999'] as const;
