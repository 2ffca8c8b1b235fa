/** Okabe–Ito colours (distinguishable with the common colour-vision deficiencies). */
export const OKABE_ITO = {
  orange: 0xe69f00,
  skyBlue: 0x56b4e9,
  bluishGreen: 0x009e73,
  yellow: 0xf0e442,
  blue: 0x0072b2,
  vermillion: 0xd55e00,
  reddishPurple: 0xcc79a7,
  grey: 0x999999,
} as const;

/** Allies in blue tones, the adversary in vermillion: side is also shown by shape (diamond), not colour alone. */
export function sideColour(side: string): number {
  if (side === 'adversary') return OKABE_ITO.vermillion;
  if (side === 'ally') return OKABE_ITO.skyBlue;
  return OKABE_ITO.grey;
}

/** Availability bar: green when healthy, orange when degraded, vermillion when down. */
export function availabilityColour(availability: number): number {
  if (availability >= 67) return OKABE_ITO.bluishGreen;
  if (availability >= 34) return OKABE_ITO.orange;
  return OKABE_ITO.vermillion;
}

export const OFFER_COLOUR = OKABE_ITO.yellow;
/** Hunt-forward teams: reddish purple, apart from both sides' colours. */
export const HUNT_COLOUR = OKABE_ITO.reddishPurple;
export const BACKGROUND = 0x101418;
export const LINK_COLOUR = 0x3a4650;
