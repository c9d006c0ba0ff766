/** `categories`: the catalogue's groups. */

export interface CategoryDoc {
  _id: string;
  name: string;
  sort: number;
}
