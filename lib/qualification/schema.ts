import * as z from "zod/mini";
import {
  ACCOUNT_BANK_NAMES,
  BANK_ACCOUNT_TYPES,
  BIZ_TYPE,
  CONTACT_TYPES,
  ID_DOC_TYPES,
  LONG_TERM,
  MAINLAND_ID_CARD,
  MAX_ADDITION_PICS,
  MAX_OTHER_CERT_PICS,
  MAX_QUALIFICATION_PICS,
  ORGANIZATION_TYPES,
  SHORTNAME_MAX_BYTES,
} from "./constants";
import { fieldErrors } from "@/lib/errors";
import { isBankAddressCode } from "./regions";
import { STEP_FIELDS, accountDigits, isCalendarDate, isMainlandIdNumber, isObject, normalizeQualification, qualificationIssues, utf8Bytes, type Loose, type QualificationContext, type WizardStep } from "./rules";

/*
 * The whole qualification application (the body of POST /shop/wxpay/apply, WeChat's "Submit payment qualifications" document) in WeChat's
 * field names and nesting, plaintext, photos as {media_id, pay_media_id}. Every error message is a
 * key of the `validation` namespace, translated by the UI next to the field.
 *
 * Two deliberate departures from the wire format, undone by toApplyPayload():
 *  - business_license_info.business_time is a [begin, end] tuple here (the wire wants the JSON string);
 *  - the 2401/2500 types (no business licence) may leave the licence photo and business_time empty.
 *
 * Rules that need to know more than the body (today's date, the Mini Program subject name for a
 * corporate account) come from a context: qualificationSchemaFor({ merchantName, today }).
 * `qualificationSchema` is that factory without a merchant name (the corporate-name rule and the
 * account_cert_info requirement, which both depend on it, are skipped) and with today's date taken
 * at validation time. Server entry points always use the factory with the merchant's subject name.
 */

// ---- field schemas -------------------------------------------------------------------------
// zod/mini: the browser runs this file too, loaded after the wizard is on screen (components/form/qualification-schema.ts).

const text = (error: string) => z.string({ error }).check(z.trim());
const requiredText = (max: number, tooLong = "validation.tooLong") =>
  text("validation.required").check(z.minLength(1, { error: "validation.required" }), z.maxLength(max, { error: tooLong }));
const photoId = text("validation.photoRequired").check(z.minLength(1, { error: "validation.photoRequired" }), z.maxLength(512, { error: "validation.photoRequired" }));

export const picFileSchema = z.object({ media_id: photoId, pay_media_id: photoId }, { error: "validation.photoRequired" });
export type PicFile = z.infer<typeof picFileSchema>;

const picArray = (min: number, max: number, tooFew: string, tooMany: string) =>
  z.array(picFileSchema, { error: tooFew }).check(z.minLength(min, { error: tooFew }), z.maxLength(max, { error: tooMany }));
const picListSchema = (max: number, tooMany: string, min = 1, tooFew = "validation.photoRequired") =>
  z.object({ pic_file_list: picArray(min, max, tooFew, tooMany) }, { error: tooFew });

const dateSchema = text("validation.required").check(z.refine(isCalendarDate, { error: "validation.date" }));
const dateOrLongTermSchema = text("validation.required").check(z.refine((v) => v === LONG_TERM || isCalendarDate(v), { error: "validation.dateOrLongTerm" }));

const idNameSchema = text("validation.required").check(z.minLength(2, { error: "validation.idName" }), z.maxLength(30, { error: "validation.idName" }));
const addressSchema = z.optional(z.string().check(z.trim(), z.minLength(4, { error: "validation.address" }), z.maxLength(128, { error: "validation.address" })));

export const businessLicenseInfoSchema = z.object(
  {
    wxa_business_license_copy: z.optional(picFileSchema),
    legal_person: idNameSchema,
    // [begin, end | 长期]; sent as the JSON string "[\"2014-01-01\",\"长期\"]".
    business_time: z.optional(z.tuple([dateSchema, dateOrLongTermSchema], { error: "validation.required" })),
  },
  { error: "validation.required" },
);

export const idCardInfoSchema = z.object(
  {
    wxa_id_card_copy: picFileSchema,
    wxa_id_card_national: picFileSchema,
    id_card_name: idNameSchema,
    id_card_number: text("validation.required").check(z.toUpperCase(), z.refine(isMainlandIdNumber, { error: "validation.idCardNumber" })),
    id_card_valid_time_begin: dateSchema,
    id_card_valid_time: dateOrLongTermSchema,
    id_card_address: addressSchema,
  },
  { error: "validation.required" },
);

export const idDocInfoSchema = z.object(
  {
    wxa_id_doc_copy: picFileSchema,
    wxa_id_doc_copy_back: picFileSchema,
    id_doc_name: idNameSchema,
    id_doc_number: text("validation.required").check(z.regex(/^[A-Za-z0-9]{7,11}$/, { error: "validation.idDocNumber" })),
    doc_period_begin: dateSchema,
    doc_period_end: dateOrLongTermSchema,
    id_doc_address: addressSchema,
  },
  { error: "validation.required" },
);

export const contactInfoSchema = z.object(
  {
    contact_type: z.enum(CONTACT_TYPES, { error: "validation.contactType" }),
    contact_email: z.pipe(text("validation.required"), z.email({ error: "validation.email" }).check(z.maxLength(254, { error: "validation.email" }))),
    mobile_phone: text("validation.required").check(z.regex(/^1\d{10}$/, { error: "validation.mobile" })),
    // Agent (66) only; the agent's document is always a mainland ID card (WeChat's "Submit payment qualifications" document).
    contact_id_doc_type: z.optional(z.literal(MAINLAND_ID_CARD, { error: "validation.contactIdDocType" })),
    wxa_contact_id_doc_copy: z.optional(picFileSchema),
    wxa_contact_id_doc_copy_back: z.optional(picFileSchema),
    contact_id_doc_period_begin: z.optional(dateSchema),
    contact_id_doc_period_end: z.optional(dateOrLongTermSchema),
    wxa_business_authorization_letter: z.optional(picFileSchema),
  },
  { error: "validation.required" },
);

export const accountCertInfoSchema = z.object(
  {
    wxa_settlement_cert_pic: picFileSchema,
    wxa_relation_cert_pic: picFileSchema,
    wxa_other_cert_pics: picArray(1, MAX_OTHER_CERT_PICS, "validation.otherCertPics", "validation.otherCertPics"),
  },
  { error: "validation.required" },
);

export const accountInfoSchema = z.object(
  {
    bank_account_type: z.enum(BANK_ACCOUNT_TYPES, { error: "validation.bankAccountType" }),
    account_bank: z.enum(ACCOUNT_BANK_NAMES, { error: "validation.accountBank" }),
    account_name: requiredText(128, "validation.accountNameLength"),
    bank_address_code: text("validation.bankAddressCode").check(z.refine(isBankAddressCode, { error: "validation.bankAddressCode" })),
    bank_branch_id: z.optional(z.string().check(z.trim(), z.regex(/^\d{12}$/, { error: "validation.bankBranchId" }))),
    bank_name: z.optional(z.string().check(z.trim(), z.minLength(4, { error: "validation.bankName" }), z.maxLength(128, { error: "validation.bankName" }))),
    account_number: z.string({ error: "validation.required" }).check(z.overwrite(accountDigits), z.regex(/^\d{8,30}$/, { error: "validation.accountNumber" })),
    account_cert_info: z.optional(accountCertInfoSchema),
  },
  { error: "validation.required" },
);

const baseShape = {
  organization_type: z.enum(ORGANIZATION_TYPES, { error: "validation.organizationType" }),
  business_license_info: businessLicenseInfoSchema,
  id_doc_type: z.enum(ID_DOC_TYPES, { error: "validation.idDocType" }),
  id_card_info: z.optional(idCardInfoSchema),
  id_doc_info: z.optional(idDocInfoSchema),
  contact_info: contactInfoSchema,
  account_info: accountInfoSchema,
  qualifications: z.optional(picListSchema(MAX_QUALIFICATION_PICS, "validation.qualificationsMax")),
  business_addition_pics: z.optional(picListSchema(MAX_ADDITION_PICS, "validation.additionPicsMax")),
  business_addition_desc: z.optional(z.string().check(z.trim(), z.maxLength(512, { error: "validation.additionDescLength" }))),
  merchant_shortname: text("validation.shortnameRequired").check(
    z.minLength(1, { error: "validation.shortnameRequired" }),
    z.refine((v) => utf8Bytes(v) <= SHORTNAME_MAX_BYTES, { error: "validation.shortnameBytes" }),
  ),
  biz_type: z._default(z.literal(BIZ_TYPE, { error: "validation.bizType" }), BIZ_TYPE),
};

/** The shape without cross-field rules: what steps pick from. */
export const qualificationBaseSchema = z.object(baseShape);
export type Qualification = z.output<typeof qualificationBaseSchema>;

function withRules<T extends z.ZodMiniType>(schema: T, context: QualificationContext, only?: readonly string[]) {
  return z.pipe(
    z.transform(normalizeQualification),
    schema.check(
      z.superRefine((value, ctx) => {
        for (const issue of qualificationIssues(value, context, only)) ctx.addIssue({ code: "custom", ...issue });
      }, { when: () => true }), // cross-field rules show while other fields are still incomplete
    ),
  );
}

/** The complete application with every rule, for a merchant whose subject name (and today) is known. */
export function qualificationSchemaFor(context: QualificationContext = {}) {
  return withRules(qualificationBaseSchema, context);
}

/** The complete application without the merchant-name rule; today is the day of validation. */
export const qualificationSchema = qualificationSchemaFor();

// ---- steps ---------------------------------------------------------------------------------

STEP_FIELDS satisfies Record<WizardStep, readonly (keyof typeof baseShape)[]>;

/**
 * One step of the wizard: a pick of the application plus the cross-field rules that land on the
 * step's own fields (the rest of the values pass through so rules can read them).
 */
export function stepSchemaFor(step: WizardStep, context: QualificationContext = {}) {
  if (step === "review") return qualificationSchemaFor(context);
  const keys = STEP_FIELDS[step];
  const shape = Object.fromEntries(keys.map((k) => [k, baseShape[k]])) as Pick<typeof baseShape, (typeof keys)[number]>;
  return withRules(z.looseObject(shape), context, keys);
}

// ---- optional fields -----------------------------------------------------------------------

type Node = z.ZodMiniType;
const kind = (schema: Node) => schema._zod.def.type;
const unwrapped = (schema: Node): Node => (kind(schema) === "optional" || kind(schema) === "default" ? unwrapped((schema as z.ZodMiniOptional).def.innerType as Node) : schema);
const isChoice = (schema: Node) => kind(schema) === "enum" || kind(schema) === "literal";
const shapeOf = (schema: Node) => (schema as z.ZodMiniObject).def.shape as Record<string, Node>;

/** Only the answers that are choices (subject type, document type, contact type, bank …), every other answer left out. */
export function choicesOf(value: unknown, schema: Node = qualificationBaseSchema): unknown {
  const inner = unwrapped(schema);
  if (isChoice(inner)) return value;
  if (kind(inner) !== "object" || !isObject(value)) return undefined;
  const out: Loose = {};
  for (const [key, child] of Object.entries(shapeOf(inner))) {
    const kept = choicesOf(value[key], child);
    if (kept !== undefined) out[key] = kept;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The schema of a field path (numeric parts index a tuple), or undefined when the path is not in it. */
function schemaAt(path: string): Node | undefined {
  let node: Node | undefined = qualificationBaseSchema;
  for (const part of path.split(".")) {
    const inner: Node | undefined = node && unwrapped(node);
    if (inner && kind(inner) === "object") node = shapeOf(inner)[part];
    else if (inner && kind(inner) === "tuple") node = ((inner as z.ZodMiniTuple).def.items as Node[])[Number(part)];
    else return undefined;
  }
  return node;
}

/**
 * Which fields may be left blank given the choices made so far: with every other answer blank, the
 * whole schema (cross-field rules included) names the fields it still asks for; the rest are optional.
 * A choice is optional only where the schema itself makes it so.
 */
export function optionalFieldsFor(values: unknown, context: QualificationContext = {}): (path: string) => boolean {
  const result = qualificationSchemaFor(context).safeParse(choicesOf(values) ?? {});
  const asked = result.success ? [] : result.error.issues.map((issue) => issue.path.map(String));
  return (path) => {
    const schema = schemaAt(path);
    if (!schema) return false;
    if (isChoice(unwrapped(schema))) return kind(schema) === "optional";
    const parts = path.split(".");
    const isIndex = /^\d+$/.test(parts.at(-1) ?? "");
    return !asked.some((issue) => {
      const shared = Math.min(issue.length, parts.length);
      if (issue.slice(0, shared).join(".") === parts.slice(0, shared).join(".")) return true;
      // Both ends of a [begin, end] pair are asked for together.
      return isIndex && issue.length === parts.length && issue.slice(0, -1).join(".") === parts.slice(0, -1).join(".");
    });
  };
}

/** Every path schemaAt knows (an object's keys, a tuple's items), parents before children. */
function fieldPaths(schema: Node = qualificationBaseSchema, prefix = ""): string[] {
  const inner = unwrapped(schema);
  const children: [string, Node][] =
    kind(inner) === "object" ? Object.entries(shapeOf(inner)) : kind(inner) === "tuple" ? ((inner as z.ZodMiniTuple).def.items as Node[]).map((item, i) => [String(i), item]) : [];
  return children.flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...fieldPaths(child, path)];
  });
}

/** What the wizard shows before its schemas reach the browser, worked out on the server from the draft. */
export type WizardStart = {
  /** The whole application's problems, by field path (the progress flags and the review step). */
  errors: Record<string, string>;
  /** The fields that may be left blank, given the draft's choices. */
  optional: string[];
};

export function wizardStart(values: unknown, context: QualificationContext): WizardStart {
  const result = qualificationSchemaFor(context).safeParse(values);
  return { errors: result.success ? {} : fieldErrors(result.error), optional: fieldPaths().filter(optionalFieldsFor(values, context)) };
}
