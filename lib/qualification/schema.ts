import { z } from "zod";
import {
  ACCOUNT_BANK_NAMES,
  ACCOUNT_CERT_ORGANIZATION_TYPES,
  ACCOUNT_TYPES_BY_ORGANIZATION,
  ADDRESS_ORGANIZATION_TYPES,
  BANK_ACCOUNT_TYPES,
  BIZ_TYPE,
  CONTACT_AGENT,
  CONTACT_TYPES,
  CORPORATE_ACCOUNT,
  ID_DOC_TYPES,
  LONG_TERM,
  MAINLAND_ID_CARD,
  MAX_ADDITION_PICS,
  MAX_OTHER_CERT_PICS,
  MAX_QUALIFICATION_PICS,
  ORGANIZATION_TYPES,
  OTHER_BANK,
  PERSONAL_ACCOUNT,
  SHORTNAME_MAX_BYTES,
  contactTypesFor,
  isPersonalType,
  type OrganizationType,
} from "./constants";
import { chinaToday } from "@/lib/time/china-time";
import { isBankAddressCode } from "./regions";

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

export type QualificationContext = {
  /** The Mini Program subject name (merchants.mini_program.subject_name): a corporate account's name. */
  merchantName?: string;
  /** yyyy-MM-dd in China time; defaults to the day of validation. */
  today?: string;
};

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_DAY = 86_400_000;

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== "string" || !DATE_RE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** UTF-8 length: WeChat counts merchant_shortname in bytes (a Chinese character is 3). */
export function utf8Bytes(value: string): number {
  return new TextEncoder().encode(value).length;
}

/** People type account numbers in groups and with a Chinese keyboard's full-width digits: keep the digits alone. */
export function accountDigits(value: string): string {
  return value.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000]+/g, "");
}

/**
 * The short name's counter: people count characters, WeChat's rule counts UTF-8 bytes (a Chinese
 * character is 3), so the counter shows characters and says when the byte rule is broken.
 */
export function shortnameLength(value: string): { characters: number; bytes: number; over: boolean } {
  const trimmed = value.trim();
  const bytes = utf8Bytes(trimmed);
  return { characters: [...trimmed].length, bytes, over: bytes > SHORTNAME_MAX_BYTES };
}

/** GB 11643 check digit of an 18-character mainland ID number. */
export function isMainlandIdNumber(value: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(value)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  return "10X98765432"[sum % 11] === value[17]!.toUpperCase();
}

/** Names compare without case, surrounding or repeated spaces, and full-/half-width brackets. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) =>
    s.normalize("NFKC").replace(/\s+/g, " ").trim().toLowerCase();
  return norm(a) === norm(b);
}

// ---- field schemas -------------------------------------------------------------------------

const requiredText = (max: number, tooLong = "validation.tooLong") =>
  z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(max, { error: tooLong });

export const picFileSchema = z.object(
  {
    media_id: z.string({ error: "validation.photoRequired" }).trim().min(1, { error: "validation.photoRequired" }).max(512, { error: "validation.photoRequired" }),
    pay_media_id: z.string({ error: "validation.photoRequired" }).trim().min(1, { error: "validation.photoRequired" }).max(512, { error: "validation.photoRequired" }),
  },
  { error: "validation.photoRequired" },
);
export type PicFile = z.infer<typeof picFileSchema>;

const picListSchema = (max: number, tooMany: string, min = 1, tooFew = "validation.photoRequired") =>
  z.object(
    { pic_file_list: z.array(picFileSchema, { error: tooFew }).min(min, { error: tooFew }).max(max, { error: tooMany }) },
    { error: tooFew },
  );

const dateSchema = z.string({ error: "validation.required" }).trim().refine(isCalendarDate, { error: "validation.date" });
const dateOrLongTermSchema = z
  .string({ error: "validation.required" })
  .trim()
  .refine((v) => v === LONG_TERM || isCalendarDate(v), { error: "validation.dateOrLongTerm" });

const idNameSchema = z.string({ error: "validation.required" }).trim().min(2, { error: "validation.idName" }).max(30, { error: "validation.idName" });
const addressSchema = z.string().trim().min(4, { error: "validation.address" }).max(128, { error: "validation.address" }).optional();

export const businessLicenseInfoSchema = z.object(
  {
    wxa_business_license_copy: picFileSchema.optional(),
    legal_person: idNameSchema,
    // [begin, end | 长期]; sent as the JSON string "[\"2014-01-01\",\"长期\"]".
    business_time: z.tuple([dateSchema, dateOrLongTermSchema], { error: "validation.required" }).optional(),
  },
  { error: "validation.required" },
);

export const idCardInfoSchema = z.object(
  {
    wxa_id_card_copy: picFileSchema,
    wxa_id_card_national: picFileSchema,
    id_card_name: idNameSchema,
    id_card_number: z
      .string({ error: "validation.required" })
      .trim()
      .transform((v) => v.toUpperCase())
      .refine(isMainlandIdNumber, { error: "validation.idCardNumber" }),
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
    id_doc_number: z.string({ error: "validation.required" }).trim().regex(/^[A-Za-z0-9]{7,11}$/, { error: "validation.idDocNumber" }),
    doc_period_begin: dateSchema,
    doc_period_end: dateOrLongTermSchema,
    id_doc_address: addressSchema,
  },
  { error: "validation.required" },
);

export const contactInfoSchema = z.object(
  {
    contact_type: z.enum(CONTACT_TYPES, { error: "validation.contactType" }),
    contact_email: z.string({ error: "validation.required" }).trim().pipe(z.email({ error: "validation.email" }).max(254, { error: "validation.email" })),
    mobile_phone: z.string({ error: "validation.required" }).trim().regex(/^1\d{10}$/, { error: "validation.mobile" }),
    // Agent (66) only; the agent's document is always a mainland ID card (WeChat's "Submit payment qualifications" document).
    contact_id_doc_type: z.literal(MAINLAND_ID_CARD, { error: "validation.contactIdDocType" }).optional(),
    wxa_contact_id_doc_copy: picFileSchema.optional(),
    wxa_contact_id_doc_copy_back: picFileSchema.optional(),
    contact_id_doc_period_begin: dateSchema.optional(),
    contact_id_doc_period_end: dateOrLongTermSchema.optional(),
    wxa_business_authorization_letter: picFileSchema.optional(),
  },
  { error: "validation.required" },
);

export const accountCertInfoSchema = z.object(
  {
    wxa_settlement_cert_pic: picFileSchema,
    wxa_relation_cert_pic: picFileSchema,
    wxa_other_cert_pics: z
      .array(picFileSchema, { error: "validation.otherCertPics" })
      .min(1, { error: "validation.otherCertPics" })
      .max(MAX_OTHER_CERT_PICS, { error: "validation.otherCertPics" }),
  },
  { error: "validation.required" },
);

export const accountInfoSchema = z.object(
  {
    bank_account_type: z.enum(BANK_ACCOUNT_TYPES, { error: "validation.bankAccountType" }),
    account_bank: z.enum(ACCOUNT_BANK_NAMES, { error: "validation.accountBank" }),
    account_name: requiredText(128, "validation.accountNameLength"),
    bank_address_code: z.string({ error: "validation.bankAddressCode" }).trim().refine(isBankAddressCode, { error: "validation.bankAddressCode" }),
    bank_branch_id: z.string().trim().regex(/^\d{12}$/, { error: "validation.bankBranchId" }).optional(),
    bank_name: z.string().trim().min(4, { error: "validation.bankName" }).max(128, { error: "validation.bankName" }).optional(),
    account_number: z.string({ error: "validation.required" }).overwrite(accountDigits).regex(/^\d{8,30}$/, { error: "validation.accountNumber" }),
    account_cert_info: accountCertInfoSchema.optional(),
  },
  { error: "validation.required" },
);

const baseShape = {
  organization_type: z.enum(ORGANIZATION_TYPES, { error: "validation.organizationType" }),
  business_license_info: businessLicenseInfoSchema,
  id_doc_type: z.enum(ID_DOC_TYPES, { error: "validation.idDocType" }),
  id_card_info: idCardInfoSchema.optional(),
  id_doc_info: idDocInfoSchema.optional(),
  contact_info: contactInfoSchema,
  account_info: accountInfoSchema,
  qualifications: picListSchema(MAX_QUALIFICATION_PICS, "validation.qualificationsMax").optional(),
  business_addition_pics: picListSchema(MAX_ADDITION_PICS, "validation.additionPicsMax").optional(),
  business_addition_desc: z.string().trim().max(512, { error: "validation.additionDescLength" }).optional(),
  merchant_shortname: z
    .string({ error: "validation.shortnameRequired" })
    .trim()
    .min(1, { error: "validation.shortnameRequired" })
    .refine((v) => utf8Bytes(v) <= SHORTNAME_MAX_BYTES, { error: "validation.shortnameBytes" }),
  biz_type: z.literal(BIZ_TYPE, { error: "validation.bizType" }).default(BIZ_TYPE),
};

/** The shape without cross-field rules: what steps pick from. */
export const qualificationBaseSchema = z.object(baseShape);
export type Qualification = z.output<typeof qualificationBaseSchema>;

// ---- normalisation -------------------------------------------------------------------------

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === "object" && v !== null && !Array.isArray(v);

/** Empty strings, empty photos and empty lists become "not given", so optional fields stay optional. */
function stripEmpty(value: unknown): unknown {
  if (typeof value === "string") return value.trim() === "" ? undefined : value;
  if (Array.isArray(value)) {
    const items = value.map(stripEmpty);
    return items.every((i) => i === undefined) ? undefined : items;
  }
  if (isObject(value)) {
    const out: Loose = {};
    for (const [k, v] of Object.entries(value)) {
      const s = stripEmpty(v);
      if (s !== undefined) out[k] = s;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value;
}

/**
 * Turns raw form values (or a stored draft) into the application that applies: blanks removed,
 * and only the branches the choices call for (ID card or other document, agent documents,
 * branch details for 其他银行, enterprise addresses, account proof for institutions).
 */
export function normalizeQualification(raw: unknown): unknown {
  if (!isObject(raw)) return raw;
  const v = (stripEmpty(raw) ?? {}) as Loose;
  if (typeof v.organization_type === "number") v.organization_type = String(v.organization_type);
  const org = v.organization_type;
  // A missing required section is checked as an empty one, so each of its fields reports itself.
  for (const key of ["business_license_info", "contact_info", "account_info"]) v[key] ??= {};
  if (v.id_doc_type === MAINLAND_ID_CARD) v.id_card_info ??= {};
  else if (typeof v.id_doc_type === "string") v.id_doc_info ??= {};

  if (v.id_doc_type === MAINLAND_ID_CARD) delete v.id_doc_info;
  else if (typeof v.id_doc_type === "string") delete v.id_card_info;
  if (!ADDRESS_ORGANIZATION_TYPES.includes(org as OrganizationType)) {
    if (isObject(v.id_card_info)) delete v.id_card_info.id_card_address;
    if (isObject(v.id_doc_info)) delete v.id_doc_info.id_doc_address;
  }

  const license = v.business_license_info;
  if (isObject(license) && typeof license.business_time === "string") {
    try {
      license.business_time = JSON.parse(license.business_time);
    } catch {
      // Left as is: the tuple check reports it.
    }
  }
  if (isObject(license) && Array.isArray(license.business_time) && license.business_time.length < 2) {
    license.business_time = [license.business_time[0], undefined];
  }

  const contact = v.contact_info;
  if (isObject(contact)) {
    if (contact.contact_type === CONTACT_AGENT) contact.contact_id_doc_type = MAINLAND_ID_CARD;
    else {
      for (const key of ["contact_id_doc_type", "wxa_contact_id_doc_copy", "wxa_contact_id_doc_copy_back", "contact_id_doc_period_begin", "contact_id_doc_period_end", "wxa_business_authorization_letter"]) {
        delete contact[key];
      }
    }
  }

  const account = v.account_info;
  if (isObject(account)) {
    if (account.account_bank !== OTHER_BANK) {
      delete account.bank_branch_id;
      delete account.bank_name;
    }
    if (!ACCOUNT_CERT_ORGANIZATION_TYPES.includes(org as OrganizationType)) delete account.account_cert_info;
  }
  if (!v.biz_type) v.biz_type = BIZ_TYPE;
  return v;
}

// ---- cross-field rules ---------------------------------------------------------------------

type Issue = { path: (string | number)[]; message: string };
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** Begin not after today, end (or 长期) after begin and more than 60 days away (WeChat's "Submit payment qualifications" document). */
function checkValidity(begin: unknown, end: unknown, today: string, beginPath: Issue["path"], endPath: Issue["path"], issues: Issue[], minDaysLeft = 60) {
  const b = str(begin);
  const e = str(end);
  if (isCalendarDate(b) && b > today) issues.push({ path: beginPath, message: "validation.beginInFuture" });
  if (!isCalendarDate(e)) return;
  if (isCalendarDate(b) && e <= b) issues.push({ path: endPath, message: "validation.endAfterBegin" });
  else if (e <= addDays(today, minDaysLeft)) issues.push({ path: endPath, message: minDaysLeft > 0 ? "validation.validity60Days" : "validation.licenseExpired" });
}

/** Every rule that looks at more than one field; `only` limits the issues to some top-level keys. */
export function qualificationIssues(value: unknown, context: QualificationContext = {}, only?: readonly string[]): Issue[] {
  if (!isObject(value)) return [];
  const today = context.today ?? chinaToday();
  const issues: Issue[] = [];
  const org = value.organization_type;
  const personal = isPersonalType(org);

  const license = isObject(value.business_license_info) ? value.business_license_info : undefined;
  if (license && !personal && ORGANIZATION_TYPES.includes(org as OrganizationType)) {
    if (license.wxa_business_license_copy === undefined) issues.push({ path: ["business_license_info", "wxa_business_license_copy"], message: "validation.photoRequired" });
    if (license.business_time === undefined) issues.push({ path: ["business_license_info", "business_time", 0], message: "validation.required" });
  }
  if (license && Array.isArray(license.business_time)) {
    checkValidity(license.business_time[0], license.business_time[1], today, ["business_license_info", "business_time", 0], ["business_license_info", "business_time", 1], issues, 0);
  }

  const needsAddress = ADDRESS_ORGANIZATION_TYPES.includes(org as OrganizationType);
  let idName: string | undefined;
  if (value.id_doc_type === MAINLAND_ID_CARD) {
    const card = value.id_card_info;
    if (!isObject(card)) issues.push({ path: ["id_card_info", "wxa_id_card_copy"], message: "validation.photoRequired" });
    else {
      idName = str(card.id_card_name);
      checkValidity(card.id_card_valid_time_begin, card.id_card_valid_time, today, ["id_card_info", "id_card_valid_time_begin"], ["id_card_info", "id_card_valid_time"], issues);
      if (needsAddress && card.id_card_address === undefined) issues.push({ path: ["id_card_info", "id_card_address"], message: "validation.addressRequired" });
    }
  } else if (typeof value.id_doc_type === "string" && ID_DOC_TYPES.includes(value.id_doc_type as never)) {
    const doc = value.id_doc_info;
    if (!isObject(doc)) issues.push({ path: ["id_doc_info", "wxa_id_doc_copy"], message: "validation.photoRequired" });
    else {
      idName = str(doc.id_doc_name);
      checkValidity(doc.doc_period_begin, doc.doc_period_end, today, ["id_doc_info", "doc_period_begin"], ["id_doc_info", "doc_period_end"], issues);
      if (needsAddress && doc.id_doc_address === undefined) issues.push({ path: ["id_doc_info", "id_doc_address"], message: "validation.addressRequired" });
    }
  }

  const contact = isObject(value.contact_info) ? value.contact_info : undefined;
  if (contact && typeof contact.contact_type === "string") {
    if (!contactTypesFor(org).includes(contact.contact_type as never)) issues.push({ path: ["contact_info", "contact_type"], message: "validation.contactTypePersonal" });
    if (contact.contact_type === CONTACT_AGENT) {
      for (const key of ["wxa_contact_id_doc_copy", "wxa_contact_id_doc_copy_back", "wxa_business_authorization_letter"]) {
        if (contact[key] === undefined) issues.push({ path: ["contact_info", key], message: "validation.photoRequired" });
      }
      for (const key of ["contact_id_doc_period_begin", "contact_id_doc_period_end"]) {
        if (contact[key] === undefined) issues.push({ path: ["contact_info", key], message: "validation.required" });
      }
      checkValidity(contact.contact_id_doc_period_begin, contact.contact_id_doc_period_end, today, ["contact_info", "contact_id_doc_period_begin"], ["contact_info", "contact_id_doc_period_end"], issues);
    }
  }

  const account = isObject(value.account_info) ? value.account_info : undefined;
  if (account) {
    const type = account.bank_account_type;
    const allowed = ACCOUNT_TYPES_BY_ORGANIZATION[org as OrganizationType];
    if (allowed && typeof type === "string" && BANK_ACCOUNT_TYPES.includes(type as never) && !allowed.includes(type as never)) {
      issues.push({ path: ["account_info", "bank_account_type"], message: allowed.length === 1 && allowed[0] === PERSONAL_ACCOUNT ? "validation.accountTypePersonalOnly" : "validation.accountTypeCorporateOnly" });
    }
    if (account.account_bank === OTHER_BANK && account.bank_branch_id === undefined && account.bank_name === undefined) {
      issues.push({ path: ["account_info", "bank_branch_id"], message: "validation.branchRequired" });
    }
    const name = str(account.account_name);
    const certAllowed = ACCOUNT_CERT_ORGANIZATION_TYPES.includes(org as OrganizationType);
    if (name && type === PERSONAL_ACCOUNT && idName && !sameName(name, idName)) {
      issues.push({ path: ["account_info", "account_name"], message: "validation.accountNamePersonal" });
    }
    if (name && type === CORPORATE_ACCOUNT && context.merchantName && !sameName(name, context.merchantName)) {
      if (!certAllowed) issues.push({ path: ["account_info", "account_name"], message: "validation.accountNameCorporate" });
      else if (account.account_cert_info === undefined) issues.push({ path: ["account_info", "account_cert_info", "wxa_settlement_cert_pic"], message: "validation.accountCertRequired" });
    }
  }

  if (org === "2500" && value.business_addition_desc === undefined) {
    issues.push({ path: ["business_addition_desc"], message: "validation.additionDescRequired" });
  }

  return only ? issues.filter((i) => only.includes(String(i.path[0]))) : issues;
}

function withRules<T extends z.ZodType>(schema: T, context: QualificationContext, only?: readonly string[]) {
  return z.preprocess(
    normalizeQualification,
    schema.superRefine((value, ctx) => {
      for (const issue of qualificationIssues(value, context, only)) ctx.addIssue({ code: "custom", ...issue });
    }, { when: () => true }), // cross-field rules show while other fields are still incomplete
  );
}

/** The complete application with every rule, for a merchant whose subject name (and today) is known. */
export function qualificationSchemaFor(context: QualificationContext = {}) {
  return withRules(qualificationBaseSchema, context);
}

/** The complete application without the merchant-name rule; today is the day of validation. */
export const qualificationSchema = qualificationSchemaFor();

// ---- steps ---------------------------------------------------------------------------------

export const WIZARD_STEPS = ["subject", "license", "identity", "contact", "account", "additional", "review"] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** The top-level fields each step fills in (review has none of its own). */
export const STEP_FIELDS = {
  subject: ["organization_type"],
  license: ["business_license_info"],
  identity: ["id_doc_type", "id_card_info", "id_doc_info"],
  contact: ["contact_info"],
  account: ["account_info"],
  additional: ["qualifications", "business_addition_pics", "business_addition_desc", "merchant_shortname"],
  review: [],
} as const satisfies Record<WizardStep, readonly (keyof typeof baseShape)[]>;

/**
 * One step of the wizard: a pick of the application plus the cross-field rules that land on the
 * step's own fields (the rest of the values pass through so rules can read them).
 */
export function stepSchemaFor(step: WizardStep, context: QualificationContext = {}) {
  if (step === "review") return qualificationSchemaFor(context);
  const keys = STEP_FIELDS[step];
  const mask = Object.fromEntries(keys.map((k) => [k, true])) as Record<(typeof keys)[number], true>;
  return withRules(qualificationBaseSchema.pick(mask).loose(), context, keys);
}

/** The step a field path belongs to (for Edit links and server errors). */
export function stepOfPath(path: string): WizardStep {
  const top = path.split(".")[0];
  for (const step of WIZARD_STEPS) {
    if ((STEP_FIELDS[step] as readonly string[]).includes(top ?? "")) return step;
  }
  return "review";
}


// ---- optional fields -----------------------------------------------------------------------

const unwrapped = (schema: z.ZodType): z.ZodType => (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault ? unwrapped(schema.unwrap() as z.ZodType) : schema);
const isChoice = (schema: z.ZodType) => schema instanceof z.ZodEnum || schema instanceof z.ZodLiteral;

/** Only the answers that are choices (subject type, document type, contact type, bank …), every other answer left out. */
export function choicesOf(value: unknown, schema: z.ZodType = qualificationBaseSchema): unknown {
  const inner = unwrapped(schema);
  if (isChoice(inner)) return value;
  if (!(inner instanceof z.ZodObject) || !isObject(value)) return undefined;
  const out: Loose = {};
  for (const [key, child] of Object.entries(inner.shape as Record<string, z.ZodType>)) {
    const kept = choicesOf(value[key], child);
    if (kept !== undefined) out[key] = kept;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The schema of a field path (numeric parts index a tuple), or undefined when the path is not in it. */
function schemaAt(path: string): z.ZodType | undefined {
  let node: z.ZodType | undefined = qualificationBaseSchema;
  for (const part of path.split(".")) {
    const inner: z.ZodType | undefined = node && unwrapped(node);
    if (inner instanceof z.ZodObject) node = (inner.shape as Record<string, z.ZodType>)[part];
    else if (inner instanceof z.ZodTuple) node = (inner.def.items as z.ZodType[])[Number(part)];
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
    if (isChoice(unwrapped(schema))) return schema instanceof z.ZodOptional;
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
