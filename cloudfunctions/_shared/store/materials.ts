/** `materials`: guides and copy the merchant gives distributors to share. */
import type { Material } from '../../../contract/src';

/** The wire sends a material exactly as it is stored, so the contract's shape is the document's. */
export type MaterialDoc = Material;
