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

/** The field a `$geoNear` without `key` reads: the first top-level field of any document holding a GeoJSON Point. */
function firstPointField(docs: Doc[]): string | undefined {
  for (const doc of docs) for (const [field, value] of Object.entries(doc)) if (pointOf(value)) return field;
  return undefined;
}

export interface GeoNearSpec {
  near?: unknown;
  distanceField?: unknown;
  spherical?: unknown;
  maxDistance?: unknown;
  minDistance?: unknown;
  query?: unknown;
  distanceMultiplier?: unknown;
  includeLocs?: unknown;
  key?: unknown;
}

/**
 * The `$geoNear` stage (CloudBase `aggregate.geoNear`, MongoDB 4.x): documents whose `key` field is a Point, within
 * [minDistance, maxDistance] metres of `near`, nearest first, with the distance (times distanceMultiplier) written
 * to `distanceField` and, with `includeLocs`, the point to that field. `matches` applies `query`.
 */
export function geoNearStage(docs: Doc[], spec: GeoNearSpec, matches: (doc: Doc) => boolean): Doc[] {
  const centre = positionOf(spec.near);
  if (!centre) throw new Error("$geoNear requires a 'near' option as a GeoJSON Point or a [longitude, latitude] pair");
  if (typeof spec.distanceField !== 'string' || spec.distanceField === '')
    throw new Error("$geoNear requires a 'distanceField' option as a String");
  const key = typeof spec.key === 'string' ? spec.key : firstPointField(docs);
  const min = typeof spec.minDistance === 'number' ? spec.minDistance : 0;
  const max = typeof spec.maxDistance === 'number' ? spec.maxDistance : Infinity;
  const multiplier = typeof spec.distanceMultiplier === 'number' ? spec.distanceMultiplier : 1;
  if (key === undefined) return [];
  const found: Array<{ doc: Doc; distance: number; point: unknown }> = [];
  for (const doc of docs) {
    const pointValue = resolvePath(doc, key);
    const point = pointOf(pointValue);
    if (!point || !matches(doc)) continue;
    const distance = sphereDistance(point, centre);
    if (distance >= min && distance <= max) found.push({ doc, distance, point: pointValue });
  }
  found.sort((a, b) => a.distance - b.distance);
  return found.map(({ doc, distance, point }) => {
    const out = setPath(doc, spec.distanceField as string, distance * multiplier);
    return typeof spec.includeLocs === 'string' && spec.includeLocs !== ''
      ? setPath(out, spec.includeLocs, point)
      : out;
  });
}

/** A copy of `doc` with `path` (dotted) set to `value`. */
function setPath(doc: Doc, path: string, value: unknown): Doc {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  if (rest.length === 0) return { ...doc, [head]: value };
  const inner = isPlainObject(doc[head]) ? (doc[head] as Doc) : {};
  return { ...doc, [head]: setPath(inner, rest.join('.'), value) };
}
