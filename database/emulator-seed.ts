/**
 * The shop's seed for the local emulator (named in cloudbase-emulator.json): the demo data of ./seed, with the
 * owner's admin password from SHOP_ADMIN_PASSWORD when set (otherwise the seed generates one and prints it).
 */
import { demoData } from './seed';

export default function seed({ now }: { now: number }) {
  return demoData({ now, ownerPassword: process.env.SHOP_ADMIN_PASSWORD });
}
