import {
  ACCOUNT_CERT_ORGANIZATION_TYPES,
  ACCOUNT_TYPES_BY_ORGANIZATION,
  ADDRESS_ORGANIZATION_TYPES,
  BANK_ACCOUNT_TYPES,
  BIZ_TYPE,
  CONTACT_AGENT,
  CORPORATE_ACCOUNT,
  ID_DOC_TYPES,
  MAINLAND_ID_CARD,
  ORGANIZATION_TYPES,
  OTHER_BANK,
  PERSONAL_ACCOUNT,
  SHORTNAME_MAX_BYTES,
  contactTypesFor,
  organizationTypeOf,
  isPersonalType,
  type OrganizationType,
} from "./constants";
import { chinaToday } from "@/lib/time/china-time";

/*
 * The qualification application's rules that need no schema library: normalisation, the rules
 * across fields, the wizard's steps and the field helpers. The wizard renders with these at once;
 * the zod schemas built on them (./schema) load after it.
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

// ---- normalisation -------------------------------------------------------------------------

export type Loose = Record<string, unknown>;
export const isObject = (v: unknown): v is Loose => typeof v === "object" && v !== null && !Array.isArray(v);

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

/** Where the legal person's document keeps each part the rules read: the mainland ID card, or any other document. */
const ID_CARD_FIELDS = { section: "id_card_info", photo: "wxa_id_card_copy", name: "id_card_name", begin: "id_card_valid_time_begin", end: "id_card_valid_time", address: "id_card_address" } as const;
const ID_DOC_FIELDS = { section: "id_doc_info", photo: "wxa_id_doc_copy", name: "id_doc_name", begin: "doc_period_begin", end: "doc_period_end", address: "id_doc_address" } as const;

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
  const docType = value.id_doc_type;
  const fields = docType === MAINLAND_ID_CARD ? ID_CARD_FIELDS : typeof docType === "string" && ID_DOC_TYPES.includes(docType as never) ? ID_DOC_FIELDS : undefined;
  if (fields) {
    const section = value[fields.section];
    if (!isObject(section)) issues.push({ path: [fields.section, fields.photo], message: "validation.photoRequired" });
    else {
      idName = str(section[fields.name]);
      checkValidity(section[fields.begin], section[fields.end], today, [fields.section, fields.begin], [fields.section, fields.end], issues);
      if (needsAddress && section[fields.address] === undefined) issues.push({ path: [fields.section, fields.address], message: "validation.addressRequired" });
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
    const subject = organizationTypeOf(org);
    const allowed = subject && ACCOUNT_TYPES_BY_ORGANIZATION[subject];
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
} as const;

/** The step a field path belongs to (for Edit links and server errors). */
export function stepOfPath(path: string): WizardStep {
  const top = path.split(".")[0];
  for (const step of WIZARD_STEPS) {
    if ((STEP_FIELDS[step] as readonly string[]).includes(top ?? "")) return step;
  }
  return "review";
}
