import { z } from 'zod';
import { ENTITY_TYPES, ID_DOCUMENT_TYPES } from '../../domain/model/codes';

// Reference data as delivered to a workstation (today by file, `npm run reference:import`;
// later by the sync issue): the entities that already hold an account (FAQ 8) and their
// staff logins (FAQ 18/19). A file is outside data, so it is validated like renderer input.

const text = (max: number) => z.string().max(max);

export const ReferenceStaffLoginSchema = z
  .object({
    loginId: text(60).min(1),
    entityNumber: text(20).min(1),
    idType: z.enum(ID_DOCUMENT_TYPES),
    idNumber: text(40).min(1),
    activated: z.boolean(),
    faceRecognition: z.enum(['enabled', 'disabled', 'locked']),
    /** FAQ 19 (issue 16): optional so that older files still import; absent means off. */
    securityCode: z.enum(['enabled', 'disabled']).optional(),
  })
  .strict();

export const ReferenceEntitySchema = z
  .object({
    entityNumber: text(20).min(1),
    type: z.enum(ENTITY_TYPES).optional(),
    names: z
      .object({ zh: text(200).optional(), pt: text(200).optional(), en: text(200).optional() })
      .strict()
      .refine((n) => Boolean(n.zh || n.pt || n.en), 'at least one name'),
    registrationNumbers: z.array(text(40).min(1)).max(10).default([]),
    taxpayerNumber: text(20).optional(),
    adminCount: z.number().int().min(0).max(99).optional(),
  })
  .strict();

/** Another counter's receipt-signing public key (Ed25519, base64url), so its receipts verify here (issue 6). */
export const ReferenceWorkstationKeySchema = z
  .object({
    workstationId: z.string().regex(/^[A-Z0-9]{1,8}$/),
    publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'an Ed25519 public key in base64url'),
    servicePoint: z
      .string()
      .regex(/^[A-Z0-9]{2,8}$/)
      .optional(),
  })
  .strict();

export const ReferenceFileSchema = z
  .object({
    entities: z.array(ReferenceEntitySchema).max(500_000),
    staffLogins: z.array(ReferenceStaffLoginSchema).max(2_000_000).default([]),
    workstationKeys: z.array(ReferenceWorkstationKeySchema).max(10_000).default([]),
  })
  .strict()
  .superRefine((f, ctx) => {
    const numbers = new Set<string>();
    f.entities.forEach((e, i) => {
      if (numbers.has(e.entityNumber)) ctx.addIssue({ code: 'custom', path: ['entities', i, 'entityNumber'], message: 'entity number appears twice' });
      numbers.add(e.entityNumber);
    });
  });

export type ReferenceFile = z.infer<typeof ReferenceFileSchema>;
export type ReferenceEntityInput = z.infer<typeof ReferenceEntitySchema>;
export type ReferenceStaffLoginInput = z.infer<typeof ReferenceStaffLoginSchema>;
