/** Loads a project's seed data (its seed module's return value) into a freshly reset database. */
import type { SeedFunction } from './project';
import type { EmulatorServices } from './services-registry';

export interface SeedReport {
  counts: Record<string, number>;
  /** Things a person must see once, such as a generated admin password. */
  notices: string[];
}

export async function loadSeed(services: EmulatorServices, seed: SeedFunction): Promise<SeedReport> {
  const { collections, notices = [] } = await seed({ now: services.context.clock.now() });
  const counts: Record<string, number> = {};
  for (const [collection, documents] of Object.entries(collections)) {
    await services.db.seed(collection, documents);
    counts[collection] = documents.length;
  }
  return { counts, notices };
}
