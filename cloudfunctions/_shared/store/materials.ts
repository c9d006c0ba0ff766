/** `materials`: guides and copy the merchant gives distributors to share. */

export interface MaterialDoc {
  _id: string;
  title: string;
  kind: 'guide' | 'copy';
  body: string;
  images?: string[];
  sort: number;
  createdAt: number;
}
