/** Loads the demo data declared in database/seed into a freshly reset database. */
import { demoData } from '../../database/seed';
import type { EmulatorServices } from './services-registry';

export interface SeedReport {
  counts: Record<string, number>;
  /** Things a person must see once, such as a generated admin password. */
  notices: string[];
}

export async function loadDemoData(services: EmulatorServices): Promise<SeedReport> {
  const { collections, notices } = await demoData({
    now: services.context.clock.now(),
    ownerPassword: process.env.SHOP_ADMIN_PASSWORD,
  });
  const counts: Record<string, number> = {};
  for (const [collection, documents] of Object.entries(collections)) {
    await services.db.seed(collection, documents);
    counts[collection] = documents.length;
  }
  return { counts, notices };
}
