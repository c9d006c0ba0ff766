/** `materials`: guides and copy the merchant gives distributors to share. */
import type { MaterialKind } from '../../../contract/src';

export interface MaterialDoc {
  _id: string;
  title: string;
  kind: MaterialKind;
  body: string;
  images?: string[];
  sort: number;
  createdAt: number;
}
