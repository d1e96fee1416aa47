/** Enumerations of POST /shop/wxpay/apply (WeChat's "Submit payment qualifications" document) and the document lists of WeChat's payment management introduction. */

export const ORGANIZATION_TYPES = ["2401", "2500", "4", "2", "3", "2502", "1708"] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

/** Types without a business licence: the operator is a private person (WeChat's apply document, 2401 and 2500). */
export const PERSONAL_ORGANIZATION_TYPES: readonly OrganizationType[] = ["2401", "2500"];
/** Types whose settlement account may be held under another name with proof (WeChat's apply document, account_cert_info). */
export const ACCOUNT_CERT_ORGANIZATION_TYPES: readonly OrganizationType[] = ["3", "2502"];
/** The only type whose ID documents carry the residence address (WeChat's apply document, id_card_address / id_doc_address). */
export const ADDRESS_ORGANIZATION_TYPES: readonly OrganizationType[] = ["2"];

export function isPersonalType(type: unknown): boolean {
  return PERSONAL_ORGANIZATION_TYPES.includes(type as OrganizationType);
}

export const ID_DOC_TYPES = [
  "IDENTIFICATION_TYPE_MAINLAND_IDCARD",
  "IDENTIFICATION_TYPE_OVERSEA_PASSPORT",
  "IDENTIFICATION_TYPE_HONGKONG",
  "IDENTIFICATION_TYPE_MACAO",
  "IDENTIFICATION_TYPE_TAIWAN",
] as const;
export type IdDocType = (typeof ID_DOC_TYPES)[number];
export const MAINLAND_ID_CARD: IdDocType = "IDENTIFICATION_TYPE_MAINLAND_IDCARD";

/** 65: the legal person / operator is the super administrator; 66: an agent (经办人). */
export const CONTACT_TYPES = ["65", "66"] as const;
export type ContactType = (typeof CONTACT_TYPES)[number];
export const CONTACT_LEGAL_PERSON: ContactType = "65";
export const CONTACT_AGENT: ContactType = "66";

/** 74: corporate account (对公), 75: personal account (对私). */
export const BANK_ACCOUNT_TYPES = ["74", "75"] as const;
export type BankAccountType = (typeof BANK_ACCOUNT_TYPES)[number];
export const CORPORATE_ACCOUNT: BankAccountType = "74";
export const PERSONAL_ACCOUNT: BankAccountType = "75";

/**
 * Which account types each subject type may use. Enterprise 74 and 个体工商户 74/75 are the seed's
 * rule; the types without a licence have no corporate account (75), and institutions, government
 * bodies and social organisations settle to the organisation's own account (74).
 */
export const ACCOUNT_TYPES_BY_ORGANIZATION: Record<OrganizationType, readonly BankAccountType[]> = {
  "2401": ["75"],
  "2500": ["75"],
  "4": ["74", "75"],
  "2": ["74"],
  "3": ["74"],
  "2502": ["74"],
  "1708": ["74"],
};

/** Subject types that may name an agent as super administrator (WeChat's apply document: "non-personal stores"). */
/** `type` if it is a subject type, else undefined: a stored draft may hold any string, even "valueOf". */
export function organizationTypeOf(type: unknown): OrganizationType | undefined {
  return ORGANIZATION_TYPES.includes(type as OrganizationType) ? (type as OrganizationType) : undefined;
}

export function contactTypesFor(type: unknown): readonly ContactType[] {
  return isPersonalType(type) ? ["65"] : CONTACT_TYPES;
}

/** The documents each subject type needs, as listed up front on the first step (WeChat's payment management introduction and apply document). */
export const REQUIRED_DOCUMENTS: Record<OrganizationType, readonly RequiredDocument[]> = {
  "2401": ["operatorId", "settlementAccount"],
  "2500": ["operatorId", "settlementAccount", "businessDescription"],
  "4": ["licence", "operatorId", "settlementAccount"],
  "2": ["licence", "legalPersonId", "administratorId", "settlementAccount"],
  "3": ["licence", "legalPersonId", "administratorId", "settlementAccount", "accountCert"],
  "2502": ["licence", "legalPersonId", "administratorId", "settlementAccount", "accountCert"],
  "1708": ["registrationCertificate", "legalPersonId", "administratorId", "settlementAccount"],
};
export type RequiredDocument =
  | "licence"
  | "registrationCertificate"
  | "operatorId"
  | "legalPersonId"
  | "administratorId"
  | "settlementAccount"
  | "accountCert"
  | "businessDescription";

/** WeChat's 17 directly connected banks by the name it expects, then 其他银行 (data/banks.json). */
export const ACCOUNT_BANKS = [
  { account_bank: "工商银行", need_bank_branch: false },
  { account_bank: "交通银行", need_bank_branch: false },
  { account_bank: "招商银行", need_bank_branch: false },
  { account_bank: "民生银行", need_bank_branch: false },
  { account_bank: "中信银行", need_bank_branch: false },
  { account_bank: "浦发银行", need_bank_branch: false },
  { account_bank: "兴业银行", need_bank_branch: false },
  { account_bank: "光大银行", need_bank_branch: false },
  { account_bank: "广发银行", need_bank_branch: false },
  { account_bank: "平安银行", need_bank_branch: false },
  { account_bank: "北京银行", need_bank_branch: false },
  { account_bank: "华夏银行", need_bank_branch: false },
  { account_bank: "农业银行", need_bank_branch: false },
  { account_bank: "建设银行", need_bank_branch: false },
  { account_bank: "邮政储蓄银行", need_bank_branch: false },
  { account_bank: "中国银行", need_bank_branch: false },
  { account_bank: "宁波银行", need_bank_branch: false },
  { account_bank: "其他银行", need_bank_branch: true },
] as const;
export type AccountBank = (typeof ACCOUNT_BANKS)[number]["account_bank"];
export const ACCOUNT_BANK_NAMES = ACCOUNT_BANKS.map((b) => b.account_bank) as unknown as readonly [AccountBank, ...AccountBank[]];
export const OTHER_BANK: AccountBank = "其他银行";

export function bankNeedsBranch(bank: unknown): boolean {
  return ACCOUNT_BANKS.some((b) => b.account_bank === bank && b.need_bank_branch);
}

export const LONG_TERM = "长期";
export const BIZ_TYPE = 1;

/** Upper bounds from the seed (qualifications: 5 photos; account_cert_info other proofs: 1–3). */
export const MAX_QUALIFICATION_PICS = 5;
export const MAX_ADDITION_PICS = 5;
export const MAX_OTHER_CERT_PICS = 3;
export const SHORTNAME_MAX_BYTES = 64;
