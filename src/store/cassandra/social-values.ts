// Conversions for the social tables: tag values and change payloads are stored as JSON text (a
// map<text, text> per profile or friend), so every SocialValue shape fits one column type.
import type { SocialValue } from '../relationships.js';

export const encodeTags = (tags: Readonly<Record<string, SocialValue>>): Record<string, string> =>
  Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, JSON.stringify(v)]));

/** A map column as returned by the driver (an object, or null when empty). */
export function decodeTags(col: unknown, wanted?: ReadonlySet<string>): Record<string, SocialValue> {
  if (col === null || col === undefined) return {};
  return Object.fromEntries(
    Object.entries(col as Record<string, string>)
      .filter(([k]) => !wanted || wanted.has(k))
      .map(([k, v]) => [k, JSON.parse(v) as SocialValue]),
  );
}
