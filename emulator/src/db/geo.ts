/**
 * The geo query operators the SDK can send (notes §6.1), which mingo lacks. Documents are matched when the field
 * holds a GeoJSON Point (what `db.Geo.Point` stores); other stored geometries never match.
 */
import { isPlainObject, type Doc } from './ejson';

const EARTH_RADIUS_M = 6378100;
type Position = [number, number];

function pointOf(value: unknown): Position | undefined {
  if (!isPlainObject(value) || value.type !== 'Point' || !Array.isArray(value.coordinates)) return undefined;
  const [lng, lat] = value.coordinates as unknown[];
  return typeof lng === 'number' && typeof lat === 'number' ? [lng, lat] : undefined;
}

function positionOf(value: unknown): Position | undefined {
  if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number') return [value[0], value[1]];
  return pointOf(value);
}

function resolvePath(doc: Doc, path: string): unknown {
  let value: unknown = doc;
  for (const segment of path.split('.')) value = isPlainObject(value) ? value[segment] : undefined;
  return value;
}

/** Great-circle distance in metres. */
export function sphereDistance([lng1, lat1]: Position, [lng2, lat2]: Position): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

function inRing([x, y]: Position, ring: unknown): boolean {
  if (!Array.isArray(ring)) return false;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = positionOf(ring[i]);
    const b = positionOf(ring[j]);
    if (!a || !b) continue;
    if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

/** Planar point-in-polygon; the first ring is the shell, the rest are holes. */
function inPolygon(point: Position, rings: unknown): boolean {
  if (!Array.isArray(rings) || rings.length === 0) return false;
  const [shell, ...holes] = rings;
  return inRing(point, shell) && !holes.some((hole) => inRing(point, hole));
}

function inGeometry(point: Position, geometry: unknown): boolean {
  if (!isPlainObject(geometry)) return false;
  if (geometry.type === 'Polygon') return inPolygon(point, geometry.coordinates);
  if (geometry.type === 'MultiPolygon' && Array.isArray(geometry.coordinates)) {
    return geometry.coordinates.some((polygon) => inPolygon(point, polygon));
  }
  const other = pointOf(geometry);
  return other !== undefined && other[0] === point[0] && other[1] === point[1];
}

type Predicate = (doc: Doc) => boolean;

function onPoint(selector: string, test: (point: Position) => boolean): Predicate {
  return (doc) => {
    const point = pointOf(resolvePath(doc, selector));
    return point !== undefined && test(point);
  };
}

/** `{$nearSphere: {$geometry, $maxDistance, $minDistance}}` → centre and bounds in metres. */
export function nearSphereSpec(value: unknown): { centre: Position; min: number; max: number } | undefined {
  if (!isPlainObject(value)) return undefined;
  const centre = positionOf(value.$geometry);
  if (!centre) return undefined;
  const min = typeof value.$minDistance === 'number' ? value.$minDistance : 0;
  const max = typeof value.$maxDistance === 'number' ? value.$maxDistance : Infinity;
  return { centre, min, max };
}

export const geoQueryOperators = {
  $geoWithin(selector: string, value: unknown): Predicate {
    if (isPlainObject(value) && Array.isArray(value.$centerSphere)) {
      const [centreValue, radius] = value.$centerSphere as unknown[];
      const centre = positionOf(centreValue);
      const radiusM = typeof radius === 'number' ? radius * EARTH_RADIUS_M : -1;
      return onPoint(selector, (point) => centre !== undefined && sphereDistance(point, centre) <= radiusM);
    }
    const geometry = isPlainObject(value) ? value.$geometry : undefined;
    return onPoint(selector, (point) => inGeometry(point, geometry));
  },
  $geoIntersects(selector: string, value: unknown): Predicate {
    const geometry = isPlainObject(value) ? value.$geometry : undefined;
    return onPoint(selector, (point) => inGeometry(point, geometry));
  },
  $nearSphere(selector: string, value: unknown): Predicate {
    const spec = nearSphereSpec(value);
    return onPoint(selector, (point) => {
      if (!spec) return false;
      const distance = sphereDistance(point, spec.centre);
      return distance >= spec.min && distance <= spec.max;
    });
  },
};

/** Distance of a document's point from a `$nearSphere` centre, for Mongo's nearest-first result order. */
export function distanceFrom(doc: Doc, selector: string, centre: Position): number {
  const point = pointOf(resolvePath(doc, selector));
  return point ? sphereDistance(point, centre) : Infinity;
}
