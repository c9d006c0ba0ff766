/** Learning materials and promotion copy that distributors read and copy in the mini program. */
import { z } from 'zod';
import { DomainError } from '../../../core/src/errors';
import { db } from '../../_shared/platform/cloud';
import { getDoc } from '../../_shared/platform/documents';
import { COLLECTIONS } from '../../_shared/store/collections';
import type { MaterialDoc } from '../../_shared/store/materials';
import { recordChange } from '../audit';
import { pageOf, pagingQuery } from '../queries';
import { handler } from '../router';
import { textSchema } from '../schemas';

const fields = {
  title: textSchema(60),
  kind: z.enum(['guide', 'copy']),
  body: z.string().trim().min(1).max(10_000),
  images: z.array(z.string().min(1).max(500)).max(9),
  sort: z.int().min(-1_000_000).max(1_000_000),
};

async function requireMaterial(id: string): Promise<MaterialDoc> {
  const material = await getDoc<MaterialDoc>(COLLECTIONS.materials, id);
  if (!material) throw new DomainError('NOT_FOUND', { materialId: id }, '素材不存在');
  return material;
}

export const listMaterials = handler(
  { query: z.strictObject({ kind: fields.kind.optional(), ...pagingQuery }) },
  async ({ query }) =>
    pageOf<MaterialDoc>(
      COLLECTIONS.materials,
      query.kind ? { kind: query.kind } : {},
      { field: 'sort', direction: 'desc' },
      query,
    ),
);

export const createMaterial = handler(
  { body: z.strictObject({ ...fields, images: fields.images.default([]), sort: fields.sort.default(0) }) },
  async ({ body, actor, now }) => {
    const material: Omit<MaterialDoc, '_id'> = { ...body, createdAt: now };
    const { _id: id } = (await db().collection(COLLECTIONS.materials).add({ data: material })) as { _id: string };
    await recordChange(actor, 'material.create', `materials/${id}`, null, { _id: id, ...material }, now);
    return { id };
  },
);

export const updateMaterial = handler(
  {
    body: z
      .strictObject(fields)
      .partial()
      .refine((changes) => Object.keys(changes).length > 0, '没有要修改的内容'),
  },
  async ({ params, body, actor, now }) => {
    const id = params.id as string;
    const before = await requireMaterial(id);
    await db().collection(COLLECTIONS.materials).doc(id).update({ data: body });
    const after = { ...before, ...body };
    await recordChange(actor, 'material.update', `materials/${id}`, before, after, now);
    return after;
  },
);

export const deleteMaterial = handler({}, async ({ params, actor, now }) => {
  const id = params.id as string;
  const before = await requireMaterial(id);
  await db().collection(COLLECTIONS.materials).doc(id).remove();
  await recordChange(actor, 'material.delete', `materials/${id}`, before, null, now);
  return { id };
});
